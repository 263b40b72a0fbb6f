"""Analytics: the ЕГЭ/ОГЭ table, ИСБ and its weights, candidates with reasons, resilience, quadrants, decisions."""

from datetime import date

import pytest

from app.errors import KuratorError, ValidationError
from app.models import School, SocialPassport
from app.services.analytics import decisions
from app.services.analytics import selection as analytics
from app.services.indicators.measures import MEASURES
from tests.district_fixture import YEAR, district  # noqa: F401


def by_school(rows, column):
    return {row["school"]: row[column] for row in rows}


def test_exam_table_follows_seed_000_columns(district):
    db, _ = district
    with db.session() as session:
        table = analytics.exam_indicator_table(session, YEAR)
    row = next(r for r in table if r["school"] == "МКОУ СОШ с.п. Урожайное")
    assert (row["grad11_certificate_share"], row["grad11_honours_share"], row["ege_3plus_share"]) == (90.0, 10.0, 40.0)
    assert (row["ege_russian_mean"], row["ege_math_mean"]) == (56.0, 45.0)
    assert row["ege_rus_math_passed_share"] == 81.2  # (16 − 3) / 16
    assert (row["grad9_certificate_share"], row["olympiad_participants_share"]) == (90.0, 15.0)
    assert "Закрытая школа" not in {r["school"] for r in table}
    assert all(set(analytics.EXAM_TABLE_TITLES) == set(r) - {"school_id"} for r in table)


def test_isb_ranks_better_off_schools_higher_and_weights_change_it(district):
    db, _ = district
    with db.session() as session:
        default = by_school(analytics.isb(session, YEAR), "isb")
        analytics.set_isb_weights(session, {k: 0 for k in analytics.ISB_INPUTS} | {"share_parents_higher_ed": 1})
        reweighted = by_school(analytics.isb(session, YEAR), "isb")
    assert default["Гимназия № 1"] == 100.0 and default["МКОУ СОШ с.п. Нижний Курп"] == 0.0
    assert default["МКОУ СОШ с.п. Хамидие"] > default["МКОУ СОШ с.п. Урожайное"]
    assert reweighted["МКОУ СОШ с.п. Урожайное"] > reweighted["МКОУ СОШ с.п. Хамидие"]


@pytest.mark.parametrize("weights", [{"share_low_income": -1}, {"unknown": 1}, {k: 0 for k in analytics.ISB_INPUTS}])
def test_bad_isb_weights_are_refused_and_the_stored_ones_stay(district_db, weights):
    with district_db.session() as session:
        with pytest.raises(ValidationError):
            analytics.set_isb_weights(session, weights)
        assert analytics.get_isb_weights(session) == analytics.DEFAULT_ISB_WEIGHTS


def test_candidates_include_low_results_school_with_a_russian_reason(district):
    db, _ = district
    with db.session() as session:
        candidates = analytics.shnor_candidates(session, YEAR)
    reasons, proposed = by_school(candidates, "reason"), by_school(candidates, "proposed")
    assert reasons["МКОУ СОШ с.п. Урожайное"] == "результаты ниже районных в 2020–2022 гг. (−1,2 σ), ИСБ 44 — ниже среднего"
    assert proposed["МКОУ СОШ с.п. Урожайное"] == ["shnor"]
    assert proposed["МКОУ СОШ с.п. Нижний Курп"] == ["shnsu", "resilient"]
    assert "Гимназия № 1" not in reasons
    assert all({2020, 2021, 2022, "mean_index", "isb"} <= set(r) for r in candidates)


def test_a_school_without_results_is_proposed_by_its_isb_and_the_reason_says_results_are_missing(district):
    """A school with the district's worst passport on every input (ИСБ 0) and no ГИА or ВПР results at all."""
    db, _ = district
    with db.session() as session:
        school = School(code="new", name="МКОУ ООШ с.п. Новое", kind="ООШ", locality="rural", pupils=50)
        session.add(school)
        session.flush()
        session.add(SocialPassport(school_id=school.id, year=YEAR, share_parents_higher_ed=0, share_low_income=90,
                                   share_single_parent=90, share_large_family=90, share_unemployed_parents=90,
                                   share_non_native_russian=90, pupils_total=50, pupils_at_risk=40, pupils_ovz=20,
                                   pupils_registered=20))
        session.flush()
        candidates = {row["school"]: row for row in analytics.shnor_candidates(session, YEAR)}
    row = candidates["МКОУ ООШ с.п. Новое"]
    assert row["reason"] == "результатов ГИА и ВПР нет в 2020–2022 гг., ИСБ 0 — в нижней четверти района"
    assert (row["proposed"], row["mean_index"], row["isb"]) == (["shnsu"], None, 0.0)
    assert list(candidates)[-1] == "МКОУ ООШ с.п. Новое"  # no mean index: after every school that has one


