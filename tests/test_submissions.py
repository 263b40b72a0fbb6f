"""Submissions and approval: school × section × year with its state; the district accepts a section or returns it with
a comment, opens an accepted one again; an accepted section of a closed year is locked; a school sees the states."""

import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.errors import KuratorError, ValidationError
from app.models import ProgramYear, School, SocialPassport, Submission, Teacher, utcnow
from app.services.ids import school_id
from app.services.submissions.receiving import is_locked
from app.services.submissions.states import (
    accept,
    reopen,
    return_section,
    school_sections,
    submissions_table,
)

URO, GYM = "0701001", "0701002"


@pytest.fixture
def district(district_db):
    """Урожайное has staff and a 2024 passport (entered at the district); the gymnasium has nothing for 2024."""
    with district_db.session() as session:
        session.add_all([School(id=school_id(URO), code=URO, name="МКОУ СОШ с.п. Урожайное", kind="СОШ",
                                locality="rural"),
                         School(id=school_id(GYM), code=GYM, name="Гимназия № 2", kind="гимназия", locality="urban")])
        session.flush()
        session.add_all([Teacher(school_id=school_id(URO), last_name="Иванова", first_name="Анна"),
                         SocialPassport(school_id=school_id(URO), year=2024, pupils_total=300)])
    return district_db


def states(session, code: str, year: int = 2024) -> dict[str, str]:
    return {s.section: s.state for s in school_sections(session, school_id(code), year)}


def test_each_school_and_section_has_its_state_for_the_year(district):
    with district.session() as session:
        table = {row.code: {s.section: (s.state, s.source) for s in row.sections}
                 for row in submissions_table(session, 2024)}
    assert table == {
        URO: {"staff": ("received", "entered"), "passport": ("received", "entered"), "results": ("missing", None),
              "roadmap": ("missing", None), "answers": ("missing", None)},
        GYM: {section: ("missing", None) for section in ("staff", "passport", "results", "roadmap", "answers")}}


def test_accepting_and_returning_with_a_comment_and_opening_again(district):
    with district.session() as session:
        accept(session, URO, "staff", 2024)
        return_section(session, URO, "passport", 2024, "Доля малообеспеченных 95 % — проверьте")
        assert states(session, URO) == {"staff": "accepted", "passport": "returned", "results": "missing",
                                        "roadmap": "missing", "answers": "missing"}
        returned = next(s for s in school_sections(session, school_id(URO), 2024) if s.section == "passport")
        assert returned.comment == "Доля малообеспеченных 95 % — проверьте"
        assert returned.describe() == ("возвращено на доработку; внесено здесь; комментарий: Доля малообеспеченных "
                                       "95 % — проверьте")
        reopen(session, URO, "staff", 2024)
        assert states(session, URO)["staff"] == "received"


def test_decisions_that_make_no_sense_are_refused_with_the_reason(district):
    with district.session() as session:
        with pytest.raises(KuratorError, match="Принимать нечего: раздела «Результаты» школы 0701001 за 2024 год нет"):
            accept(session, URO, "results", 2024)
        with pytest.raises(ValidationError) as no_comment:
            return_section(session, URO, "passport", 2024, " ")
        assert no_comment.value.errors == {"comment": "Напишите школе, что исправить: комментарий обязателен."}
        with pytest.raises(KuratorError, match="не принят: открывать заново нечего"):
            reopen(session, URO, "staff", 2024)
        with pytest.raises(KuratorError, match="Школы с кодом 0709999 нет в реестре"):
            accept(session, "0709999", "staff", 2024)


def test_an_accepted_section_of_a_closed_year_is_locked_until_opened_again(district):
    with district.session() as session:
        accept(session, URO, "passport", 2024)
        assert not is_locked(session, school_id(URO), 2024, "passport")
        session.add(ProgramYear(year=2024, closed_at=utcnow()))
        session.flush()
        assert is_locked(session, school_id(URO), 2024, "passport")
        assert next(s for s in school_sections(session, school_id(URO), 2024) if s.section == "passport").locked
        reopen(session, URO, "passport", 2024)
        assert not is_locked(session, school_id(URO), 2024, "passport")


def test_a_school_sees_the_districts_decisions_and_its_own_unsent_data(school_db):
    with school_db.session() as session:
        session.add(SocialPassport(school_id=school_id(URO), year=2024, pupils_total=300))
        session.add(Submission(school_id=school_id(URO), year=2024, section="staff", state="returned",
                               comment="Нет учителя информатики", origin="district"))
        session.flush()
        sections = {s.section: s for s in school_sections(session, school_id(URO), 2024)}
        assert submissions_table(session, 2024)[0].to_json()["keeper"] == "школа"  # its own installation keeps it
        with pytest.raises(KuratorError, match="управление образования"):
            accept(session, URO, "passport", 2024)
    assert (sections["staff"].state, sections["staff"].comment) == ("returned", "Нет учителя информатики")
    assert (sections["passport"].state, sections["passport"].has_data) == ("missing", True)
    assert sections["passport"].describe() == "район ещё не получил; данные внесены, их отвезёт следующий пакет"


def test_cli_table_and_decisions(district, db_path, capsys):
    assert main(["--db", str(db_path), "submissions", "accept", URO, "--section", "staff", "--year", "2024"]) == 0
    assert main(["--db", str(db_path), "submissions", "return", URO, "--section", "passport", "--year", "2024",
                 "--comment", "Уточните численность"]) == 0
    assert main(["--db", str(db_path), "submissions", "return", URO, "--section", "passport", "--year", "2024"]) == 2
    capsys.readouterr()
    assert main(["--db", str(db_path), "submissions", "--year", "2024", "--json"]) == 0
    rows = {row["school_code"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[URO]["keeper"] == "район"
    assert {section: value["state"] for section, value in rows[URO]["sections"].items()} == {
        "staff": "accepted", "passport": "returned", "results": "missing", "roadmap": "missing", "answers": "missing"}
    assert rows[URO]["sections"]["passport"]["comment"] == "Уточните численность"
    with district.session() as session:
        assert session.scalar(select(Submission.decided_by).where(Submission.section == "staff"))
