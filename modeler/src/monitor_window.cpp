// The Monitor window (monitor_window.h).
#include "monitor_window.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include "bpmn/feel/json.h"
#include "diagram_items.h"

namespace bpmn::modeler {

namespace {

constexpr int kPollMillis = 50;
constexpr int kSelectionKey = 8;  // QGraphicsItem::data key marking the selection mark
constexpr std::uint64_t kPageSize = 200;

}  // namespace

MonitorWindow::MonitorWindow(QWidget* parent)
    : QMainWindow(parent),
      table_(new QTableWidget(0, 7)),
      state_(new QComboBox),
      process_(new QLineEdit),
      businessKey_(new QLineEdit),
      version_(new QLineEdit),
      incidents_(new QCheckBox(tr("with incidents"))),
      startedFrom_(new QLineEdit),
      startedTo_(new QLineEdit),
      variable_(new QLineEdit),
      count_(new QLabel),
      message_(new QLabel),
      view_(new QGraphicsView),
      details_(new InstanceDetails) {
  setWindowTitle(tr("bpmn-modeler: Monitor"));
  state_->addItem(tr("any state"), QString());
  for (const char* state : {"active", "incident", "completed", "terminated", "cancelled"}) {
    state_->addItem(state, QString(state));
  }
  process_->setPlaceholderText(tr("process id"));
  businessKey_->setPlaceholderText(tr("business key"));
  version_->setPlaceholderText(tr("version"));
  version_->setMaximumWidth(70);
  startedFrom_->setPlaceholderText(tr("started from 2026-12-08T09:00"));
  startedTo_->setPlaceholderText(tr("started before"));
  variable_->setPlaceholderText(tr("variable = JSON value, e.g. customer = \"ann\""));
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
  filters->addWidget(version_);
  auto* moreFilters = new QHBoxLayout;
  moreFilters->addWidget(incidents_);
  moreFilters->addWidget(startedFrom_);
  moreFilters->addWidget(startedTo_);
  auto* variableFilter = new QHBoxLayout;
  variableFilter->addWidget(variable_);
  auto* left = new QWidget;
  auto* column = new QVBoxLayout(left);
  column->addLayout(filters);
  column->addLayout(moreFilters);
  column->addLayout(variableFilter);
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
  auto* instanceSplitter = new QSplitter(Qt::Vertical);
  instanceSplitter->addWidget(view_);
  instanceSplitter->addWidget(details_);
  instanceSplitter->setStretchFactor(0, 3);
  instanceSplitter->setStretchFactor(1, 2);
  rightColumn->addWidget(instanceSplitter);
  auto* splitter = new QSplitter;
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 2);
  setCentralWidget(splitter);

  connect(state_, &QComboBox::currentIndexChanged, this, [this] { refreshList(); });
  connect(process_, &QLineEdit::editingFinished, this, [this] { refreshList(); });
  connect(businessKey_, &QLineEdit::editingFinished, this, [this] { refreshList(); });
  for (QLineEdit* field : {version_, startedFrom_, startedTo_, variable_}) {
    connect(field, &QLineEdit::editingFinished, this, [this] { refreshList(); });
  }
  connect(incidents_, &QCheckBox::toggled, this, [this] { refreshList(); });
  table_->horizontalHeader()->setSectionsClickable(true);
  table_->horizontalHeader()->setSortIndicatorShown(true);
  table_->horizontalHeader()->setSortIndicator(0, Qt::DescendingOrder);
  connect(table_->horizontalHeader(), &QHeaderView::sectionClicked, this, [this](int column) {
    const bool sameColumn = table_->horizontalHeader()->sortIndicatorSection() == column;
    sortBy(column, sameColumn ? !descending_ : true);
  });
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = table_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) showInstance(table_->item(rows.front().row(), 0)->text().toULongLong());
  });
  connect(&timer_, &QTimer::timeout, this, &MonitorWindow::poll);
  connect(details_, &InstanceDetails::elementChosen, this, &MonitorWindow::selectElement);
  buildActions();
}

