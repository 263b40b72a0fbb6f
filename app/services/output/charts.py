"""Charts drawn with pyqtgraph: one drawing function per chart (shared by the window's views) and PNG rendering
for the reports. White background, dark axes, Russian titles and labels, a legend.

    png = render_png("quadrants", chart_data.quadrant_points(session, 2022), "Результаты и ИСБ, 2022 год")

Rendering needs a QApplication (one is created, offscreen if there is no screen); when called from a worker
thread, the drawing is done on the application's thread, where Qt allows widgets.
"""

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QBuffer, QIODevice, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QImage
from PySide6.QtWidgets import QApplication

from app import (
    paths,
    qt_compat,  # noqa: F401 — the PySide6 refcount workaround must precede any Qt call
)

DEFAULT_SIZE = (1200, 700)
# A report's chart is laid out about PRINT_LAYOUT_WIDTH px wide and exported at its full pixel size, sharper: laid
# out 600 px wide, a 10 pt label (13,3 px at Qt's 96 dpi) printed 165 mm wide stands 10,4 pt high — text stays ≥ 8 pt
# in print, as it would not on a 1200 px layout (5,2 pt). A narrower picture is laid out at its own size.
PRINT_LAYOUT_WIDTH = 600
LEGEND_PT = 10
POINT_LABEL_ANCHORS = ((-0.08, 0.5), (-0.08, 1.0), (-0.08, 0.0))
TITLE_PT = 13
FONT_FAMILY = "PT Sans"
TEXT = "#1a1a1a"
PLAN_COLOUR, FACT_COLOUR = "#1f4e79", "#8fb3d9"
SCHOOL_COLOUR, DISTRICT_COLOUR = "#c0392b", "#1f4e79"
QUADRANT_COLOURS = {  # the groups of analytics.selection.quadrants
    "ШНОР/ШНСУ": "#c0392b",
    "ИСБ ниже медианы, результаты не ниже медианы": "#7fa7c9",
    "благополучные с высокими результатами": "#1f4e79",
    "благополучные с низкими результатами": "#e67e22",
    "резильентные": "#27ae60",
}
RESILIENT_NOTE = "● резильентные: ИСБ в нижней четверти района, результаты не ниже медианы"
ROADMAP_PARTS = (  # key, legend, colour
    ("done", "Выполнено в срок", "#27ae60"),
    ("done_late", "С нарушением срока", "#f1c40f"),
    ("overdue", "Просрочено", "#c0392b"),
    ("remaining", "Срок не наступил", "#bdc3c7"),
)
RISK_LEVEL_PARTS = (  # key, legend, colour
    ("high", "Высокий", "#c0392b"),
    ("medium", "Средний", "#e67e22"),
    ("low", "Низкий", "#f1c40f"),
    ("none", "Не выявлен", "#27ae60"),
    (None, "Нет оценки", "#d5d8dc"),
)
LABEL_WIDTH = 46  # characters of a category name on a bar chart's axis
COVERAGE_ENDS = 15  # schools drawn at each end (lowest, highest share) of the course-coverage chart


def _pen(colour: str, width: float = 2.5) -> Any:
    return pg.mkPen(colour, width=width)


