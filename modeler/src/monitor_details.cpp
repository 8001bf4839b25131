// The Monitor's instance details (monitor_details.h).
#include "monitor_details.h"

#include <QDateTime>
#include <QHeaderView>
#include <QVBoxLayout>
#include <map>

#include "bpmn/feel/json.h"

namespace bpmn::modeler {

namespace {

constexpr int kElementRole = Qt::UserRole + 1;

QString timeText(std::int64_t millis) { return QString::fromStdString(isoTime(millis)); }

QString fromStd(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

InstanceDetails::InstanceDetails(QWidget* parent)
    : QTabWidget(parent), scopes_(new QTreeWidget), timeline_(new QTableWidget(0, 5)), filter_(new QLineEdit) {
  scopes_->setHeaderLabels({tr("Scope / variable"), tr("Value"), tr("Set")});
  scopes_->header()->setStretchLastSection(true);
  addTab(scopes_, tr("Variables"));

  timeline_->setHorizontalHeaderLabels({tr("Time"), tr("#"), tr("What"), tr("Element"), tr("Detail")});
  timeline_->setSelectionBehavior(QAbstractItemView::SelectRows);
  timeline_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  timeline_->verticalHeader()->hide();
  timeline_->horizontalHeader()->setStretchLastSection(true);
  filter_->setPlaceholderText(tr("filter: kind, element or detail"));
  auto* history = new QWidget;
  auto* column = new QVBoxLayout(history);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(filter_);
  column->addWidget(timeline_);
  addTab(history, tr("History"));

  connect(filter_, &QLineEdit::textChanged, this, &InstanceDetails::applyFilter);
  connect(timeline_, &QTableWidget::itemSelectionChanged, this, [this] {
    const auto rows = timeline_->selectionModel()->selectedRows();
    if (!rows.isEmpty()) emit elementChosen(timeline_->item(rows.front().row(), 3)->data(kElementRole).toString());
  });
  connect(scopes_, &QTreeWidget::itemSelectionChanged, this, [this] {
    const auto items = scopes_->selectedItems();
    if (!items.isEmpty()) emit elementChosen(items.front()->data(0, kElementRole).toString());
  });
}

void InstanceDetails::clear() {
  scopes_->clear();
  timeline_->setRowCount(0);
}

void InstanceDetails::show(const InstancePicture& picture) {
  const QSignalBlocker blockScopes(scopes_), blockTimeline(timeline_);
  // Each variable's values in order, with the element whose step set it
  // (the element record before it in the same instance).
  struct Change {
    std::int64_t time;
    std::string value;
    std::string element;
  };
  std::map<std::pair<std::uint64_t, std::string>, std::vector<Change>> changes;
  std::string lastElement;
  for (const auto& record : picture.history) {
    if (record.kind == RecordKind::kVariableSet) {
      changes[{record.elementInstanceKey, record.elementId}].push_back({record.timeMillis, record.detail, lastElement});
    } else if (record.kind == RecordKind::kElementActivated || record.kind == RecordKind::kElementCompleted ||
               record.kind == RecordKind::kJobCompleted) {
      lastElement = record.elementType == "process" ? std::string() : record.elementId;
    }
  }
  scopes_->clear();
  std::map<std::uint64_t, QTreeWidgetItem*> items;
  for (const auto& scope : picture.instance.scopes) {
    auto parent = items.find(scope.parentKey);
    auto* item = parent == items.end() ? new QTreeWidgetItem(scopes_) : new QTreeWidgetItem(parent->second);
    item->setText(0, QString("%1 (scope %2)").arg(fromStd(scope.elementId)).arg(scope.key));
    item->setData(0, kElementRole, scope.parentKey ? fromStd(scope.elementId) : QString());
    items[scope.key] = item;
    for (const auto& [name, value] : scope.variables) {
      auto* variable = new QTreeWidgetItem(item);
      variable->setText(0, fromStd(name));
      variable->setText(1, fromStd(feel::toJson(value)));
      const auto found = changes.find({scope.key, name});
      if (found == changes.end()) {
        variable->setText(2, tr("at start"));  // start variables come with the instance, not as records
        continue;
      }
      variable->setText(
          2, QString::number(found->second.size()) + (found->second.size() == 1 ? tr(" time") : tr(" times")));
      for (const auto& change : found->second) {
        auto* row = new QTreeWidgetItem(variable);
        row->setText(0, timeText(change.time));
        row->setText(1, fromStd(change.value));
        row->setText(2, change.element.empty() ? tr("at start") : tr("by %1").arg(fromStd(change.element)));
        row->setData(0, kElementRole, fromStd(change.element));
      }
    }
  }
  scopes_->expandToDepth(1);
  scopes_->resizeColumnToContents(0);

  timeline_->setRowCount(static_cast<int>(picture.history.size()));
  for (int row = 0; row < timeline_->rowCount(); ++row) {
    const HistoryRecord& record = picture.history[static_cast<std::size_t>(row)];
    const QStringList cells{timeText(record.timeMillis), QString::number(record.sequence),
                            fromStd(std::string(recordKindName(record.kind))),
                            QString("<%1 id=\"%2\">").arg(fromStd(record.elementType), fromStd(record.elementId)),
                            fromStd(record.detail)};
    for (int column = 0; column < cells.size(); ++column) {
      auto* cell = new QTableWidgetItem(cells[column]);
      if (column == 3) {
        const bool element = record.elementType != "process" && record.elementType != "variable";
        cell->setData(kElementRole, element ? fromStd(record.elementId) : QString());
      }
      timeline_->setItem(row, column, cell);
    }
  }
  applyFilter();
}

void InstanceDetails::applyFilter() {
  const QString text = filter_->text().trimmed();
  for (int row = 0; row < timeline_->rowCount(); ++row) {
    bool shown = text.isEmpty();
    for (int column = 2; !shown && column < timeline_->columnCount(); ++column) {
      shown = timeline_->item(row, column)->text().contains(text, Qt::CaseInsensitive);
    }
    timeline_->setRowHidden(row, !shown);
  }
}

}  // namespace bpmn::modeler
