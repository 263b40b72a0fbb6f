"""The open choices of an indicator's definition: one list per question the catalogue declares («— не задано —» when
the question does not apply to this indicator); `choices()` is what `Indicator.choices` stores."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from app.services.indicators.choices import choice_catalogue

NOT_SET = "— не задано —"


class ChoicesEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for key, choice in choice_catalogue().items():
            combo = self.combos[key] = QComboBox()
            combo.addItem(NOT_SET, None)
            for code, option in choice.options.items():
                combo.addItem(option.label, code)
                combo.setItemData(combo.count() - 1, option.label, Qt.ItemDataRole.ToolTipRole)
            combo.setMinimumContentsLength(40)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
            form.addRow(choice.label, combo)

    def set_choices(self, choices: dict | None) -> None:
        for key, combo in self.combos.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData((choices or {}).get(key)), 0))
            combo.blockSignals(False)

    def choices(self) -> dict[str, str]:
        return {key: combo.currentData() for key, combo in self.combos.items() if combo.currentData() is not None}
