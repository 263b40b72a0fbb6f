"""Lists: search, filters, sorting and paging done in SQL, so a list of 40,000 rows stays quick."""

import json
from datetime import date
from typing import Any

from sqlalchemy import (
    ARRAY,
    Date,
    Integer,
    String,
    Table,
    and_,
    any_,
    bindparam,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy import column as sql_column
from sqlalchemy.orm import Session
from sqlalchemy.sql.util import find_tables

from app.models import School, alive
from app.search_text import TRIGRAM_INDEXES, fold_case
from app.services.output import ru_format

from .ownership import kept_schools_clause, visible_clause
from .registry import get_entity
from .seek import after_clause, key_of, order_by_clauses, sort_keys
from .spec import Column, Entity

PAGE_SIZE = 500
LINKED_ROWS = 10_000  # rows whose multi-valued columns one query reads
SPARSE = 3  # letters of a searched word from which it usually keeps few rows of a long list


def fold(session: Session, expr):
    """Case-folding (and ё → е) that knows Cyrillic on SQLite (a registered Python function) and PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return func.kurator_lower(expr)
    return func.replace(func.lower(expr), "ё", "е")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _words_in(session: Session, haystack, words: list[str]):
    if session.get_bind().dialect.name == "sqlite":  # one Python call per row, whatever the number of words
        return func.kurator_contains_words(haystack, " ".join(words)) == 1
    folded = fold(session, haystack)
    return and_(*(folded.like(f"%{_escape_like(word)}%", escape="\\") for word in words))


def search_clause(session: Session, entity: Entity, search: str):
    """Every word of `search` must occur, case-insensitively, in one of the entity's searchable columns.

    A model with a stored `search_text` is searched there by the database alone; rows whose copy is missing
    (written by a bulk insert that did not fill it) fall back to folding the columns row by row."""
    words = (fold_case(search) or "").split()
    if not words or not entity.search:
        return None
    parts = [func.coalesce(column, "") for column in entity.search]
    haystack = parts[0]
    for part in parts[1:]:
        haystack = haystack + " " + part
    stored = getattr(entity.model, "search_text", None)
    if stored is None:
        return _words_in(session, haystack, words)
    fast = and_(stored.is_not(None), *(stored.like(f"%{_escape_like(word)}%", escape="\\") for word in words))
    found = or_(fast, and_(stored.is_(None), _words_in(session, haystack, words)))
    candidates = _indexed_candidates(session, entity, words)
    return found if candidates is None else and_(candidates, found)


def _indexed_candidates(session: Session, entity: Entity, words: list[str]):
    """On SQLite, the rows the trigram index finds for the words of SPARSE letters or more (a superset of those the
    LIKE keeps: the index only narrows what it reads) with the rows that have no folded copy; None without such a
    word or index. PostgreSQL's trigram index serves the LIKE itself."""
    table = entity.model.__table__.name
    index = TRIGRAM_INDEXES.get(table)
    long_words = [word for word in words if len(word) >= SPARSE]
    if index is None or not long_words or not _has_table(session, index):
        return None
    match = " AND ".join('"' + word.replace('"', '""') + '"' for word in long_words)
    rows = text(f"SELECT rowid FROM {index} WHERE {index} MATCH :match "
                f"UNION ALL SELECT rowid FROM {table} WHERE search_text IS NULL")
    rows = rows.bindparams(bindparam("match", match, unique=True)).columns(sql_column("rowid", Integer))
    return literal_column(f"{table}.rowid").in_(rows)


def _has_table(session: Session, name: str) -> bool:
    """Whether the SQLite database has the table `name` (asked once per connection)."""
    connection = session.connection()
    if session.get_bind().dialect.name != "sqlite":
        return False
    known = connection.info.setdefault("kurator_tables", {})
    if name not in known:
        known[name] = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).first() is not None
    return known[name]


def year_clause(start, year: int, end=None):
    """The rows of `year`: `start` (an integer year or a date) falls in it, or, for a record with a period that ends
    at `end`, the period overlaps it (a period without an end runs on)."""
    first, last = (date(year, 1, 1), date(year, 12, 31)) if isinstance(start.type, Date) else (year, year)
    if end is None:
        return start.between(first, last)
    return and_(start <= last, or_(end.is_(None), end >= first))


