"""The per-school ЕГЭ/ОГЭ indicator table of seeds/000, reproduced from the three schools' raw counts."""

import pytest

from app.models import ExamResult, Graduation, OlympiadResult, School, SocialPassport
from app.services.analytics.selection import exam_indicator_table

YEAR = 2020
# The seed's row for each school (percent, or a mean score); None where the seed gives no figure.
SEED_000 = {
    "МКОУ «СОШ №4 с.Кызыл-Покун»": dict(
        grad11_certificate_share=100, grad11_honours_share=66, ege_russian_mean=46.0, ege_3plus_share=100,
        ege_rus_math_passed_share=100, ege_under30_share=0, grad9_certificate_share=100, grad9_honours_share=36,
        olympiad_participants_share=52, olympiad_winners_share=41),
    "МКОУ «СОШ №8 с.Римгорское»": dict(
        grad11_certificate_share=100, grad11_honours_share=22, ege_russian_mean=69.7, ege_math_mean=72.3,
        ege_3plus_share=67, ege_rus_math_passed_share=100, ege_under30_share=11.1, grad9_certificate_share=100,
        grad9_honours_share=22, olympiad_participants_share=47, olympiad_winners_share=21),
    "МКОУ «ООШ №13 с.Элькуш»": dict(
        grad9_certificate_share=100, grad9_honours_share=0, olympiad_participants_share=100,
        olympiad_winners_share=17),
}


def school(session, code, name, kind, pupils):
    record = School(code=code, name=name, kind=kind, locality="rural")
    session.add(record)
    session.flush()
    session.add(SocialPassport(school_id=record.id, year=YEAR, pupils_total=pupils))
    return record.id


def graduation(session, school_id, grade, graduates, honours, took_3plus=None):
    session.add(Graduation(school_id=school_id, year=YEAR, grade=grade, graduates=graduates, certificates=graduates,
                           honours=honours, took_3plus=took_3plus))


def ege(session, school_id, subject, participants, mean, under_30):
    session.add(ExamResult(school_id=school_id, year=YEAR, exam="ЕГЭ", subject=subject, participants=participants,
                           mean_score=mean, below_minimum=0, under_30=under_30))


def olympiad(session, school_id, participants, winners):
    session.add(OlympiadResult(school_id=school_id, year=YEAR, level="municipal", participants=participants,
                               winners=winners))


@pytest.fixture
def table(district_db):
    with district_db.session() as session:
        kyzyl = school(session, "0901004", "МКОУ «СОШ №4 с.Кызыл-Покун»", "СОШ", 100)
        graduation(session, kyzyl, 11, 3, 2, took_3plus=3)
        graduation(session, kyzyl, 9, 11, 4)
        ege(session, kyzyl, "Русский язык", 3, 46.0, 0)
        ege(session, kyzyl, "Математика (базовая)", 3, None, 0)
        olympiad(session, kyzyl, 52, 41)

        rimgorskoe = school(session, "0901008", "МКОУ «СОШ №8 с.Римгорское»", "СОШ", 100)
        graduation(session, rimgorskoe, 11, 9, 2, took_3plus=6)
        graduation(session, rimgorskoe, 9, 9, 2)
        ege(session, rimgorskoe, "Русский язык", 9, 69.7, 1)
        ege(session, rimgorskoe, "Математика (профильная)", 9, 72.3, 1)
        olympiad(session, rimgorskoe, 47, 21)

        elkush = school(session, "0901013", "МКОУ «ООШ №13 с.Элькуш»", "ООШ", 6)
        graduation(session, elkush, 9, 6, 0)
        olympiad(session, elkush, 6, 1)
    with district_db.session() as session:
        frame = exam_indicator_table(session, YEAR)
    return {row["school"]: row for row in frame}


@pytest.mark.parametrize("name", sorted(SEED_000))
def test_seed_000_exam_table_is_reproduced_from_raw_counts(table, name):
    row = table[name]
    for column, seed_value in SEED_000[name].items():
        assert abs(row[column] - seed_value) < 1, (column, row[column], seed_value)  # the seed prints whole percents


def test_a_basic_school_has_no_grade_11_figures_rather_than_zeros(table):
    row = table["МКОУ «ООШ №13 с.Элькуш»"]
    assert all(row[c] is None for c in ("grad11_certificate_share", "ege_russian_mean", "ege_under30_share"))
