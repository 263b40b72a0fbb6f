"""kurator indicators --year ГОД [--half N] [--per-school] [--json]: the program indicators with targets, actuals and
statuses (or per school); kurator indicators explain CODE --year ГОД [--school CODE] [--json]: what stands behind one."""

import argparse

from app.errors import KuratorError
from app.services.indicators.catalogue import STATUSES, IndicatorRow, indicator_table
from app.services.indicators.explain import explain
from app.services.indicators.per_school import SchoolValue, school_values
from app.services.indicators.periods import HALVES, period_name

from .common import session_for
from .output import emit_json

JSON_KEYS = ("code", "name", "unit", "target", "actual", "status", "reason")
PER_SCHOOL_KEYS = ("school", "code", "value", "numerator", "denominator")
NAME_WIDTH = 70


def _period_options(parser: argparse.ArgumentParser, year_required: bool) -> None:
    parser.add_argument("--year", type=int, required=year_required, help="год (например, 2022)")
    parser.add_argument("--half", type=int, choices=(1, 2), default=0,
                        help="полугодие: 1 или 2 (для показателей, которые анализируются раз в полугодие)")
    parser.add_argument("--json", action="store_true", help="вывести JSON")


def register(subparsers) -> None:
    parser = subparsers.add_parser("indicators", help="показатели программы за год: цель, факт, статус; расшифровка")
    _period_options(parser, year_required=False)
    parser.add_argument("--per-school", action="store_true", help="значения показателей по каждой школе")
    parser.set_defaults(handler=run_indicators)
    commands = parser.add_subparsers(dest="indicators_command", metavar="ДЕЙСТВИЕ")
    explained = commands.add_parser("explain", help="расшифровка показателя: числитель, знаменатель и записи")
    explained.add_argument("code", metavar="КОД", help="код показателя (например, 2.2)")
    explained.add_argument("--school", metavar="КОД", help="код школы: расшифровка по одной школе")
    _period_options(explained, year_required=True)
    explained.set_defaults(handler=run_explain)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}".replace(".", ",")


def _line(row: IndicatorRow) -> str:
    name = row["name"] if len(row["name"]) <= NAME_WIDTH else row["name"][: NAME_WIDTH - 1] + "…"
    state = STATUSES[row["status"]] + (f" ({row['reason']})" if row["reason"] else "")
    return (f"{row['code']:<8} {name:<{NAME_WIDTH}} {row['unit']:>4} {_number(row['target']):>8} "
            f"{_number(row['actual']):>8}  {state}")


def _school_line(row: SchoolValue) -> str:
    value = _number(row["value"]) if row["value"] is not None else f"— ({row['reason']})"
    parts = f"{_number(row['numerator']):>7} / {_number(row['denominator']):<7}"
    return f"{row['school']:<10} {row['code']:<8} {parts} {value}"


def run_indicators(args: argparse.Namespace) -> int:
    if args.year is None:
        raise KuratorError("Укажите год: kurator indicators --year 2022.")
    with session_for(args) as session:
        if args.per_school:
            return _per_school(args, school_values(session, [args.year], args.half))
        rows = indicator_table(session, args.year, args.half)
    if args.json:
        emit_json([{k: row[k] for k in JSON_KEYS} | {k: v for k, v in row.items() if k not in JSON_KEYS} for row in rows])
        return 0
    print(f"Показатели программы за {period_name(args.year, half=args.half)}")
    print(f"{'Код':<8} {'Наименование':<{NAME_WIDTH}} {'Ед.':>4} {'Цель':>8} {'Факт':>8}  Статус")
    for row in rows:
        print(_line(row))
    if not rows:
        print("Показателей нет: каталог загружается командами «kurator init» и «kurator demo».")
    return 0


def _per_school(args: argparse.Namespace, rows: list[SchoolValue]) -> int:
    if args.json:
        emit_json([{k: row[k] for k in PER_SCHOOL_KEYS} | {k: v for k, v in row.items() if k not in PER_SCHOOL_KEYS}
                   for row in rows])
        return 0
    print(f"Показатели по школам за {args.year} год" + (f", {HALVES[args.half]}" if args.half else ""))
    print(f"{'Школа':<10} {'Код':<8} {'Числитель / знаменатель':<17} Значение")
    for row in rows:
        print(_school_line(row))
    return 0


def run_explain(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        explanation = explain(session, args.code, args.year, args.school, args.half)
    if args.json:
        emit_json(explanation)
        return 0
    value = (_number(explanation["value"]) if explanation["value"] is not None
             else f"нет данных ({explanation['reason']})")
    print(f"Показатель {explanation['code']}, {explanation['period']}"
          + (f", школа {explanation['school']}" if explanation["school"] else "") + f": {value}")
    print(explanation["definition"])
    print(f"Числитель: {_number(explanation['numerator'])} — {explanation['numerator_label']}")
    print(f"Знаменатель: {_number(explanation['denominator'])} — {explanation['denominator_label']}")
    for record in explanation["records"]:
        mark = "+" if record["in_numerator"] else " "
        values = "; ".join(f"{k}: {v}" for k, v in record["values"].items() if v is not None)
        name = record["label"] if record["label"] == record["school"] else f"{record['school']} — {record['label']}"
        print(f" {mark} {name}: {values}")
    return 0
