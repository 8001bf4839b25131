// The BPMN notation (notation.h). Sizes and strokes follow bpmn.io:
// activities rounded 10 with a 2 px border, events 36 px (start 2 px,
// intermediate double, end 4 px), gateways 50 px diamonds.
#include "notation.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <QTextLayout>
#include <QtMath>

namespace bpmn::modeler {

using model::ElementKind;
using model::EventDefinitionKind;

namespace {

constexpr const char* kBiocUri = "http://bpmn.io/schema/bpmn/biocolor/1.0";
constexpr const char* kColorUri = "http://www.omg.org/spec/BPMN/non-normative/color/1.0";

QFont labelFont() {
  QFont font("DejaVu Sans");
  font.setPixelSize(11);
  return font;
}

// bpmn.io's external labels are 90 wide; a label's text wraps at that
// width (or its DI label bounds' width when wider).
constexpr double kLabelWidth = 90;

void drawLines(QPainter& p, const std::vector<TextLine>& lines) {
  p.setFont(labelFont());
  const double ascent = QFontMetricsF(labelFont()).ascent();
  for (const TextLine& line : lines) p.drawText(QPointF(line.rect.left(), line.rect.top() + ascent), line.text);
}

QPen pen(const Style& style, double width, Qt::PenStyle line = Qt::SolidLine) {
  QPen result(style.stroke, width, line);
  result.setJoinStyle(Qt::RoundJoin);
  result.setCapStyle(Qt::RoundCap);
  return result;
}

// The envelope of a message, filled when thrown.
void envelope(QPainter& p, const QRectF& r, const Style& s, bool filled) {
  p.setPen(pen(s, 1.2));
  p.setBrush(filled ? QBrush(s.stroke) : QBrush(s.fill));
  p.drawRect(r);
  QPen flap = pen(s, 1.2);
  if (filled) flap.setColor(s.fill);
  p.setPen(flap);
  p.drawPolyline(QPolygonF({r.topLeft(), QPointF(r.center().x(), r.center().y() + 1), r.topRight()}));
}

// The symbol of an event definition inside an event circle of `r`.
void eventSymbol(QPainter& p, EventDefinitionKind kind, const QRectF& r, const Style& s, bool thrown) {
  const QPointF c = r.center();
  const double u = r.width() / 36.0;  // 1 at bpmn.io's size
  p.setBrush(thrown ? QBrush(s.stroke) : Qt::NoBrush);
  p.setPen(pen(s, 1.5 * u));
  switch (kind) {
    case EventDefinitionKind::kMessage:
      envelope(p, QRectF(c.x() - 9 * u, c.y() - 6.5 * u, 18 * u, 13 * u), s, thrown);
      break;
    case EventDefinitionKind::kTimer: {
      p.setBrush(s.fill);
      p.drawEllipse(c, 11 * u, 11 * u);
      for (int i = 0; i < 12; ++i) {
        const double a = i * M_PI / 6;
        p.drawLine(QPointF(c.x() + 9 * u * std::cos(a), c.y() + 9 * u * std::sin(a)),
                   QPointF(c.x() + 11 * u * std::cos(a), c.y() + 11 * u * std::sin(a)));
      }
      p.drawLine(c, QPointF(c.x() + 5 * u, c.y() - 3 * u));
      p.drawLine(c, QPointF(c.x(), c.y() - 8 * u));
      break;
    }
    case EventDefinitionKind::kSignal:
      p.drawPolygon(QPolygonF({QPointF(c.x(), c.y() - 10 * u), QPointF(c.x() + 9 * u, c.y() + 6 * u),
                               QPointF(c.x() - 9 * u, c.y() + 6 * u)}));
      break;
    case EventDefinitionKind::kError:
      p.drawPolygon(QPolygonF({QPointF(c.x() - 8 * u, c.y() + 9 * u), QPointF(c.x() - 4 * u, c.y() - 8 * u),
                               QPointF(c.x() + 2 * u, c.y() + 1 * u), QPointF(c.x() + 8 * u, c.y() - 9 * u),
                               QPointF(c.x() + 4 * u, c.y() + 8 * u), QPointF(c.x() - 2 * u, c.y() - 1 * u)}));
      break;
    case EventDefinitionKind::kEscalation:
      p.drawPolygon(QPolygonF({QPointF(c.x(), c.y() - 10 * u), QPointF(c.x() + 7 * u, c.y() + 9 * u),
                               QPointF(c.x(), c.y() + 2 * u), QPointF(c.x() - 7 * u, c.y() + 9 * u)}));
      break;
    case EventDefinitionKind::kConditional: {
      p.setBrush(s.fill);
      const QRectF page(c.x() - 7 * u, c.y() - 9 * u, 14 * u, 18 * u);
      p.drawRect(page);
      for (int i = 0; i < 4; ++i) {
        const double y = page.top() + (3.5 + i * 3.8) * u;
        p.drawLine(QPointF(page.left() + 2.5 * u, y), QPointF(page.right() - 2.5 * u, y));
      }
      break;
    }
    case EventDefinitionKind::kCompensate:
      p.drawPolygon(QPolygonF({QPointF(c.x() - 9 * u, c.y()), QPointF(c.x() - 1 * u, c.y() - 6 * u),
                               QPointF(c.x() - 1 * u, c.y() + 6 * u)}));
      p.drawPolygon(QPolygonF({QPointF(c.x() - 1 * u, c.y()), QPointF(c.x() + 7 * u, c.y() - 6 * u),
                               QPointF(c.x() + 7 * u, c.y() + 6 * u)}));
      break;
    case EventDefinitionKind::kLink:
      p.drawPolygon(QPolygonF({QPointF(c.x() - 8 * u, c.y() - 3 * u), QPointF(c.x() + 1 * u, c.y() - 3 * u),
                               QPointF(c.x() + 1 * u, c.y() - 8 * u), QPointF(c.x() + 9 * u, c.y()),
                               QPointF(c.x() + 1 * u, c.y() + 8 * u), QPointF(c.x() + 1 * u, c.y() + 3 * u),
                               QPointF(c.x() - 8 * u, c.y() + 3 * u)}));
      break;
    case EventDefinitionKind::kCancel:
      p.setPen(pen(s, 3 * u));
      p.drawLine(QPointF(c.x() - 7 * u, c.y() - 7 * u), QPointF(c.x() + 7 * u, c.y() + 7 * u));
      p.drawLine(QPointF(c.x() + 7 * u, c.y() - 7 * u), QPointF(c.x() - 7 * u, c.y() + 7 * u));
      break;
    case EventDefinitionKind::kTerminate:
      p.setBrush(s.stroke);
      p.drawEllipse(c, 10 * u, 10 * u);
      break;
  }
}

void pentagon(QPainter& p, const QPointF& c, double radius) {
  QPolygonF shape;
  for (int i = 0; i < 5; ++i) {
    const double a = -M_PI / 2 + i * 2 * M_PI / 5;
    shape << QPointF(c.x() + radius * std::cos(a), c.y() + radius * std::sin(a));
  }
  p.drawPolygon(shape);
}

void paintEvent(QPainter& p, const model::FlowElement& e, const QRectF& r, const Style& s) {
  const bool nonInterrupting = (e.kind == ElementKind::kBoundaryEvent && !e.cancelActivity.value_or(true)) ||
                               (e.kind == ElementKind::kStartEvent && !e.isInterrupting.value_or(true));
  const Qt::PenStyle line = nonInterrupting ? Qt::DashLine : Qt::SolidLine;
  p.setBrush(s.fill);
  const double u = r.width() / 36.0;
  if (e.kind == ElementKind::kStartEvent) {
    p.setPen(pen(s, 2 * u, line));
    p.drawEllipse(r);
  } else if (e.kind == ElementKind::kEndEvent) {
    p.setPen(pen(s, 4 * u));
    p.drawEllipse(r.adjusted(1 * u, 1 * u, -1 * u, -1 * u));
  } else {
    p.setPen(pen(s, 1.5 * u, line));
    p.drawEllipse(r);
    p.drawEllipse(r.adjusted(3 * u, 3 * u, -3 * u, -3 * u));
  }
  const bool thrown = e.kind == ElementKind::kEndEvent || e.kind == ElementKind::kIntermediateThrowEvent;
  const std::size_t count = e.eventDefinitions.size() + e.eventDefinitionRefs.size();
  if (count > 1) {
    p.setPen(pen(s, 1.5 * u));
    p.setBrush(thrown ? QBrush(s.stroke) : Qt::NoBrush);
    if (e.parallelMultiple.value_or(false)) {
      p.drawLine(QPointF(r.center().x(), r.center().y() - 9 * u), QPointF(r.center().x(), r.center().y() + 9 * u));
      p.drawLine(QPointF(r.center().x() - 9 * u, r.center().y()), QPointF(r.center().x() + 9 * u, r.center().y()));
    } else {
      pentagon(p, r.center(), 10 * u);
    }
  } else if (!e.eventDefinitions.empty()) {
    eventSymbol(p, e.eventDefinitions.front().kind, r, s, thrown);
  }
}

void paintGateway(QPainter& p, const model::FlowElement& e, const model::DiElement& di, const QRectF& r,
                  const Style& s) {
  const QPointF c = r.center();
  const double u = r.width() / 50.0;
  p.setPen(pen(s, 2 * u));
  p.setBrush(s.fill);
  p.drawPolygon(QPolygonF(
      {QPointF(c.x(), r.top()), QPointF(r.right(), c.y()), QPointF(c.x(), r.bottom()), QPointF(r.left(), c.y())}));
  p.setPen(pen(s, 4 * u));
  switch (e.kind) {
    case ElementKind::kExclusiveGateway:
      if (di.isMarkerVisible.value_or(false)) {
        p.drawLine(QPointF(c.x() - 8 * u, c.y() - 10 * u), QPointF(c.x() + 8 * u, c.y() + 10 * u));
        p.drawLine(QPointF(c.x() + 8 * u, c.y() - 10 * u), QPointF(c.x() - 8 * u, c.y() + 10 * u));
      }
      break;
    case ElementKind::kParallelGateway:
      p.drawLine(QPointF(c.x(), c.y() - 12 * u), QPointF(c.x(), c.y() + 12 * u));
      p.drawLine(QPointF(c.x() - 12 * u, c.y()), QPointF(c.x() + 12 * u, c.y()));
      break;
    case ElementKind::kInclusiveGateway:
      p.setPen(pen(s, 2.5 * u));
      p.setBrush(Qt::NoBrush);
      p.drawEllipse(c, 11 * u, 11 * u);
      break;
    case ElementKind::kComplexGateway:
      p.setPen(pen(s, 3 * u));
      for (int i = 0; i < 4; ++i) {
        const double a = i * M_PI / 4;
        p.drawLine(QPointF(c.x() - 12 * u * std::cos(a), c.y() - 12 * u * std::sin(a)),
                   QPointF(c.x() + 12 * u * std::cos(a), c.y() + 12 * u * std::sin(a)));
      }
      break;
    case ElementKind::kEventBasedGateway:
      p.setPen(pen(s, 1.2 * u));
      p.setBrush(Qt::NoBrush);
      p.drawEllipse(c, 11 * u, 11 * u);
      p.drawEllipse(c, 8.5 * u, 8.5 * u);
      pentagon(p, c, 6 * u);
      break;
    default:
      break;
  }
}

// The small icons in an activity's top-left corner.
void taskIcon(QPainter& p, ElementKind kind, const QPointF& at, const Style& s) {
  p.setPen(pen(s, 1.2));
  p.setBrush(s.fill);
  switch (kind) {
    case ElementKind::kServiceTask: {
      const QPointF c(at.x() + 9, at.y() + 9);
      for (int i = 0; i < 8; ++i) {
        const double a = i * M_PI / 4;
        p.drawLine(QPointF(c.x() + 4 * std::cos(a), c.y() + 4 * std::sin(a)),
                   QPointF(c.x() + 7.5 * std::cos(a), c.y() + 7.5 * std::sin(a)));
      }
      p.drawEllipse(c, 5, 5);
      p.drawEllipse(c, 2, 2);
      break;
    }
    case ElementKind::kUserTask: {
      const QPointF c(at.x() + 9, at.y() + 6);
      QPainterPath body;
      body.moveTo(at.x() + 2, at.y() + 18);
      body.quadTo(at.x() + 2, at.y() + 10, c.x(), at.y() + 10);
      body.quadTo(at.x() + 16, at.y() + 10, at.x() + 16, at.y() + 18);
      body.closeSubpath();
      p.drawPath(body);
      p.drawEllipse(c, 4, 4);
      break;
    }
    case ElementKind::kScriptTask: {
      const QRectF page(at.x() + 2, at.y() + 1, 13, 16);
      p.drawRect(page);
      for (int i = 0; i < 4; ++i)
        p.drawLine(QPointF(page.left() + 3, page.top() + 3.5 + i * 3),
                   QPointF(page.right() - 3, page.top() + 3.5 + i * 3));
      break;
    }
    case ElementKind::kSendTask:
      envelope(p, QRectF(at.x() + 1, at.y() + 3, 18, 12), s, true);
      break;
    case ElementKind::kReceiveTask:
      envelope(p, QRectF(at.x() + 1, at.y() + 3, 18, 12), s, false);
      break;
    case ElementKind::kManualTask: {
      QPainterPath hand;
      hand.addRoundedRect(QRectF(at.x() + 1, at.y() + 6, 16, 9), 3, 3);
      for (int i = 0; i < 3; ++i) hand.addRoundedRect(QRectF(at.x() + 6 + i * 4, at.y() + 2, 3, 6), 1.5, 1.5);
      p.drawPath(hand);
      break;
    }
    case ElementKind::kBusinessRuleTask: {
      const QRectF table(at.x() + 1, at.y() + 2, 18, 14);
      p.drawRect(table);
      p.setBrush(s.stroke);
      p.drawRect(QRectF(table.left(), table.top(), table.width(), 4));
      p.drawLine(QPointF(table.left(), table.top() + 9), QPointF(table.right(), table.top() + 9));
      p.drawLine(QPointF(table.left() + 6, table.top() + 4), QPointF(table.left() + 6, table.bottom()));
      break;
    }
    default:
      break;
  }
}

// Markers along an activity's bottom edge: collapsed [+], ad-hoc ~, loops,
// compensation.
void activityMarkers(QPainter& p, const model::FlowElement& e, const QRectF& r, bool collapsed, const Style& s) {
  std::vector<int> markers;  // 0 collapsed, 1 ad-hoc, 2 loop, 3 parallel MI, 4 sequential MI, 5 compensation
  if (collapsed) markers.push_back(0);
  if (e.kind == ElementKind::kAdHocSubProcess) markers.push_back(1);
  if (e.loop) markers.push_back(!e.loop->multiInstance ? 2 : e.loop->isSequential.value_or(false) ? 4 : 3);
  if (e.isForCompensation.value_or(false)) markers.push_back(5);
  const double size = 14, gap = 4;
  double x = r.center().x() - (markers.size() * size + (markers.size() - 1) * gap) / 2;
  const double y = r.bottom() - size - 4;
  p.setPen(pen(s, 1.5));
  p.setBrush(Qt::NoBrush);
  for (int marker : markers) {
    const QRectF m(x, y, size, size);
    switch (marker) {
      case 0:
        p.drawRect(m);
        p.drawLine(QPointF(m.center().x(), m.top() + 3), QPointF(m.center().x(), m.bottom() - 3));
        p.drawLine(QPointF(m.left() + 3, m.center().y()), QPointF(m.right() - 3, m.center().y()));
        break;
      case 1: {
        QPainterPath tilde;
        tilde.moveTo(m.left(), m.center().y() + 2);
        tilde.cubicTo(m.left() + 4, m.center().y() - 6, m.right() - 4, m.center().y() + 6, m.right(),
                      m.center().y() - 2);
        p.drawPath(tilde);
        break;
      }
      case 2:
        p.drawArc(m.adjusted(1, 1, -1, -1), 300 * 16, 280 * 16);
        p.drawLine(QPointF(m.left() + 3, m.bottom() - 1), QPointF(m.left() + 3, m.bottom() - 5));
        break;
      case 3:
        for (int i = 0; i < 3; ++i)
          p.drawLine(QPointF(m.left() + 2 + i * 5, m.top()), QPointF(m.left() + 2 + i * 5, m.bottom()));
        break;
      case 4:
        for (int i = 0; i < 3; ++i)
          p.drawLine(QPointF(m.left(), m.top() + 2 + i * 5), QPointF(m.right(), m.top() + 2 + i * 5));
        break;
      case 5:
        p.drawPolygon(QPolygonF({QPointF(m.left(), m.center().y()), QPointF(m.center().x(), m.top() + 2),
                                 QPointF(m.center().x(), m.bottom() - 2)}));
        p.drawPolygon(QPolygonF({QPointF(m.center().x(), m.center().y()), QPointF(m.right(), m.top() + 2),
                                 QPointF(m.right(), m.bottom() - 2)}));
        break;
    }
    x += size + gap;
  }
}

void paintActivity(QPainter& p, const ElementInfo& info, const model::DiElement& di, const QRectF& r, const Style& s) {
  const model::FlowElement& e = *info.element;
  const bool subProcess = model::isSubProcessKind(e.kind);
  const bool expanded = (subProcess || e.kind == ElementKind::kCallActivity) && di.isExpanded.value_or(false);
  QPen border = pen(s, e.kind == ElementKind::kCallActivity ? 5 : 2);
  if (e.triggeredByEvent.value_or(false)) border.setStyle(Qt::DotLine);
  p.setPen(border);
  p.setBrush(s.fill);
  p.drawRoundedRect(r, 10, 10);
  if (e.kind == ElementKind::kTransaction) {
    p.setPen(pen(s, 1.5));
    p.drawRoundedRect(r.adjusted(3, 3, -3, -3), 7, 7);
  }
  taskIcon(p, e.kind, QPointF(r.left() + 6, r.top() + 6), s);
  activityMarkers(p, e, r, subProcess && !expanded, s);
  p.setPen(s.label);
  drawLines(p, shapeText(&info, di, r));
}

void paintData(QPainter& p, const ElementInfo& info, const QRectF& r, const Style& s) {
  p.setPen(pen(s, 1.5));
  p.setBrush(s.fill);
  const bool store = info.localName == "dataStoreReference";
  if (store) {
    const double cap = std::min(10.0, r.height() / 4);
    QPainterPath drum;
    drum.moveTo(r.left(), r.top() + cap / 2);
    drum.lineTo(r.left(), r.bottom() - cap / 2);
    drum.arcTo(QRectF(r.left(), r.bottom() - cap, r.width(), cap), 180, 180);
    drum.lineTo(r.right(), r.top() + cap / 2);
    drum.arcTo(QRectF(r.left(), r.top(), r.width(), cap), 0, 180);
    p.drawPath(drum);
    for (int i = 1; i <= 2; ++i) p.drawArc(QRectF(r.left(), r.top() + i * cap / 2, r.width(), cap), 180 * 16, 180 * 16);
    return;
  }
  const double fold = std::min(10.0, r.width() / 3);
  p.drawPolygon(QPolygonF({r.topLeft(), QPointF(r.right() - fold, r.top()), QPointF(r.right(), r.top() + fold),
                           r.bottomRight(), r.bottomLeft()}));
  p.drawPolyline(QPolygonF({QPointF(r.right() - fold, r.top()), QPointF(r.right() - fold, r.top() + fold),
                            QPointF(r.right(), r.top() + fold)}));
  if (info.localName == "dataInput" || info.localName == "dataOutput") {
    p.setBrush(info.localName == "dataOutput" ? QBrush(s.stroke) : QBrush(s.fill));
    const QPointF a(r.left() + 4, r.top() + 6);
    p.drawPolygon(
        QPolygonF({a, QPointF(a.x() + 7, a.y()), QPointF(a.x() + 7, a.y() - 3), QPointF(a.x() + 12, a.y() + 2),
                   QPointF(a.x() + 7, a.y() + 7), QPointF(a.x() + 7, a.y() + 4), QPointF(a.x(), a.y() + 4)}));
  }
  if (info.collection) {
    for (int i = 0; i < 3; ++i) {
      const double x = r.center().x() - 5 + i * 5;
      p.drawLine(QPointF(x, r.bottom() - 10), QPointF(x, r.bottom() - 3));
    }
  }
}

void paintPoolOrLane(QPainter& p, const ElementInfo& info, const model::DiElement& di, const QRectF& r,
                     const Style& s) {
  const bool horizontal = di.isHorizontal.value_or(true);
  p.setPen(pen(s, info.category == ElementInfo::Category::kLane ? 1 : 1.5));
  p.setBrush(info.category == ElementInfo::Category::kLane ? Qt::NoBrush : QBrush(s.fill));
  p.drawRect(r);
  const bool band = info.category == ElementInfo::Category::kLane || info.hasProcess;
  p.setFont(labelFont());
  p.setPen(s.label);
  if (!band) {  // a black-box pool: its name in the middle
    drawLines(p, shapeText(&info, di, r));
    return;
  }
  const double width = 30;
  p.setPen(pen(s, info.category == ElementInfo::Category::kLane ? 1 : 1.5));
  if (horizontal && info.category == ElementInfo::Category::kParticipant) {
    p.drawLine(QPointF(r.left() + width, r.top()), QPointF(r.left() + width, r.bottom()));
  } else if (!horizontal && info.category == ElementInfo::Category::kParticipant) {
    p.drawLine(QPointF(r.left(), r.top() + width), QPointF(r.right(), r.top() + width));
  }
  p.setPen(s.label);
  if (horizontal) {
    p.save();
    p.translate(r.left() + width / 2, r.center().y());
    p.rotate(-90);
    p.drawText(QRectF(-r.height() / 2, -width / 2, r.height(), width), Qt::AlignCenter, info.name);
    p.restore();
  } else {
    p.drawText(QRectF(r.left(), r.top(), r.width(), width), Qt::AlignCenter, info.name);
  }
}

void arrowHead(QPainter& p, const QPointF& from, const QPointF& to, const Style& s, bool filled, double length = 11) {
  const QLineF line(to, from);
  if (line.length() < 0.01) return;
  const double angle = std::atan2(from.y() - to.y(), from.x() - to.x());
  const QPointF left(to.x() + length * std::cos(angle + 0.4), to.y() + length * std::sin(angle + 0.4));
  const QPointF right(to.x() + length * std::cos(angle - 0.4), to.y() + length * std::sin(angle - 0.4));
  p.setPen(pen(s, 1.5));
  p.setBrush(filled ? QBrush(s.stroke) : QBrush(s.fill));
  p.drawPolygon(QPolygonF({to, left, right}));
}

}  // namespace

// As bpmn-js draws them: OMG colours before bpmn.io's older bioc: ones,
// label text in the stroke colour unless the label has its own.
Style styleOf(const model::DiElement& di) {
  Style style;
  QColor stroke, fill, biocStroke, biocFill;
  for (const auto& attribute : di.otherAttributes) {
    const QColor color(QString::fromStdString(attribute.value));
    if (!color.isValid()) continue;
    const auto local = attribute.localName();
    if (attribute.nsUri == kBiocUri && local == "stroke") biocStroke = color;
    if (attribute.nsUri == kBiocUri && local == "fill") biocFill = color;
    if (attribute.nsUri == kColorUri && local == "border-color") stroke = color;
    if (attribute.nsUri == kColorUri && local == "background-color") fill = color;
  }
  if (!stroke.isValid()) stroke = biocStroke;
  if (!fill.isValid()) fill = biocFill;
  if (stroke.isValid()) style.stroke = style.label = stroke;
  if (fill.isValid()) style.fill = fill;
  if (di.label) {
    for (const auto& attribute : di.label->otherAttributes) {
      const QColor color(QString::fromStdString(attribute.value));
      if (color.isValid() && attribute.nsUri == kColorUri && attribute.localName() == "color") style.label = color;
    }
  }
  return style;
}

void paintShape(QPainter& p, const ElementInfo* info, const model::DiElement& di, const QRectF& r, const Style& s) {
  p.setRenderHint(QPainter::Antialiasing);
  if (!info) {
    p.setPen(pen(s, 1, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    return;
  }
  switch (info->category) {
    case ElementInfo::Category::kFlowNode: {
      const auto& e = *info->element;
      if (model::isEvent(e.kind)) {
        paintEvent(p, e, r, s);
      } else if (model::isGateway(e.kind)) {
        paintGateway(p, e, di, r, s);
      } else {
        paintActivity(p, *info, di, r, s);
      }
      break;
    }
    case ElementInfo::Category::kParticipant:
    case ElementInfo::Category::kLane:
      paintPoolOrLane(p, *info, di, r, s);
      break;
    case ElementInfo::Category::kData:
      paintData(p, *info, r, s);
      break;
    case ElementInfo::Category::kTextAnnotation: {
      p.setPen(pen(s, 1.5));
      p.drawPolyline(QPolygonF(
          {QPointF(r.left() + 10, r.top()), r.topLeft(), r.bottomLeft(), QPointF(r.left() + 10, r.bottom())}));
      p.setPen(s.label);
      drawLines(p, shapeText(info, di, r));
      break;
    }
    case ElementInfo::Category::kGroup:
      p.setPen(pen(s, 1.5, Qt::DashDotLine));
      p.setBrush(Qt::NoBrush);
      p.drawRoundedRect(r, 10, 10);
      break;
    default:
      p.setPen(pen(s, 1, Qt::DashLine));
      p.setBrush(Qt::NoBrush);
      p.drawRect(r);
      break;
  }
}

void paintMessageMarker(QPainter& p, const QPolygonF& w, bool initiating, const Style& s) {
  if (w.size() < 2) return;
  const QPointF middle = (w[w.size() / 2 - 1] + w[w.size() / 2]) / 2;
  Style marker = s;
  if (!initiating) marker.fill = QColor(0xc8, 0xc8, 0xc8);
  envelope(p, QRectF(middle.x() - 10, middle.y() - 7, 20, 14), marker, false);
}

void paintEdge(QPainter& p, const ElementInfo* info, const QPolygonF& w, const Style& s) {
  if (w.size() < 2) return;
  p.setRenderHint(QPainter::Antialiasing);
  const auto category = info ? info->category : ElementInfo::Category::kOther;
  p.setBrush(Qt::NoBrush);
  switch (category) {
    case ElementInfo::Category::kMessageFlow: {
      p.setPen(pen(s, 1.5, Qt::DashLine));
      p.drawPolyline(w);
      p.setPen(pen(s, 1.5));
      p.setBrush(s.fill);
      p.drawEllipse(w.first(), 4, 4);
      arrowHead(p, w[w.size() - 2], w.last(), s, false);
      break;
    }
    case ElementInfo::Category::kAssociation:
      p.setPen(pen(s, 1.5, Qt::DotLine));
      p.drawPolyline(w);
      if (info->associationDirection == "One" || info->associationDirection == "Both") {
        p.setPen(pen(s, 1.5));
        const double angle = std::atan2(w[w.size() - 2].y() - w.last().y(), w[w.size() - 2].x() - w.last().x());
        for (double side : {0.45, -0.45}) {
          p.drawLine(w.last(),
                     QPointF(w.last().x() + 10 * std::cos(angle + side), w.last().y() + 10 * std::sin(angle + side)));
        }
      }
      break;
    case ElementInfo::Category::kData:
    case ElementInfo::Category::kOther:  // data associations are verbatim content
      p.setPen(pen(s, 1.5, Qt::DotLine));
      p.drawPolyline(w);
      p.setPen(pen(s, 1.5));
      {
        const double angle = std::atan2(w[w.size() - 2].y() - w.last().y(), w[w.size() - 2].x() - w.last().x());
        for (double side : {0.45, -0.45}) {
          p.drawLine(w.last(),
                     QPointF(w.last().x() + 10 * std::cos(angle + side), w.last().y() + 10 * std::sin(angle + side)));
        }
      }
      break;
    default: {  // sequence flows
      p.setPen(pen(s, 1.5));
      p.drawPolyline(w);
      arrowHead(p, w[w.size() - 2], w.last(), s, true);
      const QLineF first(w[0], w[1]);
      if (first.length() > 1 && info && info->isDefault) {
        const QPointF at = first.pointAt(std::min(0.5, 12 / first.length()));
        const QLineF normal = first.normalVector().unitVector();
        const QPointF d(normal.dx() * 6 + first.unitVector().dx() * 4, normal.dy() * 6 + first.unitVector().dy() * 4);
        p.drawLine(at - d, at + d);
      }
      if (first.length() > 1 && info && info->isConditional) {
        const QLineF unit = first.unitVector();
        const QPointF along(unit.dx() * 8, unit.dy() * 8);
        const QPointF across(-unit.dy() * 5, unit.dx() * 5);
        p.setBrush(s.fill);
        p.drawPolygon(QPolygonF({w[0], w[0] + along + across, w[0] + along * 2, w[0] + along - across}));
      }
      break;
    }
  }
}

bool hasExternalLabel(const ElementInfo* info) {
  if (!info) return false;
  switch (info->category) {
    case ElementInfo::Category::kFlowNode:
      return model::isEvent(info->element->kind) || model::isGateway(info->element->kind);
    case ElementInfo::Category::kData:
    case ElementInfo::Category::kSequenceFlow:
    case ElementInfo::Category::kMessageFlow:
    case ElementInfo::Category::kGroup:
      return true;
    default:
      return false;
  }
}

QRectF defaultLabelRect(const ElementInfo* info, const QRectF& bounds) {
  // bpmn.io puts a group's label at its top, inside.
  if (info && info->category == ElementInfo::Category::kGroup) {
    return QRectF(bounds.center().x() - 75, bounds.top() + 7, 150, 20);
  }
  return QRectF(bounds.center().x() - kLabelWidth / 2, bounds.bottom() + 5, kLabelWidth, 30);
}

QRectF defaultLabelRect(const QPolygonF& waypoints) {
  const QPointF middle = waypoints.size() >= 2
                             ? (waypoints[waypoints.size() / 2 - 1] + waypoints[waypoints.size() / 2]) / 2
                             : waypoints.value(0);
  return QRectF(middle.x() - 50, middle.y() - 25, 100, 20);
}

std::vector<TextLine> layoutText(const QString& text, const QRectF& area, Qt::Alignment alignment) {
  std::vector<TextLine> lines;
  if (text.isEmpty()) return lines;
  QString prepared = text;
  prepared.replace(QLatin1Char('\n'), QChar::LineSeparator);
  const QFont font = labelFont();
  const QFontMetricsF metrics(font);
  QTextLayout layout(prepared, font);
  QTextOption option;
  option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  layout.setTextOption(option);
  const double width = std::max(1.0, area.width());
  double height = 0;
  layout.beginLayout();
  for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
    line.setLineWidth(width);
    const QString part = prepared.mid(line.textStart(), line.textLength()).trimmed();
    const double advance = metrics.horizontalAdvance(part);
    const double left = (alignment & Qt::AlignLeft) ? area.left() : area.left() + (width - advance) / 2;
    lines.push_back({part, QRectF(left, height, advance, line.height())});
    height += line.height();
  }
  layout.endLayout();
  const double top = (alignment & Qt::AlignVCenter) ? area.top() + (area.height() - height) / 2 : area.top();
  for (TextLine& line : lines) line.rect.translate(0, top);
  std::erase_if(lines, [](const TextLine& line) { return line.text.isEmpty(); });
  return lines;
}

std::vector<TextLine> shapeText(const ElementInfo* info, const model::DiElement& di, const QRectF& r) {
  if (!info) return {};
  switch (info->category) {
    case ElementInfo::Category::kFlowNode: {
      const model::FlowElement& e = *info->element;
      if (model::isEvent(e.kind) || model::isGateway(e.kind)) return {};
      const bool expanded =
          (model::isSubProcessKind(e.kind) || e.kind == ElementKind::kCallActivity) && di.isExpanded.value_or(false);
      if (expanded) return layoutText(info->name, r.adjusted(10, 8, -10, -8), Qt::AlignLeft | Qt::AlignTop);
      return layoutText(info->name, r.adjusted(8, 6, -8, -6), Qt::AlignCenter);
    }
    case ElementInfo::Category::kParticipant:
      if (info->hasProcess) return {};  // the name goes into the band
      return layoutText(info->name, r.adjusted(5, 5, -5, -5), Qt::AlignCenter);
    case ElementInfo::Category::kTextAnnotation:
      return layoutText(info->name, r.adjusted(5, 5, -5, -5), Qt::AlignLeft | Qt::AlignVCenter);
    default:
      return {};
  }
}

std::vector<TextLine> labelText(const QString& text, const QRectF& rect) {
  const double width = std::max(rect.width(), kLabelWidth);
  return layoutText(text, QRectF(rect.center().x() - width / 2, rect.top(), width, rect.height()),
                    Qt::AlignHCenter | Qt::AlignTop);
}

void paintLabel(QPainter& painter, const QString& text, const QRectF& rect, const Style& style) {
  if (text.isEmpty()) return;
  painter.setRenderHint(QPainter::TextAntialiasing);
  painter.setPen(style.label);
  drawLines(painter, labelText(text, rect));
}

}  // namespace bpmn::modeler
