"""What every Excel import in the window does the same way: save a kind's template, ask before mixing real data
into a database holding demo records, load a file in one operation and say what it saved or list its errors."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import KuratorError
from app.services.demo_data import demo_present
from app.services.imports.kinds import get_kind
from app.services.imports.running import ImportSummary, import_file
from app.services.imports.templates import write_kind_template

from ..operations import ChangeOp, Changes, QueryOp
from ..workspace import Workspace

EXCEL_FILTER = "Книга Excel (*.xlsx)"
DEMO_QUESTION = ("В базе есть демонстрационные данные. Если загрузить рабочие данные сейчас, они смешаются "
                 "с учебными во всех подсчётах и отчётах.\n\nЛучше сначала удалить демонстрационные данные "
                 "(«Файл → Удалить демонстрационные данные»). Загрузить файл всё равно?")


def save_template(parent: QWidget, workspace: Workspace, kind: str, prefill: bool = False) -> QueryOp | None:
    """Ask where, then write the kind's template (with the selected year's rows when `prefill`)."""
    year, title = workspace.year, get_kind(kind).title
    path, _filter = QFileDialog.getSaveFileName(parent, "Сохранить шаблон", f"{title} {year}.xlsx", EXCEL_FILTER)
    if not path:
        return None
    path = path if path.lower().endswith(".xlsx") else path + ".xlsx"

    def saved(rows: int) -> None:
        filled = (f"\nПодставлено строк за {year} год: {rows}." if rows else "\nДанных за выбранный год пока нет."
                  ) if prefill else ""
        QMessageBox.information(parent, "Шаблон Excel", f"Шаблон сохранён: {path}{filled}")

    return QueryOp(parent, workspace, lambda session: write_kind_template(session, kind, Path(path), year=year,
                                                                          prefill=prefill),
                   saved).with_progress("Сохраняется шаблон…").run()


def choose_file(parent: QWidget, title: str = "Загрузить из Excel") -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, title, "", EXCEL_FILTER)
    return Path(path) if path else None


def agreed_to_mix_demo(parent: QWidget, workspace: Workspace) -> bool | None:
    """True when the user agrees to load real data beside demo records (or there are none: False); None: cancelled."""
    with workspace.session() as session:
        if not demo_present(session):
            return False
    answer = QMessageBox.question(parent, "Демонстрационные данные", DEMO_QUESTION,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return True if answer == QMessageBox.StandardButton.Yes else None


def load_excel(parent: QWidget, workspace: Workspace, kind: str, path: Path, on_loaded: Callable[[ImportSummary], object],
               on_refused: Callable[[KuratorError], object], dry_run: bool = False) -> ChangeOp | None:
    """Check (and unless `dry_run`, save) the file in one operation; a refusal — ImportRefused with every error of
    the file, or a file that cannot be read at all — goes to `on_refused`, nothing saved."""
    with_demo = agreed_to_mix_demo(parent, workspace) if not dry_run else True
    if with_demo is None:
        return None
    year = workspace.year
    label = "Файл проверяется…" if dry_run else "Проверяется и загружается файл…"
    return (ChangeOp(parent, workspace, lambda session: import_file(session, kind, path, year=year, dry_run=dry_run,
                                                                    with_demo=with_demo),
                     Changes(*([] if dry_run else get_kind(kind).changes)))
            .with_progress(label).success(on_loaded).failure(on_refused).run())
