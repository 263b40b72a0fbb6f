"""kurator indicators --year Y [--json]: the program indicators with targets, actuals and statuses."""

import argparse

from app.services.indicators.catalogue import STATUSES, IndicatorRow, indicator_table

from .common import database
from .output import emit_json

JSON_KEYS = ("code", "name", "unit", "target", "actual", "status")
NAME_WIDTH = 70


def register(subparsers) -> None:
    parser = subparsers.add_parser("indicators", help="показатели программы за год: цель, факт, статус")
    parser.add_argument("--year", type=int, required=True, help="год (например, 2022)")
    parser.add_argument("--json", action="store_true", help="вывести JSON")
    parser.set_defaults(handler=run_indicators)


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}".replace(".", ",")


def _line(row: IndicatorRow) -> str:
    name = row["name"] if len(row["name"]) <= NAME_WIDTH else row["name"][: NAME_WIDTH - 1] + "…"
    return (f"{row['code']:<8} {name:<{NAME_WIDTH}} {row['unit']:>4} {_number(row['target']):>8} "
            f"{_number(row['actual']):>8}  {STATUSES[row['status']]}")


def run_indicators(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.session() as session:
            rows = indicator_table(session, args.year)
    finally:
        db.close()
    if args.json:
        emit_json([{k: row[k] for k in JSON_KEYS} | {k: v for k, v in row.items() if k not in JSON_KEYS} for row in rows])
        return 0
    print(f"Показатели программы за {args.year} год")
    print(f"{'Код':<8} {'Наименование':<{NAME_WIDTH}} {'Ед.':>4} {'Цель':>8} {'Факт':>8}  Статус")
    for row in rows:
        print(_line(row))
    if not rows:
        print("Показателей нет: каталог загружается командами «kurator init» и «kurator demo».")
    return 0
