"""The charts of the reports and the window: one function per kind builds a Figure (app.services.output.figure)
from the chart data (app.services.analytics.chart_data, app.services.risks.chart_data), and
app.services.output.painter draws it — as PNG bytes for a report here, on a widget in the window.

    png = render_png("quadrants", chart_data.quadrant_points(session, 2022), "Результаты и ИСБ, 2022 год")

Rendering paints on a QImage, which Qt allows on any thread (a report made in the background draws its charts
there); text needs a QApplication to exist (one is created, offscreen if there is no screen).
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QRectF
from PySide6.QtGui import QColor, QFontDatabase, QImage, QPainter
from PySide6.QtWidgets import QApplication

from app import (
    paths,
    qt_compat,  # noqa: F401 — the PySide6 refcount workaround must precede any Qt call
)
from app.services.output.figure import (
    Axis,
    Bars,
    Box,
    Figure,
    LegendEntry,
    Line,
    Note,
    Point,
    Rule,
    category_axis,
    number_text,
    padded_axis,
    value_axis,
    year_axis,
)
from app.services.output.ru_format import format_value
from app.services.output.painter import paint

DEFAULT_SIZE = (1200, 700)
# A report's chart is laid out PRINT_LAYOUT_WIDTH px wide and painted at its full pixel size, sharper: laid out
# 600 px wide, a 10 pt label (13,3 px) printed 165 mm wide stands 10,4 pt high — text stays ≥ 8 pt in print, as it
# would not on a 1200 px layout (5,2 pt). A narrower picture is laid out at its own size.
PRINT_LAYOUT_WIDTH = 600
PLAN_COLOUR, FACT_COLOUR = "#1f4e79", "#8fb3d9"
SCHOOL_COLOUR, DISTRICT_COLOUR = "#c0392b", "#1f4e79"
QUADRANT_COLOURS = {  # the groups of analytics.selection.quadrants
    "ШНОР/ШНСУ": "#c0392b",
    "ИСБ ниже медианы, результаты не ниже медианы": "#7fa7c9",
    "благополучные с высокими результатами": "#1f4e79",
    "благополучные с низкими результатами": "#e67e22",
    "резильентные": "#27ae60",
}
QUADRANT_CORNERS = (  # group, its name in the corner, the corner
    ("ШНОР/ШНСУ", "ШНОР/ШНСУ", "bottom left"),
    ("ИСБ ниже медианы, результаты не ниже медианы", "ИСБ ниже медианы,\nрезультаты не ниже медианы", "top left"),
    ("благополучные с высокими результатами", "Благополучные\nс высокими результатами", "top right"),
    ("благополучные с низкими результатами", "Благополучные с низкими результатами", "bottom right"),
)
MAX_POINT_LABELS = 40  # more names than this on a 165 mm scatter cannot be read; the footnote says so
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
# what a bar chart's picture needs besides its rows: title, legend, the x axis with its label (at 1200 px wide)
FIXED_HEIGHT = 240
PNG_QUALITY = 50  # Qt's zlib level 4: a chart's PNG encodes in 2/3 of the default's time, 1 % larger
LABEL_WIDTH = 46  # characters of a category name on a bar chart's axis
COVERAGE_ENDS = 15  # schools drawn at each end (lowest, highest share) of the course-coverage chart


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _years(points: list[dict], key: str) -> tuple[tuple[float, float], ...]:
    return tuple((p["year"], p[key]) for p in points if p[key] is not None)


def plan_fact(data: dict, title: str) -> Figure:
    """Target as a line with markers, actual as bars, by year."""
    points = data["points"]
    facts, plans = _years(points, "actual"), _years(points, "target")
    values = [0.0] + [value for _, value in facts + plans]
    bars = (Bars(tuple(Box(year - 0.225, 0, year + 0.225, value) for year, value in facts), FACT_COLOUR,
                 PLAN_COLOUR),) if facts else ()
    legend = (LegendEntry("Факт" if facts else "Факт: нет данных", FACT_COLOUR),) + (
        (LegendEntry("План (целевое значение)", PLAN_COLOUR, line=True),) if plans else ())
    return Figure(title, year_axis([p["year"] for p in points]), value_axis("Значение", min(values), max(values)),
                  bars=bars, lines=(Line(plans, PLAN_COLOUR),) if plans else (), legend=legend)


def school_vs_district(data: dict, title: str) -> Figure:
    """The school's and the district's values by year, two lines."""
    points = data["points"]
    series = [(_years(points, key), name, colour)
              for key, name, colour in (("school", "Школа", SCHOOL_COLOUR), ("district", "Район", DISTRICT_COLOUR))]
    series = [(known, name, colour) for known, name, colour in series if known]
    values = [value for known, _, _ in series for _, value in known]
    return Figure(title, year_axis([p["year"] for p in points]), padded_axis("Средний балл", values, 0.15),
                  lines=tuple(Line(known, colour) for known, _, colour in series),
                  legend=tuple(LegendEntry(name, colour, line=True) for _, name, colour in series))


def _tip(point: dict) -> str:
    result = ("+" if point["result"] > 0 else "") + number_text(point["result"], 2)
    return f"{point['name']}\nИСБ: {number_text(point['isb'], 0)}\nИндекс результатов: {result} σ"


def quadrants(data: dict, title: str) -> Figure:
    """ИСБ × result index, coloured by quadrant, split at the district medians, the quadrants named in the corners;
    the ШНОР and ШНСУ schools named beside their points (up to MAX_POINT_LABELS of them, else a footnote says why
    not)."""
    points = data["points"]
    named = sum(1 for p in points if p["label"])
    shown = named <= MAX_POINT_LABELS
    dots = tuple(Point(p["isb"], p["result"], QUADRANT_COLOURS[p["quadrant"]], _tip(p), p["label"] if shown else "")
                 for p in points)
    split = data["isb_median"] is not None
    rules = (Rule(data["isb_median"], True), Rule(data["result_median"], False)) if split else ()
    notes = tuple(Note(text, QUADRANT_COLOURS[group], corner)
                  for group, text, corner in QUADRANT_CORNERS) if split else ()
    footnotes = () if shown else ((f"Школы ШНОР и ШНСУ ({named}) не подписаны: больше {MAX_POINT_LABELS} подписей "
                                   "на диаграмме не прочесть", QUADRANT_COLOURS["ШНОР/ШНСУ"]),)
    if any(p["quadrant"] == "резильентные" for p in points):
        footnotes += ((RESILIENT_NOTE, QUADRANT_COLOURS["резильентные"]),)
    return Figure(title, padded_axis("Индекс социального благополучия (ИСБ)", [p["isb"] for p in points]),
                  padded_axis("Индекс результатов, σ", [p["result"] for p in points]), points=dots, rules=rules,
                  notes=notes, footnotes=footnotes)


def _stacked(rows: list[dict], label: str, parts: tuple, title: str, x_label: str) -> Figure:
    """Stacked horizontal bars, one per row, one coloured part per (key, legend, colour) of `parts`."""
    start = [0.0] * len(rows)
    bars = []
    for key, name, colour in parts:
        widths = [row[key] for row in rows]
        drawn = [(i, left, width) for i, (left, width) in enumerate(zip(start, widths)) if width]
        bars.append(Bars(tuple(Box(left, i - 0.3, left + width, i + 0.3) for i, left, width in drawn), colour,
                         tips=tuple(f"{rows[i][label]}: {name.lower()} — {format_value(width)}"
                                    for i, _, width in drawn)))
        start = [left + width for left, width in zip(start, widths)]
    return Figure(title, value_axis(x_label, 0, max(start + [1]), whole=True),
                  category_axis([shorten(row[label]) for row in rows]), bars=tuple(bars),
                  legend=tuple(LegendEntry(name, colour) for _, name, colour in parts))


def roadmap_sections(data: dict, title: str) -> Figure:
    """Stacked horizontal bars per section: done on time, late, overdue, not yet due."""
    return _stacked(data["sections"], "section", ROADMAP_PARTS, title, "Мероприятий (сроков исполнения)")


def risk_levels(data: dict, title: str) -> Figure:
    """Stacked horizontal bars per factor: how many schools have each level (the map of many schools at a glance)."""
    return _stacked(data["factors"], "factor", RISK_LEVEL_PARTS[:-1], title, "Школ")


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
            f"остальные школы ({len(middle)}) не показаны, доля у них — от {number_text(middle[0]['share'], 1)} до "
            f"{number_text(middle[-1]['share'], 1)} %; по району — {number_text(100 * trained / staff, 1)} %)")


def course_coverage(data: list[dict], title: str) -> Figure:
    """Horizontal bars per school: the share of staff who completed a course (in a large district only the schools
    at both ends, with a row between them counting the others)."""
    lowest, highest = coverage_shown(data)
    gap = [f"… ещё школ: {len(data) - len(lowest) - len(highest)} …"] if highest else []
    rows = [(i, row) for i, row in enumerate(lowest)] + [(len(lowest) + len(gap) + i, row)
                                                          for i, row in enumerate(highest)]
    names = [row["short_name"] for row in lowest] + gap + [row["short_name"] for row in highest]
    bars = Bars(tuple(Box(0, i - 0.325, row["share"], i + 0.325) for i, row in rows), FACT_COLOUR, PLAN_COLOUR,
                tuple(f"{number_text(row['share'], 1)} %" for _, row in rows))
    return Figure(title, value_axis("Доля педагогов, завершивших курсы, %", 0, 100),
                  category_axis([shorten(name) for name in names]), bars=(bars,) if rows else ())


def risk_map(data: dict, title: str) -> Figure:
    """Schools (rows) × factors (numbered columns), each cell coloured by the school's level of the factor."""
    bars, legend = [], []
    for key, name, colour in RISK_LEVEL_PARTS:
        cells = [(row, column) for row, levels in enumerate(data["levels"]) for column, level in enumerate(levels)
                 if level == key]
        if cells:
            bars.append(Bars(tuple(Box(column + 0.55, row - 0.425, column + 1.45, row + 0.425) for row, column in cells),
                             colour, tips=tuple(f"{data['schools'][row]}\nфактор {column + 1} «{data['factors'][column]}»: "
                                                f"{name.lower()}" for row, column in cells)))
            legend.append(LegendEntry(name, colour))
    count = len(data["factors"])
    factors = Axis("Фактор риска (номер в перечне)", 0.4, count + 0.6,
                   tuple((i, str(i)) for i in range(1, count + 1)), grid=False)
    return Figure(title, factors, category_axis([shorten(school) for school in data["schools"]]), bars=tuple(bars),
                  legend=tuple(legend))


