"""«Рекомендации района» at a school: the recommendations the district addressed to it, with the school's answer to
each; «Ответить…» (or a double click) opens the answer. At the district the recommendation's card opens the same
answer read-only, with its files."""

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..widgets.cards import CardAction, CardSpec, register_card
from ..widgets.record_form import note_label
from ..widgets.tabbed_page import page_title
from ..widgets.table_page import TablePage
from ..workspace import Workspace
from .dialog import open_answer

ABOUT = ("Рекомендации даёт управление образования. По каждой школа пишет ответ — что сделано, состояние, дату — и "
         "прикладывает файлы (приказ, протокол, фото); ответы и файлы уходят в район со следующим пакетом.")

register_card("recommendation", CardSpec(actions=(
    CardAction("Ответ школы…", "recommendation", lambda workspace, record_id, card: open_answer(workspace, record_id, card)),
)))


class RecommendationsPage(QWidget):
    """The list of recommendations to this school (year filter, search), each opening its answer."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Рекомендации района"))
        layout.addWidget(note_label(ABOUT))
        self.table = TablePage(workspace, "recommendation")
        self.table.edit_button.setText("Ответить…")
        self.table.open_requested.connect(lambda record_id: record_id and open_answer(workspace, record_id, self))
        layout.addWidget(self.table)

    def current_table(self) -> TablePage:
        return self.table

    def apply_filters(self, filters: dict) -> None:
        self.table.apply_filters(filters)
