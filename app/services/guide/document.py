"""The whole guide: its chapter files in name order with the generated parts put in, every heading with an anchor
(the chapters a page's F1 opens name theirs in the file; the others are numbered), and its table of contents."""

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from app.errors import KuratorError
from app.paths import RESOURCES

from .blocks import Block, Heading, Picture, parse
from .generated import INSERTS

GUIDE = RESOURCES / "guide"
IMAGES = GUIDE / "images"
TITLE = "Куратор. Руководство пользователя"


@dataclass(frozen=True)
class Guide:
    blocks: tuple[Block, ...]

    def headings(self, deepest: int = 3) -> list[Heading]:
        """The table of contents: the headings down to level `deepest`, in reading order."""
        return [block for block in self.blocks if isinstance(block, Heading) and block.level <= deepest]

    def anchors(self) -> set[str]:
        return {heading.anchor for heading in self.headings()}

    def pictures(self) -> list[Path]:
        return [IMAGES / block.file for block in self.blocks if isinstance(block, Picture)]


def _insert(name: str) -> list[Block]:
    if name not in INSERTS:
        raise KuratorError(f"В руководстве нет вставки «{name}».")
    return INSERTS[name]()


def _anchored(blocks: list[Block]) -> tuple[Block, ...]:
    numbered = iter(range(1, len(blocks) + 1))
    return tuple(replace(block, anchor=f"section-{next(numbered)}")
                 if isinstance(block, Heading) and not block.anchor else block for block in blocks)


@cache
def load_guide(folder: Path = GUIDE) -> Guide:
    """The guide as shipped with this installation (read once)."""
    files = sorted(folder.glob("*.md"))
    if not files:
        raise KuratorError(f"Руководство пользователя не найдено в этой установке (папка «{folder}»). "
                           "Переустановите программу.")
    blocks: list[Block] = []
    for path in files:
        blocks += parse(path.read_text(encoding="utf-8"), _insert)
    return Guide(_anchored(blocks))
