"""The command modules, in the order `kurator --help` lists them, with the commands each registers.

A run imports only the module of the command it runs (each module imports the services its commands use): printing
the version or opening the window does not load reportlab, Alembic or the Excel and Word libraries."""

import importlib
from types import ModuleType

COMMANDS: dict[str, tuple[str, ...]] = {
    "gui": ("gui",),
    "core": ("init", "demo", "backup", "restore"),
    "deadline": ("deadline",),
    "roadmap": ("roadmap",),
    "imports": ("import",),
    "results": ("results",),
    "year": ("year",),
    "submissions": ("submissions",),
    "indicators": ("indicators",),
    "school_summary": ("school-summary",),
    "risks": ("risks",),
    "report": ("report",),
    "keys": ("keys",),
    "packet": ("packet",),
    "generate": ("generate",),
    "guide": ("guide",),
}
HELP_OPTIONS = frozenset({"-h", "--help"})
VALUED_OPTIONS = frozenset({"--db"})  # the top-level options that take the next word as their value


def asked_command(argv: list[str]) -> str | None:
    """The first word of the command line that is not an option nor an option's value: the command asked for."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word in VALUED_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def modules_for(argv: list[str] | None) -> list[ModuleType]:
    """The command modules a run needs: the one of the command asked for; all of them when the parser may list them
    (no command line given, `--help`, an unknown command); none for `--version` or the window without a command."""
    if argv is None:
        names = tuple(COMMANDS)
    else:
        command = asked_command(argv)
        owner = next((module for module, commands in COMMANDS.items() if command in commands), None)
        if owner is not None:
            names = (owner,)
        elif command is not None or HELP_OPTIONS & set(argv):
            names = tuple(COMMANDS)
        else:
            names = ()
    return [importlib.import_module(f"{__package__}.{name}") for name in names]
