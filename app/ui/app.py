"""Start the window: open the database (migrating it), ask for first-run setup, show the main window."""

import sys

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app import __version__
from app.db import Database, open_database
from app.errors import KuratorError
from app.services.installation import get_installation, initialize, on_passphrase_chosen


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Куратор")
    app.setOrganizationName("Kurator")
    app.setApplicationVersion(__version__)
    return app


def set_up(database: Database, setup) -> str:
    """Initialise the database with the first-run choices; returns the installation's name."""
    with database.session() as session:
        installation = initialize(session, setup.mode, setup.name, setup.school_code, setup.program_year)
        on_passphrase_chosen(session, setup.passphrase)
        return installation.name


def first_run(database: Database):
    """Ask who this database belongs to, unless it is set up already: the choices, True (set up already),
    or None when the user cancels."""
    from app.ui.first_run import FirstRunDialog

    with database.session() as session:
        if get_installation(session) is not None:
            return True
    dialog = FirstRunDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_setup is None:
        return None
    set_up(database, dialog.result_setup)
    return dialog.result_setup


def run(db: str | None = None) -> int:
    app = make_application()
    try:
        database = open_database(db)
    except KuratorError as error:
        QMessageBox.critical(None, "Куратор", error.message)
        return error.exit_code
    setup = first_run(database)
    if setup is None:
        return 0
    from app.ui.main_window import MainWindow

    window = MainWindow(database)
    window.show()
    if getattr(setup, "load_demo", False):
        window.pages["settings"].load_demo()
    return app.exec()
