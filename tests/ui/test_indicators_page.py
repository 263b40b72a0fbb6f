"""The «Показатели» page: the year's table, explanations, targets, the indicator editor, and ШНОР decisions."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.models import IndicatorTarget, SchoolStatus
from app.services.analytics.selection import DEFAULT_ISB_WEIGHTS, get_isb_weights
from app.services.indicators.catalogue import compute, get_indicator, indicator_table, update_indicator
from app.services.indicators.explain import explain
from app.ui.indicators.analysis_tab import AnalysisTab
from app.ui.indicators.explain_dialog import ExplainDialog
from app.ui.indicators.indicator_dialog import IndicatorDialog
from app.ui.indicators.isb_dialogs import WeightsDialog
from app.ui.indicators.manual_value_dialog import ManualValueDialog
from app.ui.indicators.page import IndicatorsPage
from app.ui.indicators.program_tab import ProgramTab
from app.ui.indicators.schools_tab import SchoolsTab
from app.ui.indicators.targets_dialog import TargetsDialog
from app.ui.workspace import Workspace
from tests.district_fixture import YEAR, district  # noqa: F401


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """Confirmations say yes; a warning fails the test (it would block a real user with an error)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: pytest.fail(f"warning shown: {args[2]}"))


@pytest.fixture
def workspace(district):
    database, _data = district
    return Workspace(database, YEAR)


def shown(dialog, qtbot):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def targets_of(workspace, code: str) -> dict[int, float]:
    with workspace.session() as session:
        indicator = get_indicator(session, code)
        rows = session.scalars(select(IndicatorTarget).where(
            IndicatorTarget.indicator_id == indicator.id, IndicatorTarget.deleted_at.is_(None)))
        return {row.year: row.value for row in rows}


def test_table_shows_the_eleven_catalogue_indicators_with_their_statuses_coloured(qtbot, workspace):
    tab = shown(ProgramTab(workspace), qtbot)
    qtbot.waitUntil(lambda: tab.loaded, timeout=8000)
    with workspace.session() as session:
        expected = {row["code"]: row["status"] for row in indicator_table(session, YEAR)}
    model = tab.model
    assert model.rowCount() == 11
    assert {row["code"]: row["status"] for row in model.rows} == expected
    status_column = [c.key for c in model.columns].index("status")
    achieved = next(i for i, row in enumerate(model.rows) if row["status"] == "achieved")
    assert model.data(model.index(achieved, status_column)) == "достигнут"
    assert model.data(model.index(achieved, status_column), Qt.ItemDataRole.BackgroundRole).name() == "#cdebd0"
    assert "Показателей: 11" in tab.summary.text()


def test_explain_dialog_shows_the_numbers_and_records_of_explain(qtbot, workspace):
    dialog = shown(ExplainDialog(workspace, "2.2"), qtbot)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=8000)
    with workspace.session() as session:
        expected = explain(session, "2.2", YEAR)
    assert dialog.model.rowCount() == len(expected["records"]) == 5  # the ШНОР/ШНСУ staff of 2022
    assert [row["in_numerator"] for row in dialog.model.rows] == [r["in_numerator"] for r in expected["records"]]
    assert "40 %" in dialog.value.text() and "числитель 2" in dialog.value.text()
    assert "Диагностика (последняя в периоде)" in [c.title for c in dialog.model.columns]
    assert dialog.definition.text().startswith("Доля педагогических работников")


def test_target_set_in_the_dialog_is_stored(qtbot, workspace, finished):
    dialog = shown(TargetsDialog(workspace, "2.2"), qtbot)
    dialog.boxes[2027].setValue(65)
    assert finished(dialog.save())
    assert targets_of(workspace, "2.2")[2027] == 65


def test_a_percentage_over_100_is_refused_at_its_year_and_nothing_is_stored(qtbot, workspace, finished):
    before = targets_of(workspace, "2.2")
    dialog = shown(TargetsDialog(workspace, "2.2"), qtbot)
    dialog.boxes[2026].setValue(70)
    dialog.boxes[2027].setValue(150)
    assert not finished(dialog.save())
    assert "от 0 до 100" in dialog.errors.text("2027")
    assert dialog.errors.text("2026") == ""
    assert targets_of(workspace, "2.2") == before


