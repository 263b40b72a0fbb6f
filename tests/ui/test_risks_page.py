"""The «Риски «500+»» page in both seats: the school edits its own profile and programs (messages at the fields,
nothing saved on a refusal), the district sees them read-only with its map and its list of factors."""

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select
from ui_world import OWN_CODE

from app.models import Peer, RiskFactor, RiskLevel, RiskProfile, RiskProgram, RoadmapEvent, SchoolStatus
from app.services.risks.factors import factor_id, priority_limit
from app.services.risks.importing import write_risk_template
from app.services.risks.profiles import ProfileEntry, save_profile
from app.services.risks.programs import MeasureEntry
from app.ui.risks.measure_dialog import MeasureDialog
from app.ui.risks.page import RisksPage
from app.ui.workspace import Workspace

YEAR = 2024


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    """Questions say yes, information boxes close at once; a warning fails the test."""
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: pytest.fail(f"warning shown: {args[2]}"))


def page_of(qtbot, finished, world) -> RisksPage:
    page = RisksPage(Workspace(world.database, YEAR))
    qtbot.addWidget(page)
    page.show()
    finished()
    return page


def profiled(world, priority=("equipment",)) -> None:
    with world.database.session() as session:
        save_profile(session, world.own_school, YEAR, ProfileEntry(
            {"equipment": "high", "staff_shortage": "medium", "parent_engagement": "low"}, list(priority),
            date(2024, 3, 1), "Ёлкина А.П."))


def count(world, model) -> int:
    with world.database.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def test_the_school_sees_its_own_profile_and_programs_and_nothing_of_the_district(qtbot, finished, school_world):
    page = page_of(qtbot, finished, school_world)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["Профиль рисков", "Концепция и программы"]
    assert page.chooser is None and page.school_id() == school_world.own_school
    assert page.profile.table.rowCount() == 10 and page.profile.buttons["save"].isVisibleTo(page)


def test_the_school_saves_its_profile_from_the_tab(qtbot, finished, school_world):
    page = page_of(qtbot, finished, school_world)
    tab = page.profile
    tab.levels["equipment"].setCurrentIndex(tab.levels["equipment"].findData("high"))
    tab.priority["equipment"].setChecked(True)
    tab.filled_by.setText("Ёлкина А.П., заместитель директора по УВР")
    assert finished(tab.save())
    with school_world.database.session() as session:
        level = session.scalars(select(RiskLevel)).one()
    assert (level.factor_id, level.level, level.priority) == (factor_id("equipment"), "high", True)


def test_a_priority_can_be_ticked_only_for_a_risk_found_and_only_up_to_the_limit(qtbot, finished, school_world):
    page = page_of(qtbot, finished, school_world)
    tab = page.profile
    codes = ["equipment", "staff_shortage", "teacher_competence", "low_adaptivity"]
    assert not tab.priority["equipment"].isEnabled()  # no level yet
    for code in codes:
        tab.levels[code].setCurrentIndex(tab.levels[code].findData("medium"))
    for code in codes[:3]:
        tab.priority[code].setChecked(True)
    assert not tab.priority["low_adaptivity"].isEnabled()
    assert tab.counter.text().startswith("Приоритетных рисков выбрано: 3 из 3")
    tab.levels["equipment"].setCurrentIndex(tab.levels["equipment"].findData("none"))
    assert not tab.priority["equipment"].isChecked() and tab.priority["low_adaptivity"].isEnabled()


def test_a_profile_without_who_filled_it_is_refused_at_the_field_and_nothing_is_saved(qtbot, finished, school_world):
    page = page_of(qtbot, finished, school_world)
    tab = page.profile
    tab.levels["equipment"].setCurrentIndex(tab.levels["equipment"].findData("low"))
    assert not finished(tab.save())
    assert "кто заполнил" in tab.errors.text("filled_by")
    assert count(school_world, RiskProfile) == 0


def test_a_sheet_with_errors_lists_them_and_saves_nothing(qtbot, finished, school_world, tmp_path):
    page = page_of(qtbot, finished, school_world)
    path = tmp_path / "profile.xlsx"
    with school_world.database.session() as session:
        write_risk_template(session, path, school_world.own_school, YEAR)  # no levels filled in
    assert not finished(page.profile.load_file(str(path)))
    assert "Уровень" in page.profile.errors_dialog.text.toPlainText()
    assert count(school_world, RiskProfile) == 0


