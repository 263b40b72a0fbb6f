"""Start the window: open the database (migrating it), ask for first-run setup, show the main window."""

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app import __version__
from app.db import Database, open_database
from app.errors import KuratorError
from app.paths import ICONS, QT_TRANSLATIONS
from app.services.installation import get_installation
from app.ui.garbage import UiThreadCollector
from app.ui.widgets.screen_fit import keep_popups_within_screen

# Set by the installer's smoke test: close the window after this many milliseconds and report when it was shown.
SMOKE_EXIT_VARIABLE = "KURATOR_SMOKE_EXIT_MS"
# With it also set (to a number of ms), the smoke run shows every page of the navigation in turn, that long each,
# before the exit delay starts: the installer's tests load everything a page loads (Qt plugins, charts) in the bundle.
SMOKE_PAGES_VARIABLE = "KURATOR_SMOKE_PAGES_MS"


def install_qt_translation(app: QApplication) -> bool:
    """Russian texts for Qt's own dialogs and buttons (qtbase_ru.qm from Qt's or the bundle's translations)."""
    translator = QTranslator(app)
    folders = (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(QT_TRANSLATIONS))
    if not any(translator.load("qtbase_ru", folder) for folder in folders):
        return False
    return app.installTranslator(translator)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Куратор")
    app.setOrganizationName("Kurator")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(ICONS / "kurator.png")))
    install_qt_translation(app)
    keep_popups_within_screen(app)
    if app.findChild(UiThreadCollector) is None:
        UiThreadCollector(app)
    return app


def set_up(database: Database, setup) -> str:
    """Initialise the database with the first-run choices (its signing keys made with the chosen passphrase);
    returns the installation's name."""
    from app.services.setup import initialize  # the keys, catalogues and seeds: a new database's concern only

    with database.session() as session:
        installation = initialize(session, setup.mode, setup.name, setup.school_code, setup.program_year,
                                  passphrase=setup.passphrase)
        return installation.name


def first_run(database: Database):
    """Ask who this database belongs to, unless it is set up already: the choices, True (set up already),
    or None when the user cancels."""
    with database.session() as session:
        if get_installation(session) is not None:
            return True
    from app.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_setup is None:
        return None
    set_up(database, dialog.result_setup)
    return dialog.result_setup


class FirstPaint(QObject):
    """Calls `then()` once, when the watched widget is first painted (not merely shown: a window never painted
    reports nothing)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt naming
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.then()
        return False


def since_process_start(fallback: float) -> float:
    """Seconds since this process started (Linux knows it; elsewhere since `fallback`, a perf_counter reading)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - fallback


def tour_pages(window, pause_ms: int, then: Callable[[], None]) -> None:
    """Show each page of the window's navigation in turn, `pause_ms` apiece, naming it on stderr; then `then()`."""
    rows = iter(range(window.nav.count()))

    def next_page() -> None:
        row = next(rows, None)
        if row is None:
            then()
            return
        window.nav.setCurrentRow(row)
        print(f"page shown: {window.nav.item(row).text()}", file=sys.stderr, flush=True)
        QTimer.singleShot(pause_ms, window, next_page)

    next_page()


def arm_smoke_exit(app: QApplication, window: QWidget, started: float) -> None:
    """With KURATOR_SMOKE_EXIT_MS set, say on stderr when the window is first painted and quit that many ms later
    (after showing every page, KURATOR_SMOKE_PAGES_MS apiece, when that is set too)."""
    delay = os.environ.get(SMOKE_EXIT_VARIABLE, "")
    if not delay.isdigit():
        return
    pages = os.environ.get(SMOKE_PAGES_VARIABLE, "")

    def leave() -> None:
        QTimer.singleShot(int(delay), window, app.quit)  # not once the window is gone

    def painted() -> None:
        print(f"window painted in {since_process_start(started):.2f} s", file=sys.stderr, flush=True)
        if pages.isdigit():
            tour_pages(window, int(pages), leave)
        else:
            leave()

    FirstPaint(window, painted)


def open_packet(window, packet: Path) -> None:
    """The .kpkt file association: the exchange page with the import dialog for that file."""
    window.statusBar().showMessage(f"Открыт пакет данных: {packet.name}")
    window.show_page("exchange").import_packet(packet)


def run(db: str | None = None, packet: str | None = None) -> int:
    started = time.perf_counter()
    app = make_application()
    try:
        database = open_database(db)
    except KuratorError as error:
        QMessageBox.critical(None, "Куратор", error.message)
        return error.exit_code
    setup = first_run(database)
    if setup is None:
        return 0
    from app.ui.main_window import (
        MainWindow,  # imports every page: not needed for an error or the first-run dialog
    )

    window = MainWindow(database)
    arm_smoke_exit(app, window, started)
    collector = app.findChild(UiThreadCollector)
    FirstPaint(window, lambda: QTimer.singleShot(0, collector.settle))  # after the paint, before the first keystroke
    window.show()
    if packet:
        QTimer.singleShot(0, lambda: open_packet(window, Path(packet)))
    if getattr(setup, "load_demo", False):
        window.pages["settings"].load_demo()
    return app.exec()
