"""The window's own icons (every page and menu action has one, every SVG parses) and the user guide in the window:
F1 on a page opens its chapter, «Справка → Руководство пользователя» opens the beginning, contents and search work."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QMessageBox

from app.paths import ICONS
from app.services.guide.document import load_guide
from app.ui.guide.window import GuideWindow, open_guide
from app.ui.main_window import MainWindow
from app.ui.pages import DISTRICT, PAGES, SCHOOL, pages_for
from app.ui.widgets.icons import icon

SVGS = sorted(ICONS.glob("*.svg"))


@pytest.mark.parametrize("path", SVGS, ids=[path.stem for path in SVGS])
def test_every_icon_file_parses_as_svg_in_one_style(path):
    assert QSvgRenderer(str(path)).isValid()
    text = path.read_text(encoding="utf-8")
    assert path.stem == "kurator" or ('viewBox="0 0 24 24"' in text and 'stroke-width="1.75"' in text
                                     and 'stroke="#2f4a66"' in text and 'fill="none"' in text)


def test_every_page_names_a_drawn_icon_and_a_chapter_of_the_guide():
    anchors = load_guide().anchors()
    assert [spec.title for spec in PAGES if (ICONS / f"{spec.icon}.svg").is_file()] == [spec.title for spec in PAGES]
    assert [spec.chapter for spec in PAGES if spec.chapter not in anchors] == []


def test_an_icon_not_drawn_is_an_error_not_a_blank_square():
    with pytest.raises(LookupError):
        icon("floppy")


def own_icon_keys() -> set[int]:
    return {icon(path.stem).cacheKey() for path in SVGS}


@pytest.mark.parametrize("world", ["district_world", "school_world"])
def test_sidebar_and_every_menu_action_show_our_icons(qtbot, request, world):
    window = MainWindow(request.getfixturevalue(world).database)
    qtbot.addWidget(window)
    keys = own_icon_keys()
    assert [window.nav.item(row).icon().cacheKey() in keys for row in range(window.nav.count())] == \
        [True] * window.nav.count()
    actions = [action for menu in window.menuBar().actions() for action in menu.menu().actions()
               if not action.isSeparator()]
    assert {action.text(): action.icon().cacheKey() in keys for action in actions} == \
        {action.text(): True for action in actions}


def help_action(window: MainWindow):
    return next(action for menu in window.menuBar().actions() for action in menu.menu().actions()
                if action.text() == "Справка по этой странице")


@pytest.mark.parametrize("world, mode", [("district_world", DISTRICT), ("school_world", SCHOOL)])
def test_f1_on_each_page_opens_the_guide_at_that_pages_chapter(qtbot, request, world, mode):
    window = MainWindow(request.getfixturevalue(world).database)
    qtbot.addWidget(window)
    assert help_action(window).shortcut() == QKeySequence(Qt.Key.Key_F1)
    for spec in pages_for(mode):
        window.show_page(spec.key)
        help_action(window).trigger()
        guide = window.findChild(GuideWindow)
        assert guide.isVisible()
        assert guide.contents.currentItem().data(0, Qt.ItemDataRole.UserRole) == spec.chapter
    assert len(window.findChildren(GuideWindow)) == 1  # one window, moved to each chapter


def test_guide_from_the_menu_opens_at_the_beginning_and_the_contents_lead_to_a_chapter(qtbot, district_world):
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    guide = open_guide(window)
    assert guide.contents.currentItem().text(0) == "Начало работы"
    assert guide.browser.verticalScrollBar().value() == 0
    last = guide.contents.topLevelItem(guide.contents.topLevelItemCount() - 1)
    assert last.text(0) == "Что означает каждый показатель"
    guide.resize(900, 600)
    guide._go_to_item(last)
    assert guide.browser.verticalScrollBar().value() > 0


def test_contents_follow_the_section_being_read(qtbot):
    guide = GuideWindow(load_guide())
    qtbot.addWidget(guide)
    guide.show()
    guide.browser.scrollToAnchor("exchange-send")
    assert guide.contents.currentItem().text(0) == "Отправить пакет"
    layout = guide.browser.document().documentLayout()
    receive = next(block for block, anchor in guide.anchored_blocks if anchor == "exchange-receive")
    guide.browser.verticalScrollBar().setValue(int(layout.blockBoundingRect(receive).top()) - 5)
    assert guide.contents.currentItem().text(0) == "Отправить пакет"  # its heading not yet at the top
    guide.browser.verticalScrollBar().setValue(int(layout.blockBoundingRect(receive).top()))
    assert guide.contents.currentItem().text(0) == "Загрузить пакет"


def test_search_marks_every_match_and_steps_through_them(qtbot):
    guide = GuideWindow(load_guide())
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText().lower()
    expected = text.count("отпечат")
    assert expected > 3
    guide.search.setText("Отпечат")  # marks as it is typed
    assert guide.found.text().startswith(f"{expected} совпаден")
    assert len(guide.browser.extraSelections()) == expected
    positions = []
    for _ in range(expected + 1):
        assert guide.find_next()
        positions.append(guide.browser.textCursor().selectionStart())
    assert positions[-1] == positions[0] and sorted(positions[:-1]) == positions[:-1]  # in order, then round again
    guide.search.setText("нет такого слова в руководстве")
    assert guide.found.text() == "Не найдено" and guide.browser.extraSelections() == [] and not guide.find_next()


def test_guide_window_saves_the_whole_guide_as_a_pdf_in_the_background(qtbot, district_world, finished, tmp_path,
                                                                       monkeypatch):
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    guide = open_guide(window)
    assert guide.pdf_button.isVisibleTo(guide)
    assert finished(guide.save_pdf(str(tmp_path / "руководство")))
    written = tmp_path / "руководство.pdf"
    assert written.read_bytes().startswith(b"%PDF") and told == [f"Руководство сохранено: {written}"]