def _shorten(text: str, width: int = LABEL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _year_ticks(plot: pg.PlotItem, years: list[int]) -> None:
    plot.getAxis("bottom").setTicks([[(y, str(y)) for y in years]])
    if years:
        plot.setXRange(min(years) - 0.6, max(years) + 0.6, padding=0)


def draw_plan_fact(plot: pg.PlotItem, data: dict) -> None:
    """Target as a line with markers, actual as bars, by year."""
    points = data["points"]
    years = [p["year"] for p in points]
    facts = [(p["year"], p["actual"]) for p in points if p["actual"] is not None]
    if facts:
        plot.addItem(pg.BarGraphItem(x=[y for y, _ in facts], height=[v for _, v in facts], width=0.45,
                                     brush=FACT_COLOUR, pen=_pen(PLAN_COLOUR, 1), name="Факт"))
    plans = [(p["year"], p["target"]) for p in points if p["target"] is not None]
    if plans:
        plot.plot([y for y, _ in plans], [v for _, v in plans], pen=_pen(PLAN_COLOUR), symbol="o", symbolSize=10,
                  symbolBrush=PLAN_COLOUR, name="План (целевое значение)")
    _year_ticks(plot, years)
    plot.setYRange(0, max([v for _, v in facts + plans] + [1]) * 1.35, padding=0)  # room for the legend


def draw_school_vs_district(plot: pg.PlotItem, data: dict) -> None:
    """The school's and the district's values by year, two lines."""
    points = data["points"]
    for key, name, colour in (("school", "Школа", SCHOOL_COLOUR), ("district", "Район", DISTRICT_COLOUR)):
        known = [(p["year"], p[key]) for p in points if p[key] is not None]
        if known:
            plot.plot([y for y, _ in known], [v for _, v in known], pen=_pen(colour), symbol="o", symbolSize=10,
                      symbolBrush=colour, name=name)
    _year_ticks(plot, [p["year"] for p in points])


def _tip(x: float, y: float, data: Any) -> str:
    return f"{data}\nИСБ: {x:.0f}\nИндекс результатов: {y:+.2f} σ".replace(".", ",").replace("-", "−")


def draw_quadrants(plot: pg.PlotItem, data: dict) -> list[pg.ScatterPlotItem]:
    """ИСБ × result index, coloured by quadrant, split at the district medians, the quadrants named."""
    scatters = []
    for quadrant, colour in QUADRANT_COLOURS.items():
        chosen = [p for p in data["points"] if p["quadrant"] == quadrant]
        if not chosen:
            continue
        scatter = pg.ScatterPlotItem([p["isb"] for p in chosen], [p["result"] for p in chosen], size=13,
                                     brush=pg.mkBrush(colour), pen=pg.mkPen("w", width=1), name=quadrant,
                                     data=[p["name"] for p in chosen], hoverable=True, tip=_tip,
                                     hoverSize=17, hoverPen=pg.mkPen(TEXT, width=2))
        plot.addItem(scatter)
        scatters.append(scatter)
    _point_labels(plot, [p for p in data["points"] if p["label"]])
    if data["isb_median"] is None:
        return scatters
    dash = pg.mkPen("#7f8b99", width=1.5, style=Qt.PenStyle.DashLine)
    plot.addItem(pg.InfiniteLine(data["isb_median"], angle=90, pen=dash))
    plot.addItem(pg.InfiniteLine(data["result_median"], angle=0, pen=dash))
    _quadrant_labels(plot, data)
    return scatters


def _point_labels(plot: pg.PlotItem, points: list[dict]) -> None:
    """The names of the ШНОР and ШНСУ schools beside their points."""
    for rank, point in enumerate(sorted(points, key=lambda p: (p["isb"], p["result"]))):
        # right of the point (the left edge would cut it off), beside, above or below it by turns: fewer overlaps
        label = pg.TextItem(point["label"], color=TEXT, anchor=POINT_LABEL_ANCHORS[rank % len(POINT_LABEL_ANCHORS)])
        label.setFont(QFont(FONT_FAMILY, 8))
        label.setPos(point["isb"], point["result"])
        plot.addItem(label)


def _quadrant_labels(plot: pg.PlotItem, data: dict) -> None:
    xs = [p["isb"] for p in data["points"]]
    ys = [p["result"] for p in data["points"]]
    x_low, x_high = min(xs) - 5, max(xs) + 5
    y_low, y_high = min(ys) - 0.4, max(ys) + 0.4
    plot.setRange(xRange=(x_low, x_high), yRange=(y_low, y_high), padding=0)
    corners = {  # group → (text, x, y, anchor)
        "ШНОР/ШНСУ": ("ШНОР/ШНСУ", x_low, y_low, (0, 1)),
        "ИСБ ниже медианы, результаты не ниже медианы": ("ИСБ ниже медианы,\nрезультаты не ниже медианы",
                                                         x_low, y_high, (0, 0)),
        "благополучные с высокими результатами": ("Благополучные с высокими результатами", x_high, y_high, (1, 0)),
        "благополучные с низкими результатами": ("Благополучные с низкими результатами", x_high, y_low, (1, 1)),
    }
    if any(p["quadrant"] == "резильентные" for p in data["points"]):
        corners["резильентные"] = (RESILIENT_NOTE, (x_low + x_high) / 2, y_low, (0.5, 1))
    for group, (text, x, y, anchor) in corners.items():
        label = pg.TextItem(text, color=QUADRANT_COLOURS[group], anchor=anchor)
        label.setFont(QFont(FONT_FAMILY, 10, QFont.Weight.Bold))
        label.setPos(x, y)
        plot.addItem(label)


def _horizontal_categories(plot: pg.PlotItem, names: list[str]) -> None:
    plot.getAxis("left").setTicks([[(i, _shorten(n)) for i, n in enumerate(names)]])
    plot.getViewBox().invertY(True)
    plot.setYRange(-0.6, len(names) - 0.4, padding=0)


def _stacked_bars(plot: pg.PlotItem, rows: list[dict], label: str, parts: tuple, room: float = 1.05) -> None:
    """Stacked horizontal bars, one per row, one coloured part per (key, legend, colour) of `parts`; `room` widens
    the axis beyond the longest bar (for the legend)."""
    start = [0.0] * len(rows)
    for key, name, colour in parts:
        widths = [row[key] for row in rows]
        plot.addItem(pg.BarGraphItem(x0=start, y=list(range(len(rows))), width=widths, height=0.6, brush=colour,
                                     pen=pg.mkPen("w", width=1), name=name))
        start = [a + b for a, b in zip(start, widths)]
    _horizontal_categories(plot, [row[label] for row in rows])
    plot.setXRange(0, max(start + [1]) * room, padding=0)


def draw_roadmap_sections(plot: pg.PlotItem, data: dict) -> None:
    """Stacked horizontal bars per section: done on time, late, overdue, not yet due."""
    _stacked_bars(plot, data["sections"], "section", ROADMAP_PARTS, room=1.45)  # the legend stands right of the bars


def draw_risk_levels(plot: pg.PlotItem, data: dict) -> None:
    """Stacked horizontal bars per factor: how many schools have each level (the map of many schools at a glance)."""
    _stacked_bars(plot, data["factors"], "factor", RISK_LEVEL_PARTS[:-1], room=1.3)  # every bar is all the schools


def coverage_shown(data: list[dict]) -> tuple[list[dict], list[dict]]:
    """The course-coverage chart's schools: all of them (by name) when there are at most 2 × COVERAGE_ENDS, otherwise
    the COVERAGE_ENDS with the lowest share and the COVERAGE_ENDS with the highest; returns (lowest, highest)."""
    if len(data) <= 2 * COVERAGE_ENDS:
        return data, []
    ordered = sorted(data, key=lambda row: (row["share"], row["short_name"]))
    return ordered[:COVERAGE_ENDS], ordered[-COVERAGE_ENDS:]


def coverage_note(data: list[dict]) -> str:
    """What the course-coverage chart leaves out, in words for its caption; empty when it draws every school."""
    lowest, highest = coverage_shown(data)
    if not highest:
        return ""
    middle = sorted(data, key=lambda row: (row["share"], row["short_name"]))[COVERAGE_ENDS:-COVERAGE_ENDS]
    staff, trained = sum(row["staff"] for row in data), sum(row["trained"] for row in data)
    return (f" (показаны {COVERAGE_ENDS} школ с наименьшей и {COVERAGE_ENDS} с наибольшей долей из {len(data)}; "
            f"остальные школы ({len(middle)}) не показаны, доля у них — от {_share(middle[0]['share'])} до "
            f"{_share(middle[-1]['share'])} %; по району — {_share(100 * trained / staff)} %)")


def _share(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def draw_course_coverage(plot: pg.PlotItem, data: list[dict]) -> None:
    """Horizontal bars per school: the share of staff who completed a course (in a large district only the schools
    at both ends, with a row between them counting the others)."""
    lowest, highest = coverage_shown(data)
    gap = [f"… ещё школ: {len(data) - len(lowest) - len(highest)} …"] if highest else []
    drawn = lowest + highest
    plot.addItem(pg.BarGraphItem(x0=[0] * len(drawn), y=[i + (len(gap) if i >= len(lowest) else 0)
                                                         for i in range(len(drawn))],
                                 width=[r["share"] for r in drawn], height=0.65, brush=FACT_COLOUR,
                                 pen=_pen(PLAN_COLOUR, 1), name="Доля педагогов, %"))
    _horizontal_categories(plot, [r["short_name"] for r in lowest] + gap + [r["short_name"] for r in highest])
    plot.setXRange(0, 100, padding=0.02)


def draw_risk_map(plot: pg.PlotItem, data: dict) -> None:
    """Schools (rows) × factors (numbered columns), each cell coloured by the school's level of the factor."""
    for key, name, colour in RISK_LEVEL_PARTS:
        cells = [(column, row) for row, levels in enumerate(data["levels"]) for column, level in enumerate(levels)
                 if level == key]
        if cells:
            plot.addItem(pg.BarGraphItem(x0=[c + 0.55 for c, _ in cells], y=[r for _, r in cells], width=0.9,
                                         height=0.85, brush=colour, pen=pg.mkPen("w", width=1), name=name))
    count = len(data["factors"])
    plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(1, count + 1)]])
    plot.setXRange(0.4, count + 0.6 + count * 0.3, padding=0)  # room on the right for the legend
    _horizontal_categories(plot, data["schools"])


