"""«Версии дорожной карты»: the approval and every correction with its basis, date, author and what it changed;
any version exported to Word or Excel."""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.roadmaps.corrections import approval_phrase, roadmap_history
from app.services.roadmaps.export import export_excel
from app.services.roadmaps.word import export_docx

from ..operations import QueryOp
from ..widgets.dialog_buttons import close_buttons
from ..workspace import Workspace
from .statuses import plain_table, read_only_item, ru_date

CHANGE_COLUMNS = (("Что", 130), ("Мероприятие или раздел", 380), ("Было", 170), ("Стало", 170))
FORMATS = {".docx": ("Документ Word (*.docx)", export_docx), ".xlsx": ("Книга Excel (*.xlsx)", export_excel)}


class HistoryDialog(QDialog):
    def __init__(self, workspace: Workspace, roadmap_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.roadmap_id = workspace, roadmap_id
        with workspace.session() as session:
            self.history = roadmap_history(session, roadmap_id)
        self.setWindowTitle("Версии дорожной карты")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self._heading()))
        splitter = QSplitter()
        self.versions = QListWidget()
        for version in self.history["versions"]:
            state = " (открыта)" if version["open"] else ""
            what = "утверждена" if version["version"] == 1 else "корректировка"
            self.versions.addItem(f"Версия {version['version']} от {ru_date(version['date'])} — {what}{state}")
        self.versions.currentRowChanged.connect(self.show_version)
        self.changes = plain_table(CHANGE_COLUMNS)
        splitter.addWidget(self.versions)
        splitter.addWidget(self._right())
        splitter.setSizes([330, 760])
        layout.addWidget(splitter, 1)
        layout.addWidget(close_buttons(self))
        self.resize(1100, 600)
        if self.history["versions"]:
            self.versions.setCurrentRow(len(self.history["versions"]) - 1)

    def _heading(self) -> str:
        if not self.history["versions"]:
            return f"«{self.history['title']}» ещё не утверждена: версий нет, выгружается текущий текст (проект)."
        return (f"«{self.history['title']}»: утверждена {approval_phrase(self.history['approved_by'] or '', self._approved_on())}; "
                f"текущая версия — {self.history['current_version']}.")

    def _approved_on(self) -> date | None:
        on = self.history["approved_on"]
        return date.fromisoformat(on) if on else None

    def _right(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        box.addWidget(self.basis)
        box.addWidget(self.changes, 1)
        row = QHBoxLayout()
        for suffix, label in ((".docx", "Выгрузить версию в Word…"), (".xlsx", "Выгрузить версию в Excel…")):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, s=suffix: self.export(s))
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        return panel

    def version_number(self) -> int | None:
        row = self.versions.currentRow()
        versions = self.history["versions"]
        return versions[row]["version"] if 0 <= row < len(versions) else None

    def show_version(self, row: int) -> None:
        version = self.history["versions"][row]
        self.basis.setText(f"Основание: {version['basis']}. Дата: {ru_date(version['date'])}. "
                           f"Внёс: {version['author'] or 'не указано'}.")
        changes = version["changes"]
        self.changes.setRowCount(len(changes))
        for index, change in enumerate(changes):
            for column, text in enumerate((change["kind_label"], change["label"], change["before"] or "",
                                           change["after"] or "")):
                self.changes.setItem(index, column, read_only_item(text))
        self.changes.resizeRowsToContents()

    def export(self, suffix: str) -> QueryOp | None:
        title, exporter = FORMATS[suffix]
        version = self.version_number()
        name = f"Дорожная карта, версия {version}{suffix}" if version else f"Дорожная карта{suffix}"
        path, _filter = QFileDialog.getSaveFileName(self, "Выгрузить версию", str(Path.home() / name), title)
        if not path:
            return None
        target, roadmap_id = Path(path).with_suffix(suffix), self.roadmap_id
        return QueryOp(self, self.workspace, lambda session: exporter(session, roadmap_id, target, version=version),
                       lambda saved: QMessageBox.information(self, "Выгрузка", f"Сохранено:\n{saved}")
                       ).with_progress("Выгружается версия дорожной карты…").run()
