"""Draws a Figure (app.services.output.figure) with QPainter inside a rectangle of layout pixels: the title wrapped to
the width, the legend under it (never over the data), the axes with their labels, then the data. A report's picture
paints it scaled (app.services.output.charts), the window's chart view paints it as is; both get back the `Frame`
that says where each point went, for tooltips.

Text sizes are in points at 96 pixels per inch of the layout: laid out 600 px wide and printed 165 mm wide, 10 pt
stands 10,4 pt high on paper.
"""

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from app.services.output.figure import Axis, Bars, Figure, LegendEntry, Note, Point
from app.services.output.labels import place_labels

FONT_FAMILY = "PT Sans"
TITLE_PT, AXIS_LABEL_PT, TICK_PT, LEGEND_PT, NOTE_PT, POINT_LABEL_PT = 13, 11, 10, 10, 10, 9
CATEGORY_MIN_PT = 8  # printed at 165 mm from a 600 px layout: 8,3 pt
TEXT, AXIS, GRID, RULE, WHITE = "#1a1a1a", "#1a1a1a", "#e3e7ec", "#7f8b99", "#ffffff"
MARGIN, GAP = 8.0, 6.0
LINE_WIDTH, MARKER_RADIUS, POINT_RADIUS = 2.5, 5.0, 6.5
CROWD, MIN_POINT_RADIUS = 100, 3.0  # beyond CROWD points a scatter's points shrink (not below MIN_POINT_RADIUS)
SWATCH = 12.0
LABEL_ROOM = 0.45  # the most of the width category names beside the y axis may take
TIP_DISTANCE = 10.0  # px from a point within which the cursor names it
LABEL_HALO_ALPHA = 200  # a label's box is whitened behind its text: it stays legible over lines and crowded points


def font(points: float, bold: bool = False) -> QFont:
    chosen = QFont(FONT_FAMILY)
    chosen.setPixelSize(max(1, round(points * 96 / 72)))
    chosen.setBold(bold)
    return chosen


