"""kurator roadmap import | show | export | list (editing, corrections and templates: `roadmap_edit`)."""

import argparse
from pathlib import Path

from app.errors import KuratorError
from app.models.reference import EVENT_STATUSES
from app.services.roadmaps import plans as roadmaps
from app.services.roadmaps.export import export_analysis_pdf, export_excel
from app.services.roadmaps.importing import import_file
from app.services.roadmaps.word import export_docx

from . import roadmap_edit
from .common import session_for
from .output import emit_json, say


def register(subparsers) -> None:
    roadmap = subparsers.add_parser("roadmap", help="дорожные карты: импорт, просмотр, выгрузка")
    commands = roadmap.add_subparsers(dest="roadmap_command", metavar="ДЕЙСТВИЕ", required=True)

    imported = commands.add_parser("import", help="импорт таблицы дорожной карты из .docx или .xlsx")
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--year", type=int, required=True, help="первый год дорожной карты")
    imported.add_argument("--to-year", type=int, help="последний год (для многолетней карты)")
    imported.add_argument("--school", metavar="CODE", help="код школы для дорожной карты уровня ОО")
    imported.add_argument("--table", type=int, help="номер таблицы в файле, если их несколько")
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=run_import)

    show = commands.add_parser("show", help="мероприятия дорожной карты со сроками и состоянием")
    show.add_argument("id", metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    export = commands.add_parser("export", help="выгрузить в .docx или .xlsx, анализ реализации — в .pdf")
    export.add_argument("id", metavar="ID")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--year", type=int, help="год для анализа (PDF)")
    export.add_argument("--version", type=int, help="номер версии (.docx, .xlsx); по умолчанию текущая")
    export.add_argument("--portrait", action="store_true", help="книжная ориентация листа (.docx)")
    export.set_defaults(handler=run_export)

    listed = commands.add_parser("list", help="перечень дорожных карт")
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=run_list)
    roadmap_edit.register(commands)


def run_import(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        summary = import_file(session, Path(args.file), args.year, args.to_year, school_code=args.school,
                              table_index=args.table)
    if args.json:
        emit_json(summary)
    say(f"Импортировано: разделов {summary['sections']}, мероприятий {summary['events']}; "
        f"нераспознанных сроков {summary['unrecognized_deadlines']}.")
    for item in summary["unrecognized"]:
        say(f"  № {item['number'] or '—'}: срок «{item['deadline_text']}» не распознан — уточните его в окне программы.")
    for tie in summary["responsible_ties"]:
        say(f"  {tie}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        detail = roadmaps.roadmap_detail(session, args.id)
    if args.json:
        emit_json(detail)
        return 0
    print(detail["title"])
    section = None
    for event in detail["events"]:
        if event["section"] != section:
            section = event["section"]
            print(f"\n{section}")
        print(f"  {event['number']:>6} {event['title'][:70]:<70} {event['deadline_text'][:24]:<24} "
              f"{EVENT_STATUSES[event['status']]}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    target = Path(args.file)
    exporters = {".xlsx": lambda s: export_excel(s, args.id, target, version=args.version),
                 ".docx": lambda s: export_docx(s, args.id, target, version=args.version, landscape=not args.portrait),
                 ".pdf": lambda s: export_analysis_pdf(s, args.id, target, year=args.year)}
    exporter = exporters.get(target.suffix.lower())
    if exporter is None:
        raise KuratorError("Укажите файл с расширением .docx (документ Word), .xlsx (таблица) "
                           "или .pdf (анализ реализации).")
    with session_for(args) as session:
        exporter(session)
    say(f"Записано: {target}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        rows = [{"id": r.id, "title": r.title, "level": r.level, "year_from": r.year_from, "year_to": r.year_to}
                for r in roadmaps.list_roadmaps(session)]
    if args.json:
        emit_json(rows)
    else:
        for row in rows:
            print(f"{row['id']}  {row['year_from']}–{row['year_to']}  {row['title'][:90]}")
    return 0