@dataclass(frozen=True)
class ChartSpec:
    """How one chart is built; `height_per_row` grows bar charts with their categories."""

    build: Callable[[Any, str], Figure]
    rows: Callable[[Any], int] = lambda data: 0
    height_per_row: int = 0


CHARTS: dict[str, ChartSpec] = {
    "plan_fact": ChartSpec(plan_fact),
    "school_vs_district": ChartSpec(school_vs_district),
    "quadrants": ChartSpec(quadrants),
    "roadmap_sections": ChartSpec(roadmap_sections, lambda data: len(data["sections"]), 60),
    "course_coverage": ChartSpec(course_coverage, lambda data: min(len(data), 2 * COVERAGE_ENDS + 1), 34),
    "risk_map": ChartSpec(risk_map, lambda data: len(data["schools"]), 40),
    "risk_levels": ChartSpec(risk_levels, lambda data: len(data["factors"]), 60),
}


def figure(kind: str, data: Any, title: str) -> Figure:
    """Chart `kind` (a key of CHARTS) of `data` as a Figure to paint."""
    if kind not in CHARTS:
        raise ValueError(f"unknown chart {kind!r}; known: {sorted(CHARTS)}")
    return CHARTS[kind].build(data, title)


def rows_height(kind: str, data: Any) -> int:
    """The height a bar chart's categories need in a picture 1200 px wide (half of it in layout pixels); 0 for
    a chart without rows."""
    spec = CHARTS[kind]
    return FIXED_HEIGHT + spec.rows(data) * spec.height_per_row if spec.height_per_row else 0


def chart_size(kind: str, data: Any, size: tuple[int, int] | None = None) -> tuple[int, int]:
    """The picture size: the default, or taller for bar charts with many categories."""
    width, height = size or DEFAULT_SIZE
    return width, max(height, rows_height(kind, data))


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


def picture(chart: Figure, size: tuple[int, int], scale: float) -> QImage:
    """The chart laid out at 1/scale of `size` and painted at `size` (RGB: it goes into a PDF as is)."""
    _application()
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        paint(painter, QRectF(0, 0, size[0] / scale, size[1] / scale), chart)
    finally:
        painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", PNG_QUALITY)
    return bytes(buffer.data())


def render_png(kind: str, data: Any, title: str, size: tuple[int, int] | None = None) -> bytes:
    """Chart `kind` (a key of CHARTS) drawn from `data` as PNG bytes, laid out PRINT_LAYOUT_WIDTH px wide."""
    chart = figure(kind, data, title)
    width, height = chart_size(kind, data, size)
    return png_bytes(picture(chart, (width, height), max(1, width // PRINT_LAYOUT_WIDTH)))
