"""The program's own icons: one outline style, drawn as SVG in resources/icons (see its README).

Qt draws them through its SVG icon engine (the QtSvg module and the `iconengines` plugin, both in the bundle), so
they stay sharp at any scale. Asking for an icon that is not drawn is a programming error, not a blank square."""

from functools import cache

import PySide6.QtSvg  # noqa: F401 — the SVG icon engine needs the QtSvg library: imported, PyInstaller bundles it
from PySide6.QtGui import QIcon

from app.paths import ICONS


def icon_path(name: str) -> str:
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        raise LookupError(f"no icon {name!r} in {ICONS}")
    return str(path)


@cache
def icon(name: str) -> QIcon:
    """The icon `name` (the file name in resources/icons without «.svg»)."""
    return QIcon(icon_path(name))
