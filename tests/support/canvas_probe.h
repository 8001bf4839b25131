// The canvas in modeler tests: a view shown offscreen at 100% around a
// point, and its own items found: the context pad's entries (item data 1
// "pad", data 2 the entry's name), as the view shows them. Header only;
// GUI thread.
#pragma once

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPoint>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QStringList>

namespace bpmn::test {

// Shows `view` at `size`, at 100%, centred on the scene point `centre`.
inline void showAt(QGraphicsView& view, const QSize& size, const QPointF& centre) {
  view.resize(size);
  view.show();
  view.resetTransform();
  view.centerOn(centre);
}

// The pad entry `entry` shown on `view`, or null.
inline QGraphicsItem* padItem(const QGraphicsView& view, const QString& entry) {
  for (QGraphicsItem* item : view.scene()->items()) {
    if (item->data(1).toString() == "pad" && item->data(2).toString() == entry) return item;
  }
  return nullptr;
}

// Where to click the pad entry `entry` on the view's viewport; (-1, -1) when
// it is not shown.
inline QPoint padCentre(const QGraphicsView& view, const QString& entry) {
  const QGraphicsItem* item = padItem(view, entry);
  return item ? view.mapFromScene(item->sceneBoundingRect().center()) : QPoint(-1, -1);
}

// The names of the pad entries shown that start with `prefix`, sorted.
inline QStringList padEntries(const QGraphicsView& view, const QString& prefix = {}) {
  QStringList entries;
  for (QGraphicsItem* item : view.scene()->items()) {
    const QString entry = item->data(2).toString();
    if (item->data(1).toString() == "pad" && entry.startsWith(prefix)) entries << entry;
  }
  entries.sort();
  return entries;
}

}  // namespace bpmn::test