def wrap(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """Words into lines no wider than `width`; a word wider than that alone is cut with «…»."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(metrics.elidedText(word, Qt.TextElideMode.ElideRight, width))
    return lines


@dataclass
class Frame:
    """Where the data went: the rectangle the axes map onto (`plot`, in layout pixels), the whole plot with the
    corner notes' bands (`bounds`), each scatter point's position and where its label went."""

    plot: QRectF
    bounds: QRectF
    x: Axis
    y: Axis
    placed: list[tuple[QPointF, Point]] = field(default_factory=list)
    radius: float = POINT_RADIUS  # of the scatter's points
    labels: list[QRectF] = field(default_factory=list)
    tipped: list[tuple[QRectF, str]] = field(default_factory=list)  # boxes with a tooltip, as painted

    def at(self, x: float, y: float) -> QPointF:
        across = (x - self.x.low) / (self.x.high - self.x.low)
        down = (y - self.y.low) / (self.y.high - self.y.low)
        top = self.plot.top() + down * self.plot.height()
        return QPointF(self.plot.left() + across * self.plot.width(),
                       top if self.y.inverted else self.plot.bottom() - down * self.plot.height())

    def box(self, x0: float, y0: float, x1: float, y1: float) -> QRectF:
        return QRectF(self.at(x0, y0), self.at(x1, y1)).normalized()

    def point_at(self, position: QPointF) -> Point | None:
        """The point nearest to `position` within TIP_DISTANCE px of its edge, if any."""
        near = [(math.dist(where.toTuple(), position.toTuple()), point) for where, point in self.placed]
        near = [(distance, point) for distance, point in near if distance <= self.radius + TIP_DISTANCE]
        return min(near, key=lambda item: item[0])[1] if near else None

    def tip_at(self, position: QPointF) -> str | None:
        """The tooltip at `position`: the scatter point's there, else the box's under it."""
        point = self.point_at(position)
        if point is not None:
            return point.tip
        return next((tip for rect, tip in self.tipped if rect.contains(position)), None)


def paint(painter: QPainter, rect: QRectF, figure: Figure, highlight: Point | None = None) -> Frame:
    """Draw `figure` in `rect` (white behind it); `highlight` is drawn larger (the point under the cursor)."""
    painter.save()
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(rect, QColor(WHITE))
    area = rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    area = _title(painter, area, figure.title)
    area = _legend(painter, area, figure)
    area = _footnotes(painter, area, figure.footnotes)
    frame = _axes(painter, area, figure)
    _data(painter, frame, figure, highlight)
    painter.restore()
    return frame


def _text_block(painter: QPainter, area: QRectF, lines: list[str], colour: str, top: bool) -> QRectF:
    """Centred lines at the top (or bottom) of `area`; returns what is left of it."""
    metrics = QFontMetricsF(painter.font())
    height = metrics.lineSpacing() * len(lines)
    y = area.top() if top else area.bottom() - height
    painter.setPen(QColor(colour))
    for number, line in enumerate(lines):
        painter.drawText(QRectF(area.left(), y + number * metrics.lineSpacing(), area.width(), metrics.lineSpacing()),
                         Qt.AlignmentFlag.AlignCenter, line)
    room = height + GAP if lines else 0.0
    return area.adjusted(0, room, 0, 0) if top else area.adjusted(0, 0, 0, -room)


def _title(painter: QPainter, area: QRectF, title: str) -> QRectF:
    painter.setFont(font(TITLE_PT))
    return _text_block(painter, area, wrap(title, QFontMetricsF(painter.font()), area.width()), TEXT, top=True)


def _footnotes(painter: QPainter, area: QRectF, footnotes: tuple[tuple[str, str], ...]) -> QRectF:
    """The footnotes at the bottom of `area`, the first one highest; returns the area above them."""
    painter.setFont(font(NOTE_PT))
    metrics = QFontMetricsF(painter.font())
    for text, colour in reversed(footnotes):
        area = _text_block(painter, area, wrap(text, metrics, area.width()), colour, top=False)
    return area


def _legend(painter: QPainter, area: QRectF, figure: Figure) -> QRectF:
    """The legend's entries in rows above the plot, each row centred; returns the area below them."""
    if not figure.legend:
        return area
    painter.setFont(font(LEGEND_PT))
    metrics = QFontMetricsF(painter.font())
    widths = [SWATCH * (2 if entry.line else 1) + 4 + metrics.horizontalAdvance(entry.name) for entry in figure.legend]
    rows: list[list[int]] = [[]]
    for index, width in enumerate(widths):
        used = sum(widths[i] + 2 * GAP for i in rows[-1])
        if rows[-1] and used + width > area.width():
            rows.append([])
        rows[-1].append(index)
    height = metrics.lineSpacing()
    for number, row in enumerate(rows):
        x = area.center().x() - (sum(widths[i] for i in row) + 2 * GAP * (len(row) - 1)) / 2
        y = area.top() + number * height
        for index in row:
            _legend_entry(painter, QRectF(x, y, widths[index], height), figure.legend[index])
            x += widths[index] + 2 * GAP
    return area.adjusted(0, height * len(rows) + GAP, 0, 0)


def _legend_entry(painter: QPainter, rect: QRectF, entry: LegendEntry) -> None:
    middle = rect.center().y()
    colour = QColor(entry.colour)
    if entry.line:
        painter.setPen(QPen(colour, LINE_WIDTH))
        painter.drawLine(QPointF(rect.left(), middle), QPointF(rect.left() + 2 * SWATCH, middle))
        _marker(painter, QPointF(rect.left() + SWATCH, middle), MARKER_RADIUS, colour, colour)
        swatch = 2 * SWATCH
    else:
        painter.fillRect(QRectF(rect.left(), middle - SWATCH / 2, SWATCH, SWATCH), colour)
        swatch = SWATCH
    painter.setPen(QColor(TEXT))
    painter.drawText(rect.adjusted(swatch + 4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, entry.name)


def _marker(painter: QPainter, centre: QPointF, radius: float, fill: QColor, outline: QColor) -> None:
    painter.setPen(QPen(outline, 1))
    painter.setBrush(fill)
    painter.drawEllipse(centre, radius, radius)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _axes(painter: QPainter, area: QRectF, figure: Figure) -> Frame:
    """Axis labels, tick labels, grid and axis lines around the plot; returns the frame the data is drawn in."""
    ticks = QFontMetricsF(font(TICK_PT))
    labels = QFontMetricsF(font(AXIS_LABEL_PT))
    y_texts = [text for _, text in figure.y.ticks]
    tick_width = min(max((ticks.horizontalAdvance(t) for t in y_texts), default=0.0), area.width() * LABEL_ROOM)
    left = area.left() + (labels.lineSpacing() + GAP if figure.y.label else 0) + tick_width + GAP
    bottom = area.bottom() - ticks.lineSpacing() - GAP - (labels.lineSpacing() if figure.x.label else 0)
    plot = QRectF(QPointF(left, area.top()), QPointF(area.right() - ticks.horizontalAdvance("0000") / 2, bottom))
    frame = Frame(_inside_notes(plot, figure.notes), plot, figure.x, figure.y)
    _grid(painter, frame, plot)
    painter.setFont(font(TICK_PT))
    painter.setPen(QColor(TEXT))
    _y_ticks(painter, frame, plot.left() - GAP, tick_width)
    painter.setFont(font(TICK_PT))
    _x_ticks(painter, frame, plot.bottom() + 2)
    painter.setFont(font(AXIS_LABEL_PT))
    if figure.x.label:
        painter.drawText(QRectF(plot.left(), area.bottom() - labels.lineSpacing(), plot.width(),
                                labels.lineSpacing()), Qt.AlignmentFlag.AlignCenter,
                         labels.elidedText(figure.x.label, Qt.TextElideMode.ElideRight, plot.width()))
    if figure.y.label:
        painter.save()
        painter.translate(area.left(), plot.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), labels.lineSpacing()),
                         Qt.AlignmentFlag.AlignCenter,
                         labels.elidedText(figure.y.label, Qt.TextElideMode.ElideRight, plot.height()))
        painter.restore()
    return frame


