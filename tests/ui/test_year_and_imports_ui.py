"""The window's part of a real year: «Загрузка из Excel» (check, load, errors), «Начать новый год» with the review
of statuses, the demo records said in the title and status bars and removed from the menu, who keeps each school."""

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.models import Peer, School, SchoolStatus, Teacher, alive
from app.services.demo_data import DEMO_NOTE
from app.ui.imports.dialog import ImportDialog
from app.ui.main_window import MainWindow
from app.ui.schools.page import own_school_page, schools_page
from app.ui.widgets.record_dialog import record_dialog
from app.ui.workspace import Workspace
from app.services.years.statuses import list_proposals
from app.ui.years.dialogs import ProposalDialog, StartYearDialog


@pytest.fixture
def answers(monkeypatch):
    """Questions answered «Да»; information boxes recorded; a warning fails the test."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: pytest.fail(f"warning: {args[2]}"))
    return shown


def staff_file(path, rows):
    wb = Workbook()
    wb.active.append(["Код ОО", "ФИО", "Должность", "Стаж"])
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def teachers(world) -> int:
    with world.database.session() as session:
        return session.scalar(select(func.count()).select_from(Teacher))


def test_import_dialog_checks_without_saving_then_loads_and_lists_a_bad_files_errors(qtbot, district_world, answers,
                                                                                      tmp_path, finished):
    dialog = ImportDialog(Workspace(district_world.database, 2024), ("staff",))
    qtbot.addWidget(dialog)
    assert not dialog.load_button.isEnabled()
    dialog.set_file(staff_file(tmp_path / "staff.xlsx", [["0701001", "Кумыкова Залина Руслановна", "Учитель", 5]]))
    before = teachers(district_world)
    assert finished(dialog.run(dry_run=True))
    assert dialog.outcome.toPlainText() == ("Кадры: будет добавлено 1, обновлено 0, без изменений 0\nПроверка без "
                                            "записи: будет добавлено 1, обновлено 0, без изменений 0; ничего не "
                                            "сохранено.")
    assert teachers(district_world) == before
    assert finished(dialog.run(dry_run=False))
    assert dialog.outcome.toPlainText().endswith("Загрузка завершена.")
    assert teachers(district_world) == before + 1
    dialog.set_file(staff_file(tmp_path / "bad.xlsx", [["0709999", "Ким Ольга Ивановна", "Учитель", 3]]))
    assert not finished(dialog.run(dry_run=False))
    assert dialog.outcome.toPlainText().endswith(
        "Найдено 1 ошибка:\nСтрока 2, столбец A «Код школы»: школы с кодом «0709999» нет в реестре")
    assert teachers(district_world) == before + 1


def started(qtbot, world, finished, workspace: Workspace) -> Workspace:
    """The world's own school was ШНОР in 2024; 2025 is started from the window."""
    with world.database.session() as session:
        session.add(SchoolStatus(school_id=world.own_school, year=2024, status="shnor", basis="Приказ № 5"))
    start = StartYearDialog(workspace)
    qtbot.addWidget(start)
    assert start.year.value() == 2025
    assert finished(start.start())
    return workspace


def test_starting_a_year_from_the_window_and_deciding_a_proposed_status(qtbot, district_world, answers, finished):
    workspace = Workspace(district_world.database, 2024)
    page = schools_page(workspace)
    qtbot.addWidget(page)
    started(qtbot, district_world, finished, workspace)
    assert workspace.year == 2025 and answers[-1].startswith("2025 год начат.")
    page.tabs.setCurrentWidget(page.proposals)
    page.show()
    finished()
    assert page.proposals.table.rowCount() == 1
    assert page.proposals.summary.text().startswith("Статусы, предложенные на 2025 год: 1, ждут решения: 1.")
    page.proposals.table.selectRow(0)
    decision = page.proposals.decide("kept")
    qtbot.addWidget(decision)
    assert not finished(decision.save())
    assert decision.errors.labels["basis"].text() == "Укажите основание решения: приказ, протокол, результаты отбора."
    decision.basis.setPlainText("Приказ № 3 от 16.01.2025")
    assert finished(decision.save())
    finished()
    assert page.proposals.table.item(0, 4).text() == "Оставлен"
    with district_world.database.session() as session:
        assert session.scalar(select(func.count()).select_from(SchoolStatus).where(
            SchoolStatus.year == 2025, alive(SchoolStatus))) == 1


def test_change_asks_for_the_new_status(qtbot, district_world, answers, finished):
    workspace = started(qtbot, district_world, finished, Workspace(district_world.database, 2024))
    with district_world.database.session() as session:
        proposal = list_proposals(session, 2025)[0]
    dialog = ProposalDialog(workspace, proposal, "changed")
    qtbot.addWidget(dialog)
    dialog.new_status.setCurrentIndex(dialog.new_status.findData("shnsu"))
    dialog.basis.setPlainText("Приказ № 3")
    assert finished(dialog.save())
    with district_world.database.session() as session:
        assert session.scalars(select(SchoolStatus.status).where(SchoolStatus.year == 2025)).all() == ["shnsu"]


def test_window_says_while_demo_records_exist_and_the_menu_removes_them(qtbot, district_world, answers, finished):
    with district_world.database.session() as session:
        session.add(School(code="0799001", name="Демо-школа", kind="СОШ", locality="rural", is_demo=True))
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    window.show()
    finished()
    assert window.windowTitle() == f"Куратор — Отдел образования Терского района — {DEMO_NOTE}"
    assert window.demo_label.isVisible() and "демонстрационные данные" in window.demo_label.text()
    window.remove_demo_action.trigger()
    finished()
    assert answers[-1].startswith("Удалены демонстрационные данные: 1 запись")
    assert window.windowTitle() == "Куратор — Отдел образования Терского района"
    assert not window.demo_label.isVisible() and not window.remove_demo_action.isEnabled()
    with district_world.database.session() as session:
        assert session.scalar(select(func.count()).select_from(School)) == 2  # the real schools stay


