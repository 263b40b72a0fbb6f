"""kurator keys show | export FILE.pem | trust FILE.pem (--school CODE | --district) [--name N] [--replace] | passphrase."""

import argparse
from pathlib import Path

from app.services.exchange import keys, peers, signing
from app.services.installation import require_installation
from app.services.output.atomic_write import write_bytes_atomically

from .common import database, passphrase_from_env_or_prompt
from .output import emit_json, say


def register(subparsers) -> None:
    parser = subparsers.add_parser("keys", help="ключи подписи: свой ключ, ключи школ и района")
    commands = parser.add_subparsers(dest="keys_command", metavar="ДЕЙСТВИЕ", required=True)

    show = commands.add_parser("show", help="отпечаток своего ключа и зарегистрированные ключи")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    export = commands.add_parser("export", help="записать свой открытый ключ в файл .pem")
    export.add_argument("file", metavar="ФАЙЛ.pem")
    export.set_defaults(handler=run_export)

    trust = commands.add_parser("trust", help="зарегистрировать открытый ключ школы или района")
    trust.add_argument("file", metavar="ФАЙЛ.pem")
    whose = trust.add_mutually_exclusive_group(required=True)
    whose.add_argument("--school", metavar="КОД", help="код школы (в базе района)")
    whose.add_argument("--district", action="store_true", help="ключ органа управления (в базе школы)")
    trust.add_argument("--name", help="наименование")
    trust.add_argument("--replace", action="store_true", help="заменить ранее зарегистрированный другой ключ")
    trust.add_argument("--json", action="store_true")
    trust.set_defaults(handler=run_trust)


def _own_keys(session) -> bytes:
    if not signing.has_keys(require_installation(session)):
        signing.ensure_keys(session, passphrase_from_env_or_prompt("Новая парольная фраза для ключа подписи: "))
    return signing.public_key(session)


def run_show(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.session() as session:
            pem = _own_keys(session)
            listed = [{"kind": p.kind, "school_code": p.school_code, "name": p.name, "fingerprint": p.fingerprint,
                       "last_sequence": p.last_sequence, "acknowledged_sequence": p.acknowledged_sequence}
                      for p in peers.list_peers(session)]
    finally:
        db.close()
    own = {"fingerprint": keys.fingerprint(pem), "fingerprint_full": keys.fingerprint_full(pem)}
    if args.json:
        emit_json({"own": own, "peers": listed})
        return 0
    print(f"Отпечаток ключа этой установки: {own['fingerprint']}")
    for peer in listed:
        print(f"  {peer['school_code'] or 'район'}  {peer['name']}: {peer['fingerprint']}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.session() as session:
            pem = _own_keys(session)
    finally:
        db.close()
    target = Path(args.file)
    write_bytes_atomically(target, pem)
    say(f"Открытый ключ записан в {target}. Отпечаток: {keys.fingerprint(pem)}")
    return 0


def run_trust(args: argparse.Namespace) -> int:
    pem = keys.read_public_key_file(Path(args.file))
    db = database(args)
    try:
        with db.session() as session:
            result = peers.trust(session, pem, school_code=args.school, district=args.district, name=args.name,
                                 replace=args.replace)
            summary = {"kind": result.peer.kind, "school_code": result.peer.school_code, "name": result.peer.name,
                       "fingerprint": result.peer.fingerprint, "created": result.created,
                       "replaced": result.replaced, "school_added": result.school_added}
    finally:
        db.close()
    if args.json:
        emit_json(summary)
    action = "заменён" if summary["replaced"] else ("зарегистрирован" if summary["created"] else "уже был зарегистрирован")
    say(f"Ключ «{summary['name']}» {action}. Сверьте отпечаток по телефону: {summary['fingerprint']}")
    if summary["school_added"]:
        say(f"Школа {summary['school_code']} добавлена в реестр.")
    return 0

