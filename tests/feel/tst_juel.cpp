// Camunda 7 / Flowable `${...}` conditions as models in ../shared/corpora
// carry them: every sequence flow condition written ${...} or #{...} is
// read with the BPMN reader and either translated to FEEL or refused with a
// message that names the construct. The common ones are checked by value.
#include <QDirIterator>
#include <QtTest>

#include <functional>

#include "bpmn/expression.h"
#include "bpmn/parser.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::feel;

namespace {

void collectConditions(const std::vector<model::FlowElement>& elements, QStringList& out) {
  for (const auto& element : elements) {
    if (element.conditionExpression) out << QString::fromStdString(element.conditionExpression->body).trimmed();
    collectConditions(element.flowElements, out);
  }
}

QString evaluate(const QString& condition, const Context& variables) {
  auto compiled = FeelExpression::compileJuel(condition.toStdString());
  if (!compiled.isOk()) return "error: " + QString::fromStdString(compiled.status().message());
  auto value = compiled.value().evaluate(variables);
  return value.isOk() ? QString::fromStdString(toFeelString(value.value())) : "error";
}

}  // namespace

class TestJuel : public QObject {
  Q_OBJECT

 private slots:
  void corpusConditions() {
    QStringList conditions;
    QDirIterator it(test::corporaDir(), {"*.bpmn"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
      const QString path = it.next();
      const QByteArray bytes = test::readAll(path);
      ParseResult parsed = parseBpmn(std::string_view(bytes.constData(), bytes.size()), path.toStdString());
      if (!parsed.definitions) continue;
      for (const auto* process : parsed.definitions->processes()) collectConditions(process->flowElements, conditions);
    }
    QStringList juel;
    for (const QString& condition : conditions) {
      if (condition.startsWith("${") || condition.startsWith("#{")) juel << condition;
    }
    QVERIFY2(juel.size() >= 50, qPrintable(QString("only %1 JUEL conditions found").arg(juel.size())));

    int translated = 0;
    QStringList unnamed;
    for (const QString& condition : juel) {
      auto compiled = FeelExpression::compileJuel(condition.toStdString());
      if (compiled.isOk()) {
        ++translated;
        continue;
      }
      const QString message = QString::fromStdString(compiled.status().message());
      // A refusal names what it refuses, at a column.
      if (!message.startsWith("JUEL expression at column ")) unnamed << condition + " => " + message;
    }
    qInfo("%d JUEL conditions in the corpora: %d translated, %d refused by name", static_cast<int>(juel.size()),
          translated, static_cast<int>(juel.size()) - translated);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join('\n')));
    QVERIFY(translated > juel.size() / 2);
  }

  void commonConditions_data() {
    QTest::addColumn<QString>("condition");
    QTest::addColumn<QString>("expected");
    QTest::newRow("boolean variable") << "${approved}"
                                      << "false";
    QTest::newRow("negation") << "${!approved}"
                              << "true";
    QTest::newRow("string equality, single quotes") << "${clarified == 'yes'}"
                                                    << "true";
    QTest::newRow("string inequality") << "${clarified != 'yes'}"
                                       << "false";
    QTest::newRow("literal") << "${true}"
                             << "true";
    QTest::newRow("dotted access") << "${environment.variables.condition1}"
                                   << "true";
    QTest::newRow("missing property") << "${environment.variables.nothing}"
                                      << "null";
    QTest::newRow("word operators") << "${amount gt 100 and not approved}"
                                    << "true";
    QTest::newRow("eq ne lt ge") << "${amount eq 150 && amount ne 1 && 1 lt amount && amount ge 150}"
                                 << "true";
    QTest::newRow("arithmetic") << "${amount * 2 - 100 == 200}"
                                << "true";
    QTest::newRow("mod") << "${amount % 7}"
                         << "3";
    QTest::newRow("empty string") << "${empty clarified}"
                                  << "false";
    QTest::newRow("empty missing") << "${empty nothing}"
                                   << "true";
    QTest::newRow("hash form") << "#{amount > 100}"
                               << "true";
    QTest::newRow("method call") << "${genderBean.getGenderString(gender)}"
                                 << "error: JUEL expression at column 14: method call .getGenderString(...) is Java "
                                    "code; not supported";
    QTest::newRow("service call") << "${environment.services.isAbove(10, environment.output.amount)}"
                                  << "error: JUEL expression at column 24: method call .isAbove(...) is Java code; "
                                     "not supported";
    QTest::newRow("ternary") << "${gender == 'male' ? 'Mr.' : 'Mrs.'}"
                             << "error: JUEL expression at column 20: the conditional operator ?: is not supported; "
                                "use a gateway or FEEL if-then-else";
    QTest::newRow("javascript") << "${true === \"false\"}"
                                << "error: JUEL expression at column 8: \"===\" is JavaScript, not JUEL; use == or !=";
  }

  void commonConditions() {
    QFETCH(QString, condition);
    QFETCH(QString, expected);
    const Context variables{
        {"approved", Value(false)},
        {"clarified", Value("yes")},
        {"amount", Value(150)},
        {"environment", Value(Context{{"variables", Value(Context{{"condition1", Value(true)}})}})}};
    QCOMPARE(evaluate(condition, variables), expected);
  }
};

QTEST_GUILESS_MAIN(TestJuel)
#include "tst_juel.moc"
