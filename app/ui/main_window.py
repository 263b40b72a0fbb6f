"""The main window: navigation along the management cycle, the year in the toolbar, menus, status bar."""

from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QWidget,
)

from app.db import Database
from app.models.reference import INSTALLATION_KINDS
from app.services import backup as backups
from app.services.demo_data import DEMO_NOTE, demo_present
from app.services.installation import default_program_year, get_installation

from .about import show_about
from .operations import EVERYTHING, ChangeOp, Changes, QueryOp, finish_running
from .page_stack import PageStack
from .pages import pages_for
from .settings.demo_actions import remove_demo_data
from .widgets.icons import icon
from .widgets.screen_fit import fit_to_screen
from .widgets.year_selector import YearSelector
from .workspace import Workspace

BACKUP_FILTER = "Резервная копия Куратора (*.db);;Все файлы (*)"
DEFAULT_SIZE = (1280, 820)
NAV_ICON_SIZE = QSize(20, 20)
NAV_MARGIN = 12  # px beside the longest page title, so that no title is cut
DEMO_STATUS = "В базе демонстрационные данные"
DEMO_TIP = ("Демонстрационные записи входят во все подсчёты и отчёты вместе с рабочими. Удалить их: «Файл → Удалить "
            "демонстрационные данные» (рабочие данные не затрагиваются).")
DEMO_STYLE = "color: #7a4b00; background: #fff4c2; padding: 1px 6px;"
CLOSING_WAIT_S = 60  # how long closing the window waits for changes still being saved


