"""The command modules, in the order `kurator --help` lists them."""

from . import (
    core,
    deadline,
    generate,
    gui,
    imports,
    indicators,
    keys,
    packet,
    report,
    results,
    roadmap,
    year,
)

MODULES: list = [gui, core, deadline, roadmap, imports, results, year, indicators, report, keys, packet, generate]
