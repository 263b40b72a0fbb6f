"""A search line that reports what to look for once the user pauses typing (a short debounce)."""

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    """Emits `search(text)` 150 ms after the last keystroke (at once on Enter)."""

    search = Signal(str)

    def __init__(self, parent: QWidget | None = None, placeholder: str = "Поиск…"):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(180)  # the layout stretches it; a small screen (125 %) still fits the filters beside it
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        self._timer.stop()
        self.search.emit(self.text())