class MainWindow(QMainWindow):
    def __init__(self, database: Database):
        super().__init__()
        self.database = database
        with database.session() as session:
            installation = get_installation(session)
            self.name = installation.name if installation else "новая база"
            self.kind = installation.kind if installation else "district"
            self.mode = INSTALLATION_KINDS.get(installation.kind, "") if installation else ""
            self.program_year = (installation.program_year if installation else None) or default_program_year()
        self.workspace = Workspace(database, self.program_year)
        self.specs = pages_for(self.kind)
        self.has_demo = False
        self.setWindowTitle(f"Куратор — {self.name}")
        self._build_central()
        self._build_toolbar()
        self._build_menus()
        self._build_status()
        self.workspace.navigate.connect(self.navigate)
        self.workspace.data_changed.connect(lambda _changes: self.check_demo())
        self._restore_geometry()
        self.check_demo()

    def _build_central(self) -> None:
        self.nav = QListWidget()
        self.nav.setIconSize(NAV_ICON_SIZE)
        self.stack = self.pages = PageStack(self.specs, self.workspace)  # a page is made when first shown
        for spec in self.specs:
            item = QListWidgetItem(icon(spec.icon), spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.nav.setMinimumWidth(max(170, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + NAV_MARGIN))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.currentRowChanged.connect(self.stack.show_row)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 1000])
        self.setCentralWidget(splitter)
        self.nav.setCurrentRow(0)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Год")
        toolbar.setObjectName("year_toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Год программы: "))
        self.year_selector = YearSelector(self.program_year)
        self.year_selector.year_changed.connect(self._year_changed)
        self.workspace.year_changed.connect(self.year_selector.set_year)  # e.g. after «Начать новый год»
        toolbar.addWidget(self.year_selector)
        self.addToolBar(toolbar)

    def _action(self, menu, text: str, slot, shortcut=None, icon_name: str | None = None) -> QAction:
        action = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&Файл")
        self._action(file_menu, "Загрузить из Excel…", self.open_import, icon_name="import")
        self._action(file_menu, "Начать новый год…", self.start_year, icon_name="new-year")
        file_menu.addSeparator()
        self._action(file_menu, "Резервная копия…", self.make_backup, icon_name="backup")
        self._action(file_menu, "Восстановить…", self.restore_backup, icon_name="restore")
        file_menu.addSeparator()
        self.remove_demo_action = self._action(file_menu, "Удалить демонстрационные данные…",
                                               lambda: remove_demo_data(self, self.workspace), icon_name="remove-demo")
        file_menu.addSeparator()
        self._action(file_menu, "Выход", self.close, QKeySequence("Ctrl+Q"), "exit")
        edit = bar.addMenu("&Правка")
        self._action(edit, "Создать", lambda: self._on_table("create_record"), QKeySequence("Ctrl+N"), "create")
        self._action(edit, "Изменить", lambda: self._on_table("edit_record"), QKeySequence("Ctrl+E"), "edit")
        self._action(edit, "Удалить", lambda: self._on_table("delete_record"),
                     QKeySequence(QKeySequence.StandardKey.Delete), "delete")
        view = bar.addMenu("&Вид")
        for index, spec in enumerate(self.specs):
            shortcut = QKeySequence(f"Ctrl+{index + 1}") if index < 9 else None
            self._action(view, spec.title, lambda _checked=False, key=spec.key: self.show_page(key), shortcut, spec.icon)
        help_menu = bar.addMenu("&Справка")
        self._action(help_menu, "Руководство пользователя", lambda: self.open_guide(), icon_name="guide")
        self._action(help_menu, "Справка по этой странице", self.page_help,
                     QKeySequence(QKeySequence.StandardKey.HelpContents), "page-help")
        help_menu.addSeparator()
        self._action(help_menu, "О программе", lambda: show_about(self, self.database), icon_name="about")

    def _build_status(self) -> None:
        self.status_label = QLabel()
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # a long path: cut
        self.statusBar().addWidget(self.status_label, 1)
        self.demo_label = QLabel(DEMO_STATUS)
        self.demo_label.setToolTip(DEMO_TIP)
        self.demo_label.setStyleSheet(DEMO_STYLE)
        self.demo_label.hide()
        self.statusBar().addPermanentWidget(self.demo_label)
        self._update_status()

    def check_demo(self) -> QueryOp:
        """Find out (off the UI thread) whether demo records exist, and say so in the title and status bars."""
        return QueryOp(self, self.workspace, demo_present, self._show_demo).run()

    def _show_demo(self, present: bool) -> None:
        self.has_demo = present
        self.setWindowTitle(f"Куратор — {self.name}" + (f" — {DEMO_NOTE}" if present else ""))
        self.demo_label.setVisible(present)
        self.remove_demo_action.setEnabled(present)

    def _update_status(self) -> None:
        text = f"База: {self.database.location.display}   ·   Режим: {self.mode}   ·   Год программы: {self.workspace.year}"
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    def _year_changed(self, year: int) -> None:
        self.workspace.set_year(year)
        self._update_status()

    def open_import(self) -> None:
        from .imports.dialog import open_import_dialog  # the Excel reader: when the user imports, not at start

        open_import_dialog(self, self.workspace)

    def start_year(self) -> None:
        from .years.dialogs import StartYearDialog  # the year's services: indicators, imports

        StartYearDialog(self.workspace, self).open()

    def current_page(self) -> QWidget:
        return self.stack.current_page()

    def open_guide(self, chapter: str = ""):
        from .guide.window import open_guide  # the guide's PDF writer: when the user asks for the guide

        return open_guide(self, chapter)

    def page_help(self):
        """F1: the guide at the chapter about the page shown."""
        return self.open_guide(self.specs[self.stack.currentIndex()].chapter)

    def show_page(self, key: str) -> QWidget:
        self.nav.setCurrentRow(self.stack.index_of(key))
        return self.pages[key]

    def navigate(self, key: str, filters: dict) -> None:
        """Open a page with filters applied (from an overview card)."""
        page = self.show_page(key)
        if hasattr(page, "apply_filters"):
            page.apply_filters(filters)

    def _on_table(self, action: str) -> None:
        page = self.current_page()
        table = page.current_table() if hasattr(page, "current_table") else None
        if table is not None and (self.focusWidget() is None or page.isAncestorOf(self.focusWidget())):
            getattr(table, action)()

    def make_backup(self) -> QueryOp | None:
        target, _ = QFileDialog.getSaveFileName(self, "Резервная копия", str(Path.home() / "kurator-backup.db"), BACKUP_FILTER)
        if not target:
            return None
        return QueryOp(self, self.workspace, lambda _session: backups.backup(self.database, Path(target)),
                       lambda written: QMessageBox.information(self, "Резервная копия", f"Копия записана: {written}")
                       ).with_progress("Записывается резервная копия…").run()

    def restore_backup(self) -> ChangeOp | None:
        source, _ = QFileDialog.getOpenFileName(self, "Восстановить из копии", str(Path.home()), BACKUP_FILTER)
        if not source:
            return None
        answer = QMessageBox.question(self, "Восстановление", "Заменить текущие данные содержимым копии? "
                                      "Прежнее состояние будет сохранено в папке резервных копий.")
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return (ChangeOp(self, self.workspace, lambda _session: backups.restore(self.database, Path(source)),
                         Changes(EVERYTHING)).with_progress("Данные восстанавливаются из копии…")
                .success(lambda safety: QMessageBox.information(
                    self, "Восстановление", f"Данные восстановлены. Прежнее состояние: {safety}")).run())

    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        fit_to_screen(self, None if restored else DEFAULT_SIZE)  # a smaller screen than when it was saved
        state = settings.value("main_window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 — Qt naming
        finish_running(CLOSING_WAIT_S)
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/state", self.saveState())
        super().closeEvent(event)