def _base(session: Session, entity: Entity, columns: list):
    stmt = select(*columns).select_from(entity.model)
    for target, on in entity.joins:
        stmt = stmt.outerjoin(target, on)
    stmt = stmt.where(alive(entity.model))
    visible = visible_clause(session, entity)
    return stmt if visible is None else stmt.where(visible)


def filter_clauses(session: Session, entity: Entity, search: str, filters: dict[str, Any]) -> list:
    """WHERE clauses for the search text and the filters (school, year, status, or any field name = value)."""
    filters = {key: value for key, value in (filters or {}).items() if value not in (None, "")}
    clauses = [search_clause(session, entity, search or "")]
    year = filters.get("year")
    if "school" in filters and entity.school is not None:
        clauses.append(entity.school == filters["school"])
    if year is not None and entity.year is not None:
        clauses.append(year_clause(entity.year, year, entity.year_to))
    if "status" in filters and entity.status_filter is not None:
        clauses.append(entity.status_filter(filters["status"], year))
    for key, value in filters.items():
        if key not in ("school", "year", "status"):
            clauses.append(getattr(entity.model, key) == value)
    return [clause for clause in clauses if clause is not None]


def _attach_links(session: Session, entity: Entity, rows: list) -> list[tuple]:
    """The rows read, with the multi-valued columns (a teacher's positions and subjects) filled: one query for all of
    them per LINKED_ROWS rows, their ids passed as one parameter (a query's size stays bounded)."""
    links = [(index, column.link) for index, column in enumerate(entity.columns, start=1) if column.link is not None]
    if not links:
        return [tuple(row) for row in rows]
    found: list[dict[str, list]] = [{} for _link in links]
    for start in range(0, len(rows), LINKED_ROWS):
        ids = [row[0] for row in rows[start:start + LINKED_ROWS]]
        reads = [select(literal(place), getattr(link.model, link.owner_column), getattr(link.model, link.value_column))
                 .where(among(session, getattr(link.model, link.owner_column), ids), alive(link.model))
                 for place, (_index, link) in enumerate(links)]
        for place, owner_id, code in session.execute(reads[0] if len(reads) == 1 else union_all(*reads)):
            found[place].setdefault(owner_id, []).append(code)
    filled = []
    for row in rows:
        values = list(row)
        for (index, _link), codes in zip(links, found):
            values[index] = codes.get(values[0], [])
        filled.append(tuple(values))
    return filled


