"""kurator init | demo | backup | restore."""

import argparse
import os
from pathlib import Path

from app.errors import KuratorError
from app.models.reference import INSTALLATION_KINDS
from app.services import backup as backups
from app.services.demo import load_demo
from app.services.demo_data import remove_demo
from app.services.exchange.keys import accept_passphrase
from app.services.exchange.signing import fingerprint_of_installation
from app.services.setup import initialize

from .common import PASSPHRASE_ENV, database, passphrase_from_env_or_prompt, session_for
from .output import emit_json, say


def register(subparsers) -> None:
    init = subparsers.add_parser("init", help="настроить базу: орган управления образованием или школа")
    init.add_argument("--mode", required=True, choices=tuple(INSTALLATION_KINDS))
    init.add_argument("--name", help="наименование органа управления или школы")
    init.add_argument("--school", metavar="КОД", help="код школы (для режима school)")
    init.add_argument("--year", type=int, help="учебный (программный) год; по умолчанию текущий")
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=run_init)

    demo = subparsers.add_parser("demo", help="заполнить пустую базу демонстрационными данными (или удалить их)")
    demo.add_argument("--remove", action="store_true",
                      help="удалить все демонстрационные записи; рабочие данные не затрагиваются")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(handler=run_demo)

    backup = subparsers.add_parser("backup", help="сделать резервную копию базы")
    backup.add_argument("--out", required=True, metavar="ФАЙЛ")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser("restore", help="восстановить базу из резервной копии")
    restore.add_argument("file", metavar="ФАЙЛ")
    restore.set_defaults(handler=run_restore)


def run_init(args: argparse.Namespace) -> int:
    passphrase = accept_passphrase(passphrase_from_env_or_prompt()) if os.environ.get(PASSPHRASE_ENV) else None
    db = database(args)
    try:
        with db.session() as session:
            installation = initialize(session, args.mode, args.name, args.school, args.year, passphrase=passphrase)
            result = {"installation_id": installation.id, "mode": installation.kind, "name": installation.name,
                      "school_code": installation.school_code, "database": db.location.display,
                      "fingerprint": fingerprint_of_installation(session)}
    except KuratorError:
        db.discard()  # a database this command created and could not set up is not left behind
        raise
    finally:
        db.close()
    if args.json:
        emit_json(result)
    say(f"База настроена: {result['name']} ({INSTALLATION_KINDS[result['mode']].lower()}), файл {result['database']}.")
    if result["fingerprint"]:
        say(f"Ключ подписи создан, отпечаток: {result['fingerprint']}")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    if args.remove:
        return _remove_demo(args)
    with session_for(args) as session:
        summary = load_demo(session)
    if args.json:
        emit_json(summary)
    say(summary.get("message", "Демонстрационные данные загружены."))
    return 0


def _remove_demo(args: argparse.Namespace) -> int:
    with session_for(args) as session:
        removal = remove_demo(session)
    if args.json:
        emit_json({"removed": removal.removed, "total": removal.total})
    say(removal.message())
    return 0


def run_backup(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        target = backups.backup(db, Path(args.out))
    finally:
        db.close()
    say(f"Резервная копия записана: {target}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    db = database(args)
    safety = backups.restore(db, Path(args.file))
    say(f"База восстановлена из «{args.file}». Прежнее состояние сохранено: {safety}")
    return 0
