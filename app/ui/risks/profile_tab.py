"""«Профиль рисков»: the level of each factor, the priority risks (no more than the configured number), the Kurator
data beside each factor, who filled the profile in and when; loading it from an Excel sheet of factor/level rows."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError
from app.models.reference import RISK_LEVELS
from app.services.output.ru_format import format_value
from app.services.risks.importing import RiskImportError, import_profile, write_risk_template
from app.services.risks.profiles import ProfileEntry, delete_profile, save_profile
from app.services.risks.screens import ProfileScreen, profile_screen

from ..operations import ChangeOp, Changes, QueryOp, show_error
from ..results.errors_dialog import ImportErrorsDialog
from ..roadmaps.statuses import plain_table, read_only_item
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace
from .common import SchoolTab, add_buttons

COLUMNS = (("№", 36), ("Фактор риска", 400), ("Уровень", 150), ("Приоритетный", 100), ("Данные Куратора", 330),
           ("Ориентир", 110))
EVIDENCE_KINDS = {"risk_profile", "risk_factor", "risk_program", "staffing_slot", "social_passport", "diagnostic",
                  "enrollment", "teacher", "peer"}
PROFILE = Changes("risk_profile")
EXCEL_FILTER = "Книга Excel (*.xlsx)"
NOT_ASSESSED = "— нет оценки —"


class ProfileTab(SchoolTab):
    """The profile of the chosen school for the toolbar's year; editable where the school's profile is kept."""

    def __init__(self, workspace: Workspace, school_id: Callable[[], str | None], parent: QWidget | None = None):
        super().__init__(workspace, school_id, profile_screen, parent)
        self.screen: ProfileScreen | None = None
        self.levels: dict[str, QComboBox] = {}
        self.priority: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = plain_table(COLUMNS, stretch=4)  # the data grow
        layout.addWidget(self.table, 1)
        self.errors = FieldErrors()
        self.counter = QLabel()
        layout.addWidget(self.counter)
        layout.addWidget(self.errors.message("priority"))
        layout.addWidget(self.errors.message("levels"))
        layout.addLayout(self._form())
        layout.addLayout(self._buttons())
        self.follow(EVIDENCE_KINDS)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        self.errors.form = form
        self.filled_by = QLineEdit()
        self.filled_by.setPlaceholderText("ФИО, должность")
        self.filled_on = QDateEdit(QDate.currentDate())
        self.filled_on.setCalendarPopup(True)
        self.filled_on.setDisplayFormat("dd.MM.yyyy")
        self.comment = QLineEdit()
        self.errors.add_row("filled_by", "Кто заполнил *", self.filled_by)
        self.errors.add_row("filled_on", "Дата заполнения *", self.filled_on)
        form.addRow("Комментарий", self.comment)
        return form

    def _buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.buttons = add_buttons(bar, (("save", "Сохранить профиль", self.save),
                                         ("import", "Загрузить из Excel…", self.load_file),
                                         ("template", "Шаблон Excel…", self.save_template),
                                         ("delete", "Удалить профиль", self.delete)))
        return bar

    # loading ------------------------------------------------------------------------------------------------
    def _show(self, screen: ProfileScreen | None) -> None:
        self.screen = screen
        self.errors.clear()
        editable = self.show_owner(screen)
        self._fill_table(screen, editable)
        self._fill_form(screen, editable)
        for key, button in self.buttons.items():
            button.setVisible(editable or key == "template")
            button.setEnabled(screen is not None and (key != "delete" or screen.detail.exists))

    def _fill_table(self, screen: ProfileScreen | None, editable: bool) -> None:
        factors = screen.detail.factors if screen else []
        self.levels, self.priority = {}, {}
        for name in [name for name in self.errors.labels if name.startswith("level:")]:  # their rows are rebuilt
            self.errors.labels.pop(name)
            self.errors.widgets.pop(name, None)
        self.table.setRowCount(len(factors))
        for row, factor in enumerate(factors):
            self.table.setItem(row, 0, read_only_item(str(row + 1)))
            self.table.setItem(row, 1, read_only_item(factor.title))
            self.table.setCellWidget(row, 2, self._level_cell(factor.code, factor.level, editable))
            self.table.setCellWidget(row, 3, self._priority_cell(factor.code, factor.priority, editable))
            found = screen.evidence.get(factor.evidence)
            item = read_only_item(found.text if found else "")
            if found:
                item.setToolTip(f"{found.definition}\n{found.guide.capitalize()}.")
            self.table.setItem(row, 4, item)
            self.table.setItem(row, 5, read_only_item(RISK_LEVELS.get(found.suggested, "") if found and found.suggested
                                                      else ""))
        self.table.resizeRowsToContents()
        self._follow_levels()

    def _level_cell(self, code: str, level: str | None, editable: bool) -> QWidget:
        combo = QComboBox()
        combo.addItem(NOT_ASSESSED, None)
        for value, label in RISK_LEVELS.items():
            combo.addItem(label, value)
        combo.setCurrentIndex(max(combo.findData(level), 0))
        combo.setEnabled(editable)
        combo.currentIndexChanged.connect(lambda _index: self._follow_levels())
        self.levels[code] = combo
        return self.errors.cell(f"level:{code}", combo)

    def _priority_cell(self, code: str, checked: bool, editable: bool) -> QWidget:
        box = QCheckBox()
        box.setChecked(checked)
        box.setProperty("editable", editable)
        box.toggled.connect(lambda _on: self._follow_levels())
        self.priority[code] = box
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(box, alignment=Qt.AlignmentFlag.AlignCenter)
        return cell

    def _follow_levels(self) -> None:
        """A priority only among the risks found, and no more than the limit: the others cannot be ticked."""
        limit = self.screen.limit if self.screen else 0
        chosen = sum(box.isChecked() for box in self.priority.values())
        for code, box in self.priority.items():
            found = self.levels[code].currentData() not in (None, "none")
            if not found and box.isChecked():
                box.setChecked(False)
                return
            box.setEnabled(bool(box.property("editable")) and found and (box.isChecked() or chosen < limit))
        self.counter.setText(f"Приоритетных рисков выбрано: {chosen} из {limit} (не больше {limit} по методике)."
                             if self.screen else "Выберите школу.")

    def _fill_form(self, screen: ProfileScreen | None, editable: bool) -> None:
        detail = screen.detail if screen else None
        self.filled_by.setText(detail.filled_by or "" if detail else "")
        filled = detail.filled_on if detail and detail.filled_on else date.today()
        self.filled_on.setDate(QDate(filled.year, filled.month, filled.day))
        self.comment.setText(detail.comment or "" if detail else "")
        for widget in (self.filled_by, self.filled_on, self.comment):
            widget.setEnabled(editable)
        if detail is None:
            self.summary.setText("Выберите школу.")
        elif not detail.exists:
            self.summary.setText(f"Профиль рисков за {detail.year} год ещё не заполнен.")
        else:
            self.summary.setText(f"Профиль за {detail.year} год: заполнен {format_value(detail.filled_on)}, "
                                 f"{detail.filled_by}. {detail.source_text}.")

    # actions ------------------------------------------------------------------------------------------------
    def entry(self) -> ProfileEntry:
        """The profile as the form shows it now."""
        levels = {code: combo.currentData() for code, combo in self.levels.items() if combo.currentData()}
        qdate = self.filled_on.date()
        return ProfileEntry(levels, [code for code, box in self.priority.items() if box.isChecked()],
                            date(qdate.year(), qdate.month(), qdate.day()), self.filled_by.text(),
                            comment=self.comment.text())

    def save(self) -> ChangeOp | None:
        school, year, entry = self.school_id(), self.workspace.year, self.entry()
        if school is None:
            return None
        return (ChangeOp(self, self.workspace, lambda session: save_profile(session, school, year, entry), PROFILE)
                .fields(self.errors).success(lambda _profile: self.errors.clear()).run())

    def delete(self) -> ChangeOp | None:
        school, year = self.school_id(), self.workspace.year
        answer = QMessageBox.question(self, "Профиль рисков", f"Удалить профиль рисков за {year} год?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if school is None or answer != QMessageBox.StandardButton.Yes:
            return None
        return ChangeOp(self, self.workspace, lambda session: delete_profile(session, school, year), PROFILE).run()

    def save_template(self) -> QueryOp | None:
        school, year = self.school_id(), self.workspace.year
        path, _filter = QFileDialog.getSaveFileName(self, "Шаблон профиля рисков", f"Профиль рисков {year}.xlsx",
                                                    EXCEL_FILTER)
        if not path or school is None:
            return None
        target = Path(path).with_suffix(".xlsx")
        return QueryOp(self, self.workspace, lambda session: write_risk_template(session, target, school, year),
                       lambda saved: QMessageBox.information(self, "Шаблон Excel", f"Шаблон сохранён: {saved}")).run()

    def load_file(self, path: str | None = None) -> ChangeOp | None:
        """Load a filled sheet as the profile of the year; a sheet with errors is listed and nothing is saved."""
        school, year = self.school_id(), self.workspace.year
        if not path:
            path, _filter = QFileDialog.getOpenFileName(self, "Загрузить профиль рисков", "", EXCEL_FILTER)
        if not path or school is None:
            return None
        by = self.filled_by.text().strip() or None
        return (ChangeOp(self, self.workspace, lambda session: import_profile(session, school, year, Path(path), by),
                         PROFILE).with_progress("Проверяется и загружается файл…").failure(self._refused).run())

    def _refused(self, error: KuratorError) -> None:
        if isinstance(error, RiskImportError):
            self.errors_dialog = ImportErrorsDialog(error.errors, self)
            self.errors_dialog.open()
        else:
            show_error(self, error)
