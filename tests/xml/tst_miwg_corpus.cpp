// The BPMN-MIWG corpus (../shared/corpora/miwg): the 21 reference models and
// four tools' exports of them. Issue 2, acceptance 2 and 3: every file parses
// with no error; `normalize` output validates against the OMG schema and
// re-reads to an equal model; and where a tool wrote a malformed file, the
// validator says exactly what is wrong (data/miwg_tool_findings.txt).
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

#include "bpmn/parser.h"
#include "bpmn/validator.h"
#include "bpmn/writer.h"
#include "test_paths.h"

using namespace bpmn;

namespace {

// Files whose own content breaks the schema in a way a faithful writer must
// keep, each with what the validator reports about it:
const std::set<QString> kSchemaInvalidByContent = {
    // A globalTask and the process share one id (duplicate xs:ID).
    "exports/signavio-19.9.0/B.1.0-roundtrip.bpmn",
    "exports/signavio-19.9.0/B.2.0-roundtrip.bpmn",
    // ioSpecification and its data inputs/outputs repeated with the same ids.
    "exports/signavio-19.9.0/C.5.0-roundtrip.1.bpmn",
    // Interface operations without the required inMessageRef.
    "exports/signavio-19.9.0/C.8.1-roundtrip.bpmn",
    // A sequence flow without sourceRef and targetRef.
    "exports/signavio-19.9.0/C.9.0-export.bpmn",
};

QString miwgDir() { return test::corporaDir() + "/miwg"; }

}  // namespace

class TestMiwgCorpus : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir output_;
  std::map<QString, QString> schemaVerdicts_;  // relative name -> xmllint errors ("" = valid)
  std::map<QString, QStringList> expectedFindings_;
  QStringList files_;

 private slots:
  void initTestCase() {
    QVERIFY2(QDir(miwgDir()).exists(), qPrintable("MIWG corpus not found at " + miwgDir() + " (set BPMN_CORPORA)"));
    QDirIterator it(miwgDir(), {"*.bpmn"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) files_ << QDir(miwgDir()).relativeFilePath(it.next());
    files_.sort();
    const int references = static_cast<int>(files_.filter(QRegularExpression("^reference/")).size());
    QCOMPARE(references, 21);
    QVERIFY(files_.size() >= 21 + 4 * 21);

    // Normalize everything first, then ask xmllint about all of it at once
    // (loading the schema takes longer than checking a file).
    QVERIFY(output_.isValid());
    QStringList outputs;
    for (const QString& file : files_) {
      const QByteArray bytes = test::readAll(miwgDir() + "/" + file);
      ParseResult parsed = parseBpmn(std::string_view(bytes.constData(), bytes.size()), file.toStdString());
      QVERIFY2(parsed.definitions, qPrintable(file + " does not parse"));
      QString target = output_.filePath(QString(file).replace('/', '_'));
      QFile out(target);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(QByteArray::fromStdString(writeBpmn(*parsed.definitions)));
      outputs << target;
      schemaVerdicts_[file] = QString();
    }
    QProcess lint;
    lint.setProcessChannelMode(QProcess::SeparateChannels);
    lint.start("xmllint", QStringList{"--noout", "--schema", test::corporaDir() + "/omg-xsd/BPMN20.xsd"} + outputs);
    QVERIFY2(lint.waitForFinished(600000), "xmllint did not finish");
    const QStringList lines = QString::fromUtf8(lint.readAllStandardError()).split('\n');
    for (int i = 0; i < files_.size(); ++i) {
      const QString& path = outputs[i];
      for (const QString& line : lines) {
        if (line.startsWith(path + ":") || line == path + " fails to validate")
          schemaVerdicts_[files_[i]] += line + "\n";
      }
    }

    const QString findings =
        QString::fromUtf8(test::readAll(test::sourceDir() + "/tests/xml/data/miwg_tool_findings.txt"));
    for (const QString& line : findings.split('\n', Qt::SkipEmptyParts)) {
      expectedFindings_[line.section(':', 0, 0)] << line;
    }
  }

  void file_data() {
    QTest::addColumn<QString>("file");
    for (const QString& file : files_) QTest::newRow(qPrintable(file)) << file;
  }

  void file() {
    QFETCH(QString, file);
    const QByteArray bytes = test::readAll(miwgDir() + "/" + file);
    const std::string name = file.toStdString();

    // Acceptance 2: parses with no error.
    ParseResult first = parseBpmn(std::string_view(bytes.constData(), bytes.size()), name);
    QVERIFY(first.definitions);
    for (const auto& diagnostic : first.diagnostics) QFAIL(diagnostic.render().c_str());

    // Acceptance 3: the output re-reads to an equal model...
    const std::string text = writeBpmn(*first.definitions);
    ParseResult second = parseBpmn(text, name);
    QVERIFY(second.definitions);
    QVERIFY(second.diagnostics.empty());
    QVERIFY2(*first.definitions == *second.definitions, "re-read model differs");
    QCOMPARE(writeBpmn(*second.definitions), text);

    // ...and validates against the OMG schema, unless the file's own content
    // breaks it (then the validator must say so, below).
    const QString verdict = schemaVerdicts_.at(file);
    if (kSchemaInvalidByContent.count(file)) {
      QVERIFY2(!verdict.isEmpty(), "expected to break the schema, as its input does");
      QVERIFY2(expectedFindings_.count(file), "a schema-breaking file must have validator findings");
    } else {
      QVERIFY2(verdict.isEmpty(), qPrintable(verdict));
    }

    // What the validator says about malformed tool output, exactly.
    ValidationOptions modelOnly;
    modelOnly.executionRules = false;
    QStringList errors;
    for (const auto& diagnostic : validate(*first.definitions, name, modelOnly)) {
      if (diagnostic.severity == Severity::kError) errors << QString::fromStdString(diagnostic.render());
    }
    const QStringList expected = expectedFindings_.count(file) ? expectedFindings_.at(file) : QStringList();
    QCOMPARE(errors, expected);
  }
};

QTEST_GUILESS_MAIN(TestMiwgCorpus)
#include "tst_miwg_corpus.moc"
