"""Opening a file kept in the data folder (evidence of an event, a file behind an answer) with the system's viewer."""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.models import StoredFile
from app.services.file_store import stored_path

NOT_HERE = ("Файла «{name}» нет в папке данных: {path}.\nОн приходит в пакете вместе с записью; если запись пришла "
            "без него, у отправителя файла не было в папке данных, когда пакет подписывался: попросите прикрепить "
            "файл заново и прислать следующий пакет.")


def open_stored(parent: QWidget, files_dir: Path, record: StoredFile) -> bool:
    """Open the record's file; a file that is not in the data folder is explained instead."""
    path = stored_path(files_dir, record)
    if not path.is_file():
        QMessageBox.warning(parent, "Документы", NOT_HERE.format(name=record.file_name, path=path))
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
