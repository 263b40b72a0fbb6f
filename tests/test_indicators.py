"""Indicators: computed shares, statuses, explanations, editing with refusals, the preloaded catalogue, the CLI."""

import json

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.errors import ValidationError
from app.models import Indicator, IndicatorTarget
from app.services.indicators import catalogue as ind
from app.services.indicators.explain import explain
from tests.district_fixture import YEAR, district  # noqa: F401

SEED_003 = {  # code → (baseline, targets 2021–2024), from seeds/003
    "2.1.1": (100, [100, 100, 100, 100]), "2.1.2": (50, [50, 100, 100, 100]), "2.2": (17, [30, 40, 50, 50]),
    "2.3.1": (100, [100, 100, 100, 100]), "2.3.2": (0, [100, 100, 100, 100]), "2.3.3": (100, [100, 100, 100, 100]),
}


def table(db, year=YEAR):
    with db.session() as session:
        return {row["code"]: row for row in ind.indicator_table(session, year)}


def test_catalogue_holds_seed_003_baselines_and_targets_exactly(district_db):
    with district_db.session() as session:
        for code, (baseline, targets) in SEED_003.items():
            assert ind.get_indicator(session, code).baseline == baseline
            assert [row["target"] for row in ind.plan_fact(session, code)] == targets
        assert ind.get_indicator(session, "2.2").name.startswith("Доля педагогических работников в ШНОР и/или ШНСУ")


def test_catalogue_load_is_idempotent_and_keeps_stable_ids(district_db):
    with district_db.session() as session:
        assert ind.load_catalogue(session) == {"created": 0, "existing": 11}
        assert session.scalar(select(func.count()).select_from(Indicator)) == 11
        assert session.scalar(select(func.count()).select_from(IndicatorTarget)) == 24
        assert ind.get_indicator(session, "2.1.1").id == ind.stable_id("indicator", "2.1.1")


def test_computed_shares_equal_hand_counts(district):
    db, _ = district
    rows = table(db)
    assert (rows["2.2"]["numerator"], rows["2.2"]["denominator"], rows["2.2"]["actual"]) == (2, 5, 40.0)
    assert rows["2.2"]["status"] == "achieved"  # target 2022 is 40
    assert (rows["2.1.1"]["actual"], rows["2.1.1"]["status"]) == (80.0, "not_achieved")
    assert rows["2.1.2"]["actual"] == 50.0 and rows["2.3.3"]["actual"] == 100.0
    assert rows["МП.5"]["actual"] == round(100 * (8 + 5) / (10 + 5), 2)  # Гимназия's 6 of 5 filled count as 5
    assert rows["МП.1"]["status"] == "no_data" and rows["МП.2"]["status"] == "no_target"


def test_explain_returns_exactly_the_records_counted(district):
    db, _ = district
    with db.session() as session:
        explanation = explain(session, "2.3.2", YEAR)
    assert (explanation["numerator"], explanation["denominator"], explanation["value"]) == (1, 2, 50.0)
    assert [(r["label"], r["in_numerator"]) for r in explanation["records"]] == [
        ("МКОУ СОШ с.п. Урожайное", True), ("МКОУ СОШ с.п. Хамидие", False)]
    assert explanation["records"][0]["values"]["Сетевое взаимодействие, годы"] == "2021–…"
    assert "ШНОР" in explanation["denominator_label"]


@pytest.mark.parametrize("value, target, direction, expected", [
    (40, 40, "higher", "achieved"), (39.9, 40, "higher", "not_achieved"),
    (5, 10, "lower", "achieved"), (11, 10, "lower", "not_achieved"),
    (None, 10, "higher", "no_data"), (10, None, "lower", "no_target"),
])
def test_status_against_target_in_both_directions(value, target, direction, expected):
    assert ind.status(value, target, direction) == expected
    assert expected in ind.STATUSES


