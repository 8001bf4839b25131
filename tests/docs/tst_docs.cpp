// The examples of README.md, docs/guide.md and docs/cli.md, run as written
// (issue 23): a doc example that stops working fails the build.
//
// - ```console blocks are transcripts: each "$ COMMAND" (continued over
//   lines ending in "\") runs in bash, its standard output and error
//   merged as a terminal shows them, and must print the lines below it. A
//   line "..." stands for any number of lines; times ("2026-12-07T10:00:00
//   .000Z") and measured durations ("0.123 s", "4.2 ms", "811.5
//   instances/s") match any value. Keys are compared as they are: a fresh
//   workspace gives the same keys every time.
// - ```sh blocks are scripts that must exit 0; background jobs they start
//   end with the block. A block that starts with "#!/bin/sh" and
//   "# NAME: ..." is a file the reader is asked to write: it is written as
//   the executable NAME.
// - The build commands (those calling scripts/install-deps.sh) are what CI
//   runs itself: they are checked to be the README's two commands, the
//   second being exactly what .ci/run runs.
//
// Every top-level part of a file ("# ...") starts in a fresh directory with
// `bpmn` on the PATH, `bpmn-samples` linked in and no $BPMN_DB, so the
// workspace is ./bpmn.db; the blocks of a part run in order in it.
#include <signal.h>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "test_paths.h"

namespace {

struct Block {
  int line = 0;       // of the opening fence
  QString language;   // console, sh, ...
  QStringList lines;  // the content
};

// A top-level part of a document and its runnable blocks, in order.
struct Part {
  QString title;
  QList<Block> blocks;
};

QList<Part> partsOf(const QString& text) {
  QList<Part> parts{{"(preamble)", {}}};
  const QStringList lines = text.split('\n');
  for (int i = 0; i < lines.size(); ++i) {
    if (lines[i].startsWith("# ")) parts.append({lines[i].mid(2), {}});
    if (!lines[i].startsWith("```")) continue;
    Block block{i + 1, lines[i].mid(3).trimmed(), {}};
    for (++i; i < lines.size() && !lines[i].startsWith("```"); ++i) block.lines.append(lines[i]);
    if (block.language == "console" || block.language == "sh") parts.last().blocks.append(block);
  }
  return parts;
}

// What may differ between runs: times and measured durations.
QString normalized(QString line) {
  static const QRegularExpression time(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)");
  static const QRegularExpression measured(R"(\b\d+(\.\d+)? (ms|s|instances/s)\b)");
  line.replace(time, "<time>");
  line.replace(measured, "<n> \\2");
  while (line.endsWith(' ')) line.chop(1);
  return line;
}

// Whether `actual` is `expected`, a "..." line in it standing for any lines.
bool matches(const QStringList& expected, qsizetype e, const QStringList& actual, qsizetype a) {
  if (e == expected.size()) return a == actual.size();
  if (expected[e] == "...") {
    for (qsizetype skip = a; skip <= actual.size(); ++skip) {
      if (matches(expected, e + 1, actual, skip)) return true;
    }
    return false;
  }
  return a < actual.size() && normalized(expected[e]) == normalized(actual[a]) &&
         matches(expected, e + 1, actual, a + 1);
}

struct Shell {
  int exitCode = -1;
  QString output;
};

// Runs bash on `script` in `dir` with stdout and stderr merged, both line
// buffered as on a terminal; ends whatever it left in the background.
Shell runBash(const QString& script, const QString& dir) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.remove("BPMN_DB");
  environment.insert("PATH", QFileInfo(bpmn::test::bpmnExecutable()).absolutePath() + ":" +
                                 environment.value("PATH", "/usr/bin:/bin"));
  environment.insert("TZ", "UTC");
  // Under the asan preset: stdbuf preloads its library ahead of ASan's.
  environment.insert("ASAN_OPTIONS", environment.value("ASAN_OPTIONS") + ":verify_asan_link_order=0");
  QProcess process;
  process.setProcessEnvironment(environment);
  process.setWorkingDirectory(dir);
  process.setProcessChannelMode(QProcess::MergedChannels);
  process.setChildProcessModifier([] { ::setsid(); });
  process.start("stdbuf", {"-oL", "-eL", "bash", "-c", script});
  const qint64 group = process.processId();
  const bool finished = process.waitForFinished(60000);
  if (group > 0) ::kill(static_cast<pid_t>(-group), SIGTERM);
  if (!finished) process.waitForFinished(5000);
  QString output = QString::fromUtf8(process.readAll());
  if (output.endsWith('\n')) output.chop(1);
  return {finished ? process.exitCode() : -1, finished ? output : output + "\n(did not finish in 60 s)"};
}

QString readText(const QString& path) { return QString::fromUtf8(bpmn::test::readAll(path)); }

// The README's two commands: run the samples, run the tests.
QStringList readmeCommands() {
  QStringList commands;
  for (const Part& part : partsOf(readText(bpmn::test::sourceDir() + "/README.md"))) {
    for (const Block& block : part.blocks) {
      if (block.lines.join('\n').contains("scripts/install-deps.sh")) commands.append(block.lines.join('\n'));
    }
  }
  return commands;
}

}  // namespace

