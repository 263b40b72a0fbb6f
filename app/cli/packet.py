"""kurator packet export | verify | import: signed packets between a school and the district."""

import argparse
from pathlib import Path

from app.errors import KuratorError
from app.services import exchange

from .common import database, passphrase_from_env_or_prompt
from .output import emit_json, say


def register(subparsers) -> None:
    parser = subparsers.add_parser("packet", help="обмен пакетами между школой и районом")
    commands = parser.add_subparsers(dest="packet_command", metavar="ДЕЙСТВИЕ", required=True)

    export = commands.add_parser("export", help="подписать и записать пакет (по умолчанию — изменения)")
    export.add_argument("--out", required=True, metavar="ФАЙЛ|ПАПКА", help="файл пакета или папка для него")
    export.add_argument("--signer", required=True, metavar="ИМЯ", help="ФИО подписывающего")
    export.add_argument("--position", required=True, metavar="ТЕКСТ", help="должность подписывающего")
    export.add_argument("--school", metavar="КОД", help="школа-получатель (в базе района)")
    export.add_argument("--period", type=int, metavar="ГОД", help="отчётный год")
    export.add_argument("--full", action="store_true", help="все записи, а не только изменения")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=run_export)

    verify = commands.add_parser("verify", help="проверить пакет, ничего не меняя")
    verify.add_argument("file", metavar="ФАЙЛ")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)

    imported = commands.add_parser("import", help="принять пакет")
    imported.add_argument("file", metavar="ФАЙЛ")
    imported.add_argument("--dry-run", action="store_true", help="показать, что изменится, ничего не записывая")
    imported.add_argument("--accept-sequence-gap", action="store_true",
                          help=f"принять пакет, номер которого больше последнего принятого от отправителя более чем на "
                               f"{exchange.MAX_SEQUENCE_GAP} (только после подтверждения отправителем)")
    imported.add_argument("--json", action="store_true")
    imported.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.session() as session:
            plan = exchange.plan_export(session, args.school, full=args.full, period=args.period,
                                        files_dir=db.location.files_dir)
            path = exchange.write_export(session, plan, Path(args.out), args.signer, args.position,
                                         passphrase_from_env_or_prompt())
    finally:
        db.close()
    summary = {"file": str(path), **plan.summary()}
    if args.json:
        emit_json(summary)
    kind = "полный" if plan.full else "изменения"
    say(f"Пакет записан: {path} ({kind}, записей {plan.total}).")
    recipient = plan.recipient
    if recipient["installation_id"]:
        say(f"Получатель: «{recipient['name']}», установка {recipient['installation_id']}: другая установка его не примет.")
    else:
        say(f"Получатель: «{recipient['name']}»; номер его установки станет известен с его первым пакетом, "
            "а до тех пор пакет примет любая установка, которой доверен этот ключ.")
    files = exchange.files_phrase(summary["files"])
    if files:
        say(files)
    for section in plan.declared_incomplete:
        say(f"  Подписано как незаполненное — {section['title']}: {'; '.join(section['missing'])}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        report = exchange.verify_report(db, Path(args.file))
    except KuratorError as error:
        if args.json:
            emit_json(exchange.refusal_report(error))
        raise
    finally:
        db.close()
    if args.json:
        emit_json(report)
    say(f"Пакет № {report['sequence']} от «{report['sender']}»: подпись и содержимое в порядке."
        + (f" {report['reason']}." if report["reason"] else ""))
    return 0


def run_import(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        result = exchange.import_packet(db, Path(args.file), dry_run=args.dry_run,
                                        accept_sequence_gap=args.accept_sequence_gap)
    except KuratorError as error:
        if args.json:
            emit_json({"applied": False, "created": 0, "updated": 0, "refused": getattr(error, "refused", 0),
                       "reason": error.message, "dry_run": args.dry_run})
        raise
    finally:
        db.close()
    if args.json:
        emit_json(result.to_json())
    say(result.reason or "")
    for conflict in result.plan.conflicts if result.plan else ():
        say(f"  Предложение {conflict.proposal_id} к записи {conflict.record_id} ({exchange.table_title(conflict.table)}) "
            "сохранено — решите его в окне программы.")
    return 0
