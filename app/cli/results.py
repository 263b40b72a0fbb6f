"""kurator results template | import: the «Результаты» Excel workbook (ЕГЭ, ОГЭ, ВПР, выпуск, олимпиады, паспорт) —
the same as `kurator import template results` and `kurator import results`, kept under its first name."""

import argparse

from . import imports


def register(subparsers) -> None:
    results = subparsers.add_parser("results", help="результаты и социальный паспорт: шаблон Excel и загрузка")
    commands = results.add_subparsers(dest="results_command", metavar="ДЕЙСТВИЕ", required=True)

    template = commands.add_parser("template", help="сохранить шаблон Excel для заполнения")
    template.add_argument("out", metavar="ФАЙЛ", help="куда сохранить .xlsx")
    template.add_argument("--year", type=int, help="год, за который подставить данные (с --prefill)")
    template.add_argument("--prefill", action="store_true", help="подставить уже введённые данные")
    template.set_defaults(handler=imports.run_template, kind="results")

    imported = commands.add_parser("import", help="загрузить заполненный шаблон: всё или ничего")
    imported.add_argument("file", metavar="ФАЙЛ")
    imported.add_argument("--with-demo", action="store_true",
                          help="загрузить, даже если в базе есть демонстрационные данные")
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=_run_import)


def _run_import(args: argparse.Namespace) -> int:
    args.kind, args.year, args.dry_run = "results", None, False
    return imports.run_import(args)
