"""The school filter's choices, shared by every list of a window: read once, off the UI thread, by the first list
shown that needs them, and read again after a change to schools (2,000 schools are not read once per list)."""

from PySide6.QtCore import QObject

from app.services.records import list_sources, ref_options

from ..operations import Changes
from ..workspace import Workspace

SOURCES = list_sources("school")
Options = list[tuple[str, str]]


class SchoolChoices(QObject):
    """`options` (id, label) by label, or None until read; `version` counts the changes to schools seen."""

    def __init__(self, workspace: Workspace):
        super().__init__(workspace)
        self.options: Options | None = None
        self.version = 0
        workspace.data_changed.connect(self._data_changed)

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(SOURCES):
            self.options = None
            self.version += 1

    def keep(self, options: Options, version: int) -> None:
        """Keep options read while `version` was current (older ones are out of date already)."""
        if version == self.version:
            self.options = options

    @staticmethod
    def read(session) -> Options:
        return ref_options(session, "school")


def school_choices(workspace: Workspace) -> SchoolChoices:
    """The window's one set of school choices."""
    found = workspace.findChild(SchoolChoices)
    return found if found is not None else SchoolChoices(workspace)
