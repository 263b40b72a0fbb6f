"""Removing the demo records from the window (the «Файл» menu and the Настройки page): ask, then delete every one
of them and nothing else."""

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.demo_data import DemoRemoval, remove_demo

from ..operations import EVERYTHING, ChangeOp, Changes
from ..workspace import Workspace

QUESTION = ("Удалить все демонстрационные записи (школы, педагоги, результаты, дорожные карты Терского района и "
            "т. п.)?\n\nРабочие данные, введённые или загруженные вами, не затрагиваются. Удаление нельзя отменить, "
            "но перед ним можно сделать резервную копию («Файл → Резервная копия…»).")


def remove_demo_data(parent: QWidget, workspace: Workspace) -> ChangeOp | None:
    answer = QMessageBox.question(parent, "Демонстрационные данные", QUESTION,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return None
    return (ChangeOp(parent, workspace, remove_demo, Changes(EVERYTHING))
            .with_progress("Удаляются демонстрационные данные…")
            .success(lambda removal: _removed(parent, removal)).run())


def _removed(parent: QWidget, removal: DemoRemoval) -> None:
    QMessageBox.information(parent, "Демонстрационные данные", removal.message())
