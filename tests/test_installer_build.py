"""Build the bundle and the .deb, run the bundled program, install it with apt-get and run the INSTALLED program
(CI; minutes, not seconds).

Skip locally with `-m "not installer"`. Installing needs root; the build itself does not. KURATOR_BUILT=FOLDER runs
the tests on a build made already by `installer/build.sh FOLDER` instead of building once more.
"""

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.pg_cluster import postgres_installed, throwaway_cluster

pytestmark = pytest.mark.installer

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_CEILING_MB = 150  # the target; measured 136 (156 with the system's libraries, 228 with pandas, 253 at first)
DEB_CEILING_MB = 50  # target 60; measured 44.1 (49.3 with the system's libraries, 69.4 with pandas, 78.4 at first)
WINDOW_TARGET_S = 3.0
WINDOW_CEILING_S = 10.0  # only catches a hang or a start gone badly wrong
SMOKE_EXIT_MS = "1500"


@dataclass(frozen=True)
class Build:
    bundle: Path
    deb: Path


def megabytes(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink()) / 2**20


def project_version() -> str:
    command = [sys.executable, str(ROOT / "installer" / "version.py")]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """One build per test run, shared by every test here."""
    if os.environ.get("KURATOR_BUILT"):
        out = Path(os.environ["KURATOR_BUILT"])
        return Build(bundle=out / "kurator", deb=next(out.glob("kurator_*.deb")))
    out = tmp_path_factory.mktemp("installer")
    started = time.perf_counter()
    result = subprocess.run([str(ROOT / "installer" / "build.sh"), str(out)], capture_output=True, text=True,
                            timeout=3600, env={**os.environ, "PYTHON": sys.executable})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    print(f"\nbuild took {time.perf_counter() - started:.0f} s\n{result.stdout}")
    return Build(bundle=out / "kurator", deb=next(out.glob("kurator_*.deb")))


