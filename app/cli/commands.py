"""The command modules, in the order `kurator --help` lists them."""

from . import (
    core,
    deadline,
    generate,
    gui,
    guide,
    imports,
    indicators,
    keys,
    packet,
    report,
    results,
    risks,
    roadmap,
    school_summary,
    submissions,
    year,
)

MODULES: list = [gui, core, deadline, roadmap, imports, results, year, submissions, indicators, school_summary, risks,
                 report, keys, packet, generate, guide]
