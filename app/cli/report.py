"""kurator report district | school [CODE] | risks | vpr | excel KIND: the reports of a year in PDF or Word (by the
extension of --out) and the Excel exports."""

import argparse
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.services.qualification.export import export_qualification_xlsx
from app.services.reports import excel as report_excel
from app.services.reports.documents import district_report
from app.services.reports.parts import check_target
from app.services.reports.risk_excel import export_risks_xlsx
from app.services.reports.risk_sections import risks_report
from app.services.reports.school_profile import all_school_reports, school_report
from app.services.reports.vpr_output import export_vpr_xlsx, vpr_report

from .common import session_for
from .output import say

EXCEL_EXPORTS: dict[str, tuple[str, Callable[[Session, int, Path], Path]]] = {
    "indicators": ("показатели: план и факт по годам", lambda s, y, p: report_excel.export_indicators_xlsx(
        s, p, report_excel.program_years(s, y))),
    "exam": ("таблица показателей ЕГЭ/ОГЭ по школам", report_excel.export_exam_table_xlsx),
    "staff": ("реестр педагогов", lambda s, _y, p: report_excel.export_staff_registry_xlsx(s, p)),
    "courses": ("реестр обучения на курсах за год", report_excel.export_course_registry_xlsx),
    "qualification": ("мониторинг квалификации педагогов — для плана курсов", export_qualification_xlsx),
}


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help="отчёты: аналитическая справка, профиль школы, выгрузки в Excel")
    kinds = report.add_subparsers(dest="report_kind", metavar="ОТЧЁТ", required=True)
    district = kinds.add_parser("district", help="аналитическая справка района за год (PDF или Word)")
    school = kinds.add_parser("school", help="профиль школы за год (PDF или Word)")
    school.add_argument("code", metavar="КОД", nargs="?", help="код школы (в базе школы можно не указывать)")
    school.add_argument("--all", action="store_true",
                        help="профили всех школ района: --out — папка, файлы КОД.pdf (данные района считаются один раз)")
    risks = kinds.add_parser("risks", help="риски школ «500+»: карта рисков и антирисковые программы "
                                           "(PDF, Word или Excel)")
    vpr = kinds.add_parser("vpr", help="анализ ВПР по школам, классам и предметам в сравнении с регионом и Россией "
                                       "(PDF или Excel)")
    excel = kinds.add_parser("excel", help="выгрузка в Excel")
    excel.add_argument("table", choices=list(EXCEL_EXPORTS), metavar="ТАБЛИЦА",
                       help="; ".join(f"{k} — {title}" for k, (title, _) in EXCEL_EXPORTS.items()))
    for parser, handler, suffix in ((district, run_district, "pdf|ФАЙЛ.docx"), (school, run_school, "pdf|ФАЙЛ.docx"),
                                    (risks, run_risks, "pdf|ФАЙЛ.docx|ФАЙЛ.xlsx"), (vpr, run_vpr, "pdf|ФАЙЛ.xlsx"),
                                    (excel, run_excel, "xlsx")):
        parser.add_argument("--year", type=int, required=True, help="год (например, 2022)")
        parser.add_argument("--out", required=True, metavar=f"ФАЙЛ.{suffix}", help="куда сохранить")
        parser.set_defaults(handler=handler)


def _write(args: argparse.Namespace, make: Callable[[Session, Path], Path]) -> int:
    target = check_target(args.out)
    with session_for(args) as session:
        written = make(session, target)
    say(f"Сохранено: {written}")
    return 0


def run_district(args: argparse.Namespace) -> int:
    return _write(args, lambda session, path: district_report(session, args.year, path))


def run_school(args: argparse.Namespace) -> int:
    if not args.all:
        return _write(args, lambda session, path: school_report(session, args.code, args.year, path))
    if args.code:
        raise KuratorError("Укажите либо код школы, либо --all (профили всех школ), но не то и другое.")
    with session_for(args) as session:
        written = all_school_reports(session, args.year, args.out)
    say(f"Сохранено профилей школ: {len(written)}, папка «{args.out}».")
    return 0


Maker = Callable[[Session, int, Path], Path]
RISK_FORMATS: dict[str, Maker] = {".pdf": risks_report, ".docx": risks_report, ".xlsx": export_risks_xlsx}
VPR_FORMATS: dict[str, Maker] = {".pdf": vpr_report, ".xlsx": export_vpr_xlsx}


def _by_extension(args: argparse.Namespace, formats: dict[str, Maker]) -> int:
    make = formats.get(Path(args.out).suffix.lower())
    if make is None:
        *first, last = formats
        raise KuratorError(f"Укажите файл {', '.join(first)} или {last}: --out "
                           f"{'|'.join('ФАЙЛ' + suffix for suffix in formats)}.")
    return _write(args, lambda session, path: make(session, args.year, path))


def run_risks(args: argparse.Namespace) -> int:
    return _by_extension(args, RISK_FORMATS)


def run_vpr(args: argparse.Namespace) -> int:
    return _by_extension(args, VPR_FORMATS)


def run_excel(args: argparse.Namespace) -> int:
    export = EXCEL_EXPORTS[args.table][1]
    return _write(args, lambda session, path: export(session, args.year, path))
