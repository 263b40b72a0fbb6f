"""The command modules, in the order `kurator --help` lists them."""

from . import core, gui, indicators

MODULES: list = [gui, core, indicators]
