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
    risks,
    roadmap,
    school_summary,
)

MODULES: list = [gui, core, deadline, roadmap, results, indicators, school_summary, risks, report, keys, packet,
                  generate]
