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
    submissions,
    year,
)

MODULES: list = [gui, core, deadline, roadmap, imports, results, year, submissions, indicators, report, keys, packet,
                 generate]
