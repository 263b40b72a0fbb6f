"""The generated training region has what indicators and reports read: every school's ОГЭ/ЕГЭ and ВПР of the last
two years, diagnostics of one teacher in seven, participation in the methodological events — the same for a seed."""

from sqlalchemy import func, select

from app.db import open_database
from app.models import Diagnostic, ExamResult, MethodEvent, Participation, School, VprResult
from app.services.demo.generator import generate_region
from app.services.setup import initialize

YEAR = 2026


def region(path, seed: int = 1):
    database = open_database(str(path))
    with database.session() as session:
        initialize(session, "district", "Учебный регион", program_year=YEAR)
        counts = generate_region(session, schools=6, staff=70, seed=seed)
    return database, counts


def exams(database) -> list[tuple]:
    with database.session() as session:
        return session.execute(select(School.code, ExamResult.year, ExamResult.exam, ExamResult.subject,
                                      ExamResult.participants, ExamResult.mean_score)
                               .join(School, School.id == ExamResult.school_id).order_by(School.code, ExamResult.year,
                                                                                       ExamResult.exam,
                                                                                       ExamResult.subject)).all()


def test_every_school_has_exam_and_vpr_results_of_the_last_two_years(tmp_path):
    database, counts = region(tmp_path / "r.db")
    with database.session() as session:
        for model in (ExamResult, VprResult):
            per_school_year = session.execute(select(model.school_id, model.year).distinct()).all()
            assert len(per_school_year) == 6 * 2 and {year for _school, year in per_school_year} == {YEAR - 1, YEAR}
        assert session.scalar(select(func.count()).select_from(Diagnostic)) == counts["diagnostic"] == 10  # 70 / 7
        events = session.scalar(select(func.count()).select_from(MethodEvent))
        assert session.scalar(select(func.count()).select_from(Participation)) == events * 25
    database.close()


def test_one_seed_gives_the_same_results_and_another_seed_others(tmp_path):
    first, _ = region(tmp_path / "a.db")
    again, _ = region(tmp_path / "b.db")
    other, _ = region(tmp_path / "c.db", seed=2)
    assert exams(first) == exams(again) != exams(other)
    for database in (first, again, other):
        database.close()
