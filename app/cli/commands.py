"""The command modules, in the order `kurator --help` lists them."""

from . import deadline

MODULES: list = [deadline]
