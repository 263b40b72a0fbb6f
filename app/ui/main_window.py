"""The main window."""

from PySide6.QtWidgets import QLabel, QMainWindow

from app.db import Database
from app.services.installation import get_installation


class MainWindow(QMainWindow):
    def __init__(self, database: Database):
        super().__init__()
        self.database = database
        with database.session() as session:
            installation = get_installation(session)
            name = installation.name if installation else "новая база"
        self.setWindowTitle(f"Куратор — {name}")
        self.setCentralWidget(QLabel(f"База данных: {database.location.display}"))
        self.resize(1200, 800)
