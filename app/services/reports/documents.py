"""The district's analytic report (аналитическая справка) for a year, in the manner of the analysis at the end of
seeds/004, in PDF or Word (the file's extension chooses, app.services.output.writers). The school profile is in
`school_profile`, the Excel exports in `excel`."""

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.models import Roadmap
from app.services.analytics import chart_data
from app.services.analytics import selection as analytics
from app.services.analytics import stats
from app.services.frames import sharing_frames
from app.services.indicators.catalogue import STATUSES, IndicatorRow
from app.services.output import charts
from app.services.output.ru_format import format_value
from app.services.output.writers import ReportWriter, writer_for
from app.services.qualification.checks import SHORT_TITLES
from app.services.qualification.monitoring import QualificationReport, finding_lines
from app.services.reports import facts
from app.services.reports import support_sections as support
from app.services.reports.parts import (
    CHART_WIDTH_MM,
    ROADMAP_HEADER,
    ROADMAP_WEIGHTS,
    definitions_appendix,
    listing,
    lower_first,
    percent,
    roadmap_rows,
    sign,
)
from app.services.reports.risk_sections import district_risks_section
from app.services.reports.school_tables import full_list_sentence, school_rows, shown_sentence
from app.services.reports.tasks import District, district_facts, district_tasks
from app.services.reports.vpr_output import vpr_section
from app.services.roadmaps.plans import RoadmapOverview

DISTRICT_TITLE = "Аналитическая справка о реализации программы поддержки школ с низкими образовательными результатами"
KEY_INDICATORS = ("2.1.2", "2.2")
EXAM_SHORT_TITLES = {  # the seeds/000 columns (analytics.EXAM_TABLE_TITLES) in a width a table column allows
    "grad11_certificate_share": "Аттестат, 11 кл., %",
    "grad11_honours_share": "С отличием, 11 кл., %",
    "ege_russian_mean": "ЕГЭ рус. яз., балл",
    "ege_math_mean": "ЕГЭ матем., балл",
    "ege_3plus_share": "ЕГЭ 3+ предм., %",
    "ege_rus_math_passed_share": "Сдали рус. и матем., %",
    "ege_under30_share": "Менее 30 баллов, %",
    "grad9_certificate_share": "Аттестат, 9 кл., %",
    "grad9_honours_share": "С отличием, 9 кл., %",
    "olympiad_participants_share": "Участники олимп., %",
    "olympiad_winners_share": "Призёры олимп., %",
}


Section = Callable[[ReportWriter, District, int], None]
# The numbered sections in the order of seeds/004's analysis: who takes part and who supports them, what was done
# for them, the results, then the plans. The ВПР section follows the ГИА one.
# The keys let the task list name the section a finding stands in.
SECTIONS: tuple[tuple[str, Section], ...] = (
    ("schools", lambda doc, d, n: _schools_section(doc, d.session, d.year, n, d.schools)),
    ("curators", lambda doc, d, n: support.curators_section(doc, d.session, d.year, n, d.schools)),
    ("partnerships", lambda doc, d, n: support.partnerships_section(doc, d.session, d.year, n)),
    ("events", lambda doc, d, n: support.events_section(doc, d.session, d.year, n, d.schools)),
    ("courses", lambda doc, d, n: _courses_section(doc, d, n)),
    ("indicators", lambda doc, d, n: _indicators_section(doc, d.indicators, n)),
    ("isb", lambda doc, d, n: support.isb_section(doc, d.session, d.year, n, d.schools)),
    ("charts", lambda doc, d, n: _charts_section(doc, d.session, d.year, n, d.indicators, d.municipal)),
    ("exams", lambda doc, d, n: _exam_section(doc, d.session, d.year, n, d.schools)),
    ("vpr", lambda doc, d, n: vpr_section(doc, d.session, d.year, str(n))),
    ("roadmap", lambda doc, d, n: _roadmap_section(doc, d.overview, n)),
    ("recommendations", lambda doc, d, n: _recommendations_section(doc, d.session, d.year, n, d.schools)),
    ("risks", lambda doc, d, n: district_risks_section(doc, d.session, d.year, n)),
)
QUALIFICATION_SUBSECTION = 1  # «5.1» within the courses section


