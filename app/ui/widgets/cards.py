"""The shared registry of record cards. A feature registers the card of its entity when it is imported
(`register_card("school", CardSpec(tabs=...))`), and the navigation says which feature to import for a card not
registered yet (`register_card_source`); the record dialog looks the card up. Shared widgets never import
feature screens, so there is no import circle to break."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from ..workspace import Workspace


@dataclass(frozen=True)
class Tab:
    """A card tab: the records of `entity` whose `link` field points at the card's record."""

    title: str
    entity: str
    link: str


@dataclass(frozen=True)
class CardAction:
    """A button on a card: `run(workspace, record_id, card)`; disabled where `creates` is not ours to write."""

    label: str
    creates: str
    run: Callable[[Workspace, str, QWidget], object]


@dataclass(frozen=True)
class CardSpec:
    """What a card shows beyond the form: tabs of related records and extra actions."""

    tabs: tuple[Tab, ...] = ()
    actions: tuple[CardAction, ...] = ()


_CARDS: dict[str, CardSpec] = {}
_SOURCES: dict[str, Callable[[], object]] = {}


def register_card(entity: str, spec: CardSpec) -> None:
    """Open stored records of `entity` as this card (a feature calls this when it is imported)."""
    _CARDS[entity] = spec


def register_card_source(entity: str, load: Callable[[], object]) -> None:
    """`load()` registers the card of `entity` (imports the feature that does): called when the card is first
    needed, so that a window opens without importing every feature."""
    _SOURCES[entity] = load


def card_of(entity: str) -> CardSpec | None:
    """The registered card of `entity`; None when its records open as a plain form."""
    if entity not in _CARDS and entity in _SOURCES:
        _SOURCES.pop(entity)()
    return _CARDS.get(entity)
