"""The command modules, in the order `kurator --help` lists them."""

from . import core, gui

MODULES: list = [gui, core]
