"""«Начать 2023 год»: last year's statuses become proposals to decide with a basis, recurring roadmap events get the
new year's occurrences, targets are kept, the old year is closed; an indicator over ШНОР says why it has no value."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.errors import ValidationError
from app.models import (
    EventOccurrence,
    Indicator,
    IndicatorTarget,
    Installation,
    ProgramYear,
    Roadmap,
    School,
    SchoolStatus,
    StatusProposal,
    alive,
)
from app.services.indicators.catalogue import indicator_table, set_target
from app.services.roadmaps.plans import PlannedEvent, create_roadmap
from app.services.years.start import start_year
from app.services.years.statuses import decide, list_proposals


@pytest.fixture
def district(district_db):
    """Two schools with 2022 statuses and a 2022 municipal roadmap of one yearly, one monthly and one-off event."""
    with district_db.session() as session:
        uro = School(code="0701001", name="МКОУ СОШ с.п. Урожайное", kind="СОШ", locality="rural")
        gym = School(code="0701002", name="Гимназия № 2", kind="гимназия", locality="urban")
        session.add_all([uro, gym])
        session.flush()
        session.add_all([SchoolStatus(school_id=uro.id, year=2022, status="shnor", basis="Приказ № 5 от 10.01.2022"),
                         SchoolStatus(school_id=uro.id, year=2022, status="500plus", basis="Перечень ФИОКО"),
                         SchoolStatus(school_id=gym.id, year=2022, status="mentor", basis="Приказ № 5"),
                         SchoolStatus(school_id=gym.id, year=2021, status="shnsu", basis="Приказ № 2 от 2021")])
        events = [PlannedEvent(str(n), title, deadline, "ИМЦ", "", None) for n, (title, deadline) in enumerate(
            (("Анализ результатов ГИА", "Ежегодно, сентябрь"), ("Заседание РМО", "Ежемесячно"),
             ("Утверждение концепции", "Февраль")), start=1)]
        create_roadmap(session, {"title": "Муниципальная дорожная карта", "level": "municipal", "year_from": 2022,
                                 "year_to": 2022}, [], events)
        for code in ("2.1.2", "2.2"):
            set_target(session, code, 2022, 60.0)
            set_target(session, code, 2023, None)
    return district_db


def occurrences(session, year: int) -> int:
    return session.scalar(select(func.count()).select_from(EventOccurrence).where(EventOccurrence.year == year))


def test_starting_a_year_proposes_last_years_statuses_plans_recurring_events_and_keeps_targets(district):
    with district.session() as session:
        assert occurrences(session, 2022) == 1 + 12 + 1
        result = start_year(session, 2023)
    assert (result.source_year, result.proposals, result.occurrences) == (2022, 3, 1 + 12)
    assert result.roadmaps == ["Муниципальная дорожная карта"]
    with district.session() as session:
        proposals = {(row.school_code, row.status, row.outcome) for row in list_proposals(session, 2023)}
        assert proposals == {("0701001", "shnor", "ждёт решения"), ("0701001", "500plus", "ждёт решения"),
                             ("0701002", "mentor", "ждёт решения")}
        assert session.scalar(select(func.count()).select_from(SchoolStatus).where(SchoolStatus.year == 2023)) == 0
        assert session.scalars(select(Roadmap.year_to)).one() == 2023
        assert occurrences(session, 2023) == 13  # «Февраль» was a one-off of 2022
        targets = dict(session.execute(select(Indicator.code, IndicatorTarget.value).join(
            IndicatorTarget, IndicatorTarget.indicator_id == Indicator.id).where(
            IndicatorTarget.year == 2023, alive(IndicatorTarget), Indicator.code.in_(("2.1.2", "2.2")))).all())
        assert targets == {"2.1.2": 60.0, "2.2": 60.0}
        assert set(result.targets_kept) >= {"2.1.2", "2.2"}
        assert session.get(ProgramYear, 2022).closed_at is not None
        assert session.scalars(select(Installation.program_year)).one() == 2023


def test_until_statuses_are_decided_an_indicator_over_shnor_says_why_it_has_no_value(district):
    with district.session() as session:
        start_year(session, 2023)
        row = next(r for r in indicator_table(session, 2023) if r["code"] == "2.1.2")
    assert (row["actual"], row["status"]) == (None, "no_data")
    assert row["reason"] == ("нет статусов ШНОР, ШНСУ на 2023 год; статусы прошлого года ждут решения (3) — "
                             "«Школы → Статусы на новый год»")


def test_each_proposal_is_kept_changed_or_dropped_with_a_basis(district):
    with district.session() as session:
        start_year(session, 2023)
        rows = {(r.school_code, r.status): r.id for r in list_proposals(session, 2023)}
        with pytest.raises(ValidationError) as missing:
            decide(session, rows["0701001", "shnor"], "kept", "  ")
        assert missing.value.errors == {"basis": "Укажите основание решения: приказ, протокол, результаты отбора."}
        decide(session, rows["0701001", "shnor"], "changed", "Приказ № 3 от 16.01.2023", new_status="shnsu")
        decide(session, rows["0701001", "500plus"], "dropped", "Школа вышла из проекта «500+»")
        decide(session, rows["0701002", "mentor"], "kept", "Приказ № 3 от 16.01.2023")
        statuses = set(session.execute(select(School.code, SchoolStatus.status, SchoolStatus.basis).join(
            School, School.id == SchoolStatus.school_id).where(SchoolStatus.year == 2023, alive(SchoolStatus))))
        outcomes = {(r.school_code, r.status): r.outcome for r in list_proposals(session, 2023)}
    assert statuses == {("0701001", "shnsu", "Приказ № 3 от 16.01.2023"),
                        ("0701002", "mentor", "Приказ № 3 от 16.01.2023")}
    assert outcomes == {("0701001", "shnor"): "Изменён → ШНСУ", ("0701001", "500plus"): "Снят",
                        ("0701002", "mentor"): "Оставлен"}


def test_a_decision_taken_again_replaces_the_status_it_made(district):
    with district.session() as session:
        start_year(session, 2023)
        proposal = session.scalars(select(StatusProposal).where(StatusProposal.status == "mentor")).one()
        decide(session, proposal.id, "kept", "Приказ № 3")
        decide(session, proposal.id, "dropped", "Приказ № 4: решение пересмотрено")
        live = session.scalar(select(func.count()).select_from(SchoolStatus).where(
            SchoolStatus.year == 2023, alive(SchoolStatus)))
    assert live == 0


def test_starting_the_same_year_again_adds_nothing(district):
    with district.session() as session:
        start_year(session, 2023)
    with district.session() as session:
        again = start_year(session, 2023)
        assert (again.started_before, again.proposals, again.occurrences, again.roadmaps) == (True, 0, 0, [])
        assert session.scalar(select(func.count()).select_from(StatusProposal)) == 3


def test_cli_starts_the_year_lists_and_decides_the_proposals(district, db_path, capsys):
    assert main(["--db", str(db_path), "year", "start", "2023", "--json"]) == 0
    started = json.loads(capsys.readouterr().out)
    assert {k: started[k] for k in ("year", "source_year", "proposals", "occurrences", "closed_year")} == {
        "year": 2023, "source_year": 2022, "proposals": 3, "occurrences": 13, "closed_year": 2022}
    assert main(["--db", str(db_path), "year", "decide", "0701001", "keep", "--year", "2023", "--status", "shnor",
                 "--basis", "Приказ № 3 от 16.01.2023"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "year", "proposals", "2023", "--json"]) == 0
    listed = {(p["school_code"], p["status"]): (p["decision"], p["basis"], p["decided_on"])
              for p in json.loads(capsys.readouterr().out)}
    assert listed[("0701001", "shnor")] == ("kept", "Приказ № 3 от 16.01.2023", date.today().isoformat())
    assert listed[("0701002", "mentor")] == (None, None, None)
    assert main(["--db", str(db_path), "year", "decide", "0701002", "drop", "--year", "2023", "--status", "shnor",
                 "--basis", "x"]) == 2


def test_a_year_outside_the_program_range_is_refused(district):
    with district.session() as session, pytest.raises(ValidationError):
        start_year(session, 1999)
