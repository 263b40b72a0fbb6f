"""A stored, case-folded copy of the searched columns (`SEARCHED` on a model) so that lists of tens of
thousands of rows are searched by the database itself, Cyrillic included, with no per-row Python call."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session


def fold_case(text: str | None) -> str | None:
    """Lower case with ё read as е: how searches compare Russian text."""
    return None if text is None else text.lower().replace("ё", "е")


def search_text_of(values: Mapping[str, Any], fields: tuple[str, ...]) -> str:
    """The folded text a search looks in: the fields' values joined by spaces."""
    return fold_case(" ".join(str(values[name]) for name in fields if values.get(name))) or ""


def _refresh(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        fields = getattr(type(obj), "SEARCHED", None)
        if fields and hasattr(obj, "search_text"):
            obj.search_text = search_text_of({name: getattr(obj, name) for name in fields}, fields)


def install(session_class) -> None:
    """Keep `search_text` current on every flush (idempotent)."""
    if not event.contains(session_class, "before_flush", _refresh):
        event.listen(session_class, "before_flush", _refresh)
