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
)

MODULES: list = [gui, core, deadline, roadmap, results, indicators, risks, report, keys, packet, generate]
