"""kurator roadmap event add|edit|delete | section add|edit|move|delete | approve | correct | history | template."""

import argparse
from datetime import date, datetime

from app.errors import KuratorError
from app.models.reference import CHANGE_KINDS
from app.services.ids import school_id as school_id_of
from app.services.roadmaps import corrections, editing, sections, templates

from .common import session_for
from .output import emit_json, say


def _date(text: str) -> date:
    try:
        return datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"дата «{text}» не в виде ДД.ММ.ГГГГ") from None


def _event_arguments(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument("--title", required=required, help="что за мероприятие")
    parser.add_argument("--deadline", required=required, help="срок, как в документе: «Март - апрель», «Ежегодно»")
    parser.add_argument("--responsible", help="ответственные, как в документе")
    parser.add_argument("--result", help="планируемый результат")
    parser.add_argument("--level", choices=("municipal", "school"), help="уровень: муниципальный или ОО")
    parser.add_argument("--accept-unrecognized", action="store_true",
                        help="сохранить срок как написан, даже если программа его не распознала")
    parser.add_argument("--json", action="store_true")


def register(commands) -> None:
    event = commands.add_parser("event", help="добавить, изменить, удалить мероприятие")
    actions = event.add_subparsers(dest="event_command", metavar="ДЕЙСТВИЕ", required=True)
    add = actions.add_parser("add", help="добавить мероприятие в конец раздела")
    add.add_argument("roadmap", metavar="КАРТА")
    add.add_argument("--section", required=True, metavar="НОМЕР", help="номер раздела («2», «2.1», «II»)")
    _event_arguments(add, required=True)
    add.set_defaults(handler=run_event_add)
    edit = actions.add_parser("edit", help="изменить мероприятие; --section переносит его в другой раздел")
    edit.add_argument("event", metavar="МЕРОПРИЯТИЕ")
    edit.add_argument("--section", metavar="НОМЕР")
    _event_arguments(edit, required=False)
    edit.set_defaults(handler=run_event_edit)
    delete = actions.add_parser("delete", help="удалить мероприятие (остальные нумеруются заново)")
    delete.add_argument("event", metavar="МЕРОПРИЯТИЕ")
    delete.set_defaults(handler=run_event_delete)

    section = commands.add_parser("section", help="добавить, изменить, удалить раздел")
    section_actions = section.add_subparsers(dest="section_command", metavar="ДЕЙСТВИЕ", required=True)
    section_add = section_actions.add_parser("add", help="добавить раздел")
    section_add.add_argument("roadmap", metavar="КАРТА")
    section_edit = section_actions.add_parser("edit", help="изменить название, номер или примечание раздела")
    section_edit.add_argument("section", metavar="РАЗДЕЛ")
    for parser, required in ((section_add, True), (section_edit, False)):
        parser.add_argument("--title", required=required)
        parser.add_argument("--number", help="номер раздела; при добавлении — следующий по порядку, если не указан")
        parser.add_argument("--note", help="примечание к разделу")
        parser.add_argument("--json", action="store_true")
    section_add.add_argument("--parent", metavar="НОМЕР", help="номер раздела, в который входит новый")
    section_add.set_defaults(handler=run_section_add)
    section_edit.set_defaults(handler=run_section_edit)
    section_move = section_actions.add_parser("move", help="передвинуть раздел выше или ниже (номера — по порядку)")
    section_move.add_argument("section", metavar="РАЗДЕЛ")
    direction = section_move.add_mutually_exclusive_group(required=True)
    direction.add_argument("--up", dest="step", action="store_const", const=-1, help="на одно место выше")
    direction.add_argument("--down", dest="step", action="store_const", const=1, help="на одно место ниже")
    section_move.set_defaults(handler=run_section_move)
    section_delete = section_actions.add_parser("delete", help="удалить пустой раздел")
    section_delete.add_argument("section", metavar="РАЗДЕЛ")
    section_delete.set_defaults(handler=run_section_delete)

    approve = commands.add_parser("approve", help="утвердить дорожную карту: дальше изменения — корректировками")
    approve.add_argument("roadmap", metavar="КАРТА")
    approve.add_argument("--order", required=True, help="приказ об утверждении: «приказ УО № 5 от 20.01.2023»")
    approve.add_argument("--date", type=_date, required=True, help="дата утверждения ДД.ММ.ГГГГ")
    approve.set_defaults(handler=run_approve)

    correct = commands.add_parser("correct", help="начать корректировку утверждённой дорожной карты")
    correct.add_argument("roadmap", metavar="КАРТА")
    correct.add_argument("--basis", help="основание: «приказ УО № 112 от 14.03.2023» (нужно, кроме --close)")
    correct.add_argument("--date", type=_date, help="дата корректировки ДД.ММ.ГГГГ (по умолчанию сегодня)")
    correct.add_argument("--close", action="store_true", help="завершить открытую корректировку (без --basis)")
    correct.set_defaults(handler=run_correct)

    history = commands.add_parser("history", help="версии дорожной карты: утверждение и корректировки")
    history.add_argument("roadmap", metavar="КАРТА")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=run_history)

    template = commands.add_parser("template", help="шаблон для школ: назначить школам или создать карту школы")
    template.add_argument("roadmap", metavar="КАРТА", help="муниципальная дорожная карта")
    template.add_argument("--assign", metavar="КОД,КОД", help="(район) коды школ, для которых шаблон")
    template.add_argument("--create", metavar="КОД", help="(школа) создать дорожную карту школы по шаблону")
    template.add_argument("--json", action="store_true")
    template.set_defaults(handler=run_template)


