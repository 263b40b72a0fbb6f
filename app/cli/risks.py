"""kurator risks factors | risks --year ГОД [--school CODE] | risks import | risks template: «500+» risk profiles."""

import argparse
from pathlib import Path

from app.errors import KuratorError
from app.models.reference import RISK_LEVELS
from app.services.installation import find_school
from app.services.imports.running import errors_json
from app.services.risks.factors import factors_json
from app.services.risks.importing import RiskImportError, import_profile, write_risk_template
from app.services.risks.summary import RiskProfileJson, risk_profiles_json

from .common import session_for
from .output import emit_json, say


def register(subparsers) -> None:
    risks = subparsers.add_parser(
        "risks", help="риски школ «500+»: факторы, профили рисков, антирисковые программы",
        description="Без действия — профили рисков за год: kurator risks --year ГОД [--school КОД] [--json].")
    risks.add_argument("--year", type=int, help="год профилей (например, 2022)")
    risks.add_argument("--school", metavar="КОД", help="код школы (по умолчанию — все школы с профилем)")
    risks.add_argument("--json", action="store_true", help="вывести JSON")
    risks.set_defaults(handler=run_profiles)
    commands = risks.add_subparsers(dest="risks_command", metavar="ДЕЙСТВИЕ")

    factors = commands.add_parser("factors", help="перечень факторов риска")
    factors.add_argument("--json", action="store_true", help="вывести JSON")
    factors.set_defaults(handler=run_factors)

    imported = commands.add_parser("import", help="загрузить профиль рисков школы из Excel (строки «фактор — уровень»)")
    imported.add_argument("file", metavar="ФАЙЛ.xlsx")
    _school_year(imported)
    imported.add_argument("--by", metavar="ТЕКСТ", help="кто заполнил профиль (по умолчанию — пользователь системы)")
    imported.add_argument("--json", action="store_true", help="вывести JSON")
    imported.set_defaults(handler=run_import)

    template = commands.add_parser("template", help="сохранить шаблон Excel профиля рисков")
    template.add_argument("file", metavar="ФАЙЛ.xlsx")
    _school_year(template)
    template.set_defaults(handler=run_template)


def _school_year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--school", metavar="КОД", required=True, help="код школы")
    parser.add_argument("--year", type=int, required=True, help="год профиля")


def run_factors(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        factors = factors_json(session)
    if args.json:
        emit_json(factors)
        return 0
    for number, factor in enumerate(factors, start=1):
        years = "–".join(str(y) for y in (factor["year_from"], factor["year_to"]) if y)
        print(f"{number:>2}. {factor['title']} [{factor['code']}]" + (f" ({years})" if years else ""))
    return 0


def run_profiles(args: argparse.Namespace) -> int:
    if args.year is None:
        raise KuratorError("Укажите год: kurator risks --year ГОД [--school КОД] [--json].")
    with session_for(args) as session:
        profiles = risk_profiles_json(session, args.year, args.school)
    if args.json:
        emit_json(profiles)
    else:
        for profile in profiles:
            _print_profile(profile)
    if not profiles:
        say(f"Профилей рисков за {args.year} год нет.")
    return 0


def _print_profile(profile: RiskProfileJson) -> None:
    print(f"Школа {profile['school']}, {profile['year']} год")
    for factor in profile["factors"]:
        mark = " (приоритетный)" if factor["code"] in profile["priority"] else ""
        print(f"  {RISK_LEVELS.get(factor['level'] or '', 'нет оценки'):<11} {factor['title']}{mark}")
    for program in profile["programs"]:
        print(f"  Антирисковая программа [{program['risk']}]: {program['goal']}")
        for measure in program["measures"]:
            print(f"    – {measure['title']} ({measure['deadline_text']})")


def run_import(args: argparse.Namespace) -> int:
    try:
        with session_for(args) as session:
            school = find_school(session, args.school)
            saved = import_profile(session, school.id, args.year, Path(args.file), args.by)
    except RiskImportError as error:
        if args.json:
            emit_json({"school": args.school, "year": args.year, "saved": False, "levels": 0, "priority": [],
                       "errors": errors_json(error.errors)})
        say(error.message)
        return error.exit_code
    if args.json:
        emit_json({"school": saved.school, "year": saved.year, "saved": True, "levels": saved.levels,
                   "priority": saved.priority, "errors": []})
    say(f"Профиль рисков школы {saved.school} за {saved.year} год загружен: факторов — {saved.levels}, "
        f"приоритетных рисков — {len(saved.priority)}.")
    return 0


def run_template(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        school = find_school(session, args.school)
        written = write_risk_template(session, Path(args.file), school.id, args.year)
    say(f"Шаблон сохранён: {written}")
    return 0
