"""Demo records kept apart from real ones: whether the database holds any (the window says so in its title and
status bars), refusing to mix real imports into them unless the user agrees, and removing every one of them —
and nothing else — with `kurator demo --remove`."""

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import KuratorError
from app.models import (
    SYNCED_BY_TABLE,
    SYNCED_MODELS,
    AuditEntry,
    new_id,
    references,
    utcnow,
)
from app.models.titles import table_title
from app.services.output.ru_format import count_noun

DEMO_MIX = ("В базе есть демонстрационные данные: рабочие данные смешаются с учебными во всех подсчётах. "
            "Сначала удалите демонстрационные данные (kurator demo --remove; в окне — «Файл → Удалить "
            "демонстрационные данные»), или подтвердите загрузку (--with-demo). Ничего не загружено.")
DEMO_NOTE = "демонстрационные данные"


def demo_present(session: Session) -> bool:
    """Whether any record of any table is marked as demo."""
    return any(session.scalar(select(model.id).where(model.is_demo.is_(True)).limit(1)) for model in SYNCED_MODELS)


def refuse_demo_mix(session: Session) -> None:
    """Refuse (exit code 2, nothing changed) to load real data into a database that holds demo records."""
    if demo_present(session):
        raise KuratorError(DEMO_MIX)


@dataclass(frozen=True)
class DemoRemoval:
    """What `remove_demo` deleted: records by table (Russian titles), and the total."""

    removed: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.removed.values())

    def message(self) -> str:
        if not self.total:
            return "Демонстрационных данных в базе нет: ничего не удалено."
        listed = "; ".join(f"{title} — {count}" for title, count in self.removed.items())
        records = count_noun(self.total, ("запись", "записи", "записей"))
        return f"Удалены демонстрационные данные: {records} ({listed}). Рабочие данные не затронуты."


def _foreign_keys(model) -> list[tuple[str, type]]:
    """(column, the synced model it refers to) for each of `model`'s references to a synced table."""
    return [(column, SYNCED_BY_TABLE[target]) for column, target in references(model) if target in SYNCED_BY_TABLE]


def _blockers(session: Session) -> list[str]:
    """Real records that refer to demo ones (a real teacher in a demo school): deleting would break them."""
    found = []
    for model in SYNCED_MODELS:
        for column, target in _foreign_keys(model):
            count = session.scalar(select(func.count()).select_from(model).where(
                model.is_demo.is_(False), getattr(model, column).in_(select(target.id).where(target.is_demo.is_(True)))))
            if count:
                found.append(f"«{table_title(model.__tablename__)}» — {count} "
                             f"(ссылаются на демонстрационные «{table_title(target.__tablename__)}»)")
    return found


def remove_demo(session: Session) -> DemoRemoval:
    """Delete every demo record (children first); refuses, changing nothing, while real records refer to them."""
    blockers = _blockers(session)
    if blockers:
        raise KuratorError("Демонстрационные данные не удалены: на них ссылаются рабочие записи: "
                           + "; ".join(blockers) + ". Перенесите или удалите эти записи и повторите.")
    session.flush()
    removed: dict[str, int] = {}
    for model in reversed(SYNCED_MODELS):
        count = session.execute(delete(model).where(model.is_demo.is_(True))).rowcount
        if count:
            removed[table_title(model.__tablename__)] = count
    result = DemoRemoval(dict(reversed(removed.items())))
    if result.total:
        session.add(AuditEntry(at=utcnow(), user=session.info.get("user") or current_user(), action="demo-remove",
                               table_name="*", record_id=new_id(), changes=result.removed))
    session.flush()
    return result
