"""The Результаты page: one tab per kind of result, plus the Excel template and import of all of them at once."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton

from app.services.records import editable
from app.services.results.importing import (
    ImportSummary,
    ResultsImportError,
    import_results,
    write_results_template,
)

from ..background import run_in_background
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .errors_dialog import ImportErrorsDialog

TITLE = "Результаты"
TABS = (
    ("ЕГЭ", "exam_result", {"exam": "ЕГЭ"}), ("ОГЭ", "exam_result", {"exam": "ОГЭ"}), ("ВПР", "vpr_result"),
    ("Выпуск", "graduation"), ("Олимпиады", "olympiad_result"), ("Социальный паспорт", "social_passport"),
)
EXCEL_FILTER = "Книга Excel (*.xlsx)"


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

    def save_template(self) -> None:
        year = self.workspace.year
        path, _filter = QFileDialog.getSaveFileName(self, "Сохранить шаблон", f"Результаты {year}.xlsx", EXCEL_FILTER)
        if not path:
            return
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"

        def work(_progress) -> int:
            with self.workspace.session() as session:
                return write_results_template(session, Path(path), year=year, prefill=True)

        run_in_background(self, work, lambda rows: self._template_saved(path, rows), label="Сохраняется шаблон…",
                          cancellable=False)

    def _template_saved(self, path: str, rows: int) -> None:
        filled = f"Подставлено строк за {self.workspace.year} год: {rows}." if rows else "Данных за выбранный год пока нет."
        QMessageBox.information(self, "Шаблон Excel", f"Шаблон сохранён: {path}\n{filled}")

    def load_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Загрузить результаты", "", EXCEL_FILTER)
        if not path:
            return

        def work(_progress) -> ImportSummary | ResultsImportError:
            try:
                with self.workspace.session() as session:
                    return import_results(session, Path(path))
            except ResultsImportError as error:
                return error

        run_in_background(self, work, self._loaded, label="Проверяется и загружается файл…", cancellable=False)

    def _loaded(self, outcome: ImportSummary | ResultsImportError) -> None:
        if isinstance(outcome, ResultsImportError):
            self.errors_dialog = ImportErrorsDialog(outcome.errors, self)
            self.errors_dialog.open()
            return
        self.workspace.changed()
        lines = [f"{sheet}: добавлено {c['created']}, обновлено {c['updated']}, без изменений {c['unchanged']}"
                 for sheet, c in outcome.by_sheet.items()]
        total = f"Всего: добавлено {outcome.created}, обновлено {outcome.updated}, без изменений {outcome.unchanged}."
        QMessageBox.information(self, "Загрузка из Excel", "\n".join([*lines, total]) if lines else "В файле нет заполненных строк.")


def results_page(workspace: Workspace) -> ResultsPage:
    return ResultsPage(workspace)
