"""kurator import KIND FILE | import template KIND --out FILE: Excel imports of the register, staff, courses,
enrolments, statuses, social passports and results, all or nothing."""

import argparse
from pathlib import Path

from app.services.imports.kinds import KINDS, ORDER
from app.services.imports.running import ImportRefused, ImportSummary, import_file
from app.services.imports.templates import write_kind_template

from .common import session_for
from .output import emit_json, say


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="загрузить данные из Excel: всё или ничего",
                                   description="Загрузка из Excel. Виды: " + "; ".join(
                                       f"{name} — {KINDS[name].about}" for name in ORDER) + ".")
    kinds = parser.add_subparsers(dest="import_kind", metavar="ВИД", required=True)
    for name in ORDER:
        kind = kinds.add_parser(name, help=KINDS[name].title.lower())
        kind.add_argument("file", metavar="ФАЙЛ", help="книга Excel (.xlsx)")
        kind.add_argument("--year", type=int, help="год строк, для которых в файле нет года")
        kind.add_argument("--dry-run", action="store_true", help="только проверить и посчитать, ничего не сохранять")
        kind.add_argument("--with-demo", action="store_true",
                          help="загрузить, даже если в базе есть демонстрационные данные")
        kind.add_argument("--json", action="store_true")
        kind.set_defaults(handler=run_import, kind=name)
    template = kinds.add_parser("template", help="сохранить шаблон Excel для заполнения")
    template.add_argument("kind", metavar="ВИД", choices=ORDER, help=", ".join(ORDER))
    template.add_argument("--out", required=True, metavar="ФАЙЛ.xlsx")
    template.add_argument("--year", type=int, help="год, за который подставить данные (с --prefill)")
    template.add_argument("--prefill", action="store_true", help="подставить уже введённые данные (где возможно)")
    template.set_defaults(handler=run_template)


def run_template(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        prefilled = write_kind_template(session, args.kind, Path(args.out), year=args.year, prefill=args.prefill)
    say(f"Шаблон сохранён: {args.out}" + (f" (подставлено строк: {prefilled})" if args.prefill else ""))
    return 0


def run_import(args: argparse.Namespace) -> int:
    try:
        with session_for(args) as session:
            summary = import_file(session, args.kind, Path(args.file), year=args.year, dry_run=args.dry_run,
                                  with_demo=args.with_demo)
    except ImportRefused as error:
        if args.json:
            emit_json(ImportSummary(args.kind, dry_run=args.dry_run).report(error.errors))
        say(error.message)
        return error.exit_code
    if args.json:
        emit_json(summary.report())
    for line in summary.lines():
        say(line)
    return 0
