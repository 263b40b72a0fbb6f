"""«Руководство пользователя»: the guide (app.services.guide) in a text browser beside its table of contents, with
a search field that marks every match and steps through them. One window per main window; F1 on a page opens it
at that page's chapter."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError
from app.services.guide.document import GUIDE, TITLE, Guide, load_guide
from app.services.guide.html import guide_html
from app.services.guide.pdf import guide_pdf
from app.services.output.ru_format import count_noun
from app.services.reports.parts import check_target

from ..operations import QueryOp
from ..widgets.icons import icon
from ..workspace import Workspace

MATCH_COLOUR = QColor("#ffe680")
MARKED_AT_MOST = 500  # matches marked in the text; a one-letter search over the whole guide stays quick
MATCH_FORMS = ("совпадение", "совпадения", "совпадений")
ANCHOR = Qt.ItemDataRole.UserRole
PDF_FILTER = "Документ PDF (*.pdf)"
PDF_NAME = "Куратор — руководство пользователя.pdf"
SIZE = (1100, 720)  # at least, where the screen has room


class GuideWindow(QWidget):
    def __init__(self, guide: Guide, parent: QWidget | None = None, workspace: Workspace | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.guide, self.workspace = guide, workspace
        self.setWindowTitle(TITLE)
        self.setWindowIcon(icon("guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(GUIDE)])
        self.browser.setHtml(guide_html(guide))
        self.contents = contents_tree(guide)
        self.contents.itemActivated.connect(self._go_to_item)
        self.contents.itemClicked.connect(self._go_to_item)
        self.anchored_blocks = anchored_blocks(self.browser.document())
        self.browser.verticalScrollBar().valueChanged.connect(self._follow)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Поиск в руководстве…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self.mark_matches)
        self.search.returnPressed.connect(self.find_next)
        self.next_button = QPushButton("Найти далее")
        self.next_button.clicked.connect(self.find_next)
        self.found = QLabel()
        self.pdf_button = QPushButton(icon("reports"), "Сохранить в PDF…")
        self.pdf_button.setToolTip("Всё руководство одним файлом PDF — чтобы напечатать или передать коллегам")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.pdf_button.setVisible(workspace is not None)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        self._lay_out()
        room = self.screen().availableGeometry()  # a third of a wide screen left free; a title bar's room kept
        self.resize(min(max(SIZE[0], room.width() * 2 // 3), room.width()),
                    min(max(SIZE[1], room.height() * 5 // 6), room.height() * 11 // 12))

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.next_button)
        bar.addWidget(self.found)
        bar.addWidget(self.pdf_button)
        splitter = QSplitter()
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 820])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def show_chapter(self, anchor: str = "") -> None:
        """Show the window at the chapter `anchor` (the beginning when empty) and bring it to the front."""
        if anchor:
            self.browser.scrollToAnchor(anchor)
            self._select(anchor)
        else:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            self.contents.setCurrentItem(self.contents.topLevelItem(0))
        self.show()
        self.raise_()
        self.activateWindow()

    def _select(self, anchor: str) -> None:
        found = self.contents.findItems("", Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive)
        item = next((item for item in found if item.data(0, ANCHOR) == anchor), None)
        if item is not None:
            self.contents.setCurrentItem(item)

    def save_pdf(self, path: str = "") -> QueryOp | None:
        """Ask where (unless `path` is given), then write the whole guide as a PDF in the background."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Сохранить руководство", str(Path.home() / PDF_NAME), PDF_FILTER)
        if not path:
            return None
        target = path if path.lower().endswith(".pdf") else f"{path}.pdf"
        return QueryOp(self, self.workspace, lambda _session: guide_pdf(self.guide, check_target(target)),
                       lambda written: QMessageBox.information(self, TITLE, f"Руководство сохранено: {written}")
                       ).with_progress("Руководство сохраняется в PDF…").run()

    def _go_to_item(self, item: QTreeWidgetItem) -> None:
        self.browser.scrollToAnchor(item.data(0, ANCHOR))

    def _follow(self, top: int) -> None:
        """Mark in the contents the section being read: the last heading at or above the top of the view."""
        layout = self.browser.document().documentLayout()
        passed = [anchor for block, anchor in self.anchored_blocks if layout.blockBoundingRect(block).top() <= top + 1]
        if passed:
            self._select(passed[-1])

    def mark_matches(self, text: str) -> int:
        """Mark every place the text occurs (case ignored) and say how many there are."""
        document = self.browser.document()
        marks: list[QTextEdit.ExtraSelection] = []
        cursor = document.find(text) if text.strip() else QTextCursor()
        while not cursor.isNull() and len(marks) < MARKED_AT_MOST:
            mark = QTextEdit.ExtraSelection()
            mark.cursor = cursor
            mark.format.setBackground(MATCH_COLOUR)
            marks.append(mark)
            cursor = document.find(text, cursor)
        self.browser.setExtraSelections(marks)
        self.found.setText(_found_text(text, len(marks)))
        return len(marks)

    def find_next(self) -> bool:
        """Move to the next match after the cursor, going round to the beginning at the end."""
        text = self.search.text()
        if not text.strip():
            return False
        if self.browser.find(text):
            return True
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        return self.browser.find(text)


def _found_text(text: str, count: int) -> str:
    if not text.strip():
        return ""
    if not count:
        return "Не найдено"
    more = "не меньше " if count >= MARKED_AT_MOST else ""
    return more + count_noun(count, MATCH_FORMS)


def anchored_blocks(document: QTextDocument) -> list[tuple[QTextBlock, str]]:
    """The document's blocks that hold a named anchor (the headings), in reading order."""
    found = []
    block = document.begin()
    while block.isValid():
        names = [name for fragment in _fragments(block) for name in fragment.charFormat().anchorNames()]
        if names:
            found.append((block, names[0]))
        block = block.next()
    return found


def _fragments(block: QTextBlock):
    iterator = block.begin()
    while not iterator.atEnd():
        yield iterator.fragment()
        iterator += 1


def contents_tree(guide: Guide) -> QTreeWidget:
    """The chapters and their sections as a tree; the first level open."""
    tree = QTreeWidget()
    tree.setHeaderHidden(True)
    parents: dict[int, QTreeWidgetItem] = {}  # the latest heading of each level above the current one
    for heading in guide.headings():
        parents = {level: item for level, item in parents.items() if level < heading.level}
        parent = parents[max(parents)] if parents else None
        item = QTreeWidgetItem([heading.text])
        item.setData(0, ANCHOR, heading.anchor)
        item.setToolTip(0, heading.text)
        if parent is None:
            tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        parents[heading.level] = item
    for index in range(tree.topLevelItemCount()):
        tree.topLevelItem(index).setExpanded(True)
    return tree


def open_guide(owner: QWidget, anchor: str = "") -> GuideWindow | None:
    """The owner's guide window (made on first use) at the chapter `anchor`; a message if the guide is missing."""
    window = owner.findChild(GuideWindow)
    if window is None:
        try:
            window = GuideWindow(load_guide(), owner, getattr(owner, "workspace", None))
        except KuratorError as error:
            QMessageBox.warning(owner, "Руководство пользователя", str(error))
            return None
    window.show_chapter(anchor)
    return window