def choose(editor, measure: str, filters: dict) -> None:
    editor.measure.setCurrentIndex(editor.measure.findData(measure))
    for name, value in filters.items():
        editor.inputs[name].set(value)


def test_computed_indicator_made_in_the_dialog_stores_its_measures_and_previews_its_value(qtbot, workspace, finished):
    dialog = shown(IndicatorDialog(workspace), qtbot)
    dialog.code.setText("3.1")
    dialog.name.setPlainText("Доля ШНОР, получивших адресную помощь")
    choose(dialog.parts["numerator"], "schools", {"status": ["shnor"], "has": ["support_action"]})
    choose(dialog.parts["denominator"], "schools", {"status": ["shnor"]})
    dialog.update_preview()
    assert "100 %" in dialog.preview.text()
    assert finished(dialog.save())
    with workspace.session() as session:
        indicator = get_indicator(session, "3.1")
        assert indicator.numerator == {"measure": "schools", "filters": {"status": ["shnor"], "has": ["support_action"]}}
        assert indicator.denominator == {"measure": "schools", "filters": {"status": ["shnor"]}}


def test_indicator_without_code_or_denominator_is_refused_at_the_fields(qtbot, workspace, finished):
    dialog = shown(IndicatorDialog(workspace), qtbot)
    dialog.name.setPlainText("Без кода")
    choose(dialog.parts["numerator"], "teachers", {})
    assert not finished(dialog.save())
    assert dialog.errors.text("code") and dialog.errors.text("denominator")
    assert dialog.errors.text("numerator") == ""


def test_editing_an_indicator_keeps_its_measures(qtbot, workspace, finished):
    with workspace.session() as session:
        numerator = get_indicator(session, "2.2").numerator
    dialog = shown(IndicatorDialog(workspace, "2.2"), qtbot)
    assert dialog.parts["numerator"].spec() == numerator
    dialog.direction.setCurrentIndex(dialog.direction.findData("lower"))
    assert finished(dialog.save())
    with workspace.session() as session:
        indicator = get_indicator(session, "2.2")
        assert (indicator.direction, indicator.numerator) == ("lower", numerator)


def loaded_analysis(qtbot, workspace) -> AnalysisTab:
    tab = shown(AnalysisTab(workspace), qtbot)
    qtbot.waitUntil(lambda: tab.loaded, timeout=8000)
    return tab


def test_status_decided_from_a_candidate_is_stored_with_its_date_and_basis(qtbot, workspace, district, finished):
    _database, data = district
    tab = loaded_analysis(qtbot, workspace)
    candidates = tab.sections["candidates"].table
    candidates.select_where("school_id", data.schools["kurp"].id)
    dialog = tab.decision_dialog()
    qtbot.addWidget(dialog)
    assert dialog.status.currentData() == "shnsu"
    assert "ИСБ" in dialog.basis.toPlainText()
    dialog.decided_on.setDate(QDate(2022, 2, 15))
    dialog.basis.setPlainText(dialog.basis.toPlainText() + " Приказ № 12.")
    assert finished(dialog.save())
    with workspace.session() as session:
        stored = session.scalars(select(SchoolStatus).where(SchoolStatus.school_id == data.schools["kurp"].id)).one()
        assert (stored.year, stored.status, stored.decided_on) == (YEAR, "shnsu", date(2022, 2, 15))
        assert stored.basis.endswith("Приказ № 12.")
    qtbot.waitUntil(lambda: any(r["school_id"] == data.schools["kurp"].id for r in tab.sections["statuses"].model.rows),
                    timeout=8000)


def test_decision_without_basis_is_refused_at_the_field(qtbot, workspace, district, finished):
    _database, data = district
    tab = loaded_analysis(qtbot, workspace)
    tab.sections["candidates"].table.select_where("school_id", data.schools["kurp"].id)
    dialog = tab.decision_dialog()
    qtbot.addWidget(dialog)
    dialog.basis.setPlainText("  ")
    assert not finished(dialog.save())
    assert "основание" in dialog.errors.text("basis").lower()


def test_revoking_a_decision_removes_the_status_for_the_year(qtbot, workspace, district, finished):
    _database, data = district
    tab = loaded_analysis(qtbot, workspace)
    tab.sections["statuses"].table.select_where("school_id", data.schools["urozh"].id)
    finished(tab.revoke())
    with workspace.session() as session:
        row = session.scalars(select(SchoolStatus).where(SchoolStatus.school_id == data.schools["urozh"].id)).one()
        assert row.deleted_at is not None


