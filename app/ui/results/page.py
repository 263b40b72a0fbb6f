"""The Результаты page: one tab per kind of result, plus the Excel template and import of all of them at once; the
tab of the region's and Russia's ВПР figures has its own template and import."""

from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton

from app.errors import KuratorError
from app.services.imports.running import ImportRefused, ImportSummary
from app.services.imports.kinds import loadable

from ..imports.actions import choose_file, load_excel, save_template
from ..operations import ChangeOp, QueryOp, show_error
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .errors_dialog import ImportErrorsDialog

TITLE = "Результаты"
RESULTS = "results"
OWN_IMPORT = {"vpr_reference": "vpr-reference"}  # a tab loading a file of its own; the others load «Результаты»
TIPS = {
    RESULTS: ("Сохранить шаблон для заполнения: все листы результатов и социальный паспорт; данные выбранного года "
              "подставляются.", "Загрузить заполненный шаблон результатов: если в файле есть ошибки, ничего не "
              "сохраняется."),
    "vpr-reference": ("Сохранить шаблон средних ВПР региона и России.", "Загрузить средние ВПР региона и России: "
                      "шаблон или таблицу ФИС ОКО («Статистика по отметкам»); при ошибках ничего не сохраняется."),
}
TABS = (
    ("ЕГЭ", "exam_result", {"exam": "ЕГЭ"}), ("ОГЭ", "exam_result", {"exam": "ОГЭ"}), ("ВПР", "vpr_result"),
    ("Средние ВПР: регион, Россия", "vpr_reference"), ("Выпуск", "graduation"), ("Олимпиады", "olympiad_result"),
    ("Социальный паспорт", "social_passport"),
)


class ResultsPage(TabbedPage):
    """The result lists with «Шаблон Excel…» and «Загрузить из Excel…» above them."""

    def __init__(self, workspace: Workspace):
        super().__init__(workspace, TITLE, TABS)
        self.workspace = workspace
        self.errors_dialog: ImportErrorsDialog | None = None
        bar = QHBoxLayout()
        self.template_button = QPushButton("Шаблон Excel…")
        self.import_button = QPushButton("Загрузить из Excel…")
        self.template_button.clicked.connect(self.save_template)
        self.import_button.clicked.connect(self.load_file)
        bar.addWidget(self.template_button)
        bar.addWidget(self.import_button)
        bar.addStretch(1)
        self.insert_bar(bar)
        with workspace.session() as session:
            self.allowed = {kind: loadable(session, kind) for kind in TIPS}
        self.tabs.currentChanged.connect(lambda _index: self._tab_changed())
        self._tab_changed()

    def import_kind(self) -> str:
        """What the buttons save and load on the current tab."""
        table = self.current_table()
        return OWN_IMPORT.get(table.entity.name, RESULTS) if table else RESULTS

    def _tab_changed(self) -> None:
        kind = self.import_kind()
        allowed, reason = self.allowed[kind]
        template_tip, import_tip = TIPS[kind]
        self.template_button.setToolTip(template_tip)
        self.import_button.setEnabled(allowed)
        self.import_button.setToolTip(import_tip if allowed else reason)

    def save_template(self) -> QueryOp | None:
        kind = self.import_kind()
        return save_template(self, self.workspace, kind, prefill=kind == RESULTS)

    def load_file(self) -> ChangeOp | None:
        """Load a filled workbook in one transaction; a file with errors is listed and nothing is saved."""
        path = choose_file(self, "Загрузить средние ВПР" if self.import_kind() != RESULTS else "Загрузить результаты")
        if path is None:
            return None
        return load_excel(self, self.workspace, self.import_kind(), path, self._loaded, self._refused)

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
