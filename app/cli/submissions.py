"""kurator submissions --year ГОД | submissions accept|return|reopen CODE --section S --year ГОД: which schools have sent
which sections of their data for a year, and the district's decisions on them."""

import argparse

from app.errors import KuratorError
from app.models.reference import SUBMISSION_SECTIONS
from app.services.submissions.states import accept, reopen, return_section, submissions_table

from .common import session_for
from .output import emit_json, say

SECTION_HELP = ", ".join(f"{code} — {title.lower()}" for code, title in SUBMISSION_SECTIONS.items())


def register(subparsers) -> None:
    parser = subparsers.add_parser("submissions", help="приём данных школ: школа × раздел × год, принять или вернуть")
    parser.add_argument("--year", type=int, metavar="ГОД", help="год (для таблицы)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_table)
    actions = parser.add_subparsers(dest="submission_action", metavar="ДЕЙСТВИЕ")
    for name, text in (("accept", "принять раздел"), ("return", "вернуть раздел на доработку с комментарием"),
                       ("reopen", "открыть принятый раздел заново (снять закрепление)")):
        action = actions.add_parser(name, help=text)
        action.add_argument("code", metavar="КОД", help="код школы")
        action.add_argument("--section", required=True, choices=tuple(SUBMISSION_SECTIONS), help=SECTION_HELP)
        action.add_argument("--year", type=int, required=True, metavar="ГОД")
        action.add_argument("--comment", metavar="ТЕКСТ", help="что исправить (для return — обязательно)")
        action.set_defaults(handler=run_decision, action=name)


def run_table(args: argparse.Namespace) -> int:
    if args.year is None:
        raise KuratorError("Укажите год: kurator submissions --year ГОД.")
    with session_for(args) as session:
        rows = submissions_table(session, args.year)
    if args.json:
        emit_json([row.to_json() for row in rows])
    for row in rows:
        say(f"{row.code} {row.name} (данные ведёт {'школа' if row.registered else 'район'}): "
            + "; ".join(f"{state.title.lower()} — {state.describe()}" for state in row.sections))
    return 0


def run_decision(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        if args.action == "accept":
            accept(session, args.code, args.section, args.year)
        elif args.action == "return":
            return_section(session, args.code, args.section, args.year, args.comment)
        else:
            reopen(session, args.code, args.section, args.year)
    done = {"accept": "принят", "return": "возвращён на доработку", "reopen": "открыт заново"}[args.action]
    say(f"Раздел «{SUBMISSION_SECTIONS[args.section]}» школы {args.code} за {args.year} год {done}.")
    return 0
