"""The Результаты page: one tab per kind of result, plus the Excel template and import of all of them at once."""

from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton

from app.errors import KuratorError
from app.services.imports.running import ImportRefused, ImportSummary
from app.services.records import editable

from ..imports.actions import choose_file, load_excel, save_template
from ..operations import ChangeOp, QueryOp, show_error
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .errors_dialog import ImportErrorsDialog

TITLE = "Результаты"
TABS = (
    ("ЕГЭ", "exam_result", {"exam": "ЕГЭ"}), ("ОГЭ", "exam_result", {"exam": "ОГЭ"}), ("ВПР", "vpr_result"),
    ("Выпуск", "graduation"), ("Олимпиады", "olympiad_result"), ("Социальный паспорт", "social_passport"),
)


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
        self.insert_bar(bar)
        with workspace.session() as session:
            allowed, reason = editable(session, "exam_result")
        self.import_button.setEnabled(allowed)
        self.import_button.setToolTip("Загрузить заполненный шаблон: если в файле есть ошибки, ничего не сохраняется."
                                      if allowed else reason)

    def save_template(self) -> QueryOp | None:
        return save_template(self, self.workspace, "results", prefill=True)

    def load_file(self) -> ChangeOp | None:
        """Load a filled workbook in one transaction; a file with errors is listed and nothing is saved."""
        path = choose_file(self, "Загрузить результаты")
        if path is None:
            return None
        return load_excel(self, self.workspace, "results", path, self._loaded, self._refused)

    def _refused(self, error: KuratorError) -> None:
        if not isinstance(error, ImportRefused):
            show_error(self, error)
            return
        self.errors_dialog = ImportErrorsDialog(error.errors, self)
        self.errors_dialog.open()

    def _loaded(self, outcome: ImportSummary) -> None:
        QMessageBox.information(self, "Загрузка из Excel", "\n".join(outcome.lines()) if outcome.by_sheet
                                else "В файле нет заполненных строк.")


def results_page(workspace: Workspace) -> ResultsPage:
    return ResultsPage(workspace)
