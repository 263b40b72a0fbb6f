"""Checking one sheet's rows against the registry: each row becomes the values of a new or a stored record (found
by its natural key), validated field by field and by the owner rule, with every problem placed at its cell.

A stored record keeps what the file does not say: an empty cell never erases a stored value. A row equal to the
stored record is `unchanged`, so importing the same file twice changes nothing."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.services.excel import CellError, ImportResult
from app.services.records import Entity, get_entity, new_values
from app.services.records.bulk import Write, new_record_id, stored_link_values
from app.services.records.validation import normalise, value_errors

from .rows import ImportContext, RowValues
from .spec import SCHOOL_CODE, SCHOOL_NAME, ImportSheet, folded

CHUNK = 500
SCHOOL_FIELDS = ("school_id",)


@dataclass
class Planned:
    """A checked row: what will be written and how the summary counts it."""

    sheet: str
    write: Write | None  # None: unchanged
    outcome: str  # "created", "updated" or "unchanged"


def sentence_part(message: str) -> str:
    """A registry message («Не может быть больше….») as the tail of an error line («…: не может быть больше…»)."""
    return (message[:1].lower() + message[1:]).rstrip(".")


class SheetCheck:
    """Turns the rows read from one sheet into planned writes, collecting errors at their cells."""

    def __init__(self, context: ImportContext, spec: ImportSheet, read: ImportResult, errors: list[CellError]):
        self.context, self.spec, self.errors = context, spec, errors
        self.entity: Entity = get_entity(spec.entity)
        self.read = read
        self.title = read.sheet_titles.get(spec.name, spec.title)
        self.letters = read.column_letters.get(spec.name, {})
        self.columns = {c.key: c for c in spec.sheet().columns}
        self.key_fields = spec.key_fields or self.entity.unique[0].fields

    # errors -----------------------------------------------------------------------------------------------------
    def error(self, row: int, column: str | None, message: str) -> None:
        title = self.columns[column].title if column in self.columns else ""
        letter = self.letters.get(column, "") if title else ""
        self.errors.append(CellError(self.title, row, letter, title, message))

    def _column_of(self, name: str) -> str | None:
        """The sheet column a field's error belongs at (a school's at its code, or its name if only that is given)."""
        if name in SCHOOL_FIELDS and self.spec.school:
            return SCHOOL_CODE if SCHOOL_CODE in self.letters or SCHOOL_NAME not in self.letters else SCHOOL_NAME
        columns = [column for column in self.spec.field_columns.get(name, (name,)) if column in self.columns]
        return next((column for column in columns if column in self.letters), columns[0] if columns else None)

    # the whole sheet --------------------------------------------------------------------------------------------
    def run(self) -> list[Planned]:
        rows = self.read.rows_by_sheet.get(self.spec.name, [])
        if not rows:
            return []
        allowed, reason = self.context.may_write(self.entity, None)
        if not allowed:
            self.error(0, None, sentence_part(reason))
            return []
        broken = {e.row for e in self.read.errors if e.sheet == self.title}
        if 0 in broken:  # the sheet itself is wrong (a required column missing): its rows are not read through
            return []
        prepared = []
        for number, cells in zip(self.read.source_rows[self.spec.name], rows, strict=True):
            if number in broken:
                continue
            row = RowValues(self.context, self.spec, number, cells)
            row.read(self.entity)
            prepared.append(row)
        stored = self._stored([row.values for row in prepared if not row.problems])
        seen: dict[tuple, int] = {}
        return [p for row in prepared if (p := self._check(row, stored, seen)) is not None]

    # one row ----------------------------------------------------------------------------------------------------
    def _check(self, row: RowValues, stored: dict[tuple, list[dict]], seen: dict) -> Planned | None:
        for column, message in row.problems:
            self.error(row.number, column, message)
        if row.problems:
            return None
        key = self.key(row.values)
        first = seen.setdefault((*key, *(row.values.get(name) for name in self.spec.distinct_by)), row.number)
        if first != row.number:
            self.error(row.number, self._column_of(self.key_fields[-1]),
                       f"такая же запись ({self._key_words()}) уже есть в строке {first} этого листа")
            return None
        found = self._match(stored.get(key, []), row.values)
        if isinstance(found, dict) and seen.setdefault(found["id"], row.number) != row.number:
            found = f"эту же запись уже меняет строка {seen[found['id']]} этого листа"
        if isinstance(found, str):
            self.error(row.number, self._column_of(self.key_fields[-1]), found)
            return None
        values = self._merged(found, row)
        if not self._valid(row.number, values):
            return None
        return self._plan(row, found, values)

    def _merged(self, found: dict | None, row: RowValues) -> dict[str, Any]:
        base = dict(found["values"]) if found else new_values(self.entity, row.defaults)
        base.update({k: v for k, v in row.values.items() if v is not None})
        return normalise(self.entity, base)

    def _valid(self, number: int, values: dict[str, Any]) -> bool:
        allowed, reason = self.context.may_write(self.entity, values.get("school_id"))
        problems = value_errors(self.entity, values) if allowed else {"school_id": reason}
        for name, message in problems.items():
            self.error(number, self._column_of(name), sentence_part(message))
        return not problems

    def _plan(self, row: RowValues, found: dict | None, values: dict[str, Any]) -> Planned:
        title = self.spec.title
        if found is None:
            return Planned(title, Write(self.entity, new_record_id(self.entity, values), values, True,
                                        row.link_extra), "created")
        if not found["deleted"] and self._same(values, found["values"]) and self._extra_kept(found, row.link_extra):
            # a demo record the file confirms becomes real data (it survives removing the demo)
            write = Write(self.entity, found["id"], values, False, row.link_extra) if found["demo"] else None
            return Planned(title, write, "unchanged")
        outcome = "created" if found["deleted"] else "updated"
        return Planned(title, Write(self.entity, found["id"], values, False, row.link_extra), outcome)

    def _key_words(self) -> str:
        """The natural key in words: «школа, год, этап»."""
        return ", ".join(self.entity.field(name).label.lower() for name in self.key_fields if name not in self.spec.fixed)

    # stored records ---------------------------------------------------------------------------------------------
    def key(self, values: dict[str, Any]) -> tuple:
        return tuple(folded(values.get(name)) for name in self.key_fields)

    def _match(self, candidates: list[dict], incoming: dict[str, Any]) -> dict | str | None:
        live = [c for c in candidates if not c["deleted"]]
        if self.spec.match is not None:
            chosen = self.spec.match([c["values"] | {"id": c["id"]} for c in live], incoming)
            if not isinstance(chosen, dict):
                return chosen
            return next(c for c in live if c["id"] == chosen["id"])
        if len(live) > 1:
            return "в базе уже несколько таких записей; исправьте их в программе"
        return live[0] if live else next(iter(candidates), None)

    def _stored(self, incoming: list[dict[str, Any]]) -> dict[tuple, list[dict]]:
        """Stored records (deleted ones too) that rows may name, by natural key, with their current values."""
        table = self.entity.model.__table__
        first = self.key_fields[0]
        plain = [f.name for f in self.entity.fields if f.kind != "multi"]
        stored = select(*(table.c[name] for name in ("id", "deleted_at", "is_demo", *plain)))
        queries = [stored] if self.spec.load_all else [
            stored.where(table.c[first].in_(part)) for part in _chunks(sorted(
                {v[first] for v in incoming if v.get(first) is not None}, key=str))]
        records = [{"id": row["id"], "deleted": row["deleted_at"] is not None, "demo": row["is_demo"],
                    "values": {n: row[n] for n in plain}, "links": {}}
                   for query in queries for row in self.context.session.execute(query).mappings()]
        by_id = {record["id"]: record for record in records}
        for multi in (f for f in self.entity.fields if f.kind == "multi"):
            stored = stored_link_values(self.context.session, multi.link, list(by_id))
            for record_id, record in by_id.items():
                links = record["links"][multi.name] = stored.get(record_id, [])
                record["values"][multi.name] = [link[multi.link.value_column] for link in links]
        found: dict[tuple, list[dict]] = defaultdict(list)
        for record in records:
            found[self.key(record["values"])].append(record)
        return found

    def _same(self, values: dict[str, Any], stored: dict[str, Any]) -> bool:
        """Equal values; a multi field compares as a set (and by its main, first, code where one is main)."""
        for field in self.entity.fields:
            new, old = values.get(field.name), stored.get(field.name)
            if field.kind == "multi":
                main = hasattr(field.link.model, "is_main")
                new, old = (set(new or ()), (new or [None])[0] if main else None), (
                    set(old or ()), (old or [None])[0] if main else None)
            if new != old:
                return False
        return True

    def _extra_kept(self, found: dict, extra: dict[str, dict[str, dict[str, Any]]]) -> bool:
        """Whether the stored child rows already hold the extra columns the row gives (e.g. each position's rate)."""
        for name, by_code in extra.items():
            code_column = self.entity.field(name).link.value_column
            stored = {row[code_column]: row for row in found["links"].get(name, [])}
            if any(stored.get(code, {}).get(k) != v for code, columns in by_code.items() for k, v in columns.items()):
                return False
        return True


def _chunks(values: list, size: int = CHUNK) -> list[list]:
    return [values[start:start + size] for start in range(0, len(values), size)]