def _inside_notes(plot: QRectF, notes: tuple[Note, ...]) -> QRectF:
    """The plot less the bands at its top and bottom that corner notes take."""
    spacing = QFontMetricsF(font(NOTE_PT, bold=True)).lineSpacing()

    def band(side: str) -> float:
        lines = [len(note.text.splitlines()) for note in notes if note.corner.startswith(side)]
        return spacing * max(lines) + GAP if lines else 0.0

    return plot.adjusted(0, band("top"), 0, -band("bottom"))


def _grid(painter: QPainter, frame: Frame, plot: QRectF) -> None:
    painter.setPen(QPen(QColor(GRID), 1))
    if frame.x.grid:
        for value, _ in frame.x.ticks:
            x = frame.at(value, frame.y.low).x()
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
    if frame.y.grid:
        for value, _ in frame.y.ticks:
            y = frame.at(frame.x.low, value).y()
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    painter.setPen(QPen(QColor(AXIS), 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())


def _every(count: int, room: float, need: float) -> int:
    """Every how many ticks a label fits, when `count` ticks share `room` and each label needs `need`."""
    return max(1, math.ceil(need * count / room)) if room > 0 else max(count, 1)


def _y_ticks(painter: QPainter, frame: Frame, right: float, width: float) -> None:
    """Tick labels right-aligned before the axis; categories too close for their text get it smaller (not below
    CATEGORY_MIN_PT), then every second (third, …) one labelled."""
    ticks = frame.y.ticks
    for points in range(TICK_PT, CATEGORY_MIN_PT - 1, -1):
        painter.setFont(font(points))
        metrics = QFontMetricsF(painter.font())
        if metrics.height() * len(ticks) <= frame.plot.height():
            break
    step = _every(len(ticks), frame.plot.height(), metrics.height())
    for value, text in ticks[::step]:
        y = frame.at(frame.x.low, value).y()
        painter.drawLine(QPointF(right + GAP - 4, y), QPointF(right + GAP, y))
        painter.drawText(QRectF(right - width, y - metrics.lineSpacing() / 2, width, metrics.lineSpacing()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))


def _x_ticks(painter: QPainter, frame: Frame, top: float) -> None:
    metrics = QFontMetricsF(painter.font())
    ticks = frame.x.ticks
    widest = max((metrics.horizontalAdvance(text) for _, text in ticks), default=0.0) + GAP
    for value, text in ticks[::_every(len(ticks), frame.plot.width(), widest)]:
        x = frame.at(value, frame.y.low).x()
        painter.drawLine(QPointF(x, top - 2), QPointF(x, top + 2))
        painter.drawText(QRectF(x - widest, top + 2, 2 * widest, metrics.lineSpacing()),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)


def _data(painter: QPainter, frame: Frame, figure: Figure, highlight: Point | None) -> None:
    painter.save()
    painter.setClipRect(frame.bounds.adjusted(-POINT_RADIUS, -POINT_RADIUS, POINT_RADIUS, POINT_RADIUS))
    for bars in figure.bars:
        painter.setPen(QPen(QColor(bars.outline), 1))
        painter.setBrush(QColor(bars.colour))
        rects = [frame.box(box.x0, box.y0, box.x1, box.y1) for box in bars.boxes]
        for rect in rects:
            painter.drawRect(rect)
        frame.tipped += list(zip(rects, bars.tips))
        _bar_values(painter, frame, bars)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for line in figure.lines:
        colour = QColor(line.colour)
        painter.setPen(QPen(colour, LINE_WIDTH))
        painter.drawPolyline([frame.at(x, y) for x, y in line.points])
        for x, y in line.points:
            _marker(painter, frame.at(x, y), MARKER_RADIUS, colour, colour)
    _rules(painter, frame, figure)
    painter.restore()
    taken = _notes(painter, frame, figure.notes)
    _points(painter, frame, figure.points, highlight, taken)
    if figure.empty:
        painter.setFont(font(AXIS_LABEL_PT))
        painter.setPen(QColor(RULE))
        painter.drawText(frame.bounds, Qt.AlignmentFlag.AlignCenter, "нет данных для диаграммы")


def _bar_values(painter: QPainter, frame: Frame, bars: Bars) -> None:
    """Each bar's value just past its end, or inside it where the plot ends first."""
    if not bars.values:
        return
    painter.save()
    painter.setFont(font(POINT_LABEL_PT))
    painter.setPen(QColor(TEXT))
    metrics = QFontMetricsF(painter.font())
    for box, value in zip(bars.boxes, bars.values):
        rect = frame.box(box.x0, box.y0, box.x1, box.y1)
        width = metrics.horizontalAdvance(value) + GAP
        inside = rect.right() + width > frame.plot.right()
        place = QRectF(rect.right() - width if inside else rect.right() + GAP / 2, rect.top(), width, rect.height())
        painter.drawText(place, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, value)
    painter.restore()


def _rules(painter: QPainter, frame: Frame, figure: Figure) -> None:
    painter.setPen(QPen(QColor(RULE), 1.5, Qt.PenStyle.DashLine))
    area = frame.bounds
    for rule in figure.rules:
        if rule.vertical:
            x = frame.at(rule.value, frame.y.low).x()
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
        else:
            y = frame.at(frame.x.low, rule.value).y()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))


