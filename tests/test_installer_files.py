"""The installer definitions agree with each other and with the bundle, without building anything."""

import ast
import importlib.util
import re
from configparser import ConfigParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "windows" / "kurator.iss"
SPEC = INSTALLER / "kurator.spec"
LINUX = INSTALLER / "linux"


def iss_sections() -> dict[str, list[str]]:
    """The .iss file as {section: [non-comment lines]}; lines before the first section go under ''."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in ISS.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
            continue
        sections[current].append(line)
    return sections


def iss_entries(section: str) -> list[dict[str, str]]:
    """Lines like `Name: "x"; Flags: y` as dicts (quotes removed, doubled quotes kept as one)."""
    entries = []
    for line in iss_sections()[section]:
        fields = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line)
        entries.append({key: value.strip()[1:-1].replace('""', '"') if value.startswith('"') else value.strip()
                        for key, value in fields})
    return entries


def iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_sections()["Setup"])


def spec_literal(name: str):
    """A literal assigned at the top level of the PyInstaller spec."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned in the spec")


def system_libraries():
    """installer/linux/system_libraries.py, as build_deb.sh and the spec read it."""
    spec = importlib.util.spec_from_file_location("system_libraries", LINUX / "system_libraries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def deb_depends() -> list[str]:
    """The packages the .deb's control file depends on (names with their version conditions), the system's
    libraries (@SYSTEM@) filled in as build_deb.sh fills them."""
    control = (LINUX / "control.in").read_text(encoding="utf-8")
    depends = next(line for line in control.splitlines() if line.startswith("Depends:"))
    depends = depends.replace("@SYSTEM@", system_libraries().depends())
    return [name.strip() for name in depends.removeprefix("Depends:").split(",")]


def test_each_library_left_to_the_system_is_named_once():
    named = [library for libraries in system_libraries().SYSTEM_LIBRARIES.values() for library in libraries]
    assert len(named) == len(set(named))
    assert system_libraries().left_out("libstdc++.so.6") and not system_libraries().left_out("libQt6Core.so.6")


def spec_windows_executables() -> set[str]:
    text = SPEC.read_text(encoding="utf-8")
    windows_line = next(line for line in text.splitlines() if line.startswith("programs = "))
    return {f"{name}.exe" for name in re.findall(r'executable\("([^"]+)", \w+\)', windows_line.split(" if ")[0])}


def test_windows_installer_is_saved_with_a_bom_so_russian_texts_survive():
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")


def test_windows_installer_speaks_russian():
    languages = iss_entries("Languages")
    assert languages == [{"Name": "russian", "MessagesFile": "compiler:Languages\\Russian.isl"}]


def test_windows_installer_installs_per_user_without_administrator_rights():
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"].startswith("{autopf}")  # with lowest privileges: %LOCALAPPDATA%\Programs
    assert "PrivilegesRequiredOverridesAllowed" not in setup


def test_windows_installer_version_comes_from_the_define_the_build_script_passes():
    text = ISS.read_text(encoding="utf-8-sig")
    assert "#ifndef AppVersion" in text and "#error" in text
    assert iss_setup()["AppVersion"] == "{#AppVersion}"
    assert "{#AppVersion}" in iss_setup()["OutputBaseFilename"]
    build = (INSTALLER / "windows" / "build.ps1").read_text(encoding="utf-8-sig")
    assert '"/DAppVersion=$version"' in build and "installer\\version.py" in build


def test_every_installed_file_is_one_the_spec_builds():
    bundle_files = {entry["Source"].removeprefix("{#BundleDir}\\") for entry in iss_entries("Files")}
    executables = spec_windows_executables()
    assert executables == {"Kurator.exe", "kurator-cli.exe"}
    assert bundle_files == executables | {"_internal\\*"}


def test_shortcuts_and_association_start_the_windowed_program():
    targets = {entry["Filename"] for entry in iss_entries("Icons") + iss_entries("Run")}
    assert targets == {"{app}\\Kurator.exe"}
    desktop = next(entry for entry in iss_entries("Icons") if entry["Name"].startswith("{autodesktop}"))
    assert desktop["Tasks"] == "desktopicon"
    assert next(entry for entry in iss_entries("Tasks"))["Flags"] == "unchecked"


def test_kpkt_files_open_in_kurator_for_the_current_user():
    registry = {entry["Subkey"]: entry for entry in iss_entries("Registry")}
    assert all(entry["Root"] == "HKCU" for entry in registry.values())
    assert registry["Software\\Classes\\.kpkt"]["ValueData"] == "Kurator.Packet"
    command = registry["Software\\Classes\\Kurator.Packet\\shell\\open\\command"]["ValueData"]
    assert command == '"{app}\\Kurator.exe" gui "%1"'
    assert iss_setup()["ChangesAssociations"] == "yes"


def test_files_the_windows_installer_reads_exist():
    assert (ISS.parent / iss_setup()["SetupIconFile"].replace("\\", "/")).resolve().is_file()
    assert (ROOT / "resources" / "icons" / "kurator.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_uninstaller_asks_before_deleting_the_folder_where_platformdirs_keeps_the_data(monkeypatch):
    from platformdirs import windows

    monkeypatch.setattr(windows, "get_win_folder", windows.get_win_folder_from_env_vars)
    monkeypatch.setenv("LOCALAPPDATA", "C:\\Users\\u\\AppData\\Local")
    code = "\n".join(iss_sections()["Code"])
    assert "ExpandConstant('{localappdata}\\Kurator')" in code
    data_dir = windows.Windows("Kurator", appauthor=False).user_data_dir
    assert data_dir.replace("/", "\\") == "C:\\Users\\u\\AppData\\Local\\Kurator"
    assert "Удалить также базу данных и резервные копии?" in code
    assert "MB_DEFBUTTON2" in code and "UninstallSilent" in code  # «Нет» by default; silent uninstall keeps data


def test_spec_keeps_every_qt_module_the_application_imports():
    used = {match for path in (ROOT / "app").rglob("*.py")
            for match in re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))}
    assert used and not used & set(spec_literal("QT_EXCLUDED"))