@dataclass(frozen=True)
class ChartSpec:
    """How one chart is drawn and labelled; `height_per_row` grows bar charts with their categories."""

    draw: Callable[[pg.PlotItem, Any], Any]
    x_label: str
    y_label: str
    rows: Callable[[Any], int] = lambda data: 0
    height_per_row: int = 0
    legend: bool = True  # the quadrant chart names its quadrants in their corners instead


CHARTS: dict[str, ChartSpec] = {
    "plan_fact": ChartSpec(draw_plan_fact, "Год", "Значение"),
    "school_vs_district": ChartSpec(draw_school_vs_district, "Год", "Средний балл"),
    "quadrants": ChartSpec(draw_quadrants, "Индекс социального благополучия (ИСБ)", "Индекс результатов, σ",
                           legend=False),
    "roadmap_sections": ChartSpec(draw_roadmap_sections, "Мероприятий (сроков исполнения)", "",
                                  lambda data: len(data["sections"]), 60),
    "course_coverage": ChartSpec(draw_course_coverage, "Доля педагогов, завершивших курсы, %", "",
                                 lambda data: min(len(data), 2 * COVERAGE_ENDS + 1), 34),
    "risk_map": ChartSpec(draw_risk_map, "Фактор риска (номер в перечне)", "",
                          lambda data: len(data["schools"]), 40),
    "risk_levels": ChartSpec(draw_risk_levels, "Школ", "", lambda data: len(data["factors"]), 60),
}