class TstDocs : public QObject {
  Q_OBJECT

  // Runs one console transcript; an empty string when it printed what it
  // shows, else what differs.
  static QString runTranscript(const Block& block, const QString& dir, const QString& where) {
    for (int i = 0; i < block.lines.size();) {
      if (!block.lines[i].startsWith("$ ")) return where + ": a transcript line that follows no command";
      const int commandLine = block.line + 1 + i;
      QString command = block.lines[i++].mid(2);
      while (command.endsWith('\\') && i < block.lines.size()) {
        command = command.chopped(1) + "\n" + block.lines[i++];
      }
      QStringList expected;
      while (i < block.lines.size() && !block.lines[i].startsWith("$ ")) expected.append(block.lines[i++]);
      const Shell shell = runBash(command, dir);
      const QStringList actual = shell.output.isEmpty() ? QStringList() : shell.output.split('\n');
      if (!matches(expected, 0, actual, 0)) {
        return QString("%1:%2: $ %3\n--- shown:\n%4\n--- printed (exit %5):\n%6")
            .arg(where)
            .arg(commandLine)
            .arg(command, expected.join('\n'))
            .arg(shell.exitCode)
            .arg(shell.output);
      }
    }
    return {};
  }

  static QString runScript(const Block& block, const QString& dir, const QString& where) {
    static const QRegularExpression named("^# ([\\w.-]+): ");
    const auto name = block.lines.size() > 1 && block.lines[0].startsWith("#!") ? named.match(block.lines[1])
                                                                                : QRegularExpressionMatch();
    if (name.hasMatch()) {
      QFile file(dir + "/" + name.captured(1));
      if (!file.open(QIODevice::WriteOnly) || file.write((block.lines.join('\n') + "\n").toUtf8()) < 0) {
        return where + ": cannot write " + file.fileName();
      }
      file.setPermissions(file.permissions() | QFile::ExeOwner | QFile::ExeUser);
      return {};
    }
    const QString script = block.lines.join('\n');
    if (script.contains("scripts/install-deps.sh")) {
      // What CI itself runs: the README's two commands, the second .ci/run's.
      const QStringList readme = readmeCommands();
      if (readme.size() != 2 || !readme.contains(script)) return where + ": not one of the README's two commands";
      const QString ci = readText(bpmn::test::sourceDir() + "/.ci/run").trimmed();
      if (!ci.endsWith("\n" + readme[1])) return where + ": .ci/run does not run the README's test command";
      return {};
    }
    const Shell shell = runBash("set -e\n" + script, dir);
    if (shell.exitCode != 0) {
      return QString("%1: the script exited %2:\n%3\n--- printed:\n%4")
          .arg(where)
          .arg(shell.exitCode)
          .arg(script, shell.output);
    }
    return {};
  }

 private slots:
  void examples_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("part");
    for (const QString file : {"README.md", "docs/guide.md", "docs/cli.md"}) {
      const QList<Part> parts = partsOf(readText(bpmn::test::sourceDir() + "/" + file));
      QVERIFY2(!parts.isEmpty(), qPrintable(file));
      for (int i = 0; i < parts.size(); ++i) {
        if (!parts[i].blocks.isEmpty()) QTest::newRow(qPrintable(file + ": " + parts[i].title)) << file << i;
      }
    }
  }

  void examples() {
    QFETCH(QString, file);
    QFETCH(int, part);
    const Part examples = partsOf(readText(bpmn::test::sourceDir() + "/" + file)).at(part);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::link(bpmn::test::sourceDir() + "/bpmn-samples", dir.filePath("bpmn-samples")));
    for (const Block& block : examples.blocks) {
      const QString where = file + ":" + QString::number(block.line);
      const QString failure =
          block.language == "console" ? runTranscript(block, dir.path(), file) : runScript(block, dir.path(), where);
      QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
  }

  // The matcher itself: a transcript that differs must fail.
  void transcriptsCanFail() {
    QVERIFY(matches({"a", "...", "d"}, 0, {"a", "b", "c", "d"}, 0));
    QVERIFY(matches({"started: 2026-01-01T00:00:00.000Z", "in 0.5 s"}, 0,
                    {"started: 2026-12-07T23:59:07.779Z", "in 12.25 s"}, 0));
    QVERIFY(!matches({"a", "b"}, 0, {"a"}, 0));
    QVERIFY(!matches({"created instance 3"}, 0, {"created instance 2"}, 0));
    QTemporaryDir dir;
    const QString failure = runTranscript({1, "console", {"$ echo one", "two"}}, dir.path(), "x.md");
    QVERIFY2(failure.contains("x.md:2: $ echo one") && failure.contains("--- printed (exit 0):\none"),
             qPrintable(failure));
  }
};

QTEST_GUILESS_MAIN(TstDocs)
#include "tst_docs.moc"
