"""Views over data that changes: each says which kinds of data it shows and refreshes lazily — marked dirty when the
year changes or an operation announces a change to one of its kinds, at once if it is visible, else when it is next
shown. Its reads run off the UI thread, and only the newest read is shown."""

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.orm import Session

from ..operations import Changes, QueryOp


class RefreshWhenShown:
    """Mixed into a QWidget (before it) that holds `workspace` and defines `refresh()`; `follow(kinds)` starts it."""

    dirty = True
    shown_kinds: frozenset[str] = frozenset()
    _newest: QueryOp | None = None

    def follow(self, kinds: Iterable[str], year: bool = True) -> None:
        """Refresh after changes to `kinds` (EVERYTHING: to any kind) and, with `year`, after the year changes."""
        self.shown_kinds = frozenset(kinds)
        if year:
            self.workspace.year_changed.connect(self._year_changed)
        self.workspace.data_changed.connect(self._data_changed)

    def _year_changed(self, _year: int) -> None:
        self.mark_dirty()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(self.shown_kinds):
            self.mark_dirty()

    def mark_dirty(self) -> None:
        """What is shown is out of date: refresh now if visible, otherwise when next shown."""
        self.dirty = True
        if self.isVisible():
            self._refresh_now()

    def showEvent(self, event) -> None:  # noqa: N802 — Qt naming
        super().showEvent(event)
        if self.dirty:
            self._refresh_now()

    def _refresh_now(self) -> None:
        self.dirty = False
        self.refresh()

    def load(self, work: Callable[[Session], Any], show: Callable[[Any], object], label: str | None = None) -> QueryOp:
        """Run `work(session)` on a worker thread, then `show(result)` on the UI thread unless a newer load has
        started meanwhile; with `label`, a progress dialog says what is being computed."""

        def show_if_newest(result: Any) -> None:
            if self._newest is op:
                show(result)

        op = QueryOp(self, self.workspace, work, show_if_newest).while_wanted(lambda: self._newest is op)
        self._newest = op.with_progress(label) if label else op
        return op.run()

    @property
    def loaded(self) -> bool:
        """Whether the view shows its newest load and is not waiting to refresh."""
        return not self.dirty and self._newest is not None and self._newest.done
