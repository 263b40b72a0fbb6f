"""One measure of a program: what is done, by when (read live by the deadline grammar: «Как понят срок»), who is
responsible and what is expected; a new measure may be an event the school's roadmap already has."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.risks.programs import MeasureEntry, understood, validate_measure
from app.services.risks.roadmap_link import LinkableEvent

from ..widgets.field_errors import FieldErrors
from .common import dialog_buttons

NEW_EVENT = "— новое мероприятие дорожной карты —"


class MeasureDialog(QDialog):
    """Edits a MeasureEntry; «OK» checks it (a message at each wrong field) and keeps the dialog open until it is right."""

    def __init__(self, year: int, events: list[LinkableEvent], measure: MeasureEntry | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.year, self.events = year, {e.event_id: e for e in events}
        self.original = measure
        self.measure: MeasureEntry | None = None
        self.setWindowTitle("Мероприятие программы")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.event = QComboBox()
        self.event.addItem(NEW_EVENT, None)
        for event in events:
            self.event.addItem(event.label, event.event_id)
        self.event.setMinimumContentsLength(50)
        self.event.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.event.currentIndexChanged.connect(lambda _index: self._take_event())
        if measure is None:
            self.errors.add_row("event_id", "Мероприятие дорожной карты", self.event)
        self.title = QPlainTextEdit()
        self.title.setFixedHeight(64)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("Например: «Март - апрель», «Ежемесячно», «до 01.09.2022»")
        self.understood = QLabel()
        self.understood.setWordWrap(True)
        self.deadline.textChanged.connect(self._read_deadline)
        self.responsible = QLineEdit()
        self.expected = QPlainTextEdit()
        self.expected.setFixedHeight(56)
        self.errors.add_row("title", "Мероприятие *", self.title)
        self.errors.add_row("deadline_text", "Срок *", self.deadline)
        form.addRow("Как понят срок", self.understood)
        self.errors.add_row("responsible", "Ответственный *", self.responsible)
        self.errors.add_row("expected_result", "Ожидаемый результат", self.expected)
        layout.addLayout(form)
        layout.addWidget(dialog_buttons("ОК", self.accept, self.reject))
        if measure is not None:
            self._set_texts(measure.title, measure.deadline_text, measure.responsible, measure.expected_result)
        self._read_deadline()
        self.resize(720, 420)

    def _set_texts(self, title: str, deadline: str, responsible: str, expected: str | None) -> None:
        self.title.setPlainText(title)
        self.deadline.setText(deadline)
        self.responsible.setText(responsible)
        self.expected.setPlainText(expected or "")

    def _take_event(self) -> None:
        event = self.events.get(self.event.currentData())
        if event is not None:
            text = event.text
            self._set_texts(text.title, text.deadline_text, text.responsible, text.expected_result)

    def _read_deadline(self) -> None:
        """«Как понят срок» follows the text as it is typed; a message about the old text goes."""
        self.understood.setText(understood(self.deadline.text(), self.year))
        self.errors.message("deadline_text").hide()

    def entry(self) -> MeasureEntry:
        """The measure as the dialog shows it (its identity kept when it is one the program has)."""
        original = self.original
        return MeasureEntry(self.title.toPlainText(), self.deadline.text(), self.responsible.text(),
                            self.expected.toPlainText() or None,
                            measure_id=original.measure_id if original else None,
                            event_id=original.event_id if original else self.event.currentData())

    def accept(self) -> None:
        entry = self.entry()
        problems = validate_measure(entry, self.year)
        self.errors.show(problems)
        if problems:
            return
        self.measure = entry
        super().accept()
