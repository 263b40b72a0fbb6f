"""The command modules, in the order `kurator --help` lists them."""

from . import core, deadline, gui, keys, packet, roadmap

MODULES: list = [gui, core, deadline, roadmap, keys, packet]
