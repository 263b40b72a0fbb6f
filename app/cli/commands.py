"""The command modules, in the order `kurator --help` lists them."""

from . import core, deadline, gui

MODULES: list = [gui, core, deadline]
