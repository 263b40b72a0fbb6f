"""Screenshots of every page of the main window, to look at: both modes, the usual screen sizes.

    .venv/bin/python tools/screenshots.py --db district.db --out shots/ [--size 1366x768 --size 1920x1080]
    .venv/bin/python tools/screenshots.py --guide

Each page is shown, its reads finished, and the window saved as `<mode>-<width>x<height>-<page>.png`. Runs on any
Qt platform: offscreen by default, or a real X server with `DISPLAY=:N QT_QPA_PLATFORM=xcb`.

With --guide the pictures of the user guide are made again from fresh demo databases (a district and a school, in a
temporary folder, with settings of their own): resources/guide/images/<mode>-<page>.png at one fixed window size.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from app.cli import main as kurator  # noqa: E402
from app.db import open_database  # noqa: E402
from app.services.guide.document import IMAGES, load_guide  # noqa: E402
from app.ui.app import make_application  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import finish_running  # noqa: E402

SIZES = ("1366x768", "1920x1080")
SETTLE_SECONDS = 30
GUIDE_SIZE = (1280, 720)
DEMO_SEATS = {  # the demo installations of the guide's pictures: mode → `kurator init` arguments
    "district": ["--mode", "district", "--name", "Терский муниципальный район"],
    "school": ["--mode", "school", "--school", "0701003", "--name", "МКОУ СОШ с.п. Ново-Хамидие"],
}


def settle() -> None:
    for _ in range(3):  # a finished read may start another (a page shown, then its charts)
        QCoreApplication.processEvents()
        finish_running(SETTLE_SECONDS)


def shoot(database_path: str, out: Path, sizes: list[str]) -> list[Path]:
    make_application()
    database = open_database(database_path)
    written = []
    for size in sizes:
        width, height = (int(part) for part in size.split("x"))
        window = MainWindow(database)
        window.resize(width, height)
        window.show()
        mode = "school" if window.workspace.scope().is_school else "district"
        for spec in window.specs:
            window.show_page(spec.key)
            settle()
            path = out / f"{mode}-{size}-{spec.key}.png"
            window.grab().save(str(path))
            written.append(path)
        window.close()
    database.close()
    return written


def guide_pages() -> dict[str, list[str]]:
    """The pages the guide shows, by mode, from its pictures' names («district-overview.png»)."""
    wanted: dict[str, list[str]] = {}
    for picture in load_guide().pictures():
        mode, _, page = picture.stem.partition("-")
        wanted.setdefault(mode, []).append(page)
    return wanted


def shoot_guide(folder: Path) -> list[Path]:
    """The guide's pictures from demo databases made in `folder`."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    make_application()
    written = []
    for mode, pages in guide_pages().items():
        database_path = str(folder / f"{mode}.db")
        if kurator(["--db", database_path, "init", *DEMO_SEATS[mode]]) or kurator(["--db", database_path, "demo"]):
            raise SystemExit(f"Не удалось создать демонстрационную базу ({mode}).")
        database = open_database(database_path)
        window = MainWindow(database)
        window.resize(*GUIDE_SIZE)
        window.statusBar().hide()  # it names the temporary database file
        window.show()
        for key in pages:
            window.show_page(key)
            settle()
            path = IMAGES / f"{mode}-{key}.png"
            window.grab().save(str(path), "PNG", 0)  # quality 0: the strongest compression
            written.append(path)
        window.close()
        database.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Снимки всех страниц окна Куратора.")
    parser.add_argument("--db", help="файл базы (район или школа)")
    parser.add_argument("--out", type=Path, help="папка для снимков")
    parser.add_argument("--size", action="append", help="размер окна, например 1366x768 (можно несколько)")
    parser.add_argument("--guide", action="store_true", help="снимки для руководства пользователя из демо-данных")
    args = parser.parse_args()
    if args.guide:
        with tempfile.TemporaryDirectory() as folder:
            written = shoot_guide(Path(folder))
    elif args.db and args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        written = shoot(args.db, args.out, args.size or list(SIZES))
    else:
        parser.error("укажите --db и --out или --guide")
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
