"""A 1366×768 office laptop, also at 125 % scale: every page of the demo fits the screen (it scrolls rather than
stretching the window), the window is never larger than the screen, a choice list's popup stays within it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QScrollArea, QWidget

from app.db import open_database
from app.ui.main_window import MainWindow
from app.ui.widgets.screen_fit import PopupsWithinScreen, fit_to_screen

LAPTOP = (1366, 768)
TASKBAR, TITLE_BAR = 40, 40
SCALE = 1.25


def room(scale: float) -> tuple[int, int]:
    """What a maximised window has of a 1366×768 screen, in Qt's logical pixels, at this scale."""
    width, height = LAPTOP
    return int(width / scale), int((height - TASKBAR) / scale) - TITLE_BAR


@pytest.fixture(params=["district", "school"])
def demo_window(request, qtbot, demo_databases, finished):
    database = open_database(demo_databases[request.param])
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(*room(1.0))
    window.show()
    finished()
    yield window
    finished()
    window.close()
    database.close()


def test_every_page_of_the_demo_fits_a_laptop_screen_even_at_125_percent(demo_window, finished):
    for spec in demo_window.specs:
        demo_window.show_page(spec.key)
        finished()
        needed = demo_window.minimumSizeHint()
        for scale in (1.0, SCALE):
            width, height = room(scale)
            assert needed.width() <= width and needed.height() <= height, (spec.title, scale, needed.toTuple())


def test_at_125_percent_no_page_scrolls_sideways(demo_window, finished):
    """A window of 1366×768 at 125 % has 1092 logical pixels across: every page's minimum width fits beside the
    navigation (only its height may scroll)."""
    demo_window.resize(*room(SCALE))
    for spec in demo_window.specs:
        demo_window.show_page(spec.key)
        finished()
        slot = demo_window.stack.currentWidget()
        area = slot.findChild(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly)
        assert area.horizontalScrollBar().maximum() == 0, (spec.title, demo_window.pages[spec.key].minimumSizeHint())


def test_a_window_larger_than_the_screen_is_brought_within_it(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()
    window.move(free.x() + 300, free.y() + 200)
    window.resize(free.width() + 500, free.height() + 400)
    fit_to_screen(window)
    assert window.width() <= free.width() and window.height() <= free.height() - TITLE_BAR
    assert free.contains(window.geometry())


def test_a_long_choice_is_cut_in_its_popup_and_told_whole_in_a_tooltip(qtbot, qapp):
    qapp.installEventFilter(popups := PopupsWithinScreen(qapp))
    combo = QComboBox()
    qtbot.addWidget(combo)
    long_name = "Дорожная карта по повышению качества образования " * 8
    combo.addItems(["Муниципальная", long_name])
    combo.show()
    combo.showPopup()
    popup = combo.view().window()
    assert popup.width() <= popup.screen().availableGeometry().width()
    assert combo.itemData(1, 3) == long_name  # Qt.ToolTipRole
    assert combo.itemData(0, 3) is None
    combo.hidePopup()
    qapp.removeEventFilter(popups)
