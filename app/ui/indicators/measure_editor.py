"""Pick a measure and its filters from the catalogue: a list filter is a checkable list, a single one a combo."""

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from app.services.indicators.measures import catalogue

from ..widgets.multi_select import MultiSelect

FILTERABLE_FROM = 12


class FilterInput:
    """One filter's widget: `get()` gives a list (multiple) or a single value, None/[] when not set."""

    def __init__(self, spec: dict, on_change):
        self.spec = spec
        items = list(spec["values"].items())
        if spec["multiple"]:
            self.widget = MultiSelect(items, filterable=len(items) > FILTERABLE_FROM, height=min(24 * len(items), 110))
            self.widget.changed.connect(on_change)
        else:
            self.widget = QComboBox()
            self.widget.addItem("— не важно —", None)
            for code, label in items:
                self.widget.addItem(label, code)
            self.widget.currentIndexChanged.connect(lambda _index: on_change())

    def get(self) -> Any:
        return self.widget.checked() if self.spec["multiple"] else self.widget.currentData()

    def set(self, value: Any) -> None:
        if self.spec["multiple"]:
            self.widget.set_checked(value if isinstance(value, list) else [value] if value is not None else [])
        else:
            self.widget.setCurrentIndex(max(self.widget.findData(value), 0))


class MeasureEditor(QWidget):
    """A measure combo and, below it, the widgets of that measure's filters; `spec()` is the indicator's JSON."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.measures = {m["name"]: m for m in catalogue()}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.measure = QComboBox()
        self.measure.setPlaceholderText("Выберите, что считать…")
        for name, measure in self.measures.items():
            self.measure.addItem(measure["label"], name)
        self.measure.setCurrentIndex(-1)
        self.measure.currentIndexChanged.connect(lambda _index: self._rebuild())
        layout.addWidget(self.measure)
        self.filters_area = QWidget()
        self.filters_layout = QFormLayout(self.filters_area)
        self.filters_layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.filters_area)
        layout.addStretch(1)
        self.inputs: dict[str, FilterInput] = {}

    def _rebuild(self, values: dict | None = None) -> None:
        while self.filters_layout.rowCount():
            self.filters_layout.removeRow(0)
        self.inputs = {}
        measure = self.measures.get(self.measure.currentData())
        for spec in (measure["filters"] if measure else []):
            item = self.inputs[spec["name"]] = FilterInput(spec, self.changed.emit)
            item.set((values or {}).get(spec["name"]))
            self.filters_layout.addRow(spec["label"], item.widget)
        self.changed.emit()

    def spec(self) -> dict | None:
        """{"measure": name, "filters": {...}} with empty filters left out; None when no measure is chosen."""
        name = self.measure.currentData()
        if name is None:
            return None
        filters = {key: item.get() for key, item in self.inputs.items() if item.get() not in (None, [])}
        return {"measure": name, "filters": filters}

    def set_spec(self, spec: dict | None) -> None:
        spec = spec or {}
        self.measure.blockSignals(True)
        self.measure.setCurrentIndex(self.measure.findData(spec.get("measure")))
        self.measure.blockSignals(False)
        self._rebuild(spec.get("filters"))
