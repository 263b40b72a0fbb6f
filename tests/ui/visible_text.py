"""What a user reads in the window, and the words in it that are not for a user: a file path of the project's sources
(`seeds/…`), an identifier joined with `_`, a Latin word outside the few a Russian user reads as they are."""

import re
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6 import QtGui
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

# Latin words a Russian user reads as they are: product and format names, the signature's algorithms
ALLOWED = frozenset({"PDF", "Excel", "Word", "USB", "SHA", "Ed25519", "OpenSSL", "JSON", "ID", "xlsx", "docx", "pdf",
                     "kpkt", "pem", "db", "Python"})
ROMAN = re.compile(r"^[IVX]+$")  # «II полугодие», «раздел V»
SEEDS = re.compile(r"seeds/")
JOINED = re.compile(r"\b[A-Za-z]+(?:_[A-Za-z0-9]+)+\b")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
ROWS_READ = 40  # of a list, the first rows are read (enough for the demo's kinds of values)


def not_for_users(text: str) -> list[str]:
    """The pieces of `text` a user should not read: «seeds/», «isb_weights», «Look»… (rich text read as shown)."""
    if QtGui.Qt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    without_paths = re.sub(r"\S*[/\\]\S*", " ", text)  # a file's path names the user's own file: not a finding
    found = [match.group() for match in SEEDS.finditer(text)]
    found += [match.group() for match in JOINED.finditer(without_paths)]
    found += [word for word in LATIN.findall(without_paths) if word not in ALLOWED and not ROMAN.match(word)]
    return found


def model_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            yield str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")
    for row in range(min(model.rowCount(), ROWS_READ)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield str(model.data(index, role) or "")


def widget_texts(widget: QWidget) -> Iterator[str]:
    """Every text of `widget` a user may read: its own and its tooltip."""
    yield widget.toolTip()
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QComboBox):
        yield from (widget.itemText(index) for index in range(widget.count()))
    elif isinstance(widget, QTabWidget):
        yield from (widget.tabText(index) for index in range(widget.count()))
        yield from (widget.tabToolTip(index) for index in range(widget.count()))
    elif isinstance(widget, QAbstractItemView):
        yield from model_texts(widget)


def page_texts(page: QWidget) -> Iterator[str]:
    for widget in [page, *page.findChildren(QWidget)]:
        yield from (text for text in widget_texts(widget) if text)
