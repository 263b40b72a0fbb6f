"""The command modules, in the order `kurator --help` lists them."""

from . import core, generate, gui

MODULES: list = [gui, core, generate]
