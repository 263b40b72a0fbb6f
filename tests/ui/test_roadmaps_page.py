"""The «Дорожные карты» page and its dialogs, driven without exec(): import, correction, filters, progress,
evidence, and the owner rule. Reading, saving and exporting run on worker threads; the tests wait for them."""

import hashlib
from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QMessageBox

from app.models import EventOccurrence, Evidence, Roadmap, RoadmapEvent, School, Teacher
from app.services.ids import school_id
from app.services.roadmaps.deadlines import DeadlineKind
from app.services.roadmaps.importing import preview_file, save_preview
from app.ui.roadmaps.event_dialog import EventDialog
from app.ui.roadmaps.import_dialog import ImportDialog
from app.ui.roadmaps.page import STATE_FILTERS, RoadmapsPage
from app.ui.workspace import Workspace

SEED004 = Path(__file__).resolve().parents[1] / "data" / "roadmaps" / "seed004.docx"
NO_TABLE = SEED004.with_name("no_table.docx")
HEADER = ("№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный", "Планируемый результат")


def import_dialog(qtbot, finished, workspace, path: Path) -> ImportDialog:
    dialog = ImportDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    finished(dialog.read_file())
    return dialog


def page_for(qtbot, workspace) -> RoadmapsPage:
    page = RoadmapsPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    return page


def seeded(database) -> str:
    with database.session() as session:
        return save_preview(session, preview_file(SEED004, 2022))["roadmap_id"]


def shown_numbers(page: RoadmapsPage) -> list[str]:
    return [page.table.item(row, 0).text() for row in range(page.table.rowCount())]


def test_seed004_imported_through_the_dialog_shows_18_events_in_5_sections(qtbot, district_db, warnings, finished):
    workspace = Workspace(district_db, 2022)
    dialog = import_dialog(qtbot, finished, workspace, SEED004)
    assert "Разделов: 5, мероприятий: 18. Нераспознанных сроков: 0" in dialog.summary.text()
    assert dialog.title.text().startswith("ПЛАН МЕРОПРИЯТИЙ («Дорожная карта»)")
    finished(dialog.save())
    assert dialog.result_summary["events"] == 18
    page = page_for(qtbot, workspace)
    root = page.tree.topLevelItem(0)
    assert (root.text(0), root.text(1), root.childCount()) == ("Все разделы", "18", 5)
    assert root.child(4).text(0) == "5 Мониторинг и консультативная поддержка"
    assert page.table.rowCount() == 18 and warnings == []


def test_an_unrecognised_deadline_is_corrected_in_the_preview_and_saved(qtbot, district_db, warnings, tmp_path,
                                                                        finished):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (HEADER, ("1.", "Общесистемные меры", "", "", ""),
                ("1.1", "Анализ результатов ВПР", "Февраль", "ИМЦ УО", "Справка"),
                ("1.2", "Совещание с директорами", "когда получится", "УО", "Протокол")):
        sheet.append(row)
    source = tmp_path / "карта.xlsx"
    book.save(source)
    dialog = import_dialog(qtbot, finished, Workspace(district_db, 2022), source)
    assert "Нераспознанных сроков: 1" in dialog.summary.text()
    assert dialog.events.item(1, 3).text() == "не распознан"
    assert dialog.correct(1, "Март - апрель") == DeadlineKind.PERIOD
    assert "Нераспознанных сроков: 0" in dialog.summary.text() and dialog.events.item(1, 3).text() == "период"
    finished(dialog.save())
    with district_db.session() as session:
        event = session.query(RoadmapEvent).filter_by(number="1.2").one()
        windows = [(o.window_start, o.window_end) for o in session.query(EventOccurrence).filter_by(event_id=event.id)]
    assert (event.deadline_text, event.deadline_override) == ("когда получится", "Март - апрель")
    assert windows == [(date(2022, 3, 1), date(2022, 4, 30))]


def test_a_file_with_no_roadmap_table_shows_the_reason_and_saves_nothing(qtbot, district_db, warnings, finished):
    dialog = import_dialog(qtbot, finished, Workspace(district_db, 2022), NO_TABLE)
    dialog.save()
    assert len(warnings) == 1 and "не найдена таблица дорожной карты" in warnings[0]
    assert not dialog.save_button.isEnabled() and dialog.result_summary is None
    with district_db.session() as session:
        assert session.query(Roadmap).count() == 0


def test_state_and_responsible_filters_show_the_right_events(qtbot, district_db, warnings):
    seeded(district_db)
    page = page_for(qtbot, Workspace(district_db, 2022))
    page.state_filter.setCurrentIndex([label for label, _ in STATE_FILTERS].index("Просрочено"))
    assert shown_numbers(page) == [str(n) for n in range(1, 19) if n != 9]  # «По отдельному плану» has no date
    page.state_filter.setCurrentIndex(0)
    page.responsible_filter.setCurrentIndex(page.responsible_filter.findData("Управление образования"))
    assert shown_numbers(page) == ["16", "17"]
    page.search.setText("консилиум")
    page.search.flush()
    assert shown_numbers(page) == []


