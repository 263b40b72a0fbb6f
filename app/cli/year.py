"""kurator year start Y | proposals Y | decide CODE: a new program year and the review of last year's statuses."""

import argparse

from app.models.reference import SCHOOL_STATUSES, STATUS_DECISIONS
from app.services.years.start import start_year
from app.services.years.statuses import decide, find_proposal, list_proposals

from .common import session_for
from .output import emit_json, say

DECISIONS = {"keep": "kept", "change": "changed", "drop": "dropped"}


def register(subparsers) -> None:
    year = subparsers.add_parser("year", help="программный год: начать новый, решения по статусам")
    commands = year.add_subparsers(dest="year_command", metavar="ДЕЙСТВИЕ", required=True)

    start = commands.add_parser("start", help="начать год: статусы прошлого года — на решение, повторяющиеся "
                                              "мероприятия — на новый год, цели сохраняются")
    start.add_argument("year", type=int, metavar="ГОД")
    start.add_argument("--json", action="store_true")
    start.set_defaults(handler=run_start)

    proposals = commands.add_parser("proposals", help="статусы, предложенные на год, и решения по ним")
    proposals.add_argument("year", type=int, metavar="ГОД")
    proposals.add_argument("--json", action="store_true")
    proposals.set_defaults(handler=run_proposals)

    decided = commands.add_parser("decide", help="оставить, изменить или снять предложенный статус школы")
    decided.add_argument("code", metavar="КОД", help="код школы")
    decided.add_argument("decision", choices=tuple(DECISIONS), help="keep — оставить, change — изменить, drop — снять")
    decided.add_argument("--year", type=int, required=True, metavar="ГОД")
    decided.add_argument("--status", required=True, choices=tuple(SCHOOL_STATUSES), help="предложенный статус")
    decided.add_argument("--to", choices=tuple(SCHOOL_STATUSES), help="новый статус (для change)")
    decided.add_argument("--basis", required=True, metavar="ТЕКСТ", help="основание: приказ, протокол, критерии")
    decided.set_defaults(handler=run_decide)


def run_start(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        result = start_year(session, args.year)
    if args.json:
        emit_json(result.to_json())
    for line in result.lines():
        say(line)
    return 0


def run_proposals(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        rows = list_proposals(session, args.year)
    if args.json:
        emit_json([row.to_json() for row in rows])
    for row in rows:
        say(f"{row.school_code} {row.school}: {SCHOOL_STATUSES[row.status]} ({row.source_year}) — {row.outcome}"
            + (f"; основание: {row.basis}" if row.basis else ""))
    if not rows:
        say(f"На {args.year} год статусы не предлагались: начните год (kurator year start {args.year}).")
    return 0


def run_decide(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        proposal = find_proposal(session, args.year, args.code, args.status)
        decide(session, proposal.id, DECISIONS[args.decision], args.basis, args.to)
        outcome = STATUS_DECISIONS[proposal.decision]
    say(f"Статус «{SCHOOL_STATUSES[args.status]}» школы {args.code} на {args.year} год: {outcome.lower()}.")
    return 0
