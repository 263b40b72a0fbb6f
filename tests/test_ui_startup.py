"""Starting the window: Qt's own dialogs speak Russian, and the installer's smoke hook opens and closes it."""

from PySide6.QtCore import QCoreApplication

from app.ui import app as ui_app


def test_qt_standard_buttons_are_russian_after_the_application_starts(qapp):
    ui_app.make_application()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"


def test_smoke_exit_reports_the_shown_window_and_closes_it_with_success(qapp, district_db, db_path, monkeypatch, capsys):
    district_db.close()
    monkeypatch.setenv(ui_app.SMOKE_EXIT_VARIABLE, "50")
    assert ui_app.run(str(db_path)) == 0
    assert "window shown in" in capsys.readouterr().err


def test_window_without_the_smoke_variable_is_not_armed_to_close(qapp, monkeypatch, capsys):
    monkeypatch.delenv(ui_app.SMOKE_EXIT_VARIABLE, raising=False)
    ui_app.arm_smoke_exit(qapp, 0.0)
    qapp.processEvents()
    assert capsys.readouterr().err == ""
