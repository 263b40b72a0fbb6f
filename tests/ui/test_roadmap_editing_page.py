"""Editing in the «Дорожные карты» page: the event form with its live «Как понят срок», messages at the fields,
approval and corrections, the versions dialog, the school template; dialogs driven without exec()."""

from datetime import date
from pathlib import Path

import pytest

from app.models import Roadmap, RoadmapEvent
from app.services.roadmaps import proposals
from app.services.roadmaps.corrections import approve_roadmap, roadmap_history
from app.services.roadmaps.importing import preview_file, save_preview
from app.ui.roadmaps.correction_dialog import CorrectionDialog
from app.ui.roadmaps.edit_event_dialog import EventEditDialog
from app.ui.roadmaps.history_dialog import HistoryDialog
from app.ui.roadmaps.page import RoadmapsPage
from app.ui.roadmaps.template_dialog import TemplateDialog
from app.ui.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "roadmaps"


@pytest.fixture(autouse=True)
def quiet(warnings) -> list[str]:
    """No message box is shown in these tests (see `warnings` in conftest)."""
    return warnings


def seeded(database, name="seed004.docx", table=None) -> str:
    with database.session() as session:
        return save_preview(session, preview_file(DATA / name, 2022, table_index=table))["roadmap_id"]


def page_for(qtbot, workspace, roadmap_id) -> RoadmapsPage:
    page = RoadmapsPage(workspace)
    qtbot.addWidget(page)
    page.refresh(select=roadmap_id)
    return page


def event_dialog(qtbot, workspace, roadmap_id, event_id=None, **kwargs) -> EventEditDialog:
    dialog = EventEditDialog(workspace, roadmap_id, event_id, year=2022, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_deadline_is_understood_while_it_is_typed(qtbot, district_db):
    roadmap_id = seeded(district_db)
    dialog = event_dialog(qtbot, Workspace(district_db, 2022), roadmap_id)
    dialog.deadline.setText("Ежегодно, март-апрель")
    assert dialog.understood.text() == "повторяется: 01.03.2022 – 30.04.2022"
    assert dialog.accept_unrecognized.isHidden()
    dialog.deadline.setText("когда получится")
    assert dialog.understood.text() == "не распознан" and not dialog.accept_unrecognized.isHidden()


def test_new_event_goes_to_the_chosen_section_with_the_next_number(qtbot, district_db, finished):
    """seeds/004 numbers its 18 events through the document: one added to the last section is «19»."""
    roadmap_id = seeded(district_db)
    workspace = Workspace(district_db, 2022)
    page = page_for(qtbot, workspace, roadmap_id)
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(4))
    dialog = event_dialog(qtbot, workspace, roadmap_id, section_id=page.chosen_section())
    dialog.title.setPlainText("Методический десант в ШНОР")
    dialog.deadline.setText("Ноябрь")
    dialog.responsible.setCurrentText("ИМЦ УО")
    assert finished(dialog.save())
    finished()
    with district_db.session() as session:
        event = session.get(RoadmapEvent, dialog.saved_id)
        assert (event.number, event.deadline_text, event.responsible) == ("19", "Ноябрь", "ИМЦ УО")
    page.refresh(select=roadmap_id)  # shown again when the dialog closes
    assert "19" in [page.table.item(row, 0).text() for row in range(page.table.rowCount())]


def test_empty_title_and_unrecognised_deadline_are_refused_at_their_fields(qtbot, district_db, finished):
    roadmap_id = seeded(district_db)
    dialog = event_dialog(qtbot, Workspace(district_db, 2022), roadmap_id)
    dialog.deadline.setText("когда получится")
    assert not finished(dialog.save())
    assert dialog.errors.labels["title"].text() == "Укажите, что за мероприятие."
    assert "не распознан" in dialog.errors.labels["deadline_text"].text()
    dialog.title.setPlainText("Семинар")
    dialog.accept_unrecognized.setChecked(True)
    assert finished(dialog.save())


