"""Start-up loads only what the command needs: printing the version imports none of the heavy libraries that
reports, charts, indicators and Office files use, and each command is found in the module that registers it."""

import argparse
import importlib
import os
import subprocess
import sys

import pytest

from app.cli import build_parser, commands

HEAVY = ("reportlab", "openpyxl", "docx", "alembic")


def imported_after(code: str) -> set[str]:
    """The heavy libraries a fresh interpreter has imported after running `code` (it ends there, not waiting for the
    window's reads still running)."""
    script = (f"import os, sys\n{code}\nprint('heavy:', *(m for m in {HEAVY!r} if m in sys.modules), flush=True)\n"
              "os._exit(0)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("heavy:"))
    return set(line.split()[1:])


def test_printing_the_version_imports_no_heavy_library():
    code = "from app.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    assert imported_after(code) == set()


def test_building_the_main_window_imports_no_heavy_library(district_db, db_path):
    """The first page (the overview) paints its figures first; its charts, and every other page, come later."""
    district_db.close()
    code = ("from PySide6.QtWidgets import QApplication\nfrom app.db import open_database\napp = QApplication([])\n"
            f"from app.ui.main_window import MainWindow\nwindow = MainWindow(open_database({str(db_path)!r}))")
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


def test_a_pdf_report_loads_neither_the_excel_nor_the_word_library():
    """The справка in PDF needs reportlab; openpyxl and python-docx come only with an Excel or Word file."""
    code = ("from app.services.reports import documents\n"
            "from app.services.output.writers import writer_for\nwriter_for('справка.pdf', 'Справка')")
    assert {"openpyxl", "docx"}.isdisjoint(imported_after(code))
    assert "reportlab" in imported_after(code)