def test_weights_dialog_refuses_negative_and_all_zero_weights_and_restores_defaults(qtbot, workspace, finished):
    dialog = shown(WeightsDialog(workspace), qtbot)
    dialog.boxes["share_low_income"].setValue(-1)
    assert not finished(dialog.save())
    assert "неотрицательным" in dialog.errors.text("share_low_income")
    for box in dialog.boxes.values():
        box.setValue(0)
    assert not finished(dialog.save())
    assert "больше нуля" in dialog.errors.text("weights")
    with workspace.session() as session:
        assert get_isb_weights(session) == DEFAULT_ISB_WEIGHTS
    dialog.boxes["distance_km"].setValue(2)
    assert finished(dialog.save())
    with workspace.session() as session:
        assert get_isb_weights(session)["distance_km"] == 2
    again = shown(WeightsDialog(workspace), qtbot)
    again.defaults_button.click()
    assert again.weights() == DEFAULT_ISB_WEIGHTS


def test_school_installation_sees_indicators_read_only_with_the_reason(qtbot, school_db):
    page = shown(IndicatorsPage(Workspace(school_db, YEAR)), qtbot)
    tab = page.program
    assert "управление образования" in tab.note.text()
    assert not any(tab.buttons[key].isVisible() for key in ("targets", "manual", "create", "edit"))
    assert tab.buttons["explain"].isVisible()


def test_changing_a_choice_in_the_editor_changes_the_preview_and_is_stored(qtbot, workspace, finished):
    dialog = shown(IndicatorDialog(workspace, "2.2"), qtbot)
    dialog.update_preview()
    assert "40 %" in dialog.preview.text()  # Абаева and Зуева of 5 in 2022
    window = dialog.choices.combos["window"]
    window.setCurrentIndex(window.findData("cumulative"))
    dialog.update_preview()
    assert "60 %" in dialog.preview.text()  # and Бекова, diagnosed in November 2021
    assert finished(dialog.save())
    with workspace.session() as session:
        assert get_indicator(session, "2.2").choices["window"] == "cumulative"


def test_schools_tab_colours_each_school_against_the_district_and_the_target(qtbot, workspace):
    tab = shown(SchoolsTab(workspace), qtbot)
    qtbot.waitUntil(lambda: tab.loaded, timeout=8000)
    rows = {row["code"]: row for row in tab.model.rows}
    column = [c.key for c in tab.model.columns].index("2.2")
    position = {row["code"]: i for i, row in enumerate(tab.model.rows)}
    cell = tab.model.index(position["hamid"], column)
    # Хамидие 1 of 2 = 50 ≥ target 40; Урожайное 1 of 3 = 33,33: below the target 40 and the district's 40
    assert tab.model.data(cell) == "50" and rows["hamid"]["2.2"]["standing"] == "target_met"
    assert rows["urozh"]["2.2"]["standing"] == "below"
    assert tab.model.data(tab.model.index(position["gymn"], column)) == "—"
    tip = tab.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    assert "Район: 40" in tip and "цель: 40" in tip and "Доля педагогических работников школ" in tip


def test_manual_value_of_a_half_year_is_entered_in_the_dialog(qtbot, workspace, finished):
    with workspace.session() as session:
        update_indicator(session, "МП.1", {"choices": {"frequency": "half_year"}})
    dialog = shown(ManualValueDialog(workspace, "МП.1"), qtbot)
    dialog.half.setCurrentIndex(dialog.half.findData(1))
    dialog.value.setValue(70)
    assert finished(dialog.save())
    with workspace.session() as session:
        indicator = get_indicator(session, "МП.1")
        assert (compute(session, indicator, YEAR, 1).value, compute(session, indicator, YEAR).value) == (70.0, None)


def test_the_isb_method_names_the_windows_buttons_not_the_codes_internals():
    """«Как считается ИСБ» is read by a methodologist: no setting keys, function names or code constants in it."""
    import re

    from app.ui.indicators.isb_dialogs import method_text

    text = method_text()
    assert text.startswith("# ИСБ, индекс результатов, динамика")
    assert re.findall(r"`|\b[A-Za-z]+_[A-Za-z_]+\b", text) == []
    assert "«Веса ИСБ…»" in text and "«Принять решение…»" in text