@pytest.mark.parametrize("library", ["libqsvgicon.so", "qsvgicon.dll", "libQt6Svg.so.6", "Qt6Svg.dll"])
def test_spec_keeps_the_svg_icon_engine_that_draws_the_windows_icons(library):
    assert "QtSvg" not in spec_literal("QT_EXCLUDED")
    assert not library.startswith(spec_literal("GTK_ONLY"))


def test_linux_menu_entry_is_russian_and_opens_packets():
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / "kurator.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Name"] == "Куратор"
    assert re.search("[а-я]", desktop["Comment"])
    assert desktop["Categories"] == "Office;Education;"
    assert desktop["MimeType"] == "application/x-kurator-packet;"
    assert desktop["Exec"] == "kurator gui %f" and desktop["Icon"] == "kurator"


def test_linux_file_type_maps_kpkt_to_a_russian_description():
    xml = (LINUX / "kurator-mime.xml").read_text(encoding="utf-8")
    assert 'type="application/x-kurator-packet"' in xml and '<glob pattern="*.kpkt"/>' in xml
    assert '<comment xml:lang="ru">Пакет данных Куратора</comment>' in xml


@pytest.mark.parametrize("library", ["libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libgl1", "libfontconfig1",
                                     "libdbus-1-3", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
                                     "libxcb-render-util0", "libxcb-xinerama0", "libxcb-xkb1", "libxcb-shape0"])
def test_deb_depends_on_what_the_qt_xcb_platform_needs(library):
    assert library in deb_depends()


def test_deb_depends_on_the_libpq_that_the_bundled_psycopg_connects_to_postgresql_with():
    assert "libpq5" in deb_depends()
    assert '["psycopg_binary", "psycopg_c"]' in SPEC.read_text(encoding="utf-8")  # left out, on Linux only


def test_deb_maintainer_scripts_only_call_desktop_tools_that_exist():
    for name in ("postinst", "postrm"):
        script = (LINUX / name).read_text(encoding="utf-8")
        for tool in ("update-desktop-database", "update-mime-database", "gtk-update-icon-cache"):
            assert f"command -v {tool} >/dev/null" in script
        assert (LINUX / name).stat().st_mode & 0o111


def test_deb_and_bundle_take_the_version_from_pyproject():
    import importlib.util
    import tomllib

    module_spec = importlib.util.spec_from_file_location("installer_version", INSTALLER / "version.py")
    version = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(version)
    with open(ROOT / "pyproject.toml", "rb") as handle:
        assert version.project_version() == tomllib.load(handle)["project"]["version"]
    assert "@VERSION@" in (LINUX / "control.in").read_text(encoding="utf-8")
    assert "installer/version.py" in (LINUX / "build_deb.sh").read_text(encoding="utf-8")
