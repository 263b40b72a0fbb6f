"""The command modules, in the order `kurator --help` lists them."""

MODULES: list = []
