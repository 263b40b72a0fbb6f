"""A program of the school's profile: the concept, the medium-term program, or the anti-risk program of one priority
risk — goal, tasks, measures (events of the school's roadmap) and indicators of success with their targets."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError, ValidationError
from app.models.reference import RISK_PROGRAM_KINDS
from app.services.risks.programs import IndicatorEntry, MeasureEntry, ProgramEntry, save_program, understood
from app.services.risks.screens import ProgramsScreen

from ..operations import ChangeOp, Changes, show_error
from ..roadmaps.statuses import plain_table, read_only_item
from ..widgets.field_errors import FieldErrors
from .common import beside, dialog_buttons
from .measure_dialog import MeasureDialog

MEASURE_COLUMNS = (("№", 36), ("Мероприятие", 300), ("Срок", 130), ("Как понят срок", 200), ("Ответственный", 160))
INDICATOR_COLUMNS = ("Показатель успешности", "Ед.", "Целевое значение", "Достигнуто")
PROGRAMS = Changes("risk_program", "roadmap")  # a program's measures are events of the school's roadmap


def number_or_text(text: str) -> float | str | None:
    """A cell as typed: a number («45,5» too), None when empty, else the text (the service names it wrong)."""
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return text.strip()


def grouped(errors: dict[str, str]) -> dict[str, str]:
    """The service's messages by the dialog's fields: a measure's or an indicator's go under its table, numbered."""
    found: dict[str, list[str]] = {}
    for key, message in errors.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] in ("measures", "indicators"):
            what = "Мероприятие" if parts[0] == "measures" else "Показатель"
            found.setdefault(parts[0], []).append(f"{what} {int(parts[1]) + 1}: {message}")
        else:
            found.setdefault(key, []).append(message)
    return {key: "\n".join(messages) for key, messages in found.items()}


class ProgramDialog(QDialog):
    """Creates or changes one program; saving is all or nothing, the messages stand at the fields."""

    def __init__(self, workspace, school_id: str, screen: ProgramsScreen, program_id: str | None = None,
                 entry: ProgramEntry | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.school_id, self.screen, self.program_id = workspace, school_id, screen, program_id
        self.measures: list[MeasureEntry] = list(entry.measures) if entry else []
        self.saved = False
        self.setWindowTitle("Программа" if entry else "Новая программа")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self._header(entry)
        layout.addLayout(form)
        layout.addWidget(QLabel("Мероприятия (станут мероприятиями дорожной карты школы):"))
        layout.addWidget(self._measures_box())
        layout.addWidget(self.errors.message("measures"))
        layout.addWidget(QLabel("Показатели успешности:"))
        layout.addWidget(self._indicators_box(entry.indicators if entry else []))
        layout.addWidget(self.errors.message("indicators"))
        layout.addWidget(dialog_buttons("Сохранить", self.save, self.reject))
        self._fill_measures()
        self.resize(980, 760)

    def _header(self, entry: ProgramEntry | None) -> None:
        self.kind = QComboBox()
        for code, label in RISK_PROGRAM_KINDS.items():
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(self.kind.findData(entry.kind if entry else "anti_risk"))
        self.factor = QComboBox()
        for code, title in self.screen.priority:
            self.factor.addItem(title, code)
        if entry and entry.factor_code:
            self.factor.setCurrentIndex(max(self.factor.findData(entry.factor_code), 0))
        for combo in (self.kind, self.factor):
            combo.setEnabled(entry is None)
        self.kind.currentIndexChanged.connect(lambda _index: self.factor.setEnabled(self._anti_risk()))
        self.title = QLineEdit(entry.title or "" if entry else "")
        self.goal = QPlainTextEdit(entry.goal if entry else "")
        self.goal.setFixedHeight(56)
        self.tasks = QPlainTextEdit("\n".join(entry.tasks) if entry else "")
        self.tasks.setPlaceholderText("Одна задача — одна строка")
        self.tasks.setFixedHeight(72)
        self.approved = QLineEdit(entry.approved_by or "" if entry else "")
        self.approved.setPlaceholderText("приказ от … № …")
        for name, title, widget in (("kind", "Вид *", self.kind), ("factor", "Приоритетный риск *", self.factor),
                                    ("title", "Название", self.title), ("goal", "Цель *", self.goal),
                                    ("tasks", "Задачи", self.tasks), ("approved_by", "Утверждена", self.approved)):
            self.errors.add_row(name, title, widget)

    def _anti_risk(self) -> bool:
        return self.kind.currentData() == "anti_risk"

    def _measures_box(self) -> QWidget:
        self.measure_table = plain_table(MEASURE_COLUMNS)
        self.measure_table.doubleClicked.connect(lambda _index: self.edit_measure())
        return beside(self.measure_table, (("add", "Добавить…", self.add_measure),
                                           ("edit", "Изменить…", self.edit_measure),
                                           ("remove", "Убрать", self.remove_measure),
                                           ("up", "Выше", lambda: self.move_measure(-1)),
                                           ("down", "Ниже", lambda: self.move_measure(1))))

    def _indicators_box(self, indicators: list[IndicatorEntry]) -> QWidget:
        self.indicator_table = QTableWidget(0, len(INDICATOR_COLUMNS))
        self.indicator_table.setHorizontalHeaderLabels(INDICATOR_COLUMNS)
        for column, width in enumerate((420, 70, 130)):
            self.indicator_table.setColumnWidth(column, width)
        self.indicator_table.horizontalHeader().setStretchLastSection(True)
        self.indicator_table.verticalHeader().hide()
        self.indicator_ids: list[str | None] = []
        for indicator in indicators:
            self.add_indicator(indicator)
        return beside(self.indicator_table, (("add", "Добавить", lambda: self.add_indicator()),
                                             ("remove", "Убрать", self.remove_indicator)))

    # measures ---------------------------------------------------------------------------------------------------
    def _fill_measures(self) -> None:
        self.measure_table.setRowCount(len(self.measures))
        for row, measure in enumerate(self.measures):
            for column, text in enumerate((str(row + 1), measure.title, measure.deadline_text,
                                           understood(measure.deadline_text, self.screen.year), measure.responsible)):
                self.measure_table.setItem(row, column, read_only_item(text))
        self.measure_table.resizeRowsToContents()

    def _chosen(self) -> int | None:
        row = self.measure_table.currentRow()
        return row if 0 <= row < len(self.measures) else None

    def add_measure(self) -> MeasureDialog:
        dialog = MeasureDialog(self.screen.year, self.screen.events, parent=self)
        if dialog.exec() and dialog.measure:
            self.measures.append(dialog.measure)
            self._fill_measures()
        return dialog

    def edit_measure(self) -> None:
        row = self._chosen()
        if row is None:
            return
        dialog = MeasureDialog(self.screen.year, self.screen.events, self.measures[row], parent=self)
        if dialog.exec() and dialog.measure:
            self.measures[row] = dialog.measure
            self._fill_measures()

    def remove_measure(self) -> None:
        row = self._chosen()
        if row is not None:
            del self.measures[row]
            self._fill_measures()

    def move_measure(self, step: int) -> None:
        row = self._chosen()
        if row is None or not 0 <= row + step < len(self.measures):
            return
        self.measures[row], self.measures[row + step] = self.measures[row + step], self.measures[row]
        self._fill_measures()
        self.measure_table.selectRow(row + step)

    # indicators -------------------------------------------------------------------------------------------------
    def add_indicator(self, indicator: IndicatorEntry | None = None) -> None:
        row = self.indicator_table.rowCount()
        self.indicator_table.insertRow(row)
        values = ((indicator.name, indicator.unit, indicator.target, indicator.actual) if indicator
                  else ("", "%", None, None))
        for column, value in enumerate(values):
            text = "" if value is None else (f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value))
            self.indicator_table.setItem(row, column, QTableWidgetItem(text))
        self.indicator_ids.append(indicator.indicator_id if indicator else None)

    def remove_indicator(self) -> None:
        row = self.indicator_table.currentRow()
        if 0 <= row < self.indicator_table.rowCount():
            self.indicator_table.removeRow(row)
            del self.indicator_ids[row]

    def _indicators(self) -> list[IndicatorEntry]:
        def cell(row: int, column: int) -> str:
            item = self.indicator_table.item(row, column)
            return item.text() if item else ""
        return [IndicatorEntry(cell(row, 0), number_or_text(cell(row, 2)), cell(row, 1) or None,
                               number_or_text(cell(row, 3)), self.indicator_ids[row])
                for row in range(self.indicator_table.rowCount())]

    # saving -----------------------------------------------------------------------------------------------------
    def entry(self) -> ProgramEntry:
        return ProgramEntry(self.kind.currentData(), self.goal.toPlainText(),
                            self.factor.currentData() if self._anti_risk() else None, self.title.text(),
                            self.tasks.toPlainText().splitlines(), self.approved.text(), list(self.measures),
                            self._indicators())

    def save(self) -> ChangeOp:
        school, year, entry, program_id = self.school_id, self.screen.year, self.entry(), self.program_id
        return (ChangeOp(self, self.workspace, lambda session: save_program(session, school, year, entry, program_id),
                         PROGRAMS).success(self._saved).failure(self._refused).run())

    def _saved(self, _program) -> None:
        self.saved = True
        self.accept()

    def _refused(self, error: KuratorError) -> None:
        if isinstance(error, ValidationError):
            self.errors.show(grouped(error.errors))
        elif error.field and error.field.startswith("measures."):
            self.errors.show(grouped({error.field: error.message}))
        else:
            show_error(self, error)
