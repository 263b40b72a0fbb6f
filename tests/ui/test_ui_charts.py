"""The window's chart view paints the reports' charts itself: tooltips name the scatter's schools under the cursor,
the point under the cursor stands out, the chart exports to PNG."""

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QToolTip

from app.ui.widgets.charts import ChartView

QUADRANTS = {"year": 2022, "district": True, "isb_median": 40.0, "result_median": 0.0, "points": [
    {"school_id": "1", "name": "МКОУ СОШ с.п. Урожайное", "isb": 12.0, "result": -1.25, "quadrant": "ШНОР/ШНСУ",
     "label": "с.п. Урожайное"},
    {"school_id": "2", "name": "МКОУ Гимназия №1", "isb": 77.0, "result": 1.3,
     "quadrant": "благополучные с высокими результатами", "label": ""}]}


def shown(qtbot, kind: str, data: dict, title: str) -> ChartView:
    view = ChartView(kind)
    qtbot.addWidget(view)
    view.resize(700, 420)
    view.show_data(data, title)
    view.show()
    qtbot.waitExposed(view)
    view.grab()  # painted: the points' places are known
    return view


def where(view: ChartView, name: str) -> QPointF:
    return next(place for place, point in view.frame.placed if point.tip.startswith(name))


def test_the_tooltip_names_the_school_under_the_cursor(qtbot):
    view = shown(qtbot, "quadrants", QUADRANTS, "Результаты и ИСБ школ, 2022 год")
    school = where(view, "МКОУ СОШ с.п. Урожайное")
    assert view.point_at(school + QPointF(3, -2)).tip == ("МКОУ СОШ с.п. Урожайное\nИСБ: 12\n"
                                                          "Индекс результатов: −1,25 σ")
    assert view.point_at(where(view, "МКОУ Гимназия №1")).tip.startswith("МКОУ Гимназия №1\nИСБ: 77")
    assert view.point_at(school + QPointF(60, 0)) is None  # empty plot: no tooltip
    position = school.toPoint()
    view.event(QHelpEvent(QEvent.Type.ToolTip, position, view.mapToGlobal(position)))
    assert QToolTip.text().startswith("МКОУ СОШ с.п. Урожайное")


RISK_MAP = {"year": 2022, "schools": ["МКОУ СОШ с.п. Урожайное", "МКОУ Гимназия №1"],
            "factors": ["Низкий уровень оснащения школы", "Дефицит педагогических кадров"],
            "levels": [["high", "low"], [None, "none"]]}


def tip_at_centre_of(view: ChartView, tip_start: str) -> str:
    """The tooltip the view shows at the centre of the box whose tooltip starts with `tip_start`."""
    rect = next(rect for rect, tip in view.frame.tipped if tip.startswith(tip_start))
    position = rect.center().toPoint()
    view.event(QHelpEvent(QEvent.Type.ToolTip, position, view.mapToGlobal(position)))
    return QToolTip.text()


def test_a_risk_map_cell_tells_its_school_factor_and_level(qtbot):
    view = shown(qtbot, "risk_map", RISK_MAP, "Карта рисков школ, 2022 год")
    assert tip_at_centre_of(view, "МКОУ Гимназия №1") == ("МКОУ Гимназия №1\nфактор 2 «Дефицит педагогических кадров»: "
                                                          "не выявлен")
    assert tip_at_centre_of(view, "МКОУ СОШ с.п. Урожайное\nфактор 1") == (
        "МКОУ СОШ с.п. Урожайное\nфактор 1 «Низкий уровень оснащения школы»: высокий")
    assert len(view.frame.tipped) == 4  # every cell, «нет оценки» too


def test_a_stacked_bar_tells_its_part_and_count(qtbot):
    data = {"year": 2022, "sections": [{"section": "1 Общесистемные", "done": 4, "done_late": 1, "overdue": 0,
                                        "remaining": 2}]}
    view = shown(qtbot, "roadmap_sections", data, "Исполнение по разделам")
    assert tip_at_centre_of(view, "1 Общесистемные: с нарушением") == "1 Общесистемные: с нарушением срока — 1"
    assert [tip for _, tip in view.frame.tipped] == ["1 Общесистемные: выполнено в срок — 4",
                                                     "1 Общесистемные: с нарушением срока — 1",
                                                     "1 Общесистемные: срок не наступил — 2"]  # no box for a zero


def test_the_point_under_the_cursor_is_drawn_larger(qtbot):
    view = shown(qtbot, "quadrants", QUADRANTS, "Результаты и ИСБ школ, 2022 год")
    school = where(view, "МКОУ СОШ с.п. Урожайное")
    qtbot.mouseMove(view, school.toPoint())
    qtbot.waitUntil(lambda: view.hovered is not None)
    assert view.hovered.tip.startswith("МКОУ СОШ с.п. Урожайное")
    qtbot.mouseMove(view, QPoint(5, 5))
    qtbot.waitUntil(lambda: view.hovered is None)


def test_export_writes_a_png_at_least_1200_px_wide_laid_out_as_shown(qtbot, tmp_path):
    view = shown(qtbot, "quadrants", QUADRANTS, "Результаты и ИСБ школ, 2022 год")
    view.export_png(str(tmp_path / "chart.png"))
    image = QImage(str(tmp_path / "chart.png"))
    assert (image.width(), image.height()) == (1400, 840)  # twice the view's 700 × 420
    assert image.pixelColor(0, 0) == Qt.GlobalColor.white


def test_an_empty_view_exports_nothing(qtbot, tmp_path):
    view = ChartView("plan_fact")
    qtbot.addWidget(view)
    view.export_png(str(tmp_path / "chart.png"))
    assert not (tmp_path / "chart.png").exists()


def test_a_map_of_many_schools_asks_for_the_height_its_rows_need(qtbot):
    """40 schools: 240 px besides the rows and 40 per row at 1200 px wide, half of it on screen — 920 px."""
    levels = {"factors": ["Фактор"] * 10, "schools": [f"Школа {i}" for i in range(40)], "levels": [[None] * 10] * 40}
    view = ChartView("risk_map")
    qtbot.addWidget(view)
    view.show_data(levels, "Карта рисков")
    assert view.minimumHeight() == (240 + 40 * 40) // 2
    view.show_data({**levels, "schools": ["Школа"], "levels": [[None] * 10]}, "Карта рисков")
    assert view.minimumHeight() == 320  # a few rows: the view's own minimum
