"""What every page shares: the open database, the selected year, and signals that keep pages in step."""

from contextlib import contextmanager
from typing import Iterator

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from app.db import Database
from app.services.records import current_scope
from app.services.records.ownership import Scope


class Workspace(QObject):
    """The window's shared state. Pages listen to `year_changed` and `data_changed`, and ask to `navigate`."""

    year_changed = Signal(int)
    data_changed = Signal(object)  # the Changes an operation made (announced by app.ui.operations only)
    navigate = Signal(str, dict)  # page key, filters to apply there

    def __init__(self, database: Database, year: int):
        super().__init__()
        self.database = database
        self.year = year

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.database.session() as session:
            yield session

    def scope(self) -> Scope | None:
        with self.session() as session:
            return current_scope(session)

    def set_year(self, year: int) -> None:
        if year != self.year:
            self.year = year
            self.year_changed.emit(year)
