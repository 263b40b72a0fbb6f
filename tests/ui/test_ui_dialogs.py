"""Dialogs and pages over the registry: create, edit and delete every entity; refusals change nothing."""

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select
from ui_world import sample

from app.models import Course, Enrollment, Participation, Peer
from app.services import records
from app.ui.courses.enroll import EnrollDialog
from app.ui.events.participants import ParticipantsDialog
from app.ui.schools.page import schools_page
from app.ui.widgets.multi_select import MultiSelect
from app.ui.widgets.record_dialog import RecordDialog, record_dialog
from app.ui.widgets.table_page import TablePage
from app.ui.workspace import Workspace


@pytest.fixture(autouse=True)
def answer_yes(monkeypatch):
    """Confirmations say yes and information boxes close at once, so no modal box blocks a test."""
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: pytest.fail(f"warning shown: {args[2]}"))


def world_for(request, entity: str):
    kind = "school" if records.get_entity(entity).owner_kind == "school" else "district"
    return request.getfixturevalue(f"{kind}_world")


def fill(dialog, values: dict) -> None:
    for name, value in values.items():
        dialog.form.editors[name].set(value)


def select_row(page: TablePage, record_id: str) -> None:
    row = next(i for i, values in enumerate(page.model.rows) if values[0] == record_id)
    page.table.selectRow(row)


@pytest.mark.parametrize("entity", list(records.ENTITIES))
def test_every_entity_is_created_edited_and_deleted_through_its_dialogs(qtbot, request, finished, entity):
    world = world_for(request, entity)
    workspace = Workspace(world.database, 2024)
    values, field, new_value = sample(entity, world)
    dialog = record_dialog(None, workspace, entity, None)
    qtbot.addWidget(dialog)
    fill(dialog, values)
    assert finished(dialog.save()), dialog.form.values()
    record_id = dialog.saved_id
    with world.database.session() as session:
        stored = records.get_values(session, entity, record_id)
    assert {name: stored[name] for name in values} == values

    edit = record_dialog(None, workspace, entity, record_id)
    qtbot.addWidget(edit)
    assert not edit.read_only
    edit.form.editors[field].set(new_value)
    assert finished(edit.save())
    with world.database.session() as session:
        assert records.get_values(session, entity, record_id)[field] == new_value

    page = TablePage(workspace, entity, use_year=False)
    qtbot.addWidget(page)
    finished(page.refresh())
    select_row(page, record_id)
    finished(page.delete_record())
    with world.database.session() as session:
        assert session.get(records.get_entity(entity).model, record_id).deleted_at is not None
    finished(page.refresh())
    assert record_id not in [row[0] for row in page.model.rows]


def test_an_invalid_form_shows_the_message_at_the_field_and_saves_nothing(qtbot, district_world, finished):
    workspace = Workspace(district_world.database, 2024)
    dialog = record_dialog(None, workspace, "course", None)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(dialog, {"title": "", "provider": "ИРО"})
    with district_world.database.session() as session:
        before = session.scalar(select(func.count()).select_from(Course))
    assert not finished(dialog.save())
    assert dialog.form.errors.labels["title"].isVisible()
    assert dialog.form.errors.labels["title"].text() == "Заполните поле «Название программы»."
    assert dialog.focusWidget() is dialog.form.editors["title"].widget
    with district_world.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Course)) == before


def test_dates_in_the_wrong_order_are_refused_at_the_later_date(qtbot, district_world, finished):
    from datetime import date

    workspace = Workspace(district_world.database, 2024)
    dialog = record_dialog(None, workspace, "course", district_world.course)
    qtbot.addWidget(dialog)
    fill(dialog, {"start_date": date(2024, 5, 1), "end_date": date(2024, 4, 1)})
    assert not finished(dialog.save())
    assert dialog.form.errors.labels["end_date"].text() == "Окончание не может быть раньше начала."
    with district_world.database.session() as session:
        assert session.get(Course, district_world.course).end_date == date(2024, 3, 20)


def test_district_record_opens_read_only_with_the_reason_in_a_school(qtbot, school_world, finished):
    workspace = Workspace(school_world.database, 2024)
    dialog = record_dialog(None, workspace, "course", school_world.course)
    qtbot.addWidget(dialog)
    assert dialog.read_only
    assert dialog.note.text() == "Эту запись ведёт управление образования; изменения приходят в пакете от района."
    assert not any(editor.widget.isEnabled() for editor in dialog.form.editors.values())
    page = TablePage(workspace, "course")
    qtbot.addWidget(page)
    finished(page.refresh())
    assert not page.create_button.isEnabled()


def test_delete_is_offered_only_for_a_record_this_installation_may_change(qtbot, district_world, finished):
    """At the district «Удалить» is disabled for a teacher of a school that has registered its key (the school keeps
    its own data now), with the reason in its tooltip, and enabled for a teacher of a school the district keeps."""
    with district_world.database.session() as session:  # the other school (0701002) registers its key
        session.add(Peer(kind="school", school_code="0701002", name="Гимназия", public_key_pem="-", fingerprint="-"))
    page = TablePage(Workspace(district_world.database, 2024), "teacher", use_year=False)
    qtbot.addWidget(page)
    finished(page.refresh())
    assert not page.delete_button.isEnabled() and page.delete_button.toolTip() == "Выберите запись в списке."
    select_row(page, district_world.other_teacher)
    finished()
    assert not page.delete_button.isEnabled()
    assert page.delete_button.toolTip().startswith("Эту запись внёс район, но школа уже зарегистрировала ключ")
    select_row(page, district_world.teacher)
    finished()
    assert page.delete_button.isEnabled() and page.delete_button.toolTip() == ""