void MonitorWindow::buildActions() {
  QToolBar* playback = addToolBar(tr("Animation"));
  playback->setObjectName("animation");
  auto* speed = new QComboBox;
  speed->setObjectName("speed");
  speed->addItem(tr("0.5x"), int(TokenAnimation::Speed::kHalf));
  speed->addItem(tr("1x"), int(TokenAnimation::Speed::kNormal));
  speed->addItem(tr("2x"), int(TokenAnimation::Speed::kDouble));
  speed->addItem(tr("instant"), int(TokenAnimation::Speed::kInstant));
  speed->setCurrentIndex(1);
  connect(speed, &QComboBox::currentIndexChanged, this,
          [this, speed] { animation_.setSpeed(static_cast<TokenAnimation::Speed>(speed->currentData().toInt())); });
  playback->addWidget(speed);
  QAction* pause = playback->addAction(tr("Pause"));
  pause->setCheckable(true);
  connect(pause, &QAction::toggled, this, [this](bool paused) { animation_.setPaused(paused); });

  QToolBar* bar = addToolBar(tr("Instance"));
  bar->setObjectName("instance-actions");
  bar->addAction(tr("Cancel instance"), this, [this] {
    if (QMessageBox::question(this, tr("Cancel instance"), tr("Cancel instance %1?").arg(shown_)) == QMessageBox::Yes) {
      cancelInstance();
    }
  });
  bar->addAction(tr("Resolve incident"), this, [this] {
    if (!picture_ || picture_->instance.incidents.empty()) {
      statusBar()->showMessage(tr("instance %1 has no open incident").arg(shown_));
      return;
    }
    QStringList choices;
    for (const auto& incident : picture_->instance.incidents) {
      choices << QString("%1: %2").arg(incident.key).arg(QString::fromStdString(incident.message));
    }
    bool ok = false;
    const QString choice = QInputDialog::getItem(this, tr("Resolve incident"), tr("Incident"), choices, 0, false, &ok);
    if (ok) resolveIncident(choice.section(':', 0, 0).toULongLong());
  });
  bar->addAction(tr("Set variables..."), this, [this] {
    bool ok = false;
    const QString json = QInputDialog::getMultiLineText(
        this, tr("Set variables"), tr("Variables of instance %1 (a JSON object)").arg(shown_), "{}", &ok);
    if (ok) setVariables(json);
  });
  bar->addAction(tr("Complete user task..."), this, [this] {
    if (!picture_ || picture_->instance.userTasks.empty()) {
      statusBar()->showMessage(tr("instance %1 has no user task waiting").arg(shown_));
      return;
    }
    QStringList choices;
    for (const auto& task : picture_->instance.userTasks) {
      choices << QString("%1: %2").arg(task.tokenKey).arg(QString::fromStdString(task.elementId));
    }
    bool ok = false;
    const QString choice = QInputDialog::getItem(this, tr("Complete user task"), tr("Task"), choices, 0, false, &ok);
    if (!ok) return;
    const QString json =
        QInputDialog::getMultiLineText(this, tr("Complete user task"), tr("Variables (a JSON object)"), "{}", &ok);
    if (ok) completeUserTask(choice.section(':', 0, 0).toULongLong(), json);
  });
}

Status MonitorWindow::act(const QString& what, const std::function<Result<CommandResult>(Engine&)>& command) {
  // The view reads through a read-only connection; an action opens a
  // writable one for its one command, as the CLI's verbs do.
  auto store = storage::SqliteStore::open({path_.toStdString()});
  Status status = store.status();
  if (store.isOk()) {
    EngineOptions options;
    options.store = store.value().get();
    Engine engine(options);
    status = engine.open();
    if (status.isOk()) {
      auto result = command(engine);
      status = result.status();
    }
  }
  statusBar()->showMessage(status.isOk() ? tr("%1: done").arg(what)
                                         : tr("%1: refused: %2").arg(what, QString::fromStdString(status.message())));
  if (status.isOk()) poll();
  return status;
}

