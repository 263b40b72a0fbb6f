"""Start-up loads only what the command needs: printing the version imports none of the heavy libraries that
reports, charts, indicators and Office files use, and each command is found in the module that registers it."""

import argparse
import importlib
import subprocess
import sys

import pytest

from app.cli import build_parser, commands

HEAVY = ("pandas", "pyqtgraph", "reportlab", "openpyxl", "docx", "alembic")


def imported_after(code: str) -> set[str]:
    """The heavy libraries a fresh interpreter has imported after running `code`."""
    script = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


def test_printing_the_version_imports_no_heavy_library():
    code = "from app.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    assert imported_after(code) == set()


@pytest.mark.parametrize("module", list(commands.COMMANDS))
def test_each_module_registers_exactly_the_commands_the_table_gives_it(module):
    parser = argparse.ArgumentParser()
    importlib.import_module(f"app.cli.{module}").register(parser.add_subparsers())
    registered = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    assert tuple(registered.choices) == commands.COMMANDS[module]


@pytest.mark.parametrize(("argv", "asked"), [
    (["--db", "demo", "init", "--mode", "school"], "init"),  # a database file named like a command is not one
    (["--db=x.db", "report", "district"], "report"),
    (["--version"], None),
    (["--", "gui"], "gui"),
])
def test_the_asked_command_is_the_first_word_that_is_not_an_option(argv, asked):
    assert commands.asked_command(argv) == asked


def test_a_run_registers_only_its_commands_and_help_lists_them_all():
    def names(argv):
        parser = build_parser(argv)
        return set(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)

    everything = {name for names in commands.COMMANDS.values() for name in names}
    assert names(["--db", "d.db", "demo"]) == {"init", "demo", "backup", "restore"}
    assert names(["--version"]) == set()
    assert names(["--help"]) == everything
    assert names(["no-such-command"]) == everything  # the error lists the commands there are
