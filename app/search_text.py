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


TRIGRAM_INDEXES = {"teacher": "teacher_search"}
"""Tables whose `search_text` SQLite also keeps in an FTS5 trigram index (migration 0005_teacher_search), by table."""
DERIVED_SCHEMA = frozenset({
    *(f"{index}{part}" for index in TRIGRAM_INDEXES.values() for part in ("", "_data", "_idx", "_docsize", "_config")),
    "ix_teacher_unfolded", "ix_teacher_search_trgm"})
"""What the search indexes add to the schema beside the models (the index, its shadow tables, partial indexes)."""


def modelled(_object, name: str | None, _type: str, _reflected: bool, _compare_to) -> bool:
    """Whether a schema object is one the models describe: alembic's `include_object` when the schema is compared
    with the models (the search indexes are derived from `search_text`, not modelled)."""
    return name not in DERIVED_SCHEMA