def test_an_occurrence_done_after_its_window_shows_done_late_and_keeps_its_evidence(qtbot, district_db, warnings,
                                                                                    tmp_path, finished):
    seeded(district_db)
    workspace = Workspace(district_db, 2022)
    page = page_for(qtbot, workspace)
    dialog = EventDialog(workspace, page.rows[0]["id"])
    qtbot.addWidget(dialog)
    progress = dialog.progress_dialog()
    qtbot.addWidget(progress)
    progress.status.setCurrentIndex(progress.status.findData("done"))
    progress.completed_on.set(date(2022, 3, 10))
    first, second = tmp_path / "Приказ.pdf", tmp_path / "Приказ (копия).pdf"
    for path in (first, second):
        path.write_bytes(b"%PDF order 15")
    progress.add_files([str(first), str(second)])
    finished(progress.save())
    assert progress.saved
    dialog.fill()
    assert dialog.occurrences.item(0, 1).text() == "выполнено с нарушением срока"
    assert dialog.occurrences.item(0, 2).text() == "10.03.2022"
    assert dialog.occurrences.item(0, 4).text() == "1"
    page.refresh()
    assert page.table.item(0, 4).text() == "выполнено с нарушением срока"
    with district_db.session() as session:
        stored = session.query(Evidence).one()
    assert stored.sha256 == hashlib.sha256(b"%PDF order 15").hexdigest()
    files = [p for p in (district_db.location.files_dir / "evidence").rglob("*") if p.is_file()]
    assert [p.name for p in files] == [f"{stored.sha256}.pdf"]


def test_a_completion_date_in_the_future_is_shown_at_its_field(qtbot, district_db, warnings, finished):
    seeded(district_db)
    workspace = Workspace(district_db, 2022)
    page = page_for(qtbot, workspace)
    dialog = EventDialog(workspace, page.rows[0]["id"])
    qtbot.addWidget(dialog)
    progress = dialog.progress_dialog()
    qtbot.addWidget(progress)
    progress.show()
    progress.status.setCurrentIndex(progress.status.findData("done"))
    progress.completed_on.set(date(2099, 1, 1))
    finished(progress.save())
    assert not progress.saved and progress.errors.labels["completed_on"].isVisible()
    assert "будущем" in progress.errors.labels["completed_on"].text()


def test_the_municipal_roadmap_is_read_only_in_a_school_installation(qtbot, school_db, warnings, monkeypatch):
    from app.services.roadmaps import plans as roadmaps

    with monkeypatch.context() as as_if_from_a_packet:  # the district's roadmap arrives at a school in a packet
        as_if_from_a_packet.setattr(roadmaps, "may_keep", lambda *_: (True, ""))
        seeded(school_db)
    workspace = Workspace(school_db, 2022)
    page = page_for(qtbot, workspace)
    assert not page.note.isHidden() and "управление образования" in page.note.text()
    assert not page.delete_button.isEnabled() and page.export_button.isEnabled()
    dialog = EventDialog(workspace, page.rows[0]["id"])
    qtbot.addWidget(dialog)
    assert not dialog.progress_button.isEnabled() and not dialog.correction.isEnabled()
    assert dialog.progress_dialog() is None


def test_deleting_a_roadmap_after_confirmation_empties_the_page(qtbot, district_db, warnings, finished):
    seeded(district_db)
    page = page_for(qtbot, Workspace(district_db, 2022))
    finished(page.delete_roadmap())
    page.refresh()
    assert page.selector.count() == 0 and page.table.rowCount() == 0


def test_analysis_dialog_drafts_conclusions_and_saves_the_pdf(qtbot, district_db, warnings, tmp_path, finished):
    from app.ui.roadmaps.analysis_dialog import AnalysisDialog

    seeded(district_db)
    page = page_for(qtbot, Workspace(district_db, 2022))
    dialog = AnalysisDialog(page.workspace, page.roadmap)
    qtbot.addWidget(dialog)
    assert dialog.conclusions.toPlainText().startswith("Из 28 сроков исполнения мероприятий, которые уже наступили")
    dialog.signer_name.setText("И. И. Иванова")
    finished(dialog.save(tmp_path / "анализ.pdf"))
    assert dialog.saved_path.read_bytes().startswith(b"%PDF") and warnings == []


def test_after_an_import_the_page_tells_which_responsible_people_two_staff_members_could_be(
        qtbot, district_db, finished, monkeypatch):
    school = school_id("0701001")
    with district_db.session() as session:
        session.add_all([School(id=school, code="0701001", name="МКОУ СОШ с.п.Урожайное", kind="СОШ", locality="rural"),
                         Teacher(school_id=school, last_name="Шидукова", first_name="Людмила", middle_name="Петровна"),
                         Teacher(school_id=school, last_name="Шидукова", first_name="Лариса", middle_name="Павловна")])
    workspace = Workspace(district_db, 2022)
    dialog = import_dialog(qtbot, finished, workspace, SEED004)
    finished(dialog.save())
    monkeypatch.setattr(dialog, "exec", lambda: 1)
    monkeypatch.setattr("app.ui.roadmaps.page.ImportDialog", lambda *_args: dialog)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text: told.append((title, text)))
    page_for(qtbot, workspace).import_roadmap()
    assert told == [("Ответственные не связаны с сотрудниками",
                     "№ 1 — ответственный «Шидукова Л.П.» — сотрудников с таким именем: 2; "
                     "выберите сотрудника вручную.")]
