"""The window at a school: its own pages only, the district's actions absent, the overview's questions answered,
answers written from «Рекомендации района», «Отметить выполнение» that never dates a completion today by itself."""

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from sqlalchemy import select

from app.models import EventOccurrence, Recommendation, RecommendationAnswer, RoadmapEvent
from app.services.roadmaps import plans
from app.services.roadmaps.plans import PlannedEvent, PlannedSection, create_roadmap
from app.services.school.answers import answer_id
from app.ui.answers.dialog import AnswerDialog
from app.ui.main_window import MainWindow
from app.ui.roadmaps.event_dialog import EventDialog
from app.ui.workspace import Workspace

SCHOOL_PAGES = ["Обзор", "Наша школа", "Педагоги", "Курсы и обучение", "Дорожные карты", "Рекомендации района",
                "Мероприятия", "Показатели", "Риски «500+»", "Результаты", "Разделы для района", "Отчёты",
                "Обмен данными", "Настройки"]


@pytest.fixture
def quiet(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    return shown


def window_at(qtbot, world) -> MainWindow:
    window = MainWindow(world.database)
    qtbot.addWidget(window)
    window.show()
    return window


def buttons(widget) -> list[str]:
    return [button.text() for button in widget.findChildren(QPushButton) if button.isVisibleTo(widget)]


def test_a_school_sees_its_own_pages_and_none_of_the_districts(qtbot, school_world, finished):
    window = window_at(qtbot, school_world)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == SCHOOL_PAGES
    settings = window.show_page("settings")
    assert "Загрузить демонстрационный район…" not in buttons(settings)
    assert "Сгенерировать учебную базу региона…" not in buttons(settings)
    assert "Загрузить демонстрационные данные школы…" in buttons(settings)
    indicators = window.show_page("indicators")
    assert not hasattr(indicators, "analysis")  # «Анализ и отбор ШНОР» is the district's
    reports = window.show_page("reports")
    assert reports.kind.currentText() == "Профиль школы (PDF или Word)"
    offered = [reports.kind.itemText(i) for i in range(reports.kind.count())]
    assert "Аналитическая справка района (PDF или Word)" not in offered
    finished()


def test_a_school_has_no_create_or_delete_on_the_districts_lists(qtbot, school_world, finished):
    window = window_at(qtbot, school_world)
    courses = window.show_page("courses")
    finished()
    catalogue = courses.tables["course"]
    assert not catalogue.create_button.isVisibleTo(courses) and not catalogue.delete_button.isVisibleTo(courses)
    own = courses.tables["external_course"]
    courses.tabs.setCurrentWidget(own)
    finished()
    assert own.create_button.isVisibleTo(courses) and own.create_button.isEnabled()
    assert [courses.tabs.tabText(i) for i in range(courses.tabs.count())] == [
        "Курсы района", "Обучение педагогов", "Курсы вне каталога района"]


def test_the_overview_answers_the_deputy_directors_questions(qtbot, school_world, finished):
    window = window_at(qtbot, school_world)
    finished()
    overview = window.pages["overview"]
    assert overview.cards["status"].number.text() == "нет статуса программы"
    assert overview.cards["isb"].number.text() == "нет данных района"
    assert overview.cards["answers"].number.text() == "0 из 1"
    assert "нет данных района" in overview.subtitle.text()
    missing = [label.text() for label in overview.missing_group.findChildren(QLabel)]
    assert "<b>Ответы на рекомендации</b>: нет ответа: «Организовать работу ШМО»" in missing
    overview.cards["overdue"].click()
    assert window.current_page() is window.pages["roadmaps"]
    assert window.pages["roadmaps"].state_filter.currentText() == "Просрочено"


def test_the_school_answers_a_recommendation_from_its_page(qtbot, school_world, finished, quiet, tmp_path):
    with school_world.database.session() as session:
        session.get(Recommendation, school_world.recommendation).issued_on = date(2024, 4, 1)
    page = window_at(qtbot, school_world).show_page("recommendations")
    finished()
    dialog = AnswerDialog(page.workspace, school_world.recommendation, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("ШМО создано, план работы утверждён приказом № 41")
    dialog.state.setCurrentIndex(dialog.state.findData("done"))
    dialog.answered_on.set(date(2024, 3, 1))  # before the recommendation was issued
    finished(dialog.save())
    assert not dialog.saved and "не раньше выдачи рекомендации" in dialog.errors.labels["answered_on"].text()
    protocol = tmp_path / "Протокол ШМО.pdf"
    protocol.write_bytes(b"%PDF minutes")
    dialog.answered_on.set(date(2024, 5, 15))
    dialog.add_files([str(protocol)])
    assert finished(dialog.save()) and dialog.saved
    with school_world.database.session() as session:
        answer = session.get(RecommendationAnswer, answer_id(school_world.recommendation))
        assert (answer.state, answer.answered_on) == ("done", date(2024, 5, 15))
    finished(page.table.refresh())
    row = page.table.model.rows[0]
    assert "done" in row and date(2024, 5, 15) in row


def past_and_future_roadmap(world) -> tuple[str, str]:
    """A school roadmap with one event due last January and one due in December two years ahead."""
    this_year = date.today().year
    with world.database.session() as session, pytest.MonkeyPatch.context() as keeper:
        keeper.setattr(plans, "may_keep", lambda *_: (True, ""))
        roadmap = create_roadmap(session, {"title": "Дорожная карта школы", "level": "school",
                                           "school_id": world.own_school, "year_from": this_year - 1,
                                           "year_to": this_year + 2},
                                 [PlannedSection("1", "Раздел", None)],
                                 [PlannedEvent("1", "Анализ ГИА", f"Январь {this_year - 1} г.", "", "", "1"),
                                  PlannedEvent("2", "Отчёт", f"Декабрь {this_year + 2} г.", "", "", "1")])
        return tuple(session.scalars(select(RoadmapEvent.id).where(RoadmapEvent.roadmap_id == roadmap.id)
                                     .order_by(RoadmapEvent.position)))


def progress_for(qtbot, world, event_id):
    dialog = EventDialog(Workspace(world.database, date.today().year), event_id)
    qtbot.addWidget(dialog)
    progress = dialog.progress_dialog()
    qtbot.addWidget(progress)
    return progress


def test_marking_progress_offers_the_past_deadline_or_nothing_never_today(qtbot, school_world, finished, quiet):
    past, future = past_and_future_roadmap(school_world)
    late = progress_for(qtbot, school_world, past)
    assert late.completed_on.get() == date(date.today().year - 1, 1, 31)
    assert late.status.currentData() == "planned" and late.current.text().endswith("Сейчас: просрочено.")
    ahead = progress_for(qtbot, school_world, future)
    assert ahead.completed_on.get() is None
    ahead.show()
    ahead.status.setCurrentIndex(ahead.status.findData("done"))
    finished(ahead.save())
    assert not ahead.saved and ahead.errors.labels["completed_on"].text() == "Укажите дату выполнения."
    late.status.setCurrentIndex(late.status.findData("done"))
    assert finished(late.save()) and late.saved
    with school_world.database.session() as session:
        occurrence = session.query(EventOccurrence).filter_by(event_id=past).one()
        assert (occurrence.status, occurrence.completed_on) == ("done", date(date.today().year - 1, 1, 31))
    reopened = progress_for(qtbot, school_world, past)
    assert reopened.status.currentData() == "done" and reopened.completed_on.get() == occurrence.completed_on
    assert reopened.current.text().endswith("Сейчас: выполнено.")
