"""The command line: `kurator` == `python -m app`. A second front end over the services.

Each command group lives in its own module with a `register(subparsers)` function that adds its parser
and sets `handler=function(args) -> int`. Exit codes (DESIGN.md): 0 done, 1 internal error,
2 bad input or usage, 3 refused for integrity or security.
"""

import argparse
import os
import sys

from app import __version__
from app.errors import KuratorError

from . import commands, gui, russian


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for this command line (`argv`): with the commands of the one it asks for, or of every command
    when it asks for none that it names (see `commands.modules_for`); with no command line, every command."""
    russian.install()
    parser = argparse.ArgumentParser(
        prog="kurator",
        description="Куратор: сопровождение школ с низкими образовательными результатами",
    )
    parser.add_argument("--version", action="version", version=f"kurator {__version__}", help=russian.VERSION_HELP)
    parser.add_argument("--db", metavar="ПУТЬ", help="файл базы данных (или URL); по умолчанию KURATOR_DB или папка данных")
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА")
    for module in commands.modules_for(argv):
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None) or gui.run_gui
    try:
        return handler(args)
    except KuratorError as error:
        print(f"Ошибка: {error.message}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # whoever read the output stopped reading (`kurator … --json | head`): end quietly, as Unix tools do, and
        # keep Python from failing again while it flushes the closed stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