@pytest.fixture(scope="session")
def installed(build) -> Path:
    """The program installed from the .deb with apt-get, as a user would."""
    if os.geteuid() != 0:
        pytest.skip("установка .deb через apt-get требует прав root (выполняется в CI)")
    result = subprocess.run(["apt-get", "install", "-y", "--allow-downgrades", f"./{build.deb.name}"],
                            cwd=build.deb.parent, capture_output=True, text=True, timeout=900,
                            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return Path("/usr/bin/kurator")


def run_installed(program: Path, *arguments: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    return subprocess.run([str(program), *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


# Parts the program never loads (traced with strace over the smoke run below and every page of both seats): none of
# them may come back with a new PySide6, numpy or Pillow, or a change of the spec.
NEVER_LOADED = {
    "Qt Network": "**/libQt6Network.so*", "Qt Network for Python": "**/PySide6/QtNetwork.*",
    "Qt D-Bus for Python": "**/PySide6/QtDBus.*", "QML": "**/libQt6Qml*", "Qt Quick": "**/libQt6Quick*",
    "Qt PDF": "**/libQt6Pdf*", "virtual keyboard": "**/libQt6VirtualKeyboard*",
    "EGLFS": "**/platforms/libqeglfs.so", "framebuffer": "**/platforms/libqlinuxfb.so",
    "minimal platforms": "**/platforms/libqminimal*", "VNC": "**/platforms/libqvnc.so",
    "Vulkan display": "**/platforms/libqvkkhrdisplay.so", "EGL devices": "**/egldeviceintegrations/*",
    "raw input devices": "**/plugins/generic/*", "platform themes (GTK, XDG portal)": "**/platformthemes/*",
    "GTK": "**/libgtk-3*", "GIO": "**/libgio-2.0*", "Kerberos": "**/libkrb5*", "readline": "**/libreadline*",
    "unread image formats": "**/imageformats/libq[gtw]*", "Pillow fonts": "**/PIL/_imagingft*",
    "Pillow WebP": "**/PIL/_webp*", "Pillow colour management": "**/PIL/_imagingcms*",
    "numpy test modules": "**/numpy/**/_*_tests*", "library tests": "**/tests/*", "lxml HTML": "**/lxml/html",
    "psycopg's own libpq and OpenSSL (the system's libpq5 is used)": "**/psycopg_binary*",
    "pandas (the analytics are plain Python)": "**/pandas*",
    "numpy and OpenBLAS (the charts are drawn with QPainter)": "**/numpy*",
    "Qt OpenGL for Python (pyqtgraph loaded it)": "**/PySide6/QtOpenGL*",
}


@pytest.mark.parametrize("part", NEVER_LOADED)
def test_bundle_leaves_out_a_part_the_program_never_loads(build, part):
    assert [str(path.relative_to(build.bundle)) for path in build.bundle.glob(NEVER_LOADED[part])] == []


def test_bundle_carries_qts_russian_dialog_texts_and_no_other_translation(build):
    assert {path.name for path in build.bundle.rglob("*.qm")} == {"qtbase_ru.qm"}


@pytest.mark.parametrize("part", ["platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                                  "iconengines/libqsvgicon.so", "imageformats/libqjpeg.so"])
def test_bundle_keeps_the_qt_plugins_the_program_loads(build, part):
    assert list(build.bundle.glob(f"**/plugins/{part}"))


SMOKE_STEPS = [
    ("--version",), ("--db", "d.db", "init", "--mode", "district", "--name", "Терский муниципальный район"),
    ("--db", "d.db", "demo"), ("--db", "d.db", "report", "district", "--year", "2022", "--out", "r.pdf"),
    ("--db", "d.db", "report", "district", "--year", "2022", "--out", "r.docx"),
    ("--db", "d.db", "report", "excel", "indicators", "--year", "2022", "--out", "r.xlsx"),
    ("--db", "s.db", "init", "--mode", "school", "--school", "0701003", "--name", "МКОУ СОШ с.п. Ново-Хамидие"),
    ("--db", "s.db", "demo"), ("--db", "s.db", "keys", "export", "s.pem"),
    ("--db", "d.db", "keys", "trust", "s.pem", "--school", "0701003", "--name", "МКОУ СОШ с.п. Ново-Хамидие"),
    ("--db", "s.db", "packet", "export", "--out", "s.kpkt", "--signer", "Иванова И. И.", "--position", "заместитель"),
    ("--db", "d.db", "packet", "import", "s.kpkt"),
]


@pytest.fixture(scope="session")
def smoke_run(build, tmp_path_factory) -> Path:
    """The bundled program's smoke run, every step in one folder: the district and the school databases with
    demo data, the district report in PDF and Word, an Excel table, a packet from the school taken by the district."""
    folder = tmp_path_factory.mktemp("smoke")
    for step in SMOKE_STEPS:
        result = run_installed(build.bundle / "kurator", *step, cwd=folder, KURATOR_PASSPHRASE="фраза для проверки",
                               KURATOR_DATA_DIR=str(folder / "data"))
        assert result.returncode == 0, f"{step}: {result.stderr[-3000:]}"
    return folder


@pytest.mark.parametrize(("name", "start"), [("r.pdf", b"%PDF"), ("r.docx", b"PK"), ("r.xlsx", b"PK")])
def test_bundled_program_writes_the_reports_of_the_smoke_run(smoke_run, name, start):
    assert (smoke_run / name).read_bytes().startswith(start)


@pytest.mark.parametrize("seat", ["district", "school"])
def test_bundled_window_shows_every_page_of_the_seat(build, smoke_run, seat):
    from app.ui.pages import pages_for

    result = run_installed(build.bundle / "kurator", "--db", f"{seat[0]}.db", "gui", cwd=smoke_run,
                           KURATOR_SMOKE_EXIT_MS="0", KURATOR_SMOKE_PAGES_MS="500")
    assert result.returncode == 0, result.stderr[-3000:]
    shown = [line.removeprefix("page shown: ") for line in result.stderr.splitlines() if line.startswith("page shown")]
    assert shown == [spec.title for spec in pages_for(seat)]
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not postgres_installed(), reason="PostgreSQL не установлен")
def test_bundled_program_works_on_the_regional_postgresql_through_the_systems_libpq(build, tmp_path):
    with throwaway_cluster(port=55487) as url:
        for step in (("init", "--mode", "district", "--name", "Район"), ("demo",)):
            result = run_installed(build.bundle / "kurator", "--db", url, *step, cwd=tmp_path,
                                   KURATOR_DATA_DIR=str(tmp_path))
            assert result.returncode == 0, f"{step}: {result.stderr[-3000:]}"


def test_bundle_and_deb_sizes_are_measured_and_stay_under_the_ceilings(build):
    size, deb = megabytes(build.bundle), build.deb.stat().st_size / 2**20
    print(f"\nbundle {size:.0f} MB (target 150 MB), deb {deb:.0f} MB (target 60 MB)")
    assert size <= BUNDLE_CEILING_MB
    assert deb <= DEB_CEILING_MB


def test_deb_carries_the_project_version_and_the_machine_architecture(build):
    fields = subprocess.run(["dpkg-deb", "-f", str(build.deb), "Package", "Version", "Architecture"],
                            capture_output=True, text=True, check=True).stdout
    architecture = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    assert fields.split("\n")[:3] == ["Package: kurator", f"Version: {project_version()}",
                                      f"Architecture: {architecture}"]
    assert build.deb.name == f"kurator_{project_version()}_{architecture}.deb"


def test_bundle_takes_from_the_system_what_the_debs_dependencies_install(build, installed):
    """The libraries left to the system (installer/linux/system_libraries.py) are not in the bundle, their packages
    are in the .deb's Depends, and apt-get has installed each library from the package named for it."""
    sys.path.insert(0, str(ROOT / "installer" / "linux"))
    from system_libraries import SYSTEM_LIBRARIES

    depends = subprocess.run(["dpkg-deb", "-f", str(build.deb), "Depends"], capture_output=True, text=True,
                             check=True).stdout
    packages = {part.strip().split(" ")[0] for part in depends.split(",")}
    for package, libraries in SYSTEM_LIBRARIES.items():
        assert package in packages
        for library in libraries:
            assert not list(build.bundle.rglob(library)), library
            owners = subprocess.run(["dpkg-query", "-S", f"*/{library}"], capture_output=True, text=True).stdout
            assert package in {line.split(":")[0] for line in owners.splitlines()}, library


def test_installed_program_puts_menu_entry_icon_and_file_type_in_place(installed):
    icons = "/usr/share/icons/hicolor"
    for path in ("/opt/kurator/kurator", "/usr/share/applications/kurator.desktop", f"{icons}/256x256/apps/kurator.png",
                 f"{icons}/scalable/apps/kurator.svg", "/usr/share/mime/packages/kurator.xml"):
        assert Path(path).is_file(), path
    assert installed.resolve() == Path("/opt/kurator/kurator")


def test_installed_program_reports_the_project_version(installed, tmp_path):
    result = run_installed(installed, "--version", cwd=tmp_path)
    assert result.stdout.strip() == f"kurator {project_version()}"


def test_installed_program_initializes_a_district_database(installed, tmp_path):
    result = run_installed(installed, "--db", "k.db", "init", "--mode", "district",
                           "--name", "Терский муниципальный район", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"name": "Терский муниципальный район"' in result.stdout


def test_installed_program_loads_the_demo_and_writes_the_district_report(installed, tmp_path):
    steps = [("init", "--mode", "district", "--name", "Терский муниципальный район"), ("demo",),
             ("report", "district", "--year", "2022", "--out", "r.pdf")]
    for step in steps:
        result = run_installed(installed, "--db", "k.db", *step, cwd=tmp_path)
        assert result.returncode == 0, f"{step}: {result.stderr}"
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_installed_window_opens_within_three_seconds_and_closes_cleanly(installed, tmp_path):
    run_installed(installed, "--db", "k.db", "init", "--mode", "district", "--name", "Район", cwd=tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KURATOR_SMOKE_EXIT_MS": SMOKE_EXIT_MS}
    started = time.perf_counter()
    process = subprocess.Popen([str(installed), "--db", "k.db", "gui"], cwd=tmp_path, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    shown_after = next((time.perf_counter() - started for line in process.stderr if "window painted" in line),
                       None)
    assert process.wait(timeout=60) == 0
    assert shown_after is not None, "the window never reported that it was painted"
    print(f"\nmain window shown {shown_after:.2f} s after start (target {WINDOW_TARGET_S} s)")
    assert shown_after <= WINDOW_CEILING_S  # the 3 s target is a measurement reported here, not a timed assertion


@pytest.mark.skipif(not shutil.which("Xvfb"), reason="нужен Xvfb, чтобы проверить окно на настоящем X-сервере")
def test_installed_window_opens_on_an_x_server(installed, tmp_path):
    run_installed(installed, "--db", "k.db", "init", "--mode", "district", "--name", "Район", cwd=tmp_path)
    display = ":97"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x1024x24"], stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "KURATOR_SMOKE_EXIT_MS": SMOKE_EXIT_MS}
        result = subprocess.run([str(installed), "--db", "k.db", "gui"], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert result.returncode == 0, result.stderr
    assert "window painted" in result.stderr
