"""How app/ui is put together: shared widgets never import feature screens, and imports stand at the top of modules."""

import ast
from pathlib import Path

import app.ui
from app.ui.pages import CARDS

UI = Path(app.ui.__file__).parent
SHARED = {"widgets", "workspace", "operations"}  # what a shared widget may import from app.ui
# Imported when needed, to keep start-up light (tests/test_startup_imports.py): the window (not needed for an error
# or the first-run dialog), the first run's set-up, the Excel import and new-year dialogs (openpyxl), the
# overview's charts (made once the figures are painted).
LAZY_IMPORTS = {("app.py", "app.ui.main_window"), ("app.py", "app.services.setup"), ("app.py", "app.ui.first_run"),
                ("main_window.py", "imports.dialog"), ("main_window.py", "years.dialogs"), ("main_window.py", "guide.window"),
                ("page.py", "charts")}


def ui_modules_imported_by(path: Path) -> set[str]:
    """The app.ui modules `path` imports, by their name below app.ui (relative imports resolved)."""
    package = path.relative_to(UI.parent).with_suffix("").parts[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[:len(package) - node.level + 1]) if node.level else []
            names.add(".".join(base + (node.module or "").split(".")).strip("."))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name.removeprefix("ui.").removeprefix("app.ui.") for name in names
            if name.startswith(("ui.", "app.ui."))}


def test_shared_widgets_import_no_feature_screen():
    for path in (UI / "widgets").glob("*.py"):
        features = {name for name in ui_modules_imported_by(path) if name.split(".")[0] not in SHARED}
        assert not features, f"{path.name} imports feature modules {sorted(features)}"


def test_imports_stand_at_the_top_of_every_ui_module():
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for function in functions:
            for node in ast.walk(function):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                    assert (path.name, module) in LAZY_IMPORTS, f"{path.relative_to(UI)}: import {module} inside a function"


def test_the_navigation_names_the_feature_of_every_registered_card():
    """A card opens though its feature's page has not been shown: the navigation says which feature to import."""
    registered = {}
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "register_card":
                feature = ".".join(path.relative_to(UI).with_suffix("").parts)
                registered[node.args[0].value] = feature
    assert registered == CARDS