Status MonitorWindow::cancelInstance() {
  const std::uint64_t key = shown_;
  return act(tr("Cancel instance %1").arg(key), [key](Engine& engine) { return engine.cancelInstance(key); });
}

Status MonitorWindow::resolveIncident(std::uint64_t incidentKey) {
  const std::uint64_t key = shown_;
  return act(tr("Resolve incident %1").arg(incidentKey),
             [key, incidentKey](Engine& engine) { return engine.resolveIncident(key, incidentKey); });
}

Result<feel::Context> MonitorWindow::variablesFrom(const QString& what, const QString& json) {
  auto variables = feel::parseJsonObject(json.toStdString());
  if (!variables.isOk()) {
    statusBar()->showMessage(tr("%1: %2").arg(what, QString::fromStdString(variables.status().message())));
  }
  return variables;
}

Status MonitorWindow::setVariables(const QString& json) {
  auto variables = variablesFrom(tr("Set variables"), json);
  if (!variables.isOk()) return variables.status();
  const std::uint64_t key = shown_;
  const std::uint64_t scope = picture_ ? picture_->instance.scopes.front().key : 0;
  return act(tr("Set variables of instance %1").arg(key),
             [&](Engine& engine) { return engine.setVariables(key, scope, variables.value(), false); });
}

Status MonitorWindow::completeUserTask(std::uint64_t taskKey, const QString& json) {
  auto variables = variablesFrom(tr("Complete user task"), json);
  if (!variables.isOk()) return variables.status();
  const std::uint64_t key = shown_;
  return act(tr("Complete user task %1").arg(taskKey),
             [&](Engine& engine) { return engine.completeUserTask(key, taskKey, variables.value()); });
}

void MonitorWindow::selectElement(const QString& elementId) {
  selectedElement_ = elementId;
  if (!scene_) return;
  for (QGraphicsItem* item : scene_->items()) {
    if (item->data(kSelectionKey).toBool()) {
      scene_->removeItem(item);
      delete item;
    }
  }
  const ShapeItem* shape = elementId.isEmpty() ? nullptr : scene_->shapeOf(elementId);
  if (!shape) return;
  auto* mark = scene_->addRect(shape->bounds().adjusted(-5, -5, 5, 5), QPen(QColor(0xff, 0x8c, 0x00), 2.5));
  mark->setData(kSelectionKey, true);
  mark->setZValue(160);
  view_->ensureVisible(shape->bounds(), 40, 40);
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

void MonitorWindow::sortBy(int column, bool descending) {
  using Column = storage::InstanceColumn;
  static const Column columns[] = {Column::kKey,         Column::kProcess, Column::kVersion,  Column::kState,
                                   Column::kBusinessKey, Column::kStarted, Column::kIncidents};
  if (column < 0 || column >= static_cast<int>(std::size(columns))) return;
  sortColumn_ = columns[column];
  descending_ = descending;
  table_->horizontalHeader()->setSortIndicator(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
  refreshList();
}

std::optional<storage::InstanceFilter> MonitorWindow::filter() {
  storage::InstanceFilter filter;
  filter.state = state_->currentData().toString().toStdString();
  filter.processId = process_->text().trimmed().toStdString();
  filter.businessKey = businessKey_->text().trimmed().toStdString();
  filter.withIncidents = incidents_->isChecked();
  auto refuse = [this](QLineEdit* field, const QString& why) {
    field->setStyleSheet("color: #cc3333");
    statusBar()->showMessage(why);
    return std::nullopt;
  };
  for (QLineEdit* field : {version_, startedFrom_, startedTo_, variable_}) field->setStyleSheet({});
  if (const QString version = version_->text().trimmed(); !version.isEmpty()) {
    bool ok = false;
    filter.version = version.toInt(&ok);
    if (!ok || *filter.version < 1) return refuse(version_, tr("version %1: not a version number").arg(version));
  }
  for (auto [field, bound] : {std::pair{startedFrom_, &filter.startedFrom}, {startedTo_, &filter.startedTo}}) {
    const QString text = field->text().trimmed();
    if (text.isEmpty()) continue;
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid()) time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid()) {
      return refuse(field, tr("%1: not a date and time (2026-12-08T09:00, UTC unless it has an offset)").arg(text));
    }
    if (time.timeSpec() == Qt::LocalTime) time.setTimeSpec(Qt::UTC);
    *bound = time.toMSecsSinceEpoch();
  }
  if (const QString variable = variable_->text().trimmed(); !variable.isEmpty()) {
    const qsizetype equals = variable.indexOf('=');
    const auto value = equals > 0 ? feel::parseJson(variable.mid(equals + 1).trimmed().toStdString())
                                  : Result<feel::Value>(Status::invalidArgument("expected NAME = JSON value"));
    if (!value.isOk()) {
      return refuse(variable_, tr("%1: %2").arg(variable, QString::fromStdString(value.status().message())));
    }
    filter.variableName = variable.left(equals).trimmed().toStdString();
    filter.variableValue = value.value();
  }
  return filter;
}

