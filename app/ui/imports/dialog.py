"""«Загрузка из Excel»: choose what the file holds, save its template, pick the file, check it without saving, load it
— all or nothing, every problem listed with its sheet, row and column."""

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError
from app.services.excel import format_errors
from app.services.imports.kinds import KINDS, ORDER, loadable
from app.services.imports.running import ImportRefused, ImportSummary

from ..operations import ChangeOp, QueryOp
from ..workspace import Workspace
from .actions import choose_file, load_excel, save_template

SHOWN_ERRORS = 500
NOTHING_CHOSEN = "Файл не выбран"


class ImportDialog(QDialog):
    """One Excel file of one kind (of `kinds`, all by default): template, check, load."""

    def __init__(self, workspace: Workspace, kinds: tuple[str, ...] = ORDER, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.path: Path | None = None
        self.setWindowTitle("Загрузка из Excel")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for name in kinds:
            self.kind.addItem(KINDS[name].title, name)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow("Что в файле", self.kind)
        self.about = QLabel()
        self.about.setWordWrap(True)
        form.addRow("", self.about)
        form.addRow("Файл", self._file_row())
        self.year_note = QLabel()
        self.year_note.setWordWrap(True)
        form.addRow("Год", self.year_note)
        layout.addLayout(form)
        self.outcome = QPlainTextEdit()
        self.outcome.setReadOnly(True)
        self.outcome.setPlaceholderText("Здесь появится, что будет загружено, или список ошибок файла.")
        layout.addWidget(self.outcome, 1)
        layout.addWidget(self._buttons())
        self._kind_changed()
        self.resize(760, 560)

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_label = QLabel(NOTHING_CHOSEN)
        self.file_label.setWordWrap(True)
        choose = QPushButton("Выбрать…")
        choose.clicked.connect(self.choose)
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        return row

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.template_button = buttons.addButton("Шаблон Excel…", QDialogButtonBox.ButtonRole.ActionRole)
        self.template_button.clicked.connect(lambda: save_template(self, self.workspace, self.kind_name))
        self.check_button = buttons.addButton("Проверить", QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.load_button = buttons.addButton("Загрузить", QDialogButtonBox.ButtonRole.ActionRole)
        self.load_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        return buttons

    @property
    def kind_name(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        kind = KINDS[self.kind_name]
        self.about.setText(f"{kind.about[:1].upper()}{kind.about[1:]}. Шаблон — кнопка «Шаблон Excel…»; подойдёт и "
                           "свой файл: столбцы узнаются по названиям, в любом порядке.")
        dated = any(sheet.year for sheet in kind.sheets)
        self.year_note.setText(f"Строки без года относятся к {self.workspace.year} году (год программы в панели "
                               "инструментов)." if dated else "Не нужен.")
        self._enable()

    def _enable(self) -> None:
        for button in (self.check_button, self.load_button):
            button.setEnabled(self.path is not None)

    def choose(self) -> None:
        path = choose_file(self)
        if path is not None:
            self.set_file(path)

    def set_file(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(str(path))
        self.outcome.clear()
        self._enable()

    def run(self, dry_run: bool) -> ChangeOp | QueryOp | None:
        """Check the file (and unless `dry_run`, load it); the outcome or the errors appear below."""
        if self.path is None:
            return None
        op = load_excel(self, self.workspace, self.kind_name, self.path, self._done, self._refused, dry_run=dry_run)
        if op is not None and not op.done:
            self.outcome.setPlainText("Файл проверяется…")
        return op

    def _done(self, summary: ImportSummary) -> None:
        lines = summary.lines() if summary.by_sheet else ["В файле нет заполненных строк."]
        if not summary.dry_run:
            lines.append("Загрузка завершена.")
        self.outcome.setPlainText("\n".join(lines))

    def _refused(self, error: KuratorError) -> None:
        if isinstance(error, ImportRefused):
            text = ("В файле есть ошибки, поэтому из него ничего не сохранено. Исправьте указанные ячейки и загрузите "
                    "файл снова.\n\n" + format_errors(error.errors, SHOWN_ERRORS))
        else:
            text = f"{error.message}\nНичего не сохранено."
        self.outcome.setPlainText(text)


def loadable_kinds(workspace: Workspace, kinds: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """The kinds this installation may load, and the reason when it may load none of them."""
    with workspace.session() as session:
        answers = {name: loadable(session, name) for name in kinds}
    allowed = tuple(name for name in kinds if answers[name][0])
    return allowed, "" if allowed else answers[kinds[0]][1]


def open_import_dialog(parent: QWidget, workspace: Workspace, kinds: tuple[str, ...] = ORDER) -> ImportDialog | None:
    allowed, reason = loadable_kinds(workspace, kinds)
    if not allowed:
        QMessageBox.information(parent, "Загрузка из Excel", reason)
        return None
    dialog = ImportDialog(workspace, allowed, parent)
    dialog.open()
    return dialog


def import_bar(parent: QWidget, workspace: Workspace, kinds: tuple[str, ...]) -> QHBoxLayout:
    """The «Загрузить из Excel…» button a page puts above its lists, for the kinds of data it shows (those this
    installation may load; disabled, with the reason, when it may load none)."""
    allowed, reason = loadable_kinds(workspace, kinds)
    bar = QHBoxLayout()
    button = QPushButton("Загрузить из Excel…")
    button.setEnabled(bool(allowed))
    button.setToolTip(reason or "Загрузка: " + ", ".join(KINDS[name].title.lower() for name in allowed)
                      + ". Шаблон — в том же окне; если в файле есть ошибки, ничего не сохраняется.")
    button.clicked.connect(lambda: open_import_dialog(parent, workspace, kinds))
    bar.addWidget(button)
    bar.addStretch(1)
    return bar
