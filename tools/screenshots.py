"""Screenshots of every page of the main window, to look at: both modes, the usual screen sizes.

    .venv/bin/python tools/screenshots.py --db district.db --out shots/ [--size 1366x768 --size 1920x1080]

Each page is shown, its reads finished, and the window saved as `<mode>-<width>x<height>-<page>.png`. Runs on any
Qt platform: offscreen by default, or a real X server with `DISPLAY=:N QT_QPA_PLATFORM=xcb`.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from app.db import open_database  # noqa: E402
from app.ui.app import make_application  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.operations import finish_running  # noqa: E402

SIZES = ("1366x768", "1920x1080")
SETTLE_SECONDS = 30


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


def main() -> None:
    parser = argparse.ArgumentParser(description="Снимки всех страниц окна Куратора.")
    parser.add_argument("--db", required=True, help="файл базы (район или школа)")
    parser.add_argument("--out", required=True, type=Path, help="папка для снимков")
    parser.add_argument("--size", action="append", help="размер окна, например 1366x768 (можно несколько)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in shoot(args.db, args.out, args.size or list(SIZES)):
        print(path)


if __name__ == "__main__":
    main()