void MonitorWindow::refreshList() {
  if (!store_) return;
  auto chosen = filter();
  if (!chosen) return;
  storage::InstancePageQuery query;
  query.filter = std::move(*chosen);
  query.sortBy = sortColumn_;
  query.descending = descending_;
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
                            QString::fromStdString(isoTime(instance.startedAtMillis)),
                            incidents ? QString::number(incidents) : QString()};
    for (int column = 0; column < cells.size(); ++column) {
      table_->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    if (instance.key == shown_) table_->selectRow(row);
  }
  count_->setText(total.value() > page.value().size()
                      ? tr("%1 of %2 instances").arg(page.value().size()).arg(total.value())
                  : total.value() == 1 ? tr("1 instance")
                                       : tr("%1 instances").arg(total.value()));
}

void MonitorWindow::showInstance(std::uint64_t key) {
  if (key == shown_ && picture_) return;
  shown_ = key;
  selectedElement_.clear();
  picture_.reset();
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (table_->item(row, 0)->text().toULongLong() == key) {
      const QSignalBlocker blocker(table_);
      table_->selectRow(row);
    }
  }
  refreshInstance();
}

void MonitorWindow::refreshInstance() {
  if (!store_ || !shown_) return;
  const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
  if (picture_) {
    // The document and scene stay; the state is read again with the new
    // records only, and the flows they say were taken run their dots.
    std::vector<HistoryRecord> fresh;
    if (Status updated = updateInstancePicture(*store_, *picture_, now, &fresh); !updated.isOk()) {
      // An instance deleted while shown (retention), a damaged row: said,
      // and the last picture stays.
      showProblem(QString::fromStdString(updated.message()));
      return;
    }
    animation_.play(*scene_, fresh);
  } else {
    auto picture = readInstancePicture(*store_, shown_, now);
    if (!picture.isOk()) {
      showProblem(QString::fromStdString(picture.status().message()));
      return;
    }
    animation_.stop();
    auto next = std::make_unique<InstancePicture>(std::move(picture).value());
    auto scene = std::make_unique<DiagramScene>(*next->document, next->diagram, false);
    view_->setScene(scene.get());
    scene_ = std::move(scene);
    picture_ = std::move(next);
    view_->fitInView(scene_->diagramRect(), Qt::KeepAspectRatio);
  }
  message_->hide();
  addOverlays(*scene_, picture_->overlay);
  details_->show(*picture_);
  selectElement(selectedElement_);
  statusBar()->showMessage(tr("instance %1 of %2 version %3: %4")
                               .arg(picture_->instance.key)
                               .arg(QString::fromStdString(picture_->instance.processId))
                               .arg(picture_->instance.version)
                               .arg(QString::fromStdString(std::string(instanceStateName(picture_->instance.state)))));
}

}  // namespace bpmn::modeler
