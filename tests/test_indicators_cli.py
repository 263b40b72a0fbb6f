"""`kurator indicators explain` and `kurator indicators --per-school`: the JSON shapes of DESIGN.md with values equal
to hand counts of the named district; «нет данных» keeps its reason next to the status."""

import json

from app.cli import main
from tests.district_fixture import YEAR, district  # noqa: F401

EXPLAIN_KEYS = {"code", "year", "numerator", "denominator", "value", "definition", "records"}
RECORD_KEYS = {"kind", "id", "school", "label", "in_numerator", "values"}


def run(capsys, db_path, *args):
    assert main(["--db", str(db_path), "indicators", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_explain_for_one_school_lists_its_staff_with_the_diagnostic_date_the_rule_used(district, db_path, capsys):
    explained = run(capsys, db_path, "explain", "2.2", "--year", str(YEAR), "--school", "urozh", "--json")
    assert set(explained) >= EXPLAIN_KEYS
    # Урожайное: Абаева (diagnostic 2022-03-01), Бекова (2021-11-05: not in 2022), Гетова (none); Дадова is deleted
    assert (explained["numerator"], explained["denominator"], explained["value"]) == (1, 3, round(100 / 3, 2))
    records = {r["label"]: r for r in explained["records"]}
    assert set(records) == {"Абаева Анна", "Бекова Анна", "Гетова Анна"}
    assert all(set(r) == RECORD_KEYS and r["kind"] == "teacher" for r in records.values())
    assert records["Абаева Анна"]["in_numerator"] and not records["Бекова Анна"]["in_numerator"]
    assert records["Абаева Анна"]["values"]["Диагностика (последняя в периоде)"] == "2022-03-01"
    assert explained["definition"].startswith("Доля педагогических работников")


def test_explain_of_dynamics_shows_the_index_values(district, db_path, capsys):
    explained = run(capsys, db_path, "explain", "2.1.2", "--year", str(YEAR), "--json")
    records = {r["label"]: r for r in explained["records"]}
    rising = records["МКОУ СОШ с.п. Урожайное"]
    assert rising["in_numerator"] and rising["values"]["Изменение, σ"] > 0
    assert rising["values"]["Изменение, σ"] == round(rising["values"]["Индекс 2022, σ"]
                                                      - rising["values"]["Индекс 2021, σ"], 3)
    assert not records["МКОУ СОШ с.п. Хамидие"]["in_numerator"]


def test_per_school_values_are_the_district_parts_split_by_school(district, db_path, capsys):
    rows = run(capsys, db_path, "--year", str(YEAR), "--per-school", "--json")
    assert all(list(row)[:5] == ["school", "code", "value", "numerator", "denominator"] for row in rows)
    cells = {(row["school"], row["code"]): row for row in rows}
    assert (cells["urozh", "2.2"]["numerator"], cells["urozh", "2.2"]["denominator"]) == (1, 3)
    assert cells["hamid", "2.2"]["value"] == 100 * 1 / 2  # Зуева of Жилова and Зуева
    assert cells["urozh", "2.3.2"]["value"] == 100.0 and cells["hamid", "2.3.2"]["value"] == 0.0
    outside = cells["gymn", "2.2"]
    assert outside["value"] is None and outside["reason"].startswith("школа не входит в знаменатель")
    assert cells["urozh", "МП.5"]["value"] == 100 * 8 / 10
    assert not any(code == "МП.1" for _school, code in cells)  # entered by hand for the district only


def test_indicators_json_keeps_its_keys_and_adds_the_reason_next_to_the_status(district, db_path, capsys):
    rows = {row["code"]: row for row in run(capsys, db_path, "--year", "2024", "--json")}
    row = rows["2.1.1"]
    assert list(row)[:7] == ["code", "name", "unit", "target", "actual", "status", "reason"]
    assert (row["actual"], row["status"]) == (None, "no_data") and "социальный паспорт" in row["reason"]


def test_explain_of_an_unknown_code_is_refused_with_exit_code_2(district, db_path, capsys):
    assert main(["--db", str(db_path), "indicators", "explain", "9.9", "--year", str(YEAR), "--json"]) == 2
    assert "не найден" in capsys.readouterr().err
