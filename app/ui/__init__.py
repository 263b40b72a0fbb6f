"""Qt only: windows, pages, dialogs, table models, workers. Calls services; holds no business rules and no SQL."""
