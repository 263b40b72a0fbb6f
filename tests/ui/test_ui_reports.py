"""The «Отчёты» page builds a report in the background (charts drawn from a worker thread), and the overview
shows its charts."""

import importlib
import threading

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.output import charts
from app.ui.operations import QueryOp
from app.ui.overview import page as overview_page
from app.ui.overview.page import OverviewPage
from app.ui.reports.page import FILTERS, REPORTS, ReportsPage, with_suffix
from app.ui.workspace import Workspace

DISTRICT_REPORT = next(i for i, r in enumerate(REPORTS) if r.title.startswith("Аналитическая справка"))
SCHOOL_REPORT = next(i for i, r in enumerate(REPORTS) if r.needs_school)


def test_district_report_is_built_in_the_background_and_can_be_opened(qtbot, district_world, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page = ReportsPage(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.kind.setCurrentIndex(DISTRICT_REPORT)
    assert not page.school.isEnabled()
    page.start(str(tmp_path / "справка"))
    qtbot.waitUntil(lambda: page.open.isEnabled() or bool(warnings), timeout=20000)
    assert not warnings
    assert page.last_path == tmp_path / "справка.pdf"
    assert page.last_path.read_bytes().startswith(b"%PDF")
    assert page.status.text() == f"Готово: {page.last_path}"
    page.kind.setCurrentIndex(SCHOOL_REPORT)  # another kind: the district report's «Готово» and «Открыть» go
    assert page.last_path is None and not page.open.isEnabled() and page.status.text() == ""


def test_the_district_report_is_saved_in_word_when_the_file_is_a_docx(qtbot, district_world, tmp_path, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page = ReportsPage(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.kind.setCurrentIndex(DISTRICT_REPORT)
    page.start(str(tmp_path / "справка.docx"))
    qtbot.waitUntil(lambda: page.open.isEnabled() or bool(warnings), timeout=20000)
    assert not warnings
    assert page.last_path == tmp_path / "справка.docx"
    assert page.last_path.read_bytes().startswith(b"PK")  # a .docx is a zip package


def test_the_saved_name_takes_the_extension_of_the_chosen_format():
    formats = ("pdf", "docx")
    assert with_suffix("справка", formats, FILTERS["docx"]) == "справка.docx"
    assert with_suffix("справка", formats, FILTERS["pdf"]) == "справка.pdf"
    assert with_suffix("справка.DOCX", formats, FILTERS["pdf"]) == "справка.DOCX"
    assert with_suffix("справка", ("xlsx",), "") == "справка.xlsx"


def test_school_report_offers_the_register_schools(qtbot, district_world):
    page = ReportsPage(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.show()
    page.kind.setCurrentIndex(SCHOOL_REPORT)
    assert page.school.isEnabled()
    assert {page.school.itemData(i) for i in range(page.school.count())} == {"0701001", "0701002"}


def test_the_overview_loads_its_charts_libraries_off_the_ui_thread(qtbot, district_world, monkeypatch, finished):
    """The charts' module loads on a worker thread after the figures are painted."""
    threads = []

    def imported(name):
        threads.append(threading.current_thread())
        return importlib.import_module(name)

    monkeypatch.setattr(overview_page, "import_module", imported)
    page = OverviewPage(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.charts is not None)
    finished()
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_overview_draws_the_plan_and_fact_of_the_chosen_indicator(qtbot, district_world, tmp_path, finished):
    page = OverviewPage(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.charts is not None)  # made once the figures are painted
    finished()  # the charts' data and the chosen indicator's series are read
    view = page.charts.plan_fact
    assert page.charts.indicator.count() > 0 and view.isVisibleTo(page)
    assert view.title.startswith(f"Показатель {page.charts.indicator.currentData()}")
    view.export_png(str(tmp_path / "chart.png"))
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"


def test_a_chart_is_rendered_on_the_worker_thread_that_makes_the_report(qtbot, district_world):
    """QPainter on a QImage works on any thread: a report made in the background draws its charts there, text too,
    without waiting for the UI thread."""
    data = {"code": "1", "name": "x", "unit": "%", "points": [{"year": 2022, "target": 50, "actual": 40}]}
    results = []
    parent = QWidget()
    qtbot.addWidget(parent)

    def render(_session):
        results.append(threading.current_thread())
        return charts.render_png("plan_fact", data, "План и факт")

    QueryOp(parent, Workspace(district_world.database, 2024), render, results.append).run()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10000)
    thread, png = results
    assert thread is not threading.main_thread()
    image = QImage()
    assert image.loadFromData(png, "PNG") and image.size().toTuple() == charts.DEFAULT_SIZE
    title = image.copy(0, 0, image.width(), 60)  # the title's band: dark text drawn on the worker thread
    assert any(QColor(title.pixel(x, y)).lightness() < 100 for x in range(0, title.width(), 2) for y in range(60))


def test_the_buttons_stay_in_place_and_what_does_not_apply_says_why(qtbot, district_world):
    page = ReportsPage(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    places = set()
    for index, report in enumerate(REPORTS):
        page.kind.setCurrentIndex(index)
        qtbot.wait(1)  # the layout settles
        places.add((page.generate.geometry().topLeft().toTuple(), page.open.geometry().topLeft().toTuple()))
        assert page.school.isEnabled() == report.needs_school
        assert page.school.toolTip() == ("" if report.needs_school else
                                         "Этот отчёт — обо всех школах района: школа не выбирается.")
        assert page.year.isEnabled() == report.uses_year
    assert len(places) == 1
    registry = next(i for i, r in enumerate(REPORTS) if r.title.startswith("Реестр педагогов"))
    page.kind.setCurrentIndex(registry)
    assert page.year.toolTip() == "Этот отчёт — на сегодняшний день: год не выбирается."
