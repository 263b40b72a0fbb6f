"""Qt only: windows, pages, dialogs, table models, workers. Calls services; holds no business rules and no SQL."""

from app import qt_compat  # noqa: F401 — must precede any Qt call