def _event_values(args: argparse.Namespace) -> dict:
    given = {"title": args.title, "deadline_text": args.deadline, "responsible": args.responsible,
             "planned_result": args.result, "level": args.level}
    values = {key: value for key, value in given.items() if value is not None}
    if args.accept_unrecognized:
        values["accept_unrecognized"] = True
    return values


def _report(args: argparse.Namespace, record, what: str) -> int:
    if getattr(args, "json", False):
        emit_json({"id": record.id, "number": record.number or ""})
    say(f"{what}: № {record.number or '—'} ({record.id})")
    return 0


def run_event_add(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        event = editing.add_event(session, args.roadmap, args.section, _event_values(args))
    return _report(args, event, "Мероприятие добавлено")


def run_event_edit(args: argparse.Namespace) -> int:
    values = _event_values(args)
    if args.section is not None:
        values["section"] = args.section
    if not set(values) - {"accept_unrecognized"}:
        raise KuratorError("Укажите, что изменить: --title, --deadline, --responsible, --result, --level или --section.")
    with session_for(args) as session:
        event = editing.edit_event(session, args.event, values)
    return _report(args, event, "Мероприятие изменено")


def run_event_delete(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        editing.delete_event(session, args.event)
    say("Мероприятие удалено; номера остальных мероприятий раздела обновлены.")
    return 0


def _section_values(args: argparse.Namespace) -> dict:
    return {key: value for key, value in (("title", args.title), ("number", args.number), ("note", args.note),
                                          ("parent", getattr(args, "parent", None))) if value is not None}


def run_section_add(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        section = sections.add_section(session, args.roadmap, _section_values(args))
    return _report(args, section, "Раздел добавлен")


def run_section_edit(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        section = sections.edit_section(session, args.section, _section_values(args))
    return _report(args, section, "Раздел изменён")


def run_section_move(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        section = sections.shift_section(session, args.section, args.step)
        number = section.number or "—"
    say(f"Раздел передвинут: теперь № {number}.")
    return 0


def run_section_delete(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        sections.delete_section(session, args.section)
    say("Раздел удалён.")
    return 0


def run_approve(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        corrections.approve_roadmap(session, args.roadmap, args.order, args.date)
    say(f"Дорожная карта утверждена ({args.order}): это версия 1. Дальнейшие изменения — корректировками.")
    return 0


def run_correct(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        if args.close:
            closed = corrections.close_correction(session, args.roadmap)
            say(f"Корректировка (версия {closed.version}) завершена." if closed else "Открытой корректировки нет.")
            return 0
        correction = corrections.open_correction(session, args.roadmap, args.basis or "", args.date)
    say(f"Открыта корректировка — будет версия {correction.version} ({correction.basis}, "
        f"{correction.corrected_on:%d.%m.%Y}). Следующие изменения войдут в неё.")
    return 0


def run_history(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        history = corrections.roadmap_history(session, args.roadmap)
    if args.json:
        emit_json(history)
        return 0
    print(history["title"])
    for version in history["versions"]:
        print(f"Версия {version['version']} от {version['date']}: {version['basis']} ({version['author']})")
        for change in version["changes"]:
            detail = f": «{change['before']}» → «{change['after']}»" if change["field"] else ""
            print(f"  {CHANGE_KINDS[change['kind']]} — {change['label'][:80]}{detail}")
    return 0


def run_template(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        if args.assign:
            codes = [code.strip() for code in args.assign.split(",") if code.strip()]
            count = templates.assign_template(session, args.roadmap, [school_id_of(code) for code in codes])
            say(f"Мероприятий уровня ОО назначено школам ({len(codes)}): {count}.")
            return 0
        if args.create:
            roadmap = templates.create_school_roadmap(session, args.roadmap, school_id_of(args.create))
            if args.json:
                emit_json({"roadmap_id": roadmap.id})
            say(f"Создана дорожная карта школы: {roadmap.title}")
            return 0
        progress = templates.measure_progress(session, args.roadmap)
    if args.json:
        emit_json(progress)
    else:
        for measure in progress:
            print(f"{measure['number']:>6} {measure['title'][:70]}")
            for part in measure["schools"]:
                print(f"         {part['school']}: {part['status']}")
    return 0
