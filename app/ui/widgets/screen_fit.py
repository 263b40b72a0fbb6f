"""The window on a small screen (a 1366×768 laptop, or 125 % scale): pages scroll instead of stretching the window,
the window is never larger than the screen's free area, and a choice list's popup stays within the screen."""

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QComboBox, QScrollArea, QWidget

TITLE_BAR = 40  # what a window manager's title bar takes above the window
POPUP = "QComboBoxPrivateContainer"  # the frame Qt shows a combo box's list in
COMBO_LETTERS = 16


def scrolling(page: QWidget) -> QScrollArea:
    """`page` in a frameless scroll area: a window smaller than the page's minimum size scrolls the page rather than
    growing past the screen (the page fills the area whenever there is room)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    return area


def narrow(combo: QComboBox, letters: int = COMBO_LETTERS) -> QComboBox:
    """A choice list as wide as `letters` letters at least, not as its longest item (a school's full name would widen
    the page past a small screen); its popup still shows the items whole, within the screen."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    return combo


def fit_to_screen(window: QWidget, wanted: tuple[int, int] | None = None) -> None:
    """Resize (to `wanted`, else the present size) and move `window` so that it lies within its screen's available
    area, a title bar's height left above it — also where no window manager keeps windows on the screen."""
    room = window.screen().availableGeometry()
    width, height = wanted or (window.width(), window.height())
    width, height = min(width, room.width()), min(height, room.height() - TITLE_BAR)
    window.resize(width, height)
    frame = QRect(window.pos(), window.size())
    x = min(max(frame.x(), room.x()), room.right() + 1 - width)
    y = min(max(frame.y(), room.y()), room.bottom() + 1 - height)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class PopupsWithinScreen(QObject):
    """An application-wide filter: a combo box's popup never reaches past its screen's width; an item elided in it
    tells its full text in a tooltip."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt naming
        if event.type() == QEvent.Type.Show and watched.inherits(POPUP):
            combo = watched.parent()
            if isinstance(combo, QComboBox):
                self._fit(watched, combo)
        return False

    @staticmethod
    def _fit(popup: QWidget, combo: QComboBox) -> None:
        room = popup.screen().availableGeometry()
        geometry = popup.geometry()
        if geometry.width() > room.width():
            geometry.setWidth(room.width())
        geometry.moveLeft(min(max(geometry.left(), room.left()), room.right() + 1 - geometry.width()))
        popup.setGeometry(geometry)
        combo.view().setTextElideMode(Qt.TextElideMode.ElideMiddle)
        visible = combo.view().viewport().width()
        metrics = combo.view().fontMetrics()
        for row in range(combo.count()):
            text = combo.itemText(row)
            if combo.itemData(row, Qt.ItemDataRole.ToolTipRole) is None and metrics.horizontalAdvance(text) > visible:
                combo.setItemData(row, text, Qt.ItemDataRole.ToolTipRole)


def keep_popups_within_screen(app: QObject) -> None:
    """Install the popup filter on the application, once."""
    if app.findChild(PopupsWithinScreen) is None:
        app.installEventFilter(PopupsWithinScreen(app))