def test_approved_roadmap_asks_for_a_correction_then_history_lists_it(qtbot, district_db, finished):
    roadmap_id = seeded(district_db)
    workspace = Workspace(district_db, 2022)
    approval = CorrectionDialog(workspace, roadmap_id, "approve")
    qtbot.addWidget(approval)
    approval.basis.setText("приказ УО № 5 от 10.01.2022")
    assert finished(approval.save())
    page = page_for(qtbot, workspace, roadmap_id)
    assert page.edit_bar.state.text().startswith("Утверждена приказом УО № 5 от 10.01.2022; текущая версия 1.")
    assert page.edit_bar.approve_button.isHidden() and not page.edit_bar.correct_menu.isHidden()
    with district_db.session() as session:
        first = session.query(RoadmapEvent).filter_by(roadmap_id=roadmap_id, number="1").one().id
    edit = event_dialog(qtbot, workspace, roadmap_id, first)
    edit.deadline.setText("Март")
    assert not finished(edit.save())
    assert "корректировкой" in edit.errors.labels["title"].text()
    correction = CorrectionDialog(workspace, roadmap_id, "correct")
    qtbot.addWidget(correction)
    correction.basis.setText("приказ УО № 112 от 14.03.2022")
    assert finished(correction.save())
    assert finished(edit.save())
    history = HistoryDialog(workspace, roadmap_id)
    qtbot.addWidget(history)
    assert history.versions.count() == 2 and history.versions.currentRow() == 1
    assert history.changes.item(0, 0).text() == "срок перенесён"
    assert (history.changes.item(0, 2).text(), history.changes.item(0, 3).text()) == ("Февраль", "Март")


def test_district_assigns_the_template_and_sees_each_measure_per_school(qtbot, district_world, finished, warnings):
    database = district_world.database
    roadmap_id = seeded(database, "seed002.docx", table=1)
    with database.session() as session:
        approve_roadmap(session, roadmap_id, "приказ № 333-ОД", date(2021, 12, 10))
    dialog = TemplateDialog(Workspace(database, 2022), roadmap_id, None)
    qtbot.addWidget(dialog)
    assert finished(dialog.loading)
    assert dialog.table.rowCount() == 15 and dialog.table.item(0, 2).text() == "не назначено"
    assert dialog.schools_table.rowCount() == 0
    first_school = dialog.schools.list.item(0)
    dialog.schools.set_checked([first_school.data(0x0100)])
    assert finished(dialog.assign()), warnings
    again = TemplateDialog(Workspace(database, 2022), roadmap_id, None)
    qtbot.addWidget(again)
    assert finished(again.loading)
    assert [again.table.item(0, column).text() for column in range(2, 6)] == ["1", "0", "0", "1"]
    assert again.schools_table.item(0, 0).text() == first_school.text()
    assert again.schools_table.item(0, 1).text().startswith("нет данных")
    with database.session() as session:
        assert session.query(Roadmap).count() == 1
        assert len(roadmap_history(session, roadmap_id)["versions"]) == 1


def test_the_bar_moves_an_event_down_and_deletes_it(qtbot, district_db, finished):
    roadmap_id = seeded(district_db)
    page = page_for(qtbot, Workspace(district_db, 2022), roadmap_id)
    first = page.rows[0]
    page.table.selectRow(0)
    assert finished(page.edit_bar.shift(1))
    page.refresh(select=roadmap_id)
    assert [row["title"] for row in page.rows[:2]][1] == first["title"] and page.rows[1]["number"] == "2"
    page.table.selectRow(1)
    assert finished(page.edit_bar.delete_event())
    page.refresh(select=roadmap_id)
    assert len(page.rows) == 17 and first["title"] not in [row["title"] for row in page.rows]


def test_school_proposes_a_change_to_the_municipal_roadmap_it_cannot_edit(qtbot, school_world, finished):
    database = school_world.database
    with database.session() as session:
        roadmap = Roadmap(title="Муниципальная дорожная карта", level="municipal", year_from=2022, year_to=2022,
                          origin="district")
        session.add(roadmap)
        session.flush()
        session.add(RoadmapEvent(roadmap_id=roadmap.id, number="1", title="Семинар", deadline_text="Март",
                                 position=0, origin="district"))
        roadmap_id = roadmap.id
    workspace = Workspace(database, 2022)
    page = page_for(qtbot, workspace, roadmap_id)
    assert not page.edit_bar.event_menu.isEnabled() and not page.edit_bar.propose_button.isHidden()
    event_id = page.rows[0]["id"]
    dialog = event_dialog(qtbot, workspace, roadmap_id, event_id, propose=True)
    dialog.title.setPlainText("Семинар для учителей начальных классов")
    assert finished(dialog.save())
    with database.session() as session:
        assert session.get(RoadmapEvent, event_id).title == "Семинар"
        [proposal] = proposals.event_proposals(session, event_id)
    assert proposal["fields"][0]["mine"] == "Семинар для учителей начальных классов"
