"""The guide's building blocks and the reading of its Markdown subset into them.

The subset: `#`, `##`, `###` headings (an anchor may follow as `{#name}`), paragraphs (lines joined), lists (`- ` or
`1. ` items, continuation lines indented), a picture alone on its line (`![caption](images/file.png)`), and a line
`@name` that the caller replaces with generated blocks. Nothing else is markup: the text is shown as written."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

HEADING = re.compile(r"^(#{1,3})\s+(.*?)(?:\s*\{#([a-z0-9-]+)\})?\s*$")
PICTURE = re.compile(r"^!\[(.*)\]\(images/([\w.-]+\.png)\)$")
ITEM = re.compile(r"^(?:-|(\d+)\.)\s+(.*)$")
INSERT = re.compile(r"^@([\w-]+)$")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Items:
    entries: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Picture:
    file: str  # a file of resources/guide/images
    caption: str


@dataclass(frozen=True)
class Grid:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Items | Picture | Grid
Inserts = Callable[[str], list[Block]]


def chunks(text: str) -> Iterable[list[str]]:
    """The text's blank-line separated runs of lines, each line stripped at its right; a heading is a run of its own
    even without blank lines around it."""
    run: list[str] = []
    for line in text.splitlines() + [""]:
        heading = HEADING.match(line.strip())
        if run and (heading or not line.strip()):
            yield run
            run = []
        if heading:
            yield [line.strip()]
        elif line.strip():
            run.append(line.rstrip())


def parse(text: str, inserts: Inserts, shift: int = 0) -> list[Block]:
    """The blocks of a Markdown text; headings go `shift` levels deeper (a part inside a chapter)."""
    blocks: list[Block] = []
    for run in chunks(text):
        first = run[0].strip()
        if heading := HEADING.match(first):
            level = min(len(heading[1]) + shift, 3)
            blocks.append(Heading(level, heading[2], heading[3] or ""))
        elif (insert := INSERT.match(first)) and len(run) == 1:
            blocks += inserts(insert[1])
        elif (picture := PICTURE.match(first)) and len(run) == 1:
            blocks.append(Picture(picture[2], picture[1]))
        elif match := ITEM.match(first):
            blocks.append(Items(tuple(_items(run)), numbered=match[1] is not None))
        else:
            blocks.append(Paragraph(_joined(run)))
    return blocks


def _joined(lines: Iterable[str]) -> str:
    return " ".join(line.strip() for line in lines)


def _items(run: list[str]) -> list[str]:
    entries: list[list[str]] = []
    for line in run:
        match = ITEM.match(line)
        if match and not line.startswith(" "):
            entries.append([match[2]])
        else:
            entries[-1].append(line)
    return [_joined(entry) for entry in entries]