@sharing_frames
def district_report(session: Session, year: int, path: str | Path) -> Path:
    """Write the district's analytic report for the year as a PDF or a Word document; returns the path."""
    title = f"{DISTRICT_TITLE} за {year} год"
    doc = writer_for(path, title, subject="Аналитическая справка")
    doc.official_header(facts.organisation(session), title, date_text=format_value(date.today()))
    district = district_facts(session, year)
    numbers = {}
    for number, (key, section) in enumerate(SECTIONS, start=1):
        section(doc, district, number)
        numbers[key] = str(number)
    numbers["qualification"] = f"{numbers['courses']}.{QUALIFICATION_SUBSECTION}"
    _tasks_section(doc, district, numbers)
    sign(doc, session)
    definitions_appendix(doc, session)
    return doc.save(path)


def _schools_section(doc: ReportWriter, session: Session, year: int, number: int,
                     schools: list[facts.ProgramSchool]) -> None:
    doc.heading(f"{number}. Школы, участвующие в программе", 2)
    shnor, shnsu = facts.schools_with(schools, "shnor"), facts.schools_with(schools, "shnsu")
    computed = analytics.resilient_schools(session, year)
    doc.paragraph(f"В программу поддержки ШНОР в {year} году вошли {len(shnor)} общеобразовательных организаций: "
                  f"{listing(shnor)}.")
    doc.paragraph(f"Школ, функционирующих в неблагоприятных социальных условиях (ШНСУ): {len(shnsu)} — "
                  f"{listing(shnsu)}. Участники федерального проекта «500+»: "
                  f"{listing(facts.schools_with(schools, '500plus'))}. Резильентные школы по решению о статусе: "
                  f"{listing(facts.schools_with(schools, 'resilient'))}; по расчёту: "
                  f"{listing([row['school'] for row in computed if row['computed']])} "
                  f"({lower_first(analytics.RESILIENT_RULE)})")
    doc.table(["№", "Школа", "Статусы", "Центр «Точка роста»"],
              [[i, s.name, ", ".join(s.statuses), s.growth_point or "нет"] for i, s in enumerate(schools, 1)],
              col_widths=(0.6, 6, 3, 2.4), numeric_columns=(0,))


def _indicators_section(doc: ReportWriter, indicators: list[IndicatorRow], number: int) -> None:
    doc.heading(f"{number}. Показатели программы: план и факт", 2)
    achieved = sum(1 for r in indicators if r["status"] == "achieved")
    missing = facts.missing_data(indicators)
    doc.paragraph(f"Из {len(indicators)} показателей программы плановые значения достигнуты по {achieved}"
                  + (f"; по {len(missing)} данных нет (причины — ниже таблицы)." if missing else ".")
                  + " Определение каждого показателя — в приложении.")
    doc.table(["Код", "Показатель", "Ед.", "План", "Факт", "Статус"],
              [[r["code"], r["name"], r["unit"], r["target"], facts.value_text(r["actual"], r["reason"]),
                STATUSES[r["status"]]] for r in indicators],
              col_widths=(1, 7, 0.8, 1.1, 1.1, 1.8), numeric_columns=(3, 4))
    for code, reason in missing:
        doc.paragraph(f"Показатель {code} — нет данных: {reason}.")


