"""`kurator` with no command (or `kurator gui`): open the window."""

import argparse


def register(subparsers) -> None:
    gui = subparsers.add_parser("gui", help="открыть окно программы (по умолчанию)")
    gui.add_argument("packet", nargs="?", metavar="ФАЙЛ", help="пакет данных (.kpkt): его путь покажется в окне")
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from app.ui.app import run

    return run(getattr(args, "db", None), getattr(args, "packet", None))
