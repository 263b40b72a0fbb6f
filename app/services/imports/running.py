"""An import from start to end: read the workbook, check every row of every sheet, then save all of it in one go —
or nothing, with every problem at its sheet, row and column. A dry run checks and counts without saving."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.services.demo_data import refuse_demo_mix
from app.services.excel import CellError, format_errors, read_workbook
from app.services.excel.reader import NO_SUCH_SHEET
from app.services.excel.spec import normalize_title
from app.services.installation import require_installation
from app.services.records.bulk import save_all

from .checking import SheetCheck
from .kinds import get_kind
from .rows import ImportContext
from .spec import ImportKind


class ImportRefused(KuratorError):
    """The file has errors and nothing was saved; `errors` lists each one with its sheet, row and column."""

    def __init__(self, errors: list[CellError]):
        super().__init__("Файл не загружен, ничего не сохранено.\n" + format_errors(errors))
        self.errors = errors


class SheetCounts(TypedDict):
    created: int
    updated: int
    unchanged: int


class CellErrorJson(TypedDict):
    """An import error as `kurator import --json` prints it: where, and what is wrong (in Russian)."""

    sheet: str
    row: int
    column: str
    column_title: str
    message: str
    text: str


class ImportReport(TypedDict):
    """`kurator import KIND FILE --json`: the kind, what was (or, in a dry run, would be) saved, the errors."""

    kind: str
    created: int
    updated: int
    unchanged: int
    errors: list[CellErrorJson]
    saved: bool
    dry_run: bool
    by_sheet: dict[str, SheetCounts]


def errors_json(errors: list[CellError]) -> list[CellErrorJson]:
    """Errors as plain dicts for JSON: sheet, row, column letter and title, message, full text."""
    return [{"sheet": e.sheet, "row": e.row, "column": e.column_letter, "column_title": e.column_title,
             "message": e.message, "text": e.text(with_sheet=True)} for e in errors]


@dataclass
class ImportSummary:
    """What an import saved (or a dry run would save): totals and, per sheet title, the same three counts."""

    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    by_sheet: dict[str, SheetCounts] = field(default_factory=dict)

    def count(self, sheet: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        counts = self.by_sheet.setdefault(sheet, {"created": 0, "updated": 0, "unchanged": 0})
        counts[outcome] += 1

    def report(self, errors: list[CellError] | None = None) -> ImportReport:
        saved = not errors and not self.dry_run
        return {"kind": self.kind, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "errors": errors_json(errors or []), "saved": saved, "dry_run": self.dry_run,
                "by_sheet": self.by_sheet}

    def lines(self) -> list[str]:
        """Russian lines: per sheet, then the total."""
        will = "будет " if self.dry_run else ""
        total = (f"Проверка без записи: будет добавлено {self.created}, обновлено {self.updated}, без изменений "
                 f"{self.unchanged}; ничего не сохранено." if self.dry_run else
                 f"Всего: добавлено {self.created}, обновлено {self.updated}, без изменений {self.unchanged}.")
        return [f"{sheet}: {will}добавлено {c['created']}, обновлено {c['updated']}, без изменений {c['unchanged']}"
                for sheet, c in self.by_sheet.items()] + [total]


def import_file(session: Session, kind: "ImportKind | str", path: Path | str, year: int | None = None,
                dry_run: bool = False, with_demo: bool = False) -> ImportSummary:
    """Check every row of the file and save all of it (unless `dry_run`), or raise ImportRefused saving nothing.

    `year` is the year of rows whose file gives none; a database holding demo records is refused unless
    `with_demo` (the user agreed to mix real data with them)."""
    kind = get_kind(kind)
    installation = require_installation(session)
    if not with_demo:
        refuse_demo_mix(session)
    template = kind.template()
    read = read_workbook(Path(path), template)
    _refuse_foreign_workbook(kind, read.errors)
    errors = [e for e in read.errors if e.message != NO_SUCH_SHEET]
    context = ImportContext(session, year)
    planned = [p for spec in kind.sheets for p in SheetCheck(context, spec, read, errors).run()]
    if errors:
        raise ImportRefused(_in_file_order(kind, errors))
    planned = [*context.new_courses.values(), *planned]
    summary = ImportSummary(kind.name, dry_run=dry_run)
    for item in planned:
        summary.count(item.sheet, item.outcome)
    if not dry_run:
        writes = [item.write for item in planned if item.write is not None]
        save_all(session, writes, installation.id, {"kind": kind.name, "file": Path(path).name[:200],
                                                    "created": summary.created, "updated": summary.updated})
    return summary


def _refuse_foreign_workbook(kind: ImportKind, errors: list[CellError]) -> None:
    """A workbook with none of a multi-sheet template's sheets is not that file at all."""
    if len(kind.sheets) > 1 and sum(e.message == NO_SUCH_SHEET for e in errors) == len(kind.sheets):
        titles = ", ".join(f"«{spec.title}»" for spec in kind.sheets)
        raise KuratorError(f"В файле нет ни одного листа шаблона «{kind.title}» ({titles}). "
                           "Сохраните шаблон в программе («Шаблон Excel…») и заполните его.")


def _in_file_order(kind: ImportKind, errors: list[CellError]) -> list[CellError]:
    order = {normalize_title(spec.title): index for index, spec in enumerate(kind.sheets)}
    return sorted(errors, key=lambda e: (order.get(normalize_title(e.sheet), len(order)), e.row,
                                         len(e.column_letter), e.column_letter))