def style_plot(plot: pg.PlotItem, kind: str, title: str, legend_pt: float = LEGEND_PT) -> None:
    """Title, Russian axis labels, dark axes and a legend on a white plot; the legend's text is `legend_pt` high
    (a legend keeps its size on screen whatever the view's scale, so a supersampled picture needs it larger)."""
    spec = CHARTS[kind]
    plot.setTitle(title, color=TEXT, size=f"{TITLE_PT}pt")
    font = QFont(FONT_FAMILY, 10)
    for side, label in (("bottom", spec.x_label), ("left", spec.y_label)):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen(TEXT, width=1))
        axis.setTextPen(pg.mkPen(TEXT))
        axis.setTickFont(font)
        if label:
            axis.setLabel(label, color=TEXT, **{"font-size": "11pt"})
    plot.showGrid(x=True, y=True, alpha=0.15)
    if not spec.legend:
        return
    legend = plot.legend or plot.addLegend(offset=(-10, 10), labelTextColor=TEXT, labelTextSize=f"{legend_pt}pt",
                            brush=pg.mkBrush(255, 255, 255, 220), pen=pg.mkPen("#c8d3e0"))
    legend.setZValue(10)


def draw(plot: pg.PlotItem, kind: str, data: Any, title: str, legend_pt: float = LEGEND_PT) -> Any:
    """Clear the plot and draw chart `kind` on it; returns what the drawing function returns (e.g. the scatters)."""
    plot.clear()
    if plot.legend is not None:
        plot.legend.clear()
    style_plot(plot, kind, title, legend_pt)
    return CHARTS[kind].draw(plot, data)


def chart_size(kind: str, data: Any, size: tuple[int, int] | None = None) -> tuple[int, int]:
    """The picture size: the default, or taller for bar charts with many categories."""
    width, height = size or DEFAULT_SIZE
    spec = CHARTS[kind]
    return width, max(height, 160 + spec.rows(data) * spec.height_per_row)


