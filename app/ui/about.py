"""«О программе»: version, data folder, database."""

from PySide6.QtWidgets import QMessageBox, QWidget

from app import __version__
from app.config import data_dir
from app.db import Database


def about_text(database: Database) -> str:
    return (
        f"<h3>Куратор {__version__}</h3>"
        "<p>Сопровождение школ с низкими образовательными результатами (ШНОР) и школ, "
        "функционирующих в неблагоприятных социальных условиях (ШНСУ).</p>"
        f"<p><b>Папка данных:</b> {data_dir()}<br><b>База данных:</b> {database.location.display}</p>"
    )


def show_about(parent: QWidget, database: Database) -> None:
    QMessageBox.about(parent, "О программе", about_text(database))
