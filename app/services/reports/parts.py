"""What the district's справка and the school profile share: the check of the target file, roadmap rows, number and
name formatting, the signature and the appendix of indicator definitions."""

import os
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.services.output.ru_format import format_value
from app.services.output.writers import ReportWriter
from app.services.reports import facts
from app.services.roadmaps.plans import RoadmapOverview

CHART_WIDTH_MM = 165
ROADMAP_HEADER = ["Раздел", "Всего", "В срок", "С нарушением срока", "Просрочено", "Осталось"]
ROADMAP_WEIGHTS = (5, 1.3, 1.3, 2.4, 2.1, 1.7)


def check_target(path: str | Path) -> Path:
    """Refuse early (before minutes of work) a target whose folder is missing or not writable."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise KuratorError(f"«{target}» — это папка; укажите имя файла.")
    if not folder.is_dir():
        raise KuratorError(f"Папка «{folder}» не существует.")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise KuratorError(f"Нет прав на запись файла «{target}».")
    return target


def roadmap_rows(overview: RoadmapOverview) -> list[list]:
    return [[name, v["total"], v["done"], v["done_late"], v["overdue"], v["remaining"]]
            for name, v in overview["by_section"].items()]


def rounded(value, digits: int = 1) -> str:
    """A figure rounded for a report's text or table; «—» where it is missing."""
    return "—" if value is None else format_value(round(float(value), digits))


def percent(value) -> str:
    return rounded(value, 1)


def short(name: str, limit: int = 90) -> str:
    """A long indicator name cut for a narrow column (the full name stands in the appendix)."""
    return name if len(name) <= limit else name[:limit].rsplit(" ", 1)[0] + "…"


def lower_first(text: str) -> str:
    """The text to follow a dash or a bracket: its first letter in lower case, unless it begins an abbreviation
    («Средний балл ЕГЭ» → «средний балл ЕГЭ», «ЕГЭ 3+» stays)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def listing(names: list[str]) -> str:
    return ", ".join(names) if names else "нет"


def sign(doc: ReportWriter, session: Session) -> None:
    signer = facts.get_signer(session)
    if signer:
        doc.signature_block(signer.position, signer.name)



def definitions_appendix(doc: ReportWriter, session: Session) -> None:
    """Every indicator's definition: what is counted, over which schools, which period, from which records."""
    doc.page_break()
    doc.heading("Приложение. Определения показателей", 2)
    for item in facts.indicator_definitions(session):
        doc.heading(f"{item.code}. {item.name}, {item.unit}", 3)
        for text in item.definition.split("\n"):
            doc.paragraph(text)
