"""Who is responsible for an event: the «Ответственный» text as written, linked to a staff member when it names one.

The staff register can be large (a region: hundreds of thousands of teachers), so only the teachers whose last name
appears in the texts are read — through the index on `teacher.last_name` — never the whole register."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Teacher, alive

WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*")
QUERY_CHUNK = 500  # bound parameters per IN (...)


@dataclass
class StaffNames:
    """Staff members by normalised short («шидукова л.п.») and full name; a name several people share keeps them all."""

    ids: dict[str, set[str]] = field(default_factory=dict)

    def add(self, name: str, teacher_id: str) -> None:
        self.ids.setdefault(_normalise_name(name), set()).add(teacher_id)

    def named_in(self, responsible: str | None) -> dict[str, set[str]]:
        """The names found in a «Ответственный» text, each with the staff members who bear it."""
        if not responsible:
            return {}
        text = _normalise_name(responsible)
        return {name: ids for name, ids in self.ids.items() if name and name in text}


def staff_by_short_name(session: Session, school_id: str | None, texts: Iterable[str | None]) -> StaffNames:
    """The live staff (of the school, or of the district when `school_id` is None) whose last name is a word of
    `texts`, by short and full name."""
    candidates = sorted({variant for text in texts if text for word in WORD.findall(text)
                         for variant in _spellings(word)})
    names = StaffNames()
    for start in range(0, len(candidates), QUERY_CHUNK):
        query = select(Teacher).where(alive(Teacher), Teacher.last_name.in_(candidates[start:start + QUERY_CHUNK]))
        if school_id:
            query = query.where(Teacher.school_id == school_id)
        for teacher in session.scalars(query):
            names.add(teacher.short_name, teacher.id)
            names.add(teacher.full_name, teacher.id)
    return names


def _spellings(word: str) -> set[str]:
    """How a last name written as `word` may be stored: as written or capitalised (each part of a double name), with
    «е» where the register has «ё» and the other way round."""
    capitalised = "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    forms = {word, capitalised}
    for form in (word, capitalised):
        forms.add(form.replace("ё", "е").replace("Ё", "Е"))
        forms.update(form[:i] + {"е": "ё", "Е": "Ё"}[c] + form[i + 1:] for i, c in enumerate(form) if c in "еЕ")
    return forms


def _normalise_name(text: str) -> str:
    return " ".join(text.replace(".", ". ").replace("ё", "е").lower().split()).replace(". ", ".")


def match_responsible(responsible: str | None, staff: StaffNames) -> str | None:
    """The staff member a «Ответственный» text names («Шидукова Л.П.»), when exactly one matches."""
    found = set().union(*staff.named_in(responsible).values())
    return found.pop() if len(found) == 1 else None


def responsible_ties(responsible: str | None, staff: StaffNames) -> list[str]:
    """The names in a «Ответственный» text that several staff members bear (left unlinked: a person must choose)."""
    return [f"«{name.title()}» — сотрудников с таким именем: {len(ids)}"
            for name, ids in staff.named_in(responsible).items() if len(ids) > 1]
