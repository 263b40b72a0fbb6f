"""«Анализ реализации дорожной карты» in PDF: the year, conclusions (a draft from the numbers, editable),
who signs it; saved in the background."""

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.roadmaps.corrections import moved_deadlines, moved_phrase
from app.services.roadmaps.export import (
    AnalysisText,
    default_conclusions,
    export_analysis_pdf,
)
from app.services.roadmaps.plans import roadmap_overview

from ..operations import QueryOp
from ..widgets.record_form import note_label
from ..workspace import Workspace


class AnalysisDialog(QDialog):
    """`roadmap` is the page's choice: id, years, label."""

    def __init__(self, workspace: Workspace, roadmap: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.roadmap = workspace, roadmap
        self.saved_path: Path | None = None
        self.setWindowTitle("Анализ реализации дорожной карты")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(roadmap["year_from"], roadmap["year_to"])
        self.year.setValue(min(max(workspace.year, roadmap["year_from"]), roadmap["year_to"]))
        self.year.valueChanged.connect(lambda _year: self.draft())
        self.conclusions = QTextEdit()
        self.conclusions.setAcceptRichText(False)
        self.conclusions.setMinimumHeight(180)
        self.signer_position = QLineEdit()
        self.signer_position.setPlaceholderText("Например: Начальник управления образования")
        self.signer_name = QLineEdit()
        self.signer_name.setPlaceholderText("Например: И. И. Иванова")
        for label, widget in (("Год", self.year), ("Выводы и задачи", self.conclusions),
                              ("Должность подписывающего", self.signer_position), ("Подпись (ФИО)", self.signer_name)):
            form.addRow(label, widget)
        layout.addLayout(form)
        with workspace.session() as session:
            moved = moved_deadlines(session, roadmap["id"])
        if moved:
            layout.addWidget(note_label("Перенесённые сроки (войдут в анализ):\n" + "\n".join(
                f"{m['label'][:70]}: «{m['before']}» → «{m['after']}», {moved_phrase(m['basis'])}" for m in moved[:8])
                + (f"\n… и ещё {len(moved) - 8}" if len(moved) > 8 else "")))
        buttons = QDialogButtonBox()
        buttons.addButton("Сохранить PDF…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.choose_and_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.draft()
        self.resize(680, 460)

    def draft(self) -> None:
        """Put the conclusions drafted from the year's numbers in the text box."""
        with self.workspace.session() as session:
            overview = roadmap_overview(session, self.roadmap["id"], year=self.year.value())
        self.conclusions.setPlainText(default_conclusions(overview))

    def choose_and_save(self) -> None:
        default = Path.home() / f"Анализ реализации дорожной карты {self.year.value()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, "Сохранить анализ", str(default), "Документ PDF (*.pdf)")
        if path:
            self.save(Path(path).with_suffix(".pdf"))

    def save(self, path: Path) -> QueryOp:
        """Write the analysis to `path` in the background; the dialog closes when it is written."""
        text = AnalysisText(self.conclusions.toPlainText().strip(), self.signer_position.text().strip(),
                            self.signer_name.text().strip())
        roadmap_id, year = self.roadmap["id"], self.year.value()
        return QueryOp(self, self.workspace,
                       lambda session: export_analysis_pdf(session, roadmap_id, path, year=year, text=text),
                       self._saved).with_progress("Готовится анализ реализации…").run()

    def _saved(self, path: Path) -> None:
        self.saved_path = Path(path)
        QMessageBox.information(self, self.windowTitle(), f"Анализ сохранён:\n{path}")
        self.accept()