def _charts_section(doc: ReportWriter, session: Session, year: int, number: int, indicators: list[IndicatorRow],
                    municipal: Roadmap | None) -> None:
    doc.page_break()
    doc.heading(f"{number}. Диаграммы", 2)
    codes = [c for c in KEY_INDICATORS if any(r["code"] == c for r in indicators)] or [r["code"] for r in indicators[:2]]
    figures: list[tuple[str, object, str]] = [
        ("plan_fact", chart_data.plan_fact_series(session, code), f"Показатель {code}: план и факт по годам")
        for code in codes]
    quadrants = chart_data.quadrant_points(session, year)
    if quadrants["points"]:
        figures.append(("quadrants", quadrants, f"Результаты школ и индекс социального благополучия, {year} год"))
    if municipal is not None:
        figures.append(("roadmap_sections", chart_data.roadmap_by_section(session, municipal.id, year),
                        f"Исполнение муниципальной дорожной карты по разделам, {year} год"))
    coverage = chart_data.course_coverage(session, year)
    if coverage:
        figures.append(("course_coverage", coverage, f"Доля педагогов, завершивших курсы в {year} году"))
    for figure, (kind, data, caption) in enumerate(figures, start=1):
        note = charts.coverage_note(data) if kind == "course_coverage" else ""
        doc.image(charts.render_png(kind, data, caption), CHART_WIDTH_MM, caption=f"Рисунок {figure} — {caption}{note}")


def _courses_section(doc: ReportWriter, district: District, number: int) -> None:
    session, year = district.session, district.year
    doc.heading(f"{number}. Повышение квалификации руководителей и педагогов", 2)
    courses = facts.completed_courses(session, year)
    doc.paragraph(facts.trained_sentence(session, year))
    doc.table(["Курс", "Организатор", "Часов", "Руководителей", "Педагогов"],
              [[c.title, c.provider, c.hours, c.leaders, c.teachers] for c in courses],
              col_widths=(5, 5, 1.1, 1.9, 1.6), numeric_columns=(2, 3, 4))
    _qualification_section(doc, district.qualification, f"{number}.{QUALIFICATION_SUBSECTION}", district.schools)


def _qualification_section(doc: ReportWriter, report: QualificationReport, number: str,
                           schools: list[facts.ProgramSchool]) -> None:
    """Staff against the qualification requirements (seeds/001 1.1.7): the totals, then the schools where the
    monitoring found something (in a large district the program's schools and the top ones, the rest in words)."""
    doc.heading(f"{number}. Соответствие кадров квалификационным требованиям", 3)
    if not report.staff_total:
        doc.paragraph(f"Нет данных: в базе нет работников школ на {report.as_of:%d.%m.%Y} (кадры не загружены).")
        return
    doc.paragraph(" ".join(finding_lines(report)) + " Курсы — не реже одного раза в три года (ст. 47 ФЗ-273).")
    program = {s.school_id for s in schools}
    noted = school_rows([s for s in report.schools if any(s.counts.values()) or s.vacant_rates],
                        lambda s: s.school_id in program, lambda s: sum(s.counts.values()))
    if noted.summarised:
        doc.paragraph(shown_sentence(noted, "с наибольшим числом замечаний") + " У них: " + ", ".join(
            f"{lower_first(title)} — {sum(s.counts[check] for s in noted.rest)}" for check, title
            in SHORT_TITLES.items()) + f", вакантных ставок — {format_value(sum(s.vacant_rates for s in noted.rest))}. "
            + full_list_sentence("в выгрузке «Выгрузить в Excel…» вкладки «Квалификация» раздела «Педагоги» "
                                 "(«kurator report excel qualification»)"))
    doc.table(["Школа", "Всего", *SHORT_TITLES.values(), "Вакансии, ставок"],
              [[s.name, s.staff, *s.counts.values(), s.vacant_rates] for s in noted.shown],
              col_widths=(4.0, 1.1, 1.5, 1.5, 1.5, 1.7, 1.5), numeric_columns=(1, 2, 3, 4, 5, 6))


def _roadmap_section(doc: ReportWriter, overview: RoadmapOverview | None, number: int) -> None:
    doc.heading(f"{number}. Реализация муниципальной дорожной карты", 2)
    if overview is None:
        doc.paragraph("Муниципальная дорожная карта на этот год не загружена.")
        return
    total = overview["total"]
    doc.paragraph(f"Дорожная карта «{overview['title']}»: сроков исполнения в году — {total['total']}, выполнено "
                  f"в срок — {total['done']}, с нарушением срока — {total['done_late']}, просрочено — "
                  f"{total['overdue']}, срок не наступил — {total['remaining']}.")
    doc.table(ROADMAP_HEADER, roadmap_rows(overview), col_widths=ROADMAP_WEIGHTS,
              numeric_columns=(1, 2, 3, 4, 5))
    if overview["overdue"]:
        doc.heading("Мероприятия, не выполненные в срок", 3)
        doc.table(["№", "Мероприятие", "Срок истёк", "Ответственный"],
                  [[o["number"], o["title"], date.fromisoformat(o["window_end"]), o["responsible"]]
                   for o in overview["overdue"]], col_widths=(1, 7, 2, 3))