def test_school_card_shows_its_staff(qtbot, district_world, finished):
    workspace = Workspace(district_world.database, 2024)
    card = record_dialog(None, workspace, "school", district_world.own_school)
    qtbot.addWidget(card)
    staff = card.pages["teacher"]
    finished(staff.refresh())
    assert [row[1] for row in staff.model.rows] == ["Ёлкина Анна Петровна"]
    assert staff.count_label.text() == "Показано 1 из 1"


def test_a_school_cards_tabs_leave_out_the_school_and_list_years_latest_first(qtbot, district_world, finished):
    with district_world.database.session() as session:
        for year in (2020, 2019, 2021, 2023, 2022):
            records.create(session, "social_passport", {"school_id": district_world.own_school, "year": year,
                                                        "pupils_total": 300})
    card = record_dialog(None, Workspace(district_world.database, 2024), "school", district_world.own_school)
    qtbot.addWidget(card)
    passports = card.pages["social_passport"]
    finished(passports.refresh())
    year = [column.key for column in passports.entity.columns].index("year") + 1
    assert [row[year] for row in passports.model.rows] == [2023, 2022, 2021, 2020, 2019]
    school = [column.key for column in passports.entity.columns].index("school")
    assert passports.table.isColumnHidden(school)


def test_a_school_chosen_in_the_list_opens_as_its_card_with_tabs(qtbot, district_world, monkeypatch, finished):
    opened: list[RecordDialog] = []
    monkeypatch.setattr(RecordDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    page = schools_page(Workspace(district_world.database, 2024))
    qtbot.addWidget(page)
    schools = page.current_table()
    finished(schools.refresh())
    select_row(schools, district_world.own_school)
    schools.edit_record()
    assert [dialog.record_id for dialog in opened] == [district_world.own_school]
    assert [opened[0].tabs.tabText(i) for i in range(opened[0].tabs.count())] == [
        "Сведения", "Педагоги", "Статусы по годам", "Социальный паспорт", "Сетевое взаимодействие", "Куратор и наставники"]


def test_course_card_enrols_checked_teachers_at_once(qtbot, school_world, finished):
    workspace = Workspace(school_world.database, 2024)
    dialog = EnrollDialog(workspace, school_world.course)
    qtbot.addWidget(dialog)
    dialog.teachers.set_all(True)
    finished(dialog.save())
    assert dialog.added == 1
    with school_world.database.session() as session:
        enrolled = session.scalars(select(Enrollment.teacher_id).where(Enrollment.course_id == school_world.course)).all()
    assert enrolled == [school_world.teacher]


def test_event_card_records_participating_schools_and_teachers(qtbot, district_world, finished):
    workspace = Workspace(district_world.database, 2024)
    dialog = ParticipantsDialog(workspace, district_world.event)
    qtbot.addWidget(dialog)
    dialog.schools.set_checked([district_world.own_school])
    dialog._load_teachers()
    dialog.teachers.set_all(True)
    finished(dialog.save())
    with district_world.database.session() as session:
        rows = session.execute(select(Participation.school_id, Participation.teacher_id)).all()
    assert rows == [(district_world.own_school, district_world.teacher)]


def test_typing_in_the_search_box_filters_the_list(qtbot, district_world):
    workspace = Workspace(district_world.database, 2024)
    page = TablePage(workspace, "teacher")
    qtbot.addWidget(page)
    page.show()
    page.search.setText("БОРИС")  # QTest cannot type Cyrillic keys; the text change starts the same debounce
    qtbot.waitUntil(lambda: page.count_label.text() == "Показано 1 из 2", timeout=8000)
    assert [row[1] for row in page.model.rows] == ["Борисов Олег"]
    page.search.clear()
    qtbot.waitUntil(lambda: page.count_label.text() == "Показано 2 из 2", timeout=8000)


def test_a_read_only_form_reads_in_the_normal_text_colour_with_the_checked_subject_in_view(qtbot, school_world):
    workspace = Workspace(school_world.database, 2024)
    dialog = record_dialog(None, workspace, "course", school_world.course)
    qtbot.addWidget(dialog)
    assert dialog.read_only
    palette = dialog.form.palette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        assert palette.color(QPalette.ColorGroup.Disabled, role) == palette.color(QPalette.ColorGroup.Active, role)


def test_a_long_choice_list_shows_its_checked_item_without_scrolling(qtbot):
    subjects = MultiSelect([(f"s{number}", f"Предмет {number}") for number in range(40)])
    qtbot.addWidget(subjects)
    subjects.resize(300, 160)
    subjects.show()
    subjects.set_checked(["s35"])
    qtbot.wait(1)
    shown = subjects.list.viewport().rect()
    assert shown.intersects(subjects.list.visualItemRect(subjects.list.item(35)))
