"""The layers of DESIGN.md hold: ui → services → models, no arrow up, no import circle (hidden ones included)."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
QT_IN_SERVICES = {"app.services.output.charts", "app.services.output.painter"}  # the chart renderer


def module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in APP.rglob("*.py")}


def imported(name: str) -> set[str]:
    """Every module `name` imports, wherever the import statement stands (inside functions too)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):  # names defined in `base` itself, not only its submodules
                found.add(base)
    return found


def app_imports(name: str) -> set[str]:
    return {target for target in imported(name) if target in MODULES and target != name}


def layer_violations(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(f"{name} → {target}" for name in MODULES if name.startswith(layer)
                  for target in imported(name) if target.startswith(forbidden))


def test_services_import_nothing_from_the_window_or_the_command_line():
    assert layer_violations("app.services", ("app.ui", "app.cli")) == []


def test_models_import_no_services_window_or_command_line():
    assert layer_violations("app.models", ("app.services", "app.ui", "app.cli")) == []


def test_only_the_chart_renderer_uses_qt_among_the_services():
    users = {name for name in MODULES if name.startswith("app.services")
             and any(target.startswith("PySide6") for target in imported(name))}
    assert users == QT_IN_SERVICES


def test_no_module_imports_pandas_or_numpy():
    """The analytics are plain Python: the program needs neither library (nor their 60 MB in the bundle)."""
    users = {f"{name} → {target}" for name in MODULES for target in imported(name)
             if target.split(".")[0] in ("pandas", "numpy")}
    assert users == set()


def test_charts_are_drawn_without_pyqtgraph():
    """Our own QPainter renderer draws every chart: pyqtgraph (and the numpy, OpenBLAS and QtOpenGL it brings into
    the bundle) is imported nowhere."""
    assert sorted(name for name in MODULES if any(target.split(".")[0] == "pyqtgraph"
                                                  for target in imported(name))) == []


def cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    """A path start → … → start through the graph, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for target in graph[node]:
            if target == start:
                return path + [start]
            if target not in seen:
                seen.add(target)
                stack.append((target, path + [target]))
    return None


def test_no_import_circles_even_through_imports_inside_functions():
    graph = {name: app_imports(name) for name in MODULES}
    cycles = {" → ".join(cycle) for name in MODULES if (cycle := cycle_from(name, graph))}
    assert cycles == set()


@pytest.mark.parametrize("package", ["app.services", "app.services.roadmaps", "app.services.exchange"])
def test_service_packages_say_what_lives_in_them(package):
    assert ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8")))


def test_every_service_package_has_a_docstring_and_few_modules_stay_at_the_top():
    services = APP / "services"
    packages = [path for path in services.iterdir() if (path / "__init__.py").is_file()]
    assert all(ast.get_docstring(ast.parse((path / "__init__.py").read_text(encoding="utf-8"))) for path in packages)
    top = [path.name for path in services.glob("*.py") if path.name != "__init__.py"]
    assert len(top) <= 12 and "utils.py" not in top


def service_package(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "services" else None


def test_service_packages_depend_on_each_other_in_one_direction():
    graph: dict[str, set[str]] = {}
    for name in MODULES:
        package = service_package(name)
        if package is not None:
            targets = {service_package(target) for target in app_imports(name)}
            graph.setdefault(package, set()).update(targets - {None, package})
    for target in set().union(*graph.values()) - graph.keys():
        graph[target] = set()
    assert {" → ".join(cycle) for package in graph if (cycle := cycle_from(package, graph))} == set()
