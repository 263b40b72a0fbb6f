"""Stable identifiers: the same natural key gives the same UUID in every installation."""

import uuid
from datetime import date

KURATOR_NAMESPACE = uuid.UUID("6f1c2a3e-9b47-4d3a-8e6f-2c1b5a7d9e01")


def stable_id(*parts: object) -> str:
    """A UUID derived from the parts: a school's record has the same id at the district and at the school."""
    return str(uuid.uuid5(KURATOR_NAMESPACE, "/".join(str(p) for p in parts)))


def school_id(code: str) -> str:
    return stable_id("school", code.strip())


def occurrence_id(event_id: str, school: str | None, window_start: date) -> str:
    """A roadmap event's due window by its natural key: planned in two installations, it is the same record."""
    return stable_id("event_occurrence", event_id, school or "", window_start.isoformat())