def _application() -> QApplication:
    application = QApplication.instance()
    if application is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        application = QApplication([])
    register_fonts()
    return application


@cache
def register_fonts() -> None:
    """Make the bundled PT Sans known to Qt, so charts look the same on every machine."""
    for path in sorted(paths.FONTS.glob("PTSans-*.ttf")):
        QFontDatabase.addApplicationFont(str(path))


def _render(kind: str, data: Any, title: str, size: tuple[int, int]) -> bytes:
    widget = pg.PlotWidget(background="w")
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    try:
        _lay_out(widget, kind, data, title, size)
        exporter = ImageExporter(widget.getPlotItem())
        exporter.parameters()["width"] = size[0]
        exporter.parameters()["height"] = size[1]
        image = exporter.export(toBytes=True).convertToFormat(QImage.Format.Format_RGB32)  # RGB PNG: into a PDF as is
    finally:
        widget.close()
        widget.deleteLater()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _lay_out(widget: pg.PlotWidget, kind: str, data: Any, title: str, size: tuple[int, int]) -> None:
    """Draw the chart on a widget of 1/scale of the picture's size (see PRINT_LAYOUT_WIDTH), its title wrapped to
    the room left, its legend as large as the rest will be in the picture."""
    scale = max(1, size[0] // PRINT_LAYOUT_WIDTH)
    layout = (size[0] // scale, size[1] // scale)
    widget.resize(*layout)
    widget.show()
    plot = widget.getPlotItem()
    draw(plot, kind, data, "", LEGEND_PT * scale)  # laid out without the title first, to measure its room
    QApplication.processEvents()
    _fit_title(plot, title, layout[0])
    widget.resize(layout[0], layout[1] + 1)  # a new size lays the plot out again, the title's lines counted
    widget.resize(*layout)
    if plot.legend is not None:
        # the legend ignores the export's scaling: its position scales but its width does not, so it is placed by
        # its point 1/scale across to end at the picture's right edge
        plot.legend.anchor(itemPos=(1 / scale, 0), parentPos=(1, 0), offset=(-10, 10))
    QApplication.processEvents()


def _fit_title(plot: pg.PlotItem, title: str, width: int) -> None:
    """Wrap the title into the room beside the left axis (long category names on a bar chart take much of it): a
    wider title would widen the chart beyond its layout, and the whole picture, text too, would print smaller."""
    room = width - plot.getAxis("left").width() - 16
    font = QFont(plot.titleLabel.item.font())  # the title's own family; its size comes with the text
    font.setPointSize(TITLE_PT)
    metrics = QFontMetrics(font)
    lines: list[str] = []
    for word in title.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(joined) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    plot.setTitle("<br>".join(lines), color=TEXT, size=f"{TITLE_PT}pt")
    height = metrics.lineSpacing() * len(lines) + 12  # pyqtgraph gives a title one line's height
    plot.titleLabel.setMaximumHeight(height)
    plot.layout.setRowFixedHeight(0, height)


class _GuiThreadCall(QObject):
    """Runs a function on the application's thread and waits for it (Qt widgets live only there)."""

    requested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.requested.connect(self._run, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(object)
    def _run(self, job: list) -> None:
        function, result = job[0], job[1]
        try:
            result["value"] = function()
        except Exception as error:  # noqa: BLE001 — re-raised in the calling thread
            result["error"] = error


_caller: _GuiThreadCall | None = None
_caller_lock = threading.Lock()


def _on_gui_thread(function: Callable[[], bytes]) -> bytes:
    application = _application()
    if application.thread() == QThread.currentThread():
        return function()
    global _caller
    with _caller_lock:
        if _caller is None:
            _caller = _GuiThreadCall()
            _caller.moveToThread(application.thread())
    result: dict = {}
    _caller.requested.emit([function, result])
    if "error" in result:
        raise result["error"]
    return result["value"]


def render_png(kind: str, data: Any, title: str, size: tuple[int, int] | None = None) -> bytes:
    """Chart `kind` (a key of CHARTS) drawn from `data` (from app.services.analytics.chart_data) as PNG bytes."""
    if kind not in CHARTS:
        raise ValueError(f"unknown chart {kind!r}; known: {sorted(CHARTS)}")
    chosen = chart_size(kind, data, size)
    return _on_gui_thread(lambda: _render(kind, data, title, chosen))
