// bpmn-modeler: the window, or headless export for documentation
// pipelines:
//   bpmn-modeler [FILE]
//   bpmn-modeler --export OUT.svg|OUT.png IN.bpmn [--diagram N] [--layout]
//   bpmn-modeler --watch WORKSPACE [--instance KEY [--export OUT.svg|OUT.png]]
//   bpmn-modeler --watch WORKSPACE --process ID [--version N] --heatmap --export OUT
// Headless export needs no display (it selects the offscreen platform).
// --layout lays out an input without diagram interchange first (the window
// does that on its own when it opens such a file).
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bpmn/layout.h"
#include "exporter.h"
#include "instance_picture.h"
#include "main_window.h"
#include "monitor_window.h"

namespace {

// --screenshot OUT: a picture of the window once it has shown, then quit.
void screenshotLater(QWidget& window, const QString& out) {
  QTimer::singleShot(800, &window, [&window, out] {
    if (!window.grab().save(out)) std::fprintf(stderr, "bpmn-modeler: %s: cannot write\n", qPrintable(out));
    QApplication::quit();
  });
}

// --watch: the Monitor window, or with --export one instance's picture.
int watch(const QCommandLineParser& parser) {
  const QString workspace = parser.value("watch");
  std::uint64_t key = 0;
  if (parser.isSet("instance")) {
    bool ok = false;
    key = parser.value("instance").toULongLong(&ok);
    if (!ok || key == 0) {
      std::fprintf(stderr, "bpmn-modeler: --instance %s: not an instance key\n", qPrintable(parser.value("instance")));
      return 2;
    }
  }
  if (parser.isSet("export")) {
    bpmn::Status exported;
    if (parser.isSet("heatmap")) {
      bool ok = true;
      const int version = parser.isSet("version") ? parser.value("version").toInt(&ok) : 0;
      if (!parser.isSet("process") || !ok || version < 0) {
        std::fprintf(stderr, "bpmn-modeler: --heatmap needs --process ID (and --version N, a number, if any)\n");
        return 2;
      }
      exported = bpmn::modeler::exportHeatmap(workspace, parser.value("process").toStdString(), version,
                                              parser.value("export"));
    } else if (!key) {
      std::fprintf(stderr, "bpmn-modeler: --watch with --export needs --instance KEY, or --heatmap --process ID\n");
      return 2;
    } else {
      exported = bpmn::modeler::exportInstance(workspace, key, parser.value("export"));
    }
    if (!exported.isOk()) {
      std::fprintf(stderr, "%s\n", exported.message().c_str());
      return exported.code() == bpmn::StatusCode::kIoError ? 1 : 2;
    }
    return 0;
  }
  bpmn::modeler::MonitorWindow window;
  window.resize(1400, 800);
  if (!window.watch(workspace)) {
    std::fprintf(stderr, "%s\n", qPrintable(window.message()->text()));
    return 2;
  }
  if (key) window.showInstance(key);
  window.show();
  if (parser.isSet("screenshot")) screenshotLater(window, parser.value("screenshot"));
  return QApplication::exec();
}

}  // namespace

int main(int argc, char** argv) {
  bool headless = false;
  for (int i = 1; i < argc; ++i) headless = headless || std::strcmp(argv[i], "--export") == 0;
  if (headless && !std::getenv("QT_QPA_PLATFORM")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
  QApplication app(argc, argv);
  QApplication::setApplicationName("bpmn-modeler");
  QCommandLineParser parser;
  parser.setApplicationDescription("Draw, edit, save and export BPMN diagrams");
  parser.addHelpOption();
  parser.addOption({"export", "Render IN.bpmn to OUT (.svg or .png) without a window, then exit.", "OUT"});
  parser.addOption({"diagram", "With --export: the diagram to render, 1-based (default 1).", "N", "1"});
  parser.addOption({"layout", "With --export: lay IN.bpmn out first when it has no diagram (no BPMN DI)."});
  parser.addOption(
      {"screenshot", "Show the window, save a picture of it to OUT.png, then exit (for tests and docs).", "OUT"});
  parser.addOption(
      {"watch", "Watch the instances of this workspace file (read-only) while other processes run them.", "WORKSPACE"});
  parser.addOption({"instance", "With --watch: show this instance (with --export: render it and exit).", "KEY"});
  parser.addOption({"process", "With --watch --heatmap: the process id.", "ID"});
  parser.addOption({"version", "With --watch --heatmap: the version (default: the latest).", "N"});
  parser.addOption({"heatmap", "With --watch --process ID --export OUT: render the process version's heatmap."});
  parser.addPositionalArgument("file", "A .bpmn file to open (with --export: the input).");
  parser.process(app);

  const QStringList files = parser.positionalArguments();
  if (parser.isSet("watch")) return watch(parser);
  if (parser.isSet("export")) {
    if (files.size() != 1) {
      std::fprintf(stderr, "bpmn-modeler: --export needs exactly one input file\n");
      return 2;
    }
    bool ok = false;
    const int diagram = parser.value("diagram").toInt(&ok);
    if (!ok || diagram < 1) {
      std::fprintf(stderr, "bpmn-modeler: --diagram %s: not a diagram number\n", qPrintable(parser.value("diagram")));
      return 2;
    }
    bpmn::modeler::BpmnDocument document;
    bpmn::Status opened = document.open(files.front());
    if (!opened.isOk()) {
      std::fprintf(stderr, "%s\n", opened.message().c_str());
      return 2;
    }
    if (parser.isSet("layout") && bpmn::needsLayout(document.definitions())) {
      auto laidOut = document.change("Lay out", [](bpmn::model::Definitions& definitions) -> bpmn::Result<std::string> {
        bpmn::Status status = bpmn::layoutDiagrams(definitions);
        if (!status.isOk()) return status;
        return std::string();
      });
      if (!laidOut.isOk()) {
        std::fprintf(stderr, "%s\n", laidOut.status().message().c_str());
        return 1;
      }
    }
    bpmn::Status exported = bpmn::modeler::exportDiagram(document, diagram - 1, parser.value("export"));
    if (!exported.isOk()) {
      std::fprintf(stderr, "%s\n", exported.message().c_str());
      return 1;
    }
    return 0;
  }
  bpmn::modeler::MainWindow window;
  if (files.isEmpty())
    window.newFile();
  else
    window.openFile(files.front());
  window.show();
  if (parser.isSet("screenshot")) screenshotLater(window, parser.value("screenshot"));
  return app.exec();
}
