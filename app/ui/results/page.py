"""The Результаты page: one tab per kind of result, plus the Excel template and import of all of them at once."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton

from app.errors import KuratorError
from app.services.records import editable
from app.services.results.importing import (
    ImportSummary,
    ResultsImportError,
    import_results,
    write_results_template,
)

from ..operations import ChangeOp, Changes, QueryOp, show_error
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .errors_dialog import ImportErrorsDialog

TITLE = "Результаты"
TABS = (
    ("ЕГЭ", "exam_result", {"exam": "ЕГЭ"}), ("ОГЭ", "exam_result", {"exam": "ОГЭ"}), ("ВПР", "vpr_result"),
    ("Выпуск", "graduation"), ("Олимпиады", "olympiad_result"), ("Социальный паспорт", "social_passport"),
)
EXCEL_FILTER = "Книга Excel (*.xlsx)"
RESULTS = Changes(*{entity for _title, entity, *_fixed in TABS})  # what loading the results workbook may change


class ResultsPage(TabbedPage):
    """The result lists with «Шаблон Excel…» and «Загрузить из Excel…» above them."""

    def __init__(self, workspace: Workspace):
        super().__init__(workspace, TITLE, TABS)
        self.workspace = workspace
        self.errors_dialog: ImportErrorsDialog | None = None
        bar = QHBoxLayout()
        self.template_button = QPushButton("Шаблон Excel…")
        self.template_button.setToolTip("Сохранить шаблон для заполнения: все листы результатов и социальный паспорт; "
                                        "данные выбранного года подставляются.")
        self.import_button = QPushButton("Загрузить из Excel…")
        self.template_button.clicked.connect(self.save_template)
        self.import_button.clicked.connect(self.load_file)
        bar.addWidget(self.template_button)
        bar.addWidget(self.import_button)
        bar.addStretch(1)
        self.layout().insertLayout(1, bar)
        with workspace.session() as session:
            allowed, reason = editable(session, "exam_result")
        self.import_button.setEnabled(allowed)
        self.import_button.setToolTip(reason or "Загрузить заполненный шаблон: если в файле есть ошибки, "
                                                "ничего не сохраняется.")

    def save_template(self) -> QueryOp | None:
        year = self.workspace.year
        path, _filter = QFileDialog.getSaveFileName(self, "Сохранить шаблон", f"Результаты {year}.xlsx", EXCEL_FILTER)
        if not path:
            return None
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        return QueryOp(self, self.workspace,
                       lambda session: write_results_template(session, Path(path), year=year, prefill=True),
                       lambda rows: self._template_saved(path, rows)).with_progress("Сохраняется шаблон…").run()

    def _template_saved(self, path: str, rows: int) -> None:
        filled = f"Подставлено строк за {self.workspace.year} год: {rows}." if rows else "Данных за выбранный год пока нет."
        QMessageBox.information(self, "Шаблон Excel", f"Шаблон сохранён: {path}\n{filled}")

    def load_file(self) -> ChangeOp | None:
        """Load a filled workbook in one transaction; a file with errors is listed and nothing is saved."""
        path, _filter = QFileDialog.getOpenFileName(self, "Загрузить результаты", "", EXCEL_FILTER)
        if not path:
            return None
        return (ChangeOp(self, self.workspace, lambda session: import_results(session, Path(path)), RESULTS)
                .with_progress("Проверяется и загружается файл…").success(self._loaded).failure(self._refused).run())

    def _refused(self, error: KuratorError) -> None:
        if not isinstance(error, ResultsImportError):
            show_error(self, error)
            return
        self.errors_dialog = ImportErrorsDialog(error.errors, self)
        self.errors_dialog.open()

    def _loaded(self, outcome: ImportSummary) -> None:
        lines = [f"{sheet}: добавлено {c['created']}, обновлено {c['updated']}, без изменений {c['unchanged']}"
                 for sheet, c in outcome.by_sheet.items()]
        total = f"Всего: добавлено {outcome.created}, обновлено {outcome.updated}, без изменений {outcome.unchanged}."
        QMessageBox.information(self, "Загрузка из Excel", "\n".join([*lines, total]) if lines else "В файле нет заполненных строк.")


def results_page(workspace: Workspace) -> ResultsPage:
    return ResultsPage(workspace)
