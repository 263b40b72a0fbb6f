"""Where the application's own files (resources, migrations) lie: source tree or frozen bundle."""

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


ROOT = _root()
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "migrations"
FONTS = RESOURCES / "fonts"
ICONS = RESOURCES / "icons"
QT_TRANSLATIONS = ROOT / "translations"  # only in the frozen bundle; from source Qt's own folder serves
