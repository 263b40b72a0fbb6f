"""The Результаты page: result forms through the generic dialogs, the Excel template and import from the page."""

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select
from ui_world import OWN_CODE

from app.models import ExamResult, Peer
from app.services.records.ownership import EVERY_SCHOOL_KEEPS
from app.ui.results.page import results_page
from app.ui.widgets.record_dialog import record_dialog
from app.ui.workspace import Workspace

EGE = {"school_id": None, "year": 2024, "subject": "Математика", "participants": 20, "mean_score": 52.5,
       "below_minimum": 2, "under_30": 3}


@pytest.fixture
def shown(monkeypatch):
    """Information boxes are recorded instead of shown; a warning fails the test; confirmations say yes."""
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: messages.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: pytest.fail(f"warning shown: {args[2]}"))
    return messages


def ege_rows(world) -> list[tuple]:
    with world.database.session() as session:
        return session.execute(select(ExamResult.exam, ExamResult.subject, ExamResult.mean_score)
                               .where(ExamResult.deleted_at.is_(None))).all()


def fill(dialog, values: dict) -> None:
    for name, value in values.items():
        dialog.form.editors[name].set(value)


def test_ege_result_is_created_edited_and_deleted_from_its_tab(qtbot, school_world, shown, finished):
    workspace = Workspace(school_world.database, 2024)
    page = results_page(workspace)
    qtbot.addWidget(page)
    ege = page.tabs.widget(0)
    assert page.tabs.tabText(0) == "ЕГЭ" and ege.fixed == {"exam": "ЕГЭ"}
    dialog = record_dialog(None, workspace, "exam_result", None, ege.fixed)
    qtbot.addWidget(dialog)
    fill(dialog, dict(EGE, school_id=school_world.own_school))
    assert not dialog.form.editors["exam"].widget.isEnabled()
    assert finished(dialog.save())
    assert ege_rows(school_world) == [("ЕГЭ", "Математика", 52.5)]

    edit = record_dialog(None, workspace, "exam_result", dialog.saved_id, ege.fixed)
    qtbot.addWidget(edit)
    edit.form.editors["mean_score"].set(55.25)
    assert finished(edit.save())
    assert ege_rows(school_world) == [("ЕГЭ", "Математика", 55.25)]

    finished(ege.refresh())
    assert ege.count_label.text() == "Показано 1 из 1"
    finished(page.tabs.widget(1).refresh())
    assert page.tabs.widget(1).model.rows == []  # the ОГЭ tab does not list ЕГЭ rows
    ege.table.selectRow(0)
    finished(ege.delete_record())
    assert ege_rows(school_world) == []


def test_the_oge_tab_leaves_out_the_ege_only_column(qtbot, school_world):
    page = results_page(Workspace(school_world.database, 2024))
    qtbot.addWidget(page)
    ege, oge = page.tabs.widget(0), page.tabs.widget(1)
    assert page.tabs.tabText(1) == "ОГЭ"
    under_30 = [column.key for column in oge.entity.columns].index("under_30")
    assert oge.table.isColumnHidden(under_30) and not ege.table.isColumnHidden(under_30)


def stretching(tab) -> str:
    """The column that takes the width the others leave."""
    return tab.entity.columns[tab.widths.stretched()].key


def test_a_schools_exam_tab_names_its_rows_by_subject(qtbot, school_world):
    """The tab says the exam, so no column repeats «ЕГЭ» on every row; the name of the row takes the spare width."""
    page = results_page(Workspace(school_world.database, 2024))
    qtbot.addWidget(page)
    ege = page.tabs.widget(0)
    assert ege.table.isColumnHidden([column.key for column in ege.entity.columns].index("exam"))
    assert stretching(ege) == "subject"


