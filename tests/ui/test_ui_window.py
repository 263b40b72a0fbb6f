"""The main window, the overview's cards and the first-run setup."""

from PySide6.QtWidgets import QMessageBox

from app.services.installation import get_installation
from app.ui.app import set_up
from app.ui.first_run import FirstRunDialog
from app.ui.main_window import MainWindow


def test_window_title_names_the_installation_and_has_every_page_but_the_schools_own(qtbot, district_world):
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Куратор — Отдел образования Терского района"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Обзор", "Школы", "Педагоги", "Курсы и обучение", "Дорожные карты", "Мероприятия", "Показатели", "Риски «500+»",
        "Результаты", "Приём данных", "Отчёты", "Обмен данными", "Настройки"]
    assert "Год программы: 2024" in window.status_label.text()


def test_overview_card_opens_the_list_behind_it_with_the_filter(qtbot, district_world, finished):
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    window.show()
    finished()  # the overview's figures are counted
    window.pages["overview"].cards["no_passport"].click()
    schools = window.pages["schools"]
    assert window.current_page() is schools
    table = schools.current_table()
    assert table.status_filter.currentData() == "no_passport"
    finished()
    assert table.count_label.text() == "Показано 2 из 2"


def test_changing_the_year_refilters_the_open_page(qtbot, district_world, finished):
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    window.show()
    events = window.show_page("events").current_table()
    finished()
    assert events.count_label.text() == "Показано 1 из 1"
    window.year_selector.set_year(2025)
    finished()
    assert events.count_label.text() == "Показано 0 из 1"


def test_first_run_dialog_refuses_a_short_passphrase_at_its_field(qtbot):
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Отдел образования")
    dialog.passphrase.setText("1234")
    dialog.submit()
    assert dialog.result_setup is None
    assert dialog.errors.labels["passphrase"].text() == ("Парольная фраза подписи слишком короткая: она должна быть "
                                                         "не короче 8 символов.")


def test_first_run_dialog_sets_up_a_school_installation(qtbot, empty_db, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: None)
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.school.setChecked(True)
    dialog.name.setText("МКОУ «СОШ № 1» с. Урожайное")
    dialog.code.setText("0701001")
    for field in (dialog.passphrase, dialog.passphrase_repeat):
        field.setText("надёжный пароль")
    dialog.submit()
    assert dialog.result_setup.passphrase == "надёжный пароль"
    assert set_up(empty_db, dialog.result_setup) == "МКОУ «СОШ № 1» с. Урожайное"
    with empty_db.session() as session:
        installation = get_installation(session)
        assert (installation.kind, installation.school_code) == ("school", "0701001")
