"""kurator school-summary --year ГОД [--json]: at a school, what its overview shows (district figures included)."""

import argparse

from app.services.output.ru_format import format_value
from app.services.school.summary import SchoolOverview, school_overview

from .common import session_for
from .output import emit_json


def register(subparsers) -> None:
    parser = subparsers.add_parser("school-summary", help="сводка школы за год: статусы, показатели, дорожная карта, "
                                                          "что не заполнено (в базе школы)")
    parser.add_argument("--year", type=int, required=True, help="год (например, 2022)")
    parser.add_argument("--json", action="store_true", help="вывести JSON")
    parser.set_defaults(handler=run_school_summary)


def _number(value: float | None) -> str:
    return "нет данных" if value is None else format_value(value)


def _lines(overview: SchoolOverview) -> list[str]:
    district = overview.district
    figures = district.figures if district else None
    lines = [f"{overview.school_name} ({overview.school_code}), {overview.year} год",
             "Статус: " + (", ".join(s.label for s in overview.this_year) or "нет статусов программы"),
             (f"ИСБ: {_number(figures['isb'])}; группа: {figures['group'] or 'нет данных'} ({district.as_of_text})"
              if figures else "ИСБ и группа: нет данных района"),
             f"Дорожная карта: просрочено {overview.roadmap.overdue}, срок в этом месяце "
             f"{overview.roadmap.due_this_month}, выполнено {overview.roadmap.done}"]
    lines += [f"  {i.code}: школа {_number(i.value)}, район {_number(i.district)}, цель {_number(i.target)}"
              for i in overview.indicators]
    missing = [section.title for section in overview.checklist.incomplete]
    lines.append("Не заполнено: " + (", ".join(missing) if missing else "всё заполнено"))
    return lines


def run_school_summary(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        overview = school_overview(session, args.year)
    if args.json:
        emit_json(overview.as_json())
    else:
        print("\n".join(_lines(overview)))
    return 0
