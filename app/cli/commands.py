"""The command modules, in the order `kurator --help` lists them."""

from . import (
    core,
    deadline,
    generate,
    gui,
    indicators,
    keys,
    packet,
    report,
    results,
    roadmap,
    school_summary,
)

MODULES: list = [gui, core, deadline, roadmap, results, indicators, school_summary, report, keys, packet, generate]
