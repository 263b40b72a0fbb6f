"""Starting the window: Qt's own dialogs speak Russian, and the installer's smoke hook opens and closes it."""

import os
import subprocess
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui import app as ui_app
from app.ui.pages import pages_for


def test_qt_standard_buttons_are_russian_after_the_application_starts(qapp):
    ui_app.make_application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_smoke_exit_reports_the_shown_window_and_closes_it_with_success(district_db, db_path):
    district_db.close()  # a separate process, so this test's own QApplication is left as it was
    env = dict(os.environ, **{ui_app.SMOKE_EXIT_VARIABLE: "50", "QT_QPA_PLATFORM": "offscreen"})
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(db_path), "gui"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "window painted in" in done.stderr


def test_smoke_tour_shows_every_page_of_the_seat_in_navigation_order_then_closes(district_db, db_path):
    district_db.close()
    env = dict(os.environ, **{ui_app.SMOKE_EXIT_VARIABLE: "0", ui_app.SMOKE_PAGES_VARIABLE: "10",
                              "QT_QPA_PLATFORM": "offscreen"})
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(db_path), "gui"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    shown = [line.removeprefix("page shown: ") for line in done.stderr.splitlines() if line.startswith("page shown: ")]
    assert shown == [spec.title for spec in pages_for("district")]
    assert "Traceback" not in done.stderr


def test_window_without_the_smoke_variable_is_not_armed_to_close(qapp, monkeypatch, capsys):
    monkeypatch.delenv(ui_app.SMOKE_EXIT_VARIABLE, raising=False)
    window = QWidget()
    ui_app.arm_smoke_exit(qapp, window, 0.0)
    window.show()
    qapp.processEvents()
    assert capsys.readouterr().err == ""
    window.close()


def test_a_window_never_painted_reports_no_time(qapp, qtbot, monkeypatch, capsys):
    monkeypatch.setenv(ui_app.SMOKE_EXIT_VARIABLE, "60000")
    hidden, shown = QWidget(), QWidget()
    qtbot.addWidget(hidden)
    qtbot.addWidget(shown)
    ui_app.arm_smoke_exit(qapp, hidden, 0.0)
    qapp.processEvents()
    assert "window painted in" not in capsys.readouterr().err
    ui_app.arm_smoke_exit(qapp, shown, 0.0)
    shown.show()
    qtbot.waitUntil(lambda: "window painted in" in capsys.readouterr().err, timeout=5000)