def test_the_districts_exam_tab_names_its_rows_by_school(qtbot, district_world):
    page = results_page(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    assert stretching(page.tabs.widget(0)) == "school"


def test_more_below_minimum_than_participants_is_refused_at_its_field(qtbot, school_world, shown, finished):
    workspace = Workspace(school_world.database, 2024)
    dialog = record_dialog(None, workspace, "exam_result", None, {"exam": "ОГЭ"})
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, dict(EGE, school_id=school_world.own_school, mean_score=3.5, under_30=None, below_minimum=25))
    assert not finished(dialog.save())
    assert dialog.form.errors.labels["below_minimum"].text() == "Не может быть больше числа участников."
    fill(dialog, {"below_minimum": 1, "mean_score": 45})
    assert not finished(dialog.save())
    assert dialog.form.errors.labels["mean_score"].text() == "Для ОГЭ — средняя отметка от 2 до 5."
    assert ege_rows(school_world) == []


def _filled_template(page, tmp_path, monkeypatch, finished, rows: list[list]) -> str:
    path = tmp_path / "results.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))
    finished(page.save_template())
    wb = load_workbook(path)
    for row in rows:
        wb["ЕГЭ"].append(row)
    wb.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    return str(path)


def test_import_from_the_page_saves_the_rows_and_reports_by_sheet(qtbot, school_world, shown, tmp_path, monkeypatch,
                                                                  finished):
    page = results_page(Workspace(school_world.database, 2024))
    qtbot.addWidget(page)
    _filled_template(page, tmp_path, monkeypatch, finished, [[OWN_CODE, None, 2024, "Математика", 20, 52.5, 2, 3]])
    assert shown[-1].endswith("Данных за выбранный год пока нет.")
    finished(page.load_file())
    assert shown[-1] == "ЕГЭ: добавлено 1, обновлено 0, без изменений 0\nВсего: добавлено 1, обновлено 0, без изменений 0."
    assert ege_rows(school_world) == [("ЕГЭ", "Математика", 52.5)]


def test_a_file_with_errors_lists_them_and_saves_nothing(qtbot, school_world, shown, tmp_path, monkeypatch, finished):
    page = results_page(Workspace(school_world.database, 2024))
    qtbot.addWidget(page)
    _filled_template(page, tmp_path, monkeypatch, finished, [[OWN_CODE, None, 2024, "Физика", 5, 60, 0, 0],
                                                             [OWN_CODE, None, 2024, "Математика", 20, 52.5, 25, 3]])
    finished(page.load_file())
    assert page.errors_dialog is not None and page.errors_dialog.isVisible()
    assert "ничего не сохранено" in page.errors_dialog.summary.text()
    assert page.errors_dialog.text.toPlainText() == (
        "Найдено 1 ошибка:\nСтрока 3, столбец G «Не преодолели минимальный порог»: не может быть больше числа участников")
    with school_world.database.session() as session:
        assert session.scalar(select(func.count()).select_from(ExamResult)) == 0
    page.errors_dialog.close()


def test_district_imports_results_while_it_keeps_a_school_and_not_once_every_school_registered(qtbot, district_world):
    page = results_page(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    assert page.template_button.isEnabled() and page.import_button.isEnabled()
    with district_world.database.session() as session:
        session.add_all([Peer(kind="school", school_code=code, name=code, public_key_pem="-", fingerprint="-")
                         for code in (OWN_CODE, "0701002")])
    registered = results_page(Workspace(district_world.database, 2024))
    qtbot.addWidget(registered)
    assert not registered.import_button.isEnabled()
    assert registered.import_button.toolTip() == EVERY_SCHOOL_KEEPS


def test_the_reference_tab_saves_and_loads_the_region_and_russia_figures_at_the_district(qtbot, district_world):
    page = results_page(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    assert page.import_kind() == "results"
    page.tabs.setCurrentIndex(3)
    assert page.tabs.tabText(3) == "Средние ВПР: регион, Россия" and page.import_kind() == "vpr-reference"
    assert page.import_button.isEnabled() and "ФИС ОКО" in page.import_button.toolTip()


def test_a_school_sees_the_reference_figures_but_does_not_load_them(qtbot, school_world):
    page = results_page(Workspace(school_world.database, 2024))
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(3)
    assert not page.import_button.isEnabled() and page.template_button.isEnabled()
    page.tabs.setCurrentIndex(2)
    assert page.import_kind() == "results" and page.import_button.isEnabled()
