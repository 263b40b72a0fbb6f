"""`kurator report risks --out FILE.xlsx`: the district's risk map of a year as a workbook — the map, the schools with a
high level of each factor, the anti-risk programs and the list of factors."""

from pathlib import Path

from sqlalchemy.orm import Session

from app.models.reference import RISK_LEVELS, SCHOOL_STATUSES
from app.services.excel import write_tables
from app.services.risks.risk_map import cell_text, risk_map


def export_risks_xlsx(session: Session, year: int, path: str | Path) -> Path:
    found = risk_map(session, year)
    factors = found.factors
    sheets = [
        (f"Карта рисков {year}", ["Школа", "Код", "Статусы", "Профиль заполнен", *(f.title for f in factors)],
         [[row.name, row.code, ", ".join(SCHOOL_STATUSES[s] for s in row.statuses), row.has_profile,
           *(cell_text(row.cells[f.code]) for f in factors)] for row in found.rows]),
        ("Высокий уровень", ["Фактор риска", "Школа", "Код", "Приоритетный риск", "Антирисковая программа"],
         [[f.title, h.school, h.code, h.priority, h.has_program] for f in factors for h in f.high]),
        ("Антирисковые программы", ["Школа", "Код", "Риск", "Цель", "Мероприятий", "Выполнено, %", "Просрочено"],
         [[p.school, p.code, p.factor_title, p.goal, p.measures, p.done_percent, p.overdue] for p in found.programs]),
        ("Факторы риска", ["№", "Фактор риска", *(f"Уровень «{label}», школ" for label in RISK_LEVELS.values())],
         [[i, f.title, *f.counts.values()] for i, f in enumerate(factors, start=1)]),
    ]
    write_tables(path, sheets)
    return Path(path)