def _notes(painter: QPainter, frame: Frame, notes: tuple[Note, ...]) -> list[QRectF]:
    """The corner notes in their bands; returns the rectangles they take."""
    painter.setFont(font(NOTE_PT, bold=True))
    metrics = QFontMetricsF(painter.font())
    area = frame.bounds.adjusted(GAP, GAP / 2, -GAP, -GAP / 2)
    taken = []
    for note in notes:
        vertical, horizontal = note.corner.split()
        flags = ((Qt.AlignmentFlag.AlignTop if vertical == "top" else Qt.AlignmentFlag.AlignBottom)
                 | (Qt.AlignmentFlag.AlignLeft if horizontal == "left" else Qt.AlignmentFlag.AlignRight))
        painter.setPen(QColor(note.colour))
        painter.drawText(area, flags, note.text)
        taken.append(metrics.boundingRect(area, flags, note.text))
    return taken


def _points(painter: QPainter, frame: Frame, points: tuple[Point, ...], highlight: Point | None,
            taken: list[QRectF]) -> None:
    """The scatter's points, then their labels, each where it covers the least of the others."""
    white = QColor(WHITE)
    frame.radius = POINT_RADIUS if len(points) <= CROWD else max(MIN_POINT_RADIUS,
                                                                 POINT_RADIUS * math.sqrt(CROWD / len(points)))
    for point in sorted(points, key=lambda point: bool(point.label)):  # the named ones on top of a crowd
        where = frame.at(point.x, point.y)
        frame.placed.append((where, point))
        radius = frame.radius + 2 if point == highlight else frame.radius
        _marker(painter, where, radius, QColor(point.colour), QColor(TEXT) if point == highlight else white)
    r = frame.radius
    dots = tuple((where.x() - r, where.y() - r, where.x() + r, where.y() + r) for where, _ in frame.placed)
    painter.setFont(font(POINT_LABEL_PT))
    painter.setPen(QColor(TEXT))
    metrics = QFontMetricsF(painter.font())
    named = sorted(((where, point) for where, point in frame.placed if point.label), key=lambda p: (p[1].x, p[1].y))
    if not named:
        return
    inks = [metrics.tightBoundingRect(point.label) for _, point in named]  # the letters' box, not the line's
    sizes = tuple((ink.width() + 2, ink.height() + 2) for ink in inks)
    notes = tuple(rect.getCoords() for rect in taken)
    places = place_labels(tuple(where.toTuple() for where, _ in named), sizes, frame.bounds.getCoords(), dots, notes,
                          frame.radius)
    frame.labels = [QRectF(QPointF(left, top), QPointF(right, bottom)) for left, top, right, bottom in places]
    halo = QColor(WHITE)
    halo.setAlpha(LABEL_HALO_ALPHA)
    for (where, point), rect, ink in zip(named, frame.labels, inks):
        _leader(painter, where, rect)
        painter.fillRect(rect, halo)
        painter.drawText(QPointF(rect.left() + 1 - ink.left(), rect.top() + 1 - ink.top()), point.label)


def _leader(painter: QPainter, where: QPointF, label: QRectF) -> None:
    """A thin line from a point to its label when the label stands off (a crowd pushed it away)."""
    nearest = QPointF(min(max(where.x(), label.left()), label.right()),
                      min(max(where.y(), label.top()), label.bottom()))
    if math.dist(where.toTuple(), nearest.toTuple()) > POINT_RADIUS + 4:
        painter.save()
        painter.setPen(QPen(QColor(RULE), 0.8))
        painter.drawLine(where, nearest)
        painter.restore()
