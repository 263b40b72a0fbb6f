"""`kurator deadline TEXT --year ГОД [--json]`: how Kurator reads one «срок» text. Touches no database."""

import argparse

from app.errors import KuratorError
from app.services.roadmaps.deadlines import (
    MAX_YEAR,
    MIN_YEAR,
    Deadline,
    Window,
    parse_deadline,
)

from .output import emit_json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "deadline",
        help="разобрать срок мероприятия дорожной карты",
        description="Показывает, какие даты Куратор видит в тексте срока для программного года.",
    )
    parser.add_argument("text", metavar="ТЕКСТ", help="срок, как он написан в дорожной карте")
    parser.add_argument("--year", required=True, metavar="ГОД", help=f"программный год ({MIN_YEAR}–{MAX_YEAR})")
    parser.add_argument("--json", action="store_true", help="вывести JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    deadline = parse_deadline(args.text, _program_year(args.year))
    if args.json:
        emit_json(deadline.to_dict())
    else:
        print("\n".join(_describe(deadline)))
    return 0


def _program_year(value: str) -> int:
    if not value.strip().isdigit() or not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise KuratorError(f"Год должен быть целым числом от {MIN_YEAR} до {MAX_YEAR}, а не «{value}».", field="year")
    return int(value)


def _describe(deadline: Deadline) -> list[str]:
    head = f"Срок «{deadline.text}» — {deadline.kind.label}"
    if not deadline.windows:
        return [f"{head}, дат нет."]
    return [f"{head}:", *(_describe_window(window) for window in deadline.windows)]


def _describe_window(window: Window) -> str:
    if window.start == window.end:
        return f"  {window.start:%d.%m.%Y}"
    return f"  с {window.start:%d.%m.%Y} по {window.end:%d.%m.%Y}"