def test_a_program_saved_from_its_dialog_puts_its_measure_in_the_school_roadmap(qtbot, finished, school_world):
    profiled(school_world)
    page = page_of(qtbot, finished, school_world)
    page.tabs.setCurrentWidget(page.programs)
    finished()
    assert "«Низкий уровень оснащения школы»" in page.programs.summary.text()  # a priority risk without a program
    dialog = page.programs.create()
    qtbot.addWidget(dialog)
    dialog.goal.setPlainText("Обновить оснащение кабинетов")
    assert not finished(dialog.save())
    assert "хотя бы одно" in dialog.errors.text("measures") and count(school_world, RiskProgram) == 0
    dialog.measures.append(MeasureEntry("Заявка на оснащение", "Март - апрель", "Директор"))
    assert finished(dialog.save()) and dialog.saved
    finished()
    assert count(school_world, RoadmapEvent) == 1
    assert page.programs.list.item(0, 0).text() == "Антирисковая программа «Низкий уровень оснащения школы»"
    assert page.programs.measures.item(0, 1).text() == "Заявка на оснащение"


def test_the_measure_dialog_reads_the_deadline_as_it_is_typed_and_keeps_a_bad_measure(qtbot):
    dialog = MeasureDialog(YEAR, [])
    qtbot.addWidget(dialog)
    dialog.title.setPlainText("Консилиум")
    dialog.deadline.setText("Март - апрель")
    assert dialog.understood.text() == "период: 01.03.2024 – 30.04.2024"
    dialog.accept()
    assert dialog.measure is None and dialog.errors.text("responsible") == "Укажите ответственного."
    dialog.responsible.setText("Педагог-психолог")
    dialog.accept()
    assert dialog.measure == MeasureEntry("Консилиум", "Март - апрель", "Педагог-психолог", None)


def test_the_district_sees_a_school_profile_read_only_and_its_map(qtbot, finished, district_world):
    with district_world.database.session() as session:
        session.add(SchoolStatus(school_id=district_world.own_school, year=YEAR, status="500plus"))
        session.add(Peer(kind="school", school_code=OWN_CODE, name="СОШ № 1", public_key_pem="-", fingerprint="-"))
        profile = RiskProfile(school_id=district_world.own_school, year=YEAR, filled_on=date(2024, 3, 1),
                              filled_by="Ёлкина А.П.")  # as the school's packet brought it
        session.add(profile)
        session.flush()
        session.add(RiskLevel(profile_id=profile.id, factor_id=factor_id("equipment"), level="high", priority=True))
    page = page_of(qtbot, finished, district_world)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Профиль рисков", "Концепция и программы", "Карта рисков", "Факторы риска"]
    assert page.school_id() == district_world.own_school
    assert "ведёт школа" in page.profile.note.text() and not page.profile.levels["equipment"].isEnabled()
    assert not page.profile.buttons["save"].isVisibleTo(page)
    page.tabs.setCurrentWidget(page.map)
    finished()
    assert page.map.model.rowCount() == 1
    assert page.map.model.index(0, 2).data() == "высокий ★"
    page.map.statuses["shnsu"].setChecked(True)
    finished()
    assert page.map.model.rowCount() == 0


def test_the_district_sets_the_limit_and_adds_back_the_methodology_factors_it_lacks(qtbot, finished, district_world):
    with district_world.database.session() as session:
        session.delete(session.get(RiskFactor, factor_id("low_motivation")))  # as in a database set up before
        session.get(RiskFactor, factor_id("equipment")).code = "equipment_2021"  # the district recoded it
    page = page_of(qtbot, finished, district_world)
    factors = page.tabs.widget(3)
    factors.limit.setValue(2)
    assert finished(factors.save_limit())
    assert finished(factors.add_standard())
    with district_world.database.session() as session:
        assert priority_limit(session) == 2
        assert sorted(session.scalars(select(RiskFactor.code)))[:2] == ["academic_failure", "equipment_2021"]
        assert session.scalar(select(func.count()).select_from(RiskFactor)) == 10


def test_a_refusal_after_the_year_changed_still_finds_its_fields(qtbot, finished, school_world):
    page = page_of(qtbot, finished, school_world)
    page.workspace.set_year(2023)
    finished()
    tab = page.profile
    tab.levels["equipment"].setCurrentIndex(tab.levels["equipment"].findData("low"))
    assert not finished(tab.save())
    assert "кто заполнил" in tab.errors.text("filled_by")