def test_schools_list_and_forms_say_who_keeps_each_schools_data(qtbot, district_world, finished):
    with district_world.database.session() as session:
        session.add(Peer(kind="school", school_code="0701002", name="Гимназия", public_key_pem="-", fingerprint="-"))
    workspace = Workspace(district_world.database, 2024)
    page = schools_page(workspace)
    qtbot.addWidget(page)
    page.show()
    finished()
    table = page.tables["school"]
    keeper = [column.key for column in table.entity.columns].index("keeper")
    assert not table.table.isColumnHidden(keeper)
    shown = {table.model.rows[row][2]: table.model.rows[row][keeper + 1] for row in range(len(table.model.rows))}
    assert shown == {"МКОУ «СОШ № 1» с. Урожайное": "район", "Гимназия № 2": "школа"}
    kept = record_dialog(None, workspace, "teacher", district_world.teacher)
    qtbot.addWidget(kept)
    assert not kept.read_only
    assert kept.note.text() == "Данные школы ведёт район: школа ещё не зарегистрировала ключ."
    registered = record_dialog(None, workspace, "teacher", district_world.other_teacher)
    qtbot.addWidget(registered)
    assert registered.read_only
    assert registered.note.text().startswith("Эту запись внёс район, но школа уже зарегистрировала ключ")


def test_a_schools_own_window_hides_who_keeps_and_the_new_year_statuses(qtbot, school_world, finished):
    """At a school «Наша школа» has no register of schools (where who keeps each school's data is shown) and no
    statuses proposed for a new year: those are the district's."""
    page = own_school_page(Workspace(school_world.database, 2024))
    qtbot.addWidget(page)
    assert "school" not in page.tables and not hasattr(page, "proposals")
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())][:2] == ["Статусы по годам", "Социальные паспорта"]


def test_submissions_page_accepts_and_returns_the_selected_section(qtbot, district_world, finished):
    from app.models import SocialPassport
    from app.ui.submissions.page import SubmissionsPage

    with district_world.database.session() as session:
        session.add(SocialPassport(school_id=district_world.own_school, year=2024, pupils_total=300))
    page = SubmissionsPage(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.show()
    finished()
    assert page.summary.text().startswith("2024 год, школ: 2. Разделов: нет данных — 7, получено — 3, принято — 0")
    page.select("0701001", "passport")
    assert page.accept_button.isEnabled() and not page.reopen_button.isEnabled()
    assert finished(page.accept())
    finished()
    page.select("0701001", "passport")
    assert page.table.currentItem().text() == "принято" and page.reopen_button.isEnabled()
    page.select("0701001", "staff")
    assert finished(page.return_selected("В списке нет учителя информатики"))
    finished()
    page.select("0701001", "staff")
    assert page.detail.text() == ("МКОУ «СОШ № 1» с. Урожайное — кадры: возвращено на доработку; внесено здесь; "
                                  "комментарий: В списке нет учителя информатики.")
    page.state_filter.setCurrentIndex(page.state_filter.findData("returned"))
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["0701001"]


def test_a_schools_window_has_its_checklist_instead_of_the_districts_submissions(qtbot, school_world):
    window = MainWindow(school_world.database)
    qtbot.addWidget(window)
    assert "submissions" not in window.pages and "checklist" in window.pages


def test_a_schools_checklist_shows_a_returned_section_with_the_districts_comment(qtbot, school_world, finished):
    from app.models import Submission
    from app.ui.submissions.checklist import ChecklistPage

    with school_world.database.session() as session:  # as the district's packet brought them
        session.add(Submission(school_id=school_world.own_school, year=2024, section="staff", state="returned",
                               comment="В списке нет учителя информатики"))
        session.add(Submission(school_id=school_world.own_school, year=2024, section="passport", state="accepted"))
    page = ChecklistPage(Workspace(school_world.database, 2024))
    qtbot.addWidget(page)
    page.show()
    finished()
    assert page.summary.text() == ("2024 год. Разделов: нет данных — 3, получено — 0, принято — 1, возвращено на "
                                   "доработку — 1. Исправьте возвращённые разделы и отправьте району новый пакет "
                                   "(«Обмен данными»).")
    shown = {page.table.item(r, 0).text(): (page.table.item(r, 1).text(), page.table.item(r, 2).text())
             for r in range(page.table.rowCount())}
    assert shown["Кадры"] == ("возвращено на доработку", "комментарий: В списке нет учителя информатики")
    assert shown["Социальный паспорт"] == ("принято", "")


def test_qualification_tab_filters_findings_by_check(qtbot, district_world, finished):
    from app.ui.staff.page import staff_page

    with district_world.database.session() as session:
        session.get(Teacher, district_world.teacher).young_specialist = True
    page = staff_page(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.qualification)
    page.show()
    finished()
    tab = page.qualification
    assert tab.summary.text().startswith("Работников в школах на ")
    assert tab.schools.rowCount() == 2
    tab.check.setCurrentIndex(tab.check.findData("no_mentor"))
    assert [tab.findings.item(r, 1).text() for r in range(tab.findings.rowCount())] == ["Ёлкина Анна Петровна"]
    assert page.current_table() is None  # «Создать» of the Правка menu has no list here