def among(session: Session, column, values: list[str]):
    """`column` is one of `values`, passed as one parameter however many they are: an array on PostgreSQL
    (`= ANY(:values)`), a JSON list SQLite reads with `json_each` (a bind per value costs more to send than the
    query costs to run: 10,000 ids took 0.3 s to bind on PostgreSQL)."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam("values", values, type_=ARRAY(column.type), unique=True))
    listed = func.json_each(bindparam("values", json.dumps(values), type_=String, unique=True)).table_valued("value")
    return column.in_(select(listed.c.value))


def query_page(session: Session, entity: "Entity | str", search: str = "", filters: dict[str, Any] | None = None,
               order_by: str | None = None, descending: bool = False, offset: int = 0,
               limit: int | None = PAGE_SIZE) -> tuple[list[tuple], int]:
    """One page of a list as tuples (id, *column values) and how many rows match in all."""
    entity = get_entity(entity)
    rows, total = first_page(session, entity, search, filters, order_by, descending, offset, limit)
    return rows, count_rows(session, entity, search, filters) if total is None else total


def first_page(session: Session, entity: "Entity | str", search: str = "", filters: dict[str, Any] | None = None,
               order_by: str | None = None, descending: bool = False, offset: int = 0,
               limit: int | None = PAGE_SIZE) -> tuple[list[tuple], int | None]:
    """One page of a list and how many rows match in all when the page tells it (it is the last one); None when more
    rows follow, so that a list can show its rows first and count them after (`count_rows`)."""
    entity = get_entity(entity)
    rows = _rows(session, entity, search, filters, sort_keys(entity, order_by, descending), offset, limit)
    complete = limit is None or len(rows) < limit
    return rows, offset + len(rows) if complete and (rows or not offset) else None


def rows_after(session: Session, entity: "Entity | str", after: str, search: str = "",
               filters: dict[str, Any] | None = None, order_by: str | None = None, descending: bool = False,
               limit: int | None = PAGE_SIZE) -> list[tuple]:
    """The rows that follow the row whose id is `after` (the last one shown) in the list's order: the next page
    found by a seek on the sort key, as quick at the end of a long list as at its start. A row gone since (removed
    for good) has nothing after it: the change that removed it refreshes the list."""
    entity = get_entity(entity)
    keys = sort_keys(entity, order_by, descending)
    last = key_of(session, entity, keys, after)
    return [] if last is None else _rows(session, entity, search, filters, keys, 0, limit, after_clause(keys, last))


def _rows(session: Session, entity: Entity, search: str, filters: dict[str, Any] | None, keys: list,
          offset: int, limit: int | None, *where) -> list[tuple]:
    columns = [entity.model.id, *(c.expr if c.expr is not None else literal(None) for c in entity.columns)]
    stmt = _base(session, entity, columns).where(*filter_clauses(session, entity, search, filters or {}), *where)
    scan = _few_match(search) and session.get_bind().dialect.name == "sqlite"
    stmt = stmt.order_by(*order_by_clauses(keys, scan)).offset(offset or None).limit(limit)
    return _attach_links(session, entity, session.execute(stmt).all())


def _few_match(search: str) -> bool:
    """Whether a search likely keeps few rows of a long list: a word of SPARSE letters or more. Then SQLite is told to
    read the table and sort what it keeps; a shorter search («и», «ив») keeps most rows, and walking the index of
    the order stops after the page's rows instead (at 40,000 staff: 18 ms against 110 ms for «и»; for «иванова»
    54 ms against 180 ms the other way)."""
    return any(len(word) >= SPARSE for word in (search or "").split())


def count_rows(session: Session, entity: "Entity | str", search: str = "", filters: dict[str, Any] | None = None) -> int:
    """How many visible live rows match (all of them, with no search and no filters)."""
    entity = get_entity(entity)
    stmt = _base(session, entity, [func.count()]).where(*filter_clauses(session, entity, search, filters or {}))
    return session.scalar(stmt) or 0


def list_sources(entity: "Entity | str") -> frozenset[str]:
    """The tables a list of `entity` reads (the kinds of data it shows): its own, the joined ones its columns name
    and those its status filter looks at. A change to any of them may change the list."""
    entity = get_entity(entity)
    clauses = [on for _target, on in entity.joins] + [c.expr for c in entity.columns if c.expr is not None]
    if entity.status_filter is not None:
        clauses += [entity.status_filter(code, None) for code in entity.statuses or ()]
    tables = {entity.model.__table__}
    for clause in clauses:
        found = find_tables(clause, check_columns=True, include_aliases=True, include_selects=True)
        tables.update(getattr(table, "element", table) for table in found)  # an aliased table counts as itself
    return frozenset(table.name for table in tables if isinstance(table, Table))


def ref_options(session: Session, entity: "Entity | str", school: str | None = None,
                kept_only: bool = False) -> list[tuple[str, str]]:
    """(id, label) of every visible live record, by label: the choices of a reference field. With `kept_only`,
    only the records of schools whose own data this installation keeps (a school's records are entered only for
    them)."""
    entity = get_entity(entity)
    stmt = _base(session, entity, [entity.model.id, entity.label])
    if school is not None and entity.school is not None:
        stmt = stmt.where(entity.school == school)
    kept = kept_schools_clause(session) if kept_only and entity.school is not None else None
    if kept is not None:
        stmt = stmt.where(entity.school.in_(select(School.id).where(kept)))
    options = [(record_id, label or "") for record_id, label in session.execute(stmt)]
    return sorted(options, key=lambda option: fold_case(option[1]))  # ё beside е, not before а


def ref_label(session: Session, entity: "Entity | str", record_id: str) -> str:
    """The label of one record (even a deleted one), for showing a reference's current value."""
    entity = get_entity(entity)
    stmt = select(entity.label).select_from(entity.model)
    for target, on in entity.joins:
        stmt = stmt.outerjoin(target, on)
    return session.scalar(stmt.where(entity.model.id == record_id)) or "—"


def format_value(column: Column, value: Any) -> str:
    """How a list shows a value: reference codes as labels, the rest as every Russian text does (`ru_format`)."""
    if isinstance(value, list):
        labels = column.choices or {}
        return ", ".join(labels.get(item, item) for item in value)
    if column.choices is not None and value is not None:
        return column.choices.get(value, value)
    if column.kind == "float" and isinstance(value, (int, float)):
        return ru_format.format_number(value, column.decimals)
    return ru_format.format_value(value)
