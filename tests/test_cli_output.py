"""What the command line prints: its own texts in Russian (every command's --help, argparse's errors), and nothing but
an exit code when its reader stops reading."""

import argparse
import re

import pytest

from app.cli import build_parser, main
from app.cli.russian import translate_plural

ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program's version", "error:",
           "required", "invalid choice")


def every_parser(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from every_parser(sub)


def test_every_commands_help_is_russian():
    parsers = list(every_parser(build_parser()))
    assert len(parsers) > 40
    for parser in parsers:
        text = parser.format_help()
        assert text.startswith("использование: "), parser.prog
        assert not [phrase for phrase in ENGLISH if phrase in text], parser.prog


def value_placeholders(text: str) -> set[str]:
    """What stands for a value in a help text: «--year ГОД», «ФАЙЛ.xlsx», a positional's name in its list."""
    after_options = re.findall(r"-[\w-]+ ([^\s\[\],]+)", text)
    positionals = re.findall(r"^  ([^\s-][^\s,]*)\s", text.split("\n\n", 1)[-1], re.M)
    return set(after_options) | set(positionals)


def test_every_value_placeholder_is_russian():
    """ФАЙЛ, ГОД, КОД, not FILE, YEAR, CODE (argparse's default is the parameter's Latin name in capitals)."""
    latin = {}
    for parser in every_parser(build_parser()):
        subcommands = {name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
                       for name in action.choices}
        found = {word for word in value_placeholders(parser.format_help())
                 if re.search("[A-Za-z]", word.split(".")[0]) and word not in subcommands
                 and not word.startswith("{")}  # {district,school}: the values themselves, as typed
        if found:
            latin[parser.prog] = found
    assert latin == {}
    report = next(p for p in every_parser(build_parser()) if p.prog == "kurator report district")
    assert " ".join(report.format_usage().split()) == (
        "использование: kurator report district [-h] --year ГОД --out ФАЙЛ.pdf|ФАЙЛ.docx")


@pytest.mark.parametrize(("argv", "message"), [
    (["roadmap", "show"], "kurator roadmap show: ошибка: не хватает обязательных аргументов: КАРТА"),
    (["init", "--mode", "region"], "kurator init: ошибка: аргумент --mode: неверный выбор: 'region' (можно: "
                                   "'district', 'school')"),
    (["demo", "--lots"], "kurator: ошибка: непонятные аргументы: --lots"),
])
def test_a_usage_error_is_said_in_russian_with_exit_2(capsys, argv, message):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("использование: ") and error.rstrip().endswith(message)


@pytest.mark.parametrize(("n", "text"), [(1, "нужно 1 значение"), (2, "нужно 2 значения"), (5, "нужно 5 значений"),
                                         (11, "нужно 11 значений"), (21, "нужно 21 значение"), (22, "нужно 22 значения")])
def test_counted_messages_take_the_russian_plural(n, text):
    assert translate_plural("expected %s argument", "expected %s arguments", n) % n == text


def test_a_reader_that_stops_reading_ends_the_command_quietly(tmp_path):
    """`kurator … --json | head -c 10`: no traceback when the pipe closes, exit 1 (the environment stopped it). The
    output (the demo's indicators by school, some 80 KB) is larger than a pipe holds, so the write does fail."""
    import subprocess
    import sys

    database = str(tmp_path / "d.db")
    assert main(["--db", database, "init", "--mode", "district", "--name", "Терский муниципальный район"]) == 0
    assert main(["--db", database, "demo"]) == 0
    script = ("import sys; from app.cli import main; "
              f"sys.exit(main(['--db', {database!r}, 'indicators', '--year', '2022', '--per-school', '--json']))")
    reader = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert len(reader.stdout.read(10)) == 10
    reader.stdout.close()
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 1
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
