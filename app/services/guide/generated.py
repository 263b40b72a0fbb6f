"""The guide's parts written from the program's own data, so that they cannot drift from it: each indicator's
definition as the catalogue gives it (the same text the window shows), the ИСБ method as documented, and the kinds of
Excel files the program loads."""

from app.models import Indicator
from app.models.reference import DIRECTIONS, INDICATOR_METHODS
from app.paths import ROOT
from app.services.imports.kinds import KINDS, ORDER
from app.services.indicators.catalogue import read_catalogue
from app.services.indicators.choices import definition
from app.services.output.ru_format import format_value

from .blocks import Block, Grid, Heading, Paragraph, parse

METHOD_FILE = ROOT / "docs" / "isb.md"


def indicator_blocks() -> list[Block]:
    """One section per indicator of the shipped catalogue, grouped as the catalogue groups them."""
    blocks: list[Block] = []
    group = None
    for entry in read_catalogue():
        if entry.get("group_title", "") != group:
            group = entry.get("group_title", "")
            if group:
                blocks.append(Paragraph(group))
        blocks += [Heading(2, f"{entry['code']}. {entry['name']}"),
                   Paragraph(definition(Indicator(description=entry.get("description"), choices=entry.get("choices")))),
                   Paragraph(_facts(entry))]
    return blocks


def _facts(entry: dict) -> str:
    unit = entry.get("unit") or ""
    facts = [f"Единица: {unit}" if unit else "Единица не задана",
             f"{DIRECTIONS.get(entry.get('direction', 'higher'))}",
             f"Способ: {INDICATOR_METHODS.get(entry.get('method', 'computed')).lower()}"]
    if entry.get("baseline") is not None:
        facts.append(f"базовое значение {_number(entry['baseline'], unit)}")
    targets = entry.get("targets") or {}
    if targets:
        facts.append("цели: " + ", ".join(f"{year} — {_number(value, unit)}" for year, value in sorted(targets.items())))
    if entry.get("source"):
        facts.append(f"источник: {entry['source']}")
    return ". ".join(facts) + "."


def _number(value: float, unit: str) -> str:
    return f"{format_value(value)} {unit}".strip()


def method_blocks() -> list[Block]:
    """The ИСБ, results index and dynamics method (its sections one level below the chapter's)."""
    try:
        text = METHOD_FILE.read_text(encoding="utf-8")
    except OSError:
        return [Paragraph("Описание методики не входит в эту установку.")]
    return parse(text, lambda _name: [], shift=1)


def import_kind_blocks() -> list[Block]:
    """The kinds of Excel files, in the order the window lists them."""
    return [Grid(("Что в файле", "Что в нём"), tuple((KINDS[name].title, KINDS[name].about) for name in ORDER))]


INSERTS = {"показатели": indicator_blocks, "методика": method_blocks, "виды-файлов": import_kind_blocks}