def test_methodologist_adds_an_indicator_from_measures_and_sets_targets(district):
    db, _ = district
    with db.session() as session:
        ind.create_indicator(session, {
            "code": "М.7", "name": "Доля «двоек» на ВПР в ШНОР", "direction": "lower",
            "numerator": {"measure": "vpr_low", "filters": {"status": ["shnor"]}},
            "denominator": {"measure": "vpr_participants", "filters": {"status": ["shnor"]}},
            "targets": {"2022": 50},
        })
        ind.set_target(session, "М.7", 2023, 30)
        assert ind.plan_fact(session, "М.7") == [{"year": 2022, "target": 50.0, "actual": 40.0},
                                                  {"year": 2023, "target": 30.0, "actual": None}]
    assert table(db)["М.7"]["status"] == "achieved"


@pytest.mark.parametrize("values, field", [
    ({"code": "2.2", "name": "Дубль"}, "code"),
    ({"code": "bad code!", "name": "Имя"}, "code"),
    ({"code": "9.9", "name": " "}, "name"),
    ({"code": "9.9", "name": "Имя", "numerator": {"measure": "nothing"}}, "numerator"),
    ({"code": "9.9", "name": "Имя", "denominator": {"measure": "schools", "filters": {"position": ["teacher"]}}}, "denominator"),
    ({"code": "9.9", "name": "Имя", "targets": {"2022": 120}}, "targets"),
    ({"code": "9.9", "name": "Имя", "targets": {"1999": 50}}, "targets"),
])
def test_invalid_indicator_is_refused_in_russian_and_changes_nothing(district_db, values, field):
    good = {"numerator": {"measure": "schools"}, "denominator": {"measure": "schools"}}
    with district_db.session() as session:
        with pytest.raises(ValidationError) as refused:
            ind.create_indicator(session, good | values)
        assert field in refused.value.errors
        assert session.scalar(select(func.count()).select_from(Indicator)) == 11


@pytest.mark.parametrize("year, value", [(2022, 101), (2022, -1), (1999, 50), (2101, 50)])
def test_bad_target_is_refused_and_the_old_target_stays(district_db, year, value):
    with district_db.session() as session:
        with pytest.raises(ValidationError):
            ind.set_target(session, "2.2", year, value)
        assert [r["target"] for r in ind.plan_fact(session, "2.2")] == [30, 40, 50, 50]


def test_manual_value_is_entered_and_refused_for_computed(district_db):
    with district_db.session() as session:
        ind.set_manual_value(session, "МП.1", 2022, 85.5, comment="по мониторингу")
        with pytest.raises(ValidationError):
            ind.set_manual_value(session, "2.2", 2022, 50)
        assert explain(session, "МП.1", 2022)["numerator_label"] == "Значение введено вручную"
    assert table(district_db)["МП.1"]["actual"] == 85.5


def test_update_keeps_unchanged_fields_and_validates(district_db):
    with district_db.session() as session:
        ind.update_indicator(session, "2.2", {"direction": "lower"})
        assert ind.get_indicator(session, "2.2").numerator["measure"] == "teachers"
        with pytest.raises(ValidationError):
            ind.update_indicator(session, "2.2", {"code": "2.1.1"})
        assert ind.get_indicator(session, "2.2").direction == "lower"


def test_cli_prints_the_json_contract(district, db_path, capsys):
    assert main(["--db", str(db_path), "indicators", "--year", "2022", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert list(rows[0])[:6] == ["code", "name", "unit", "target", "actual", "status"]
    assert {r["code"]: (r["target"], r["actual"], r["status"]) for r in rows}["2.2"] == (40.0, 40.0, "achieved")


def test_cli_prints_a_russian_table(district, db_path, capsys):
    assert main(["--db", str(db_path), "indicators", "--year", "2022"]) == 0
    out = capsys.readouterr().out
    assert "Показатели программы за 2022 год" in out and "достигнут" in out
