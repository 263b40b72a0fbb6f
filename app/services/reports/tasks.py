"""«Задачи и рекомендации на следующий год» at the end of the справка: every task follows from a finding of a section
above it, and says which (the finding in figures and the section's number); an indicator is named by its code and
its words. A finding that does not hold gives no task, so a good year has a short list."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.models import Roadmap
from app.services.indicators.catalogue import IndicatorRow, indicator_table
from app.services.output.ru_format import format_value
from app.services.qualification.checks import CHECKS
from app.services.qualification.monitoring import QualificationReport, qualification_report
from app.services.reports import facts
from app.services.reports import support_facts as support
from app.services.risks.risk_map import risk_map
from app.services.roadmaps.plans import RoadmapOverview, list_roadmaps, roadmap_overview

# What to do about a finding of the qualification monitoring (a key of CHECKS) when it counts anyone.
QUALIFICATION_TASKS = {
    "no_course": "Организовать повышение квалификации работников, не проходивших курсы более трёх лет, с учётом их "
                 "предметных дефицитов (курсовая подготовка, индивидуальные образовательные маршруты)",
    "mismatch": "Организовать профессиональную переподготовку работников, преподающих предмет не по образованию",
    "no_education": "Внести в реестр педагогов специальность по диплому работников, у которых она не указана",
    "no_mentor": "Закрепить наставников за молодыми специалистами, у которых их нет",
}


@dataclass(frozen=True)
class Task:
    text: str  # what to do
    basis: str  # the finding it follows from, with the section's number

    def sentence(self, number: int) -> str:
        return f"{number}. {self.text}. Основание: {self.basis}."


@dataclass(frozen=True)
class District:
    """What the sections of one справка read and its tasks follow from: the session, the year and the facts several
    sections share."""

    session: Session
    year: int
    schools: list[facts.ProgramSchool]
    indicators: list[IndicatorRow]
    municipal: Roadmap | None
    overview: RoadmapOverview | None
    qualification: QualificationReport


def district_facts(session: Session, year: int) -> District:
    """The facts of the year's справка, read once for all its sections."""
    municipal = next((r for r in list_roadmaps(session) if r.level == "municipal" and r.year_from <= year <= r.year_to),
                     None)
    return District(session, year, facts.program_schools(session, year), indicator_table(session, year), municipal,
                    roadmap_overview(session, municipal.id, year=year) if municipal else None,
                    qualification_report(session, year))


def district_tasks(found: District, sections: dict[str, str]) -> list[Task]:
    """The tasks in the order of the sections their findings stand in; `sections` gives the number of each
    section by its key."""
    return [task for make in (_school_tasks, _support_tasks, _qualification_tasks, _indicator_tasks, _roadmap_tasks,
                              _risk_tasks) for task in make(found, sections)]


def _section(sections: dict[str, str], key: str) -> str:
    return f"раздел {sections[key]}"


def _school_tasks(found: District, sections: dict[str, str]) -> list[Task]:
    shnor, shnsu = facts.schools_with(found.schools, "shnor"), facts.schools_with(found.schools, "shnsu")
    if not shnor and not shnsu:
        return []
    return [Task("Информационно-методическому центру продолжить адресную работу со школами с низкими "
                 "образовательными результатами и школами, функционирующими в неблагоприятных социальных условиях",
                 f"в {found.year} году в программе ШНОР — {len(shnor)}, ШНСУ — {len(shnsu)} "
                 f"({_section(sections, 'schools')})")]


def _support_tasks(found: District, sections: dict[str, str]) -> list[Task]:
    tasks = []
    alone = support.unsupported_schools(found.session, found.year, found.schools)
    if alone:
        tasks.append(Task(f"Закрепить куратора или наставника за школами: {', '.join(alone)}",
                          f"у этих школ программы в {found.year} году нет ни куратора, ни наставника "
                          f"({_section(sections, 'curators')})"))
    absent = support.absent_schools(found.session, found.year, found.schools)
    if absent:
        tasks.append(Task(f"Обеспечить участие педагогов школ {', '.join(absent)} в муниципальных методических "
                          "мероприятиях (РМО, семинары, практикумы)",
                          f"в {found.year} году их педагоги не участвовали ни в одном мероприятии "
                          f"({_section(sections, 'events')})"))
    return tasks


def _qualification_tasks(found: District, sections: dict[str, str]) -> list[Task]:
    report = found.qualification
    return [Task(text, f"«{CHECKS[check]}» — {report.total(check)} чел. ({_section(sections, 'qualification')})")
            for check, text in QUALIFICATION_TASKS.items() if report.schools and report.total(check)]


def _indicator_tasks(found: District, sections: dict[str, str]) -> list[Task]:
    where = _section(sections, "indicators")
    tasks = []
    for row in found.indicators:
        named = f"{row['code']} «{row['name'].rstrip('.')}»"
        if row["status"] == "not_achieved":
            unit = f" {row['unit']}" if row["unit"] else ""
            tasks.append(Task(f"Принять меры по достижению планового значения показателя {named}",
                              f"в {found.year} году факт — {format_value(row['actual'])}{unit} при плане "
                              f"{format_value(row['target'])}{unit} ({where})"))
        elif row["status"] == "no_data":
            tasks.append(Task(f"Организовать сбор данных для показателя {named}",
                              f"нет данных: {row['reason']} ({where})"))
    return tasks


def _roadmap_tasks(found: District, sections: dict[str, str]) -> list[Task]:
    if not found.overview or not found.overview["total"]["overdue"]:
        return []
    total = found.overview["total"]
    return [Task("Рассмотреть причины невыполнения в срок мероприятий муниципальной дорожной карты на совещании с "
                 "ответственными исполнителями и внести корректировку в дорожную карту",
                 f"просрочено сроков исполнения — {total['overdue']} из {total['total']} "
                 f"({_section(sections, 'roadmap')})")]


def _risk_tasks(found: District, sections: dict[str, str]) -> list[Task]:
    uncovered = [(factor.title, factor.high_without_program) for factor in risk_map(found.session, found.year).factors
                 if factor.high_without_program]
    if not uncovered:
        return []
    listed = "; ".join(f"«{title}» — {', '.join(schools)}" for title, schools in uncovered)
    return [Task(f"Разработать антирисковые программы по рискам высокого уровня: {listed}",
                 f"высокий уровень риска без антирисковой программы ({_section(sections, 'risks')})")]
