"""Screenshots of every page of the main window, to look at: both modes, the usual screen sizes.

    .venv/bin/python tools/screenshots.py --db district.db --out shots/ [--size 1366x768 --size 1920x1080] [--scale 1.25]

Each page is shown, its reads finished, and the window saved as `<mode>-<width>x<height>[-<scale>]-<page>.png`: the
size is the screen's in pixels, so at 125 % the window has 1366/1.25 × 768/1.25 of Qt's logical pixels. Column
widths and window geometry come from a fresh settings folder, not the user's. Runs on any Qt platform: offscreen by
default, or a real X server with `DISPLAY=:N QT_QPA_PLATFORM=xcb`.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

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


def fresh_settings() -> None:
    """Settings (window geometry, column widths) in a new folder: every run shoots the defaults."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="kurator-shots-"))


def shoot(database_path: str, out: Path, sizes: list[str], scale: float) -> list[Path]:
    make_application()
    fresh_settings()
    database = open_database(database_path)
    written = []
    suffix = f"-{round(scale * 100)}" if scale != 1 else ""
    for size in sizes:
        width, height = (int(part) for part in size.split("x"))
        window = MainWindow(database)
        window.resize(round(width / scale), round(height / scale))
        window.show()
        mode = "school" if window.workspace.scope().is_school else "district"
        for spec in window.specs:
            window.show_page(spec.key)
            settle()
            path = out / f"{mode}-{size}{suffix}-{spec.key}.png"
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
    parser.add_argument("--scale", type=float, default=1.0, help="масштаб экрана, например 1.25 (125 %%)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)  # read when the application starts
    for path in shoot(args.db, args.out, args.size or list(SIZES), args.scale):
        print(path)


if __name__ == "__main__":
    main()
