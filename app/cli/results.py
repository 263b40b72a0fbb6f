"""kurator results template | import: the «Результаты» Excel workbook (ЕГЭ, ОГЭ, ВПР, выпуск, олимпиады, паспорт)."""

import argparse
from pathlib import Path

from app.services.results.importing import (
    ImportSummary,
    ResultsImportError,
    errors_json,
    import_results,
    write_results_template,
)

from .common import session_for
from .output import emit_json, say


def register(subparsers) -> None:
    results = subparsers.add_parser("results", help="результаты и социальный паспорт: шаблон Excel и загрузка")
    commands = results.add_subparsers(dest="results_command", metavar="ДЕЙСТВИЕ", required=True)

    template = commands.add_parser("template", help="сохранить шаблон Excel для заполнения")
    template.add_argument("file", metavar="FILE", help="куда сохранить .xlsx")
    template.add_argument("--year", type=int, help="год, за который подставить данные (с --prefill)")
    template.add_argument("--prefill", action="store_true", help="подставить уже введённые данные")
    template.set_defaults(handler=run_template)

    imported = commands.add_parser("import", help="загрузить заполненный шаблон: всё или ничего")
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=run_import)


def run_template(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        prefilled = write_results_template(session, Path(args.file), year=args.year, prefill=args.prefill)
    say(f"Шаблон сохранён: {args.file}" + (f" (подставлено строк: {prefilled})" if args.prefill else ""))
    return 0


def _report(summary: ImportSummary | None, error: ResultsImportError | None) -> dict:
    counts = summary or ImportSummary()
    return {"saved": error is None, "created": counts.created, "updated": counts.updated,
            "unchanged": counts.unchanged, "by_sheet": counts.by_sheet,
            "errors": errors_json(error.errors) if error else []}


def run_import(args: argparse.Namespace) -> int:
    try:
        with session_for(args) as session:
            summary = import_results(session, Path(args.file))
    except ResultsImportError as error:
        if not args.json:
            raise
        emit_json(_report(None, error))
        say(error.message)
        return error.exit_code
    if args.json:
        emit_json(_report(summary, None))
    for sheet, counts in summary.by_sheet.items():
        say(f"{sheet}: добавлено {counts['created']}, обновлено {counts['updated']}, без изменений {counts['unchanged']}")
    say(f"Загружено: добавлено {summary.created}, обновлено {summary.updated}, без изменений {summary.unchanged}.")
    return 0
