// The Monitor window (monitor_window.h).
#include "monitor_window.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace bpmn::modeler {

namespace {

constexpr int kPollMillis = 50;
constexpr std::uint64_t kPageSize = 200;

QString isoTime(std::int64_t millis) {
  return millis ? QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC).toString(Qt::ISODate) : QString();
}

}  // namespace

MonitorWindow::MonitorWindow(QWidget* parent)
    : QMainWindow(parent),
      table_(new QTableWidget(0, 7)),
      state_(new QComboBox),
      process_(new QLineEdit),
      businessKey_(new QLineEdit),
      count_(new QLabel),
      message_(new QLabel),
      view_(new QGraphicsView) {
  setWindowTitle(tr("bpmn-modeler: Monitor"));
  state_->addItem(tr("any state"), QString());
  for (const char* state : {"active", "incident", "completed", "terminated", "cancelled"}) {
    state_->addItem(state, QString(state));
  }
  process_->setPlaceholderText(tr("process id"));
  businessKey_->setPlaceholderText(tr("business key"));
  table_->setHorizontalHeaderLabels(
      {tr("Key"), tr("Process"), tr("Version"), tr("State"), tr("Business key"), tr("Started"), tr("Incidents")});
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);

  auto* filters = new QHBoxLayout;
  filters->addWidget(state_);
  filters->addWidget(process_);
  filters->addWidget(businessKey_);
  auto* left = new QWidget;
  auto* column = new QVBoxLayout(left);
  column->addLayout(filters);
  column->addWidget(table_);
  column->addWidget(count_);
  auto* right = new QWidget;
  auto* rightColumn = new QVBoxLayout(right);
  message_->setWordWrap(true);
  message_->setStyleSheet("color: #cc3333");
  message_->hide();
  rightColumn->addWidget(message_);
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setDragMode(QGraphicsView::ScrollHandDrag);
  rightColumn->addWidget(view_);
  auto* splitter = new QSplitter;
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 2);
  setCentralWidget(splitter);

  connect(state_, &QComboBox::currentIndexChanged, this, [this] { refreshList(); });
  connect(process_, &QLineEdit::editingFinished, this, [this] { refreshList(); });
  connect(businessKey_, &QLineEdit::editingFinished, this, [this] { refreshList(); });
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = table_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) showInstance(table_->item(rows.front().row(), 0)->text().toULongLong());
  });
  connect(&timer_, &QTimer::timeout, this, &MonitorWindow::poll);
}

bool MonitorWindow::watch(const QString& path) {
  storage::SqliteOptions options{path.toStdString()};
  options.readOnly = true;
  auto store = storage::SqliteStore::open(options);
  if (!store.isOk()) {
    showProblem(QString::fromStdString(store.status().message()));
    return false;
  }
  store_ = std::move(store.value());
  path_ = path;
  setWindowTitle(tr("%1 - bpmn-modeler Monitor").arg(QFileInfo(path).fileName()));
  auto version = store_->dataVersion();
  dataVersion_ = version.isOk() ? version.value() : 0;
  refresh();
  timer_.start(kPollMillis);
  return true;
}

void MonitorWindow::showProblem(const QString& text) {
  message_->setText(text);
  message_->show();
  statusBar()->showMessage(text);
}

void MonitorWindow::poll() {
  if (!store_) return;
  // Cheap: SQLite's counter of other connections' commits; nothing is read
  // unless it moved.
  auto version = store_->dataVersion();
  if (!version.isOk()) {
    showProblem(QString::fromStdString(version.status().message()));
    return;
  }
  if (version.value() == dataVersion_) return;
  dataVersion_ = version.value();
  refresh();
}

void MonitorWindow::refresh() {
  refreshList();
  refreshInstance();
  emit refreshed();
}

void MonitorWindow::refreshList() {
  if (!store_) return;
  storage::InstancePageQuery query;
  query.filter.state = state_->currentData().toString().toStdString();
  query.filter.processId = process_->text().trimmed().toStdString();
  query.filter.businessKey = businessKey_->text().trimmed().toStdString();
  query.limit = kPageSize;
  auto page = store_->instancePage(query);
  auto total = store_->instanceCount(query.filter);
  if (!page.isOk() || !total.isOk()) {
    showProblem(QString::fromStdString((page.isOk() ? total.status() : page.status()).message()));
    return;
  }
  const QSignalBlocker blocker(table_);
  table_->setRowCount(static_cast<int>(page.value().size()));
  for (int row = 0; row < table_->rowCount(); ++row) {
    const auto& [instance, incidents] = page.value()[static_cast<std::size_t>(row)];
    const QStringList cells{QString::number(instance.key),
                            QString::fromStdString(instance.processId),
                            QString::number(instance.version),
                            QString::fromStdString(instance.state),
                            QString::fromStdString(instance.businessKey),
                            isoTime(instance.startedAtMillis),
                            incidents ? QString::number(incidents) : QString()};
    for (int column = 0; column < cells.size(); ++column) {
      table_->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    if (instance.key == shown_) table_->selectRow(row);
  }
  count_->setText(total.value() > page.value().size()
                      ? tr("%1 of %2 instances, newest first").arg(page.value().size()).arg(total.value())
                      : tr("%n instance(s)", nullptr, static_cast<int>(total.value())));
}

void MonitorWindow::showInstance(std::uint64_t key) {
  if (key == shown_ && picture_) return;
  shown_ = key;
  picture_.reset();
  refreshInstance();
}

void MonitorWindow::refreshInstance() {
  if (!store_ || !shown_) return;
  auto picture = readInstancePicture(*store_, shown_, QDateTime::currentMSecsSinceEpoch());
  if (!picture.isOk()) {
    // An instance deleted while shown (retention), a damaged row: said, and
    // the last picture stays.
    showProblem(QString::fromStdString(picture.status().message()));
    return;
  }
  message_->hide();
  const bool sameDiagram = picture_ && picture_->instance.processId == picture.value().instance.processId &&
                           picture_->instance.version == picture.value().instance.version;
  if (sameDiagram) {
    // The document and scene stay; only the overlays change.
    picture_->instance = std::move(picture.value().instance);
    picture_->history = std::move(picture.value().history);
    picture_->overlay = std::move(picture.value().overlay);
  } else {
    auto next = std::make_unique<InstancePicture>(std::move(picture).value());
    auto scene = std::make_unique<DiagramScene>(*next->document, next->diagram, false);
    view_->setScene(scene.get());
    scene_ = std::move(scene);
    picture_ = std::move(next);
    view_->fitInView(scene_->diagramRect(), Qt::KeepAspectRatio);
  }
  addOverlays(*scene_, picture_->overlay);
  statusBar()->showMessage(tr("instance %1 of %2 version %3: %4")
                               .arg(picture_->instance.key)
                               .arg(QString::fromStdString(picture_->instance.processId))
                               .arg(picture_->instance.version)
                               .arg(QString::fromStdString(std::string(instanceStateName(picture_->instance.state)))));
}

}  // namespace bpmn::modeler
