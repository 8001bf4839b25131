// A normalized file keeps every element, attribute and text of its input
// (issue 17): for every model of the corpora and of tests/xml/data, the
// XML infoset of the input and of writeBpmn's output, each read by Qt's
// namespace-aware reader (not ours), are compared element by element:
// expanded names (namespace URI and local name, never prefixes),
// attributes and their values, and text, documentation content included.
// What normalization changes on purpose is left out of the comparison:
// namespace declarations (prefixes move to the root), comments and
// processing instructions (dropped), white space between elements
// (re-indented), the order of sibling elements (schema order), and the
// spelling of DI coordinates (xsd:double values: 36.0 is 36), and empty
// values of attributes whose schema type has none (a QName or IDREF written
// ""), left out so that the output validates. The output must also be
// well-formed XML.
#include <QDirIterator>
#include <QXmlStreamReader>
#include <QtTest>

#include <map>
#include <memory>
#include <vector>

#include "bpmn/parser.h"
#include "bpmn/writer.h"
#include "test_paths.h"

using namespace bpmn;

namespace {

constexpr const char* kDc = "http://www.omg.org/spec/DD/20100524/DC";
constexpr const char* kDi = "http://www.omg.org/spec/DD/20100524/DI";

// XSD: the attributes typed xsd:string or xsd:anyURI, where "" is a value.
bool mayBeEmpty(const QString& local) {
  static const QStringList kStrings{"name",          "exporter",       "exporterVersion", "documentation",
                                    "textFormat",    "expressionLanguage", "typeLanguage", "language",
                                    "scriptFormat",  "errorCode",      "escalationCode",  "resolution",
                                    "targetNamespace", "location",     "namespace"};
  return kStrings.contains(local);
}

struct Node {
  QString name;                        // {uri}local
  std::map<QString, QString> attributes;  // {uri}local -> value
  QString text;                        // text children in order, white space between elements left out
  std::vector<std::unique_ptr<Node>> children;
  QString key;  // canonical form, for order-free matching of siblings
};

// The infoset of `bytes`, or an empty pointer with `error` set when Qt's
// reader finds it malformed.
std::unique_ptr<Node> infoset(const QByteArray& bytes, QString& error, bool namespaces = true) {
  QXmlStreamReader reader(bytes);
  reader.setNamespaceProcessing(namespaces);
  std::vector<Node*> open;
  std::unique_ptr<Node> root;
  while (!reader.atEnd()) {
    switch (reader.readNext()) {
      case QXmlStreamReader::StartElement: {
        auto node = std::make_unique<Node>();
        node->name = "{" + reader.namespaceUri().toString() + "}" + reader.name().toString();
        // DI coordinates are xsd:double values: 36.0 is 36.
        const bool coordinates = node->name == "{" + QString(kDc) + "}Bounds" || node->name == "{" + QString(kDi) + "}waypoint";
        for (const auto& attribute : reader.attributes()) {
          QString value = attribute.value().toString();
          bool number = false;
          const double parsed = value.toDouble(&number);
          if (coordinates && attribute.namespaceUri().isEmpty() && number) value = QString::number(parsed, 'g', 17);
          node->attributes["{" + attribute.namespaceUri().toString() + "}" + attribute.name().toString()] = value;
        }
        Node* raw = node.get();
        if (open.empty()) {
          root = std::move(node);
        } else {
          open.back()->children.push_back(std::move(node));
        }
        open.push_back(raw);
        break;
      }
      case QXmlStreamReader::EndElement:
        open.pop_back();
        break;
      case QXmlStreamReader::Characters:
        if (!open.empty() && !reader.isWhitespace()) open.back()->text += reader.text();
        break;
      default:
        break;
    }
  }
  if (reader.hasError()) {
    error = QString("line %1: %2").arg(reader.lineNumber()).arg(reader.errorString());
    return {};
  }
  return root;
}

QString canonical(Node& node) {
  QStringList parts{node.name};
  for (const auto& [name, value] : node.attributes) parts << name + "=" + value;
  parts << "text:" + node.text;
  QStringList children;
  for (auto& child : node.children) children << canonical(*child);
  children.sort();
  node.key = parts.join('\x1f') + "\x1e" + children.join('\x1d');
  return node.key;
}

// The first difference between two canonical trees, as a path and what
// differs; empty when they are equal.
QString difference(const Node& in, const Node& out, const QString& path) {
  const QString here = path + "/" + in.name;
  if (in.name != out.name) return here + ": element became " + out.name;
  for (const auto& [name, value] : in.attributes) {
    auto it = out.attributes.find(name);
    if (it == out.attributes.end() && value.isEmpty() && name.startsWith("{}") && !mayBeEmpty(name.mid(2))) {
      continue;  // no value at all where the schema's type has no empty value: left out so the output validates
    }
    if (it == out.attributes.end()) return here + ": attribute " + name + " lost";
    if (it->second != value) return here + ": attribute " + name + " \"" + value + "\" became \"" + it->second + "\"";
  }
  for (const auto& [name, value] : out.attributes) {
    if (!in.attributes.count(name)) return here + ": attribute " + name + "=\"" + value + "\" added";
  }
  if (in.text != out.text) return here + ": text \"" + in.text.left(80) + "\" became \"" + out.text.left(80) + "\"";
  // Siblings match by canonical form; an unmatched one is compared with
  // the first unmatched one of the same name for a precise message.
  std::vector<const Node*> unmatched;
  for (const auto& child : out.children) unmatched.push_back(child.get());
  std::vector<const Node*> missing;
  for (const auto& child : in.children) {
    auto it = std::find_if(unmatched.begin(), unmatched.end(), [&](const Node* n) { return n->key == child->key; });
    if (it != unmatched.end()) {
      unmatched.erase(it);
    } else {
      missing.push_back(child.get());
    }
  }
  for (const Node* child : missing) {
    auto it = std::find_if(unmatched.begin(), unmatched.end(), [&](const Node* n) { return n->name == child->name; });
    if (it == unmatched.end()) return here + ": element " + child->name + " lost";
    const QString inner = difference(*child, **it, here);
    unmatched.erase(it);
    if (!inner.isEmpty()) return inner;
  }
  if (!unmatched.empty()) return here + ": element " + unmatched.front()->name + " added";
  return {};
}

QStringList modelFiles() {
  QStringList files;
  for (const QString& root : {test::corporaDir(), test::sourceDir() + "/tests/xml/data",
                              test::sourceDir() + "/bpmn-samples"}) {
    QDirIterator it(root, {"*.bpmn", "*.bpmn20.xml", "*.bpmn2"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) files << it.next();
  }
  files.sort();
  return files;
}

}  // namespace

class TestRoundTrip : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY2(QDir(test::corporaDir()).exists(), "corpora not found (set BPMN_CORPORA)"); }

  void file_data() {
    QTest::addColumn<QString>("path");
    for (const QString& path : modelFiles()) {
      QTest::newRow(qPrintable(QDir(test::sourceDir()).relativeFilePath(path))) << path;
    }
  }

  void file() {
    QFETCH(QString, path);
    const QByteArray bytes = test::readAll(path);
    ParseResult parsed = parseBpmn(std::string_view(bytes.constData(), bytes.size()), path.toStdString());
    // Files the reader refuses are not normalized (their diagnostics are
    // other suites' business); neither are those Qt's reader refuses.
    if (!parsed.definitions) QSKIP("not a BPMN file the reader takes");
    for (const auto& diagnostic : parsed.diagnostics) {
      if (diagnostic.severity == Severity::kError) QSKIP("the reader reports errors");
    }
    // A file that uses a prefix it never declares (bpmn-engine's js:, a
    // stray xsi:) is XML but not namespace-well-formed: compared by
    // qualified names instead, as written.
    QString error;
    bool namespaces = true;
    std::unique_ptr<Node> in = infoset(bytes, error, namespaces);
    if (!in) {
      namespaces = false;
      in = infoset(bytes, error, namespaces);
    }
    if (!in) QSKIP(qPrintable("Qt's reader refuses the input: " + error));
    const QByteArray written = QByteArray::fromStdString(writeBpmn(*parsed.definitions));
    std::unique_ptr<Node> out = infoset(written, error, namespaces);
    QVERIFY2(out, qPrintable("the output is not well-formed XML: " + error));
    canonical(*in);
    canonical(*out);
    const QString diff = difference(*in, *out, "");
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
  }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_round_trip.moc"
