"""A school's risk profile from an Excel sheet of factor/level rows (the self-diagnosis' result as the school
received it): the template, and the import — all or nothing, every error at its sheet, row and column in Russian.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import KuratorError
from app.models.reference import RISK_LEVELS
from app.services.excel import CellError, Column, Sheet, Template, format_errors, read_workbook, write_template
from app.services.excel.spec import normalize_title

from .access import require_profile_keeper
from .factors import factors_for_year
from .profiles import ProfileEntry, get_school, profile_detail, save_profile, validate_profile

TEMPLATE_NAME = "Профиль рисков школы («500+»)"
SHEET_TITLE = "Профиль рисков"
FACTOR, LEVEL, PRIORITY = "factor", "level", "priority"


def risk_template(titles: tuple[str, ...]) -> Template:
    """The one-sheet workbook: a row per factor (titles of the year's list), its level, whether it is a priority."""
    columns = (
        Column(FACTOR, "Фактор риска", "choice", required=True, choices=titles, width=70,
               help="Фактор риска из перечня — выберите из списка.", synonyms=("фактор", "риск", "наименование риска",
                                                                         "наименование фактора", "рисковый профиль")),
        Column(LEVEL, "Уровень", "choice", required=True, choices=tuple(RISK_LEVELS.values()), width=16,
               help="Уровень риска по итогам самодиагностики.", synonyms=("уровень риска", "значимость", "оценка")),
        Column(PRIORITY, "Приоритетный риск", "bool", width=18,
               help="«да» — школа выбрала этот риск приоритетным (не больше трёх, если не настроено иначе).",
               synonyms=("приоритетный", "приоритет", "выбран приоритетным")),
    )
    return Template(TEMPLATE_NAME, (Sheet("profile", SHEET_TITLE, columns,
                                          "Одна строка — один фактор риска: его уровень и выбран ли он приоритетным. "
                                          "Каждый фактор указывается один раз."),))


def write_risk_template(session: Session, path: Path | str, school_id: str, year: int) -> Path:
    """The template with the year's factors listed (and the school's levels, when it has a profile)."""
    detail = profile_detail(session, school_id, year)
    titles = tuple(f.title for f in detail.factors)
    if not titles:
        raise KuratorError(f"В перечне нет факторов риска на {year} год.")
    rows = [{FACTOR: f.title, LEVEL: RISK_LEVELS.get(f.level or "", None), PRIORITY: f.priority if f.level else None}
            for f in detail.factors]
    write_template(Path(path), risk_template(titles), {"profile": rows})
    return Path(path)


class RiskImportError(KuratorError):
    """The file has errors and nothing was saved; `errors` lists each one with its sheet, row and column."""

    def __init__(self, errors: list[CellError]):
        super().__init__("Профиль не загружен, ничего не сохранено.\n" + format_errors(errors))
        self.errors = errors


@dataclass(frozen=True)
class ProfileImport:
    """What an import saved: the number of factors with a level and the priority risks' codes."""

    school: str
    year: int
    levels: int
    priority: list[str]


class _Rows:
    """The sheet's rows with their Excel row numbers, and the errors found at their cells."""

    def __init__(self, read, template: Template):
        self.sheet = template.sheets[0]
        self.rows: list[dict[str, Any]] = read.rows_by_sheet.get("profile", [])
        self.numbers: list[int] = read.source_rows.get("profile", [])
        self.letters: dict[str, str] = read.column_letters.get("profile", {})
        self.errors: list[CellError] = list(read.errors)
        self.broken = {e.row for e in read.errors}

    def error(self, row: int, key: str | None, message: str) -> None:
        title = next((c.title for c in self.sheet.columns if c.key == key), "")
        self.errors.append(CellError(SHEET_TITLE, row, self.letters.get(key, "") if key else "", title, message))


def import_profile(session: Session, school_id: str, year: int, path: Path | str,
                   filled_by: str | None = None) -> ProfileImport:
    """Read a filled sheet and save it as the school's profile for the year (replacing it), or raise RiskImportError."""
    school = get_school(session, school_id)
    require_profile_keeper(session, school_id)
    listed = factors_for_year(session, year)
    factors = {normalize_title(f.title): f.code for f in listed}
    template = risk_template(tuple(f.title for f in listed))
    sheet = _Rows(read_workbook(Path(path), template), template)
    entry, where = _entry(sheet, factors, Path(path).name, filled_by or current_user())
    _field_errors(sheet, validate_profile(session, year, entry), where)
    if sheet.errors:
        raise RiskImportError(sorted(sheet.errors, key=lambda e: (e.row, len(e.column_letter), e.column_letter)))
    save_profile(session, school_id, year, entry)
    return ProfileImport(school.code, year, len(entry.levels), entry.priority)


def _entry(sheet: _Rows, factors: dict[str, str], file_name: str, filled_by: str) -> tuple[ProfileEntry, dict[str, int]]:
    """The profile the rows describe, and the row of each factor (for errors found later)."""
    levels_by_label = {label: code for code, label in RISK_LEVELS.items()}
    levels: dict[str, str] = {}
    priority: list[str] = []
    where: dict[str, int] = {}
    for number, row in zip(sheet.numbers, sheet.rows, strict=True):
        if number in sheet.broken:
            continue
        code = factors[normalize_title(row[FACTOR])]
        if code in where:
            sheet.error(number, FACTOR, f"фактор уже указан в строке {where[code]}; оставьте одну строку")
            continue
        where[code] = number
        levels[code] = levels_by_label[row[LEVEL]]
        if row[PRIORITY]:
            priority.append(code)
    if not sheet.rows and not sheet.errors:
        sheet.error(0, None, "на листе нет ни одной строки с фактором риска")
    entry = ProfileEntry(levels, priority, date.today(), filled_by[:200], source="excel", source_file=file_name[:400])
    return entry, where


def _part(message: str) -> str:
    """A service's sentence («Не больше….») as the tail of an error line («…: не больше…»)."""
    return (message[:1].lower() + message[1:]).rstrip(".")


def _field_errors(sheet: _Rows, errors: dict[str, str], where: dict[str, int]) -> None:
    """The profile's own checks (the number of priority risks, a priority risk not found…) at their cells."""
    for name, message in errors.items():
        if name == "priority":
            marked = [number for number, row in zip(sheet.numbers, sheet.rows, strict=True) if row.get(PRIORITY)]
            sheet.error(marked[-1] if marked else 0, PRIORITY, _part(message))
        elif name.startswith("level:"):
            sheet.error(where.get(name.split(":", 1)[1], 0), LEVEL, _part(message))
        elif name != "levels" or not sheet.errors:
            sheet.error(0, None, _part(message))
