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
    risks,
    roadmap,
    submissions,
    year,
)

MODULES: list = [gui, core, deadline, roadmap, imports, results, year, submissions, indicators, risks, report, keys,
                 packet, generate]
