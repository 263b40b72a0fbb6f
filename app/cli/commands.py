"""The command modules, in the order `kurator --help` lists them."""

from . import core, deadline, generate, gui, indicators, keys, packet, roadmap

MODULES: list = [gui, core, deadline, roadmap, indicators, keys, packet, generate]