def test_resilient_school_has_good_results_despite_low_isb(district):
    db, _ = district
    with db.session() as session:
        resilient = analytics.resilient_schools(session, YEAR)
        quadrants = by_school(analytics.quadrants(session, YEAR), "quadrant")
        proposed = by_school(analytics.shnor_candidates(session, YEAR), "proposed")
    assert [r["school"] for r in resilient] == ["МКОУ СОШ с.п. Нижний Курп"]
    assert [r["note"] for r in resilient] == ["по расчёту резильентная; статус на год решением не присвоен"]
    assert quadrants["МКОУ СОШ с.п. Нижний Курп"] == "резильентные"
    assert proposed["МКОУ СОШ с.п. Нижний Курп"] == ["shnsu", "resilient"]
    assert quadrants["МКОУ СОШ с.п. Урожайное"] == "ШНОР/ШНСУ"
    assert quadrants["Гимназия № 1"] == "благополучные с высокими результатами"


def test_one_resilient_rule_for_the_tab_the_chart_and_the_suggestions(district):
    """Хамидие's ИСБ is not in the lowest quarter, so it is resilient nowhere (tab, chart, suggestions); a
    «резильентная» status decided for it is shown beside the computed «no» with the reason."""
    db, data = district
    with db.session() as session:
        decisions.decide_status(session, data.schools["hamid"].id, YEAR, "resilient", "Приказ № 7")
        resilient = {r["school"]: r for r in analytics.resilient_schools(session, YEAR)}
        quadrants = by_school(analytics.quadrants(session, YEAR), "quadrant")
        isb = by_school(analytics.isb(session, YEAR), "isb")
        candidates = by_school(analytics.shnor_candidates(session, YEAR), "proposed")
    hamid = "МКОУ СОШ с.п. Хамидие"
    assert not resilient[hamid]["computed"] and resilient[hamid]["decided"]
    assert resilient[hamid]["note"].startswith("статус по решению, по расчёту нет: ИСБ ")
    assert quadrants[hamid] != "резильентные" and "resilient" not in candidates.get(hamid, [])
    lowest_quarter = sorted(isb.values())[0] + (sorted(isb.values())[1] - sorted(isb.values())[0]) * 0.75
    assert isb[hamid] > lowest_quarter  # 4 passports: the 25th percentile lies ¾ of the way from the 1st to the 2nd


def test_isb_is_not_rounded_before_scaling(district):
    """With only «на учёте» weighted: shares 5/200 = 2.5 %, 3/300 = 1 %, 1/800 = 0.125 %, 8/100 = 8 %; Хамидие's
    ИСБ = 100 × (1 − (1 − 0.125) / (8 − 0.125)) = 88.89 (with the shares rounded to 0.1 % first it was 88.61)."""
    db, _ = district
    weights = {key: 0.0 for key in analytics.ISB_INPUTS} | {"registered_share": 1.0}
    with db.session() as session:
        isb = by_school(analytics.isb(session, YEAR, weights), "isb")
    assert isb["МКОУ СОШ с.п. Хамидие"] == pytest.approx(100 * (1 - (1 - 0.125) / (8 - 0.125)), abs=1e-9)
    assert isb["Гимназия № 1"] == pytest.approx(100.0)


def test_positive_dynamics_when_scores_rise_over_last_year(district):
    db, _ = district
    with db.session() as session:
        positive = by_school(analytics.positive_dynamics(session, YEAR), "positive")
    assert positive["МКОУ СОШ с.п. Урожайное"] and not positive["МКОУ СОШ с.п. Хамидие"]
    assert not positive["Гимназия № 1"]  # unchanged scores are not a rise


def test_decision_is_stored_with_date_and_basis_and_not_duplicated(district):
    db, data = district
    kurp = data.schools["kurp"].id
    with db.session() as session:
        row = decisions.decide_status(session, kurp, 2023, "shnsu", "Приказ № 15 от 20.01.2023", date(2023, 1, 20))
        assert (row.status, row.decided_on, row.basis) == ("shnsu", date(2023, 1, 20), "Приказ № 15 от 20.01.2023")
        with pytest.raises(KuratorError, match="уже присвоен статус ШНСУ на 2023 год"):
            decisions.decide_status(session, kurp, 2023, "shnsu", "Повторно")
        with pytest.raises(ValidationError):
            decisions.decide_status(session, kurp, 2023, "shnor", "  ")


def test_revoked_status_stops_counting_and_can_be_decided_again(district):
    db, data = district
    urozh = data.schools["urozh"].id
    with db.session() as session:
        decisions.revoke_status(session, urozh, YEAR, "shnor")
        assert MEASURES["schools"].count(session, YEAR, {"status": ["shnor"]}) == 0
        decisions.decide_status(session, urozh, YEAR, "shnor", "Приказ № 3")
        assert MEASURES["schools"].count(session, YEAR, {"status": ["shnor"]}) == 1