def _recommendations_section(doc: ReportWriter, session: Session, year: int, number: int,
                             schools: list[facts.ProgramSchool]) -> None:
    doc.heading(f"{number}. Адресные рекомендации школам", 2)
    program = {s.name for s in schools}
    found = school_rows(facts.recommendations(session, year), lambda r: r.school in program)
    doc.table(["Школа", "Рекомендация", "Срок", "Состояние"],
              [[r.school, r.text, r.due_date, r.status] for r in found.shown],
              col_widths=(3.2, 7, 1.6, 1.8))
    if found.summarised:
        states = Counter(r.status for r in found.rest)
        doc.paragraph(f"В таблице — рекомендации школам программы; остальных рекомендаций — {len(found.rest)} "
                      f"(школ: {len({r.school for r in found.rest})}), из них " + ", ".join(
                          f"{lower_first(state)} — {count}" for state, count in states.most_common()) + ". "
                      + full_list_sentence("в разделе «Рекомендации района»"))


def _tasks_section(doc: ReportWriter, district: District, numbers: dict[str, str]) -> None:
    doc.heading(f"Задачи и рекомендации на {district.year + 1} год", 2)
    tasks = district_tasks(district, numbers)
    if not tasks:
        doc.paragraph("Разделы справки не выявили отставаний, из которых следовали бы задачи: показатели достигнуты, "
                      "сроки дорожной карты соблюдены, у школ программы есть кураторы и наставники.")
    for number, task in enumerate(tasks, start=1):
        doc.paragraph(task.sentence(number))


def _exam_section(doc: ReportWriter, session: Session, year: int, number: int,
                  schools: list[facts.ProgramSchool]) -> None:
    """The seeds/000 ЕГЭ/ОГЭ table on landscape pages, its long column titles shortened and explained above it (a
    legend below would be left alone on a page when the table fills the last one). In a large district: the
    program's schools, and the rest as their median."""
    doc.page_break(landscape=True)
    doc.heading(f"{number}. Показатели ГИА по образовательным организациям, {year} год", 2)
    table = analytics.exam_indicator_table(session, year)
    program = {s.school_id for s in schools}
    found = school_rows(table, lambda row: row["school_id"] in program)
    rows = [[row["school"], *(percent(row[key]) for key in EXAM_SHORT_TITLES)] for row in found.shown]
    if found.summarised:
        rest = [row for row in table if row["school_id"] not in program]
        rows.append([f"Медиана по остальным школам ({len(found.rest)})",
                     *(percent(stats.median(row[key] for row in rest)) for key in EXAM_SHORT_TITLES)])
        doc.paragraph(shown_sentence(found) + " По ним в последней строке — медиана каждого показателя (школы без "
                      "данных не учтены). " + full_list_sentence(
                          "в выгрузке «Таблица показателей ЕГЭ/ОГЭ (Excel)» раздела «Отчёты» («kurator report excel "
                          "exam»)"))
    doc.paragraph("Обозначения столбцов: " + "; ".join(f"{short} — {lower_first(analytics.EXAM_TABLE_TITLES[key])}"
                                                     for key, short in EXAM_SHORT_TITLES.items()) + ".")
    doc.table(["Школа", *EXAM_SHORT_TITLES.values()], rows, col_widths=(3, *([1] * len(EXAM_SHORT_TITLES))),
              numeric_columns=range(1, len(EXAM_SHORT_TITLES) + 1))
    doc.page_break(landscape=False)
