"""Start the window: open the database (migrating it), ask for first-run setup, show the main window."""

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.db import open_database
from app.errors import KuratorError


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Куратор")
    app.setOrganizationName("Kurator")
    app.setApplicationVersion(__version__)
    return app


def run(db: str | None = None) -> int:
    app = make_application()
    try:
        database = open_database(db)
    except KuratorError as error:
        QMessageBox.critical(None, "Куратор", error.message)
        return error.exit_code
    from app.ui.main_window import MainWindow

    window = MainWindow(database)
    window.show()
    return app.exec()
