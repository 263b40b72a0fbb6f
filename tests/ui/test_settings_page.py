"""The Настройки page: loading the demo district."""

from app.services.setup import initialize
from app.ui.settings.page import SettingsPage
from app.ui.workspace import Workspace


def test_loading_the_demo_turns_the_window_to_the_demo_year(qtbot, empty_db, finished, warnings):
    """Set up in 2026 with «Загрузить демонстрационные данные»: the window turns to 2022, the year the demo's
    statuses, roadmap and results are of, instead of showing an empty 2026 («0 ШНОР, 26 школ без паспорта»)."""
    with empty_db.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=2026)
    workspace = Workspace(empty_db, 2026)
    years: list[int] = []
    workspace.year_changed.connect(years.append)
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    assert finished(page.load_demo())
    assert workspace.year == 2022 and years == [2022] and warnings == []
