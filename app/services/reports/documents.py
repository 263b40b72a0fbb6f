"""The PDF reports: the district's analytic report for a year (in the manner of the report at the end of seeds/004)
and one school's profile. Excel exports live in `app.services.reports.excel`."""

import os
from datetime import date
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import Roadmap, School, SchoolStatus, SocialPassport, alive
from app.models.reference import CONTEXT_TYPES, LOCALITIES, SCHOOL_STATUSES
from app.services.analytics import chart_data
from app.services.analytics import selection as analytics
from app.services.analytics.district_summary import DistrictFigures, district_figures
from app.services.indicators.catalogue import STATUSES, IndicatorRow, indicator_table
from app.services.installation import DISTRICT_DATA_MISSING, find_school, own_school
from app.services.output import charts
from app.services.output.pdf import ReportDocument
from app.services.output.ru_format import format_value
from app.services.qualification.checks import SHORT_TITLES
from app.services.qualification.monitoring import finding_lines, qualification_report
from app.services.reports import facts
from app.services.reports.risk_sections import district_risks_section, school_risks_section
from app.services.reports.vpr_output import vpr_section
from app.services.roadmaps.plans import RoadmapOverview, list_roadmaps, roadmap_overview

DISTRICT_TITLE = "Аналитическая справка о реализации программы поддержки школ с низкими образовательными результатами"
SCHOOL_TITLE = "Профиль образовательной организации"
KEY_INDICATORS = ("2.1.2", "2.2")
CHART_WIDTH_MM = 165
STANDING_TASKS = (
    "Информационно-методическому центру продолжить адресную работу со школами с низкими образовательными "
    "результатами и школами, функционирующими в неблагоприятных социальных условиях.",
    "Организовать адресное сопровождение учителей, имеющих системные предметные дефициты, требующие восполнения "
    "(курсовая подготовка, индивидуальные образовательные маршруты).",
    "Внести корректировку в школьные дорожные карты по переходу в эффективный режим функционирования.",
)
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
ROADMAP_HEADER = ["Раздел", "Всего", "В срок", "С нарушением срока", "Просрочено", "Осталось"]


def check_target(path: str | Path) -> Path:
    """Refuse early (before minutes of work) a target whose folder is missing or not writable."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise KuratorError(f"«{target}» — это папка; укажите имя файла.")
    if not folder.is_dir():
        raise KuratorError(f"Папка «{folder}» не существует.")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise KuratorError(f"Нет прав на запись файла «{target}».")
    return target


def _roadmap_rows(overview: RoadmapOverview) -> list[list]:
    return [[name, v["total"], v["done"], v["done_late"], v["overdue"], v["remaining"]]
            for name, v in overview["by_section"].items()]


def _percent(value) -> str:
    return "—" if value is None or pd.isna(value) else format_value(round(float(value), 1))


def _short(name: str, limit: int = 90) -> str:
    """A long indicator name cut for a narrow column (the full name stands in the appendix)."""
    return name if len(name) <= limit else name[:limit].rsplit(" ", 1)[0] + "…"


def _listing(names: list[str]) -> str:
    return ", ".join(names) if names else "нет"


def _sign(doc: ReportDocument, session: Session) -> None:
    signer = facts.get_signer(session)
    if signer:
        doc.signature_block(signer.position, signer.name)


# --- the district report ----------------------------------------------------------------------------------------

def district_report(session: Session, year: int, path: str | Path) -> Path:
    """Write the district's analytic report for the year as a PDF; returns the path."""
    title = f"{DISTRICT_TITLE} за {year} год"
    doc = ReportDocument(title, subject="Аналитическая справка")
    doc.official_header(facts.organisation(session), title, date_text=format_value(date.today()))
    schools = facts.program_schools(session, year)
    indicators = indicator_table(session, year)
    municipal = next((r for r in list_roadmaps(session) if r.level == "municipal" and r.year_from <= year <= r.year_to),
                     None)
    overview = roadmap_overview(session, municipal.id, year=year) if municipal else None
    _schools_section(doc, session, year, schools)
    _indicators_section(doc, indicators)
    _charts_section(doc, session, year, indicators, municipal)
    _exam_section(doc, session, year)
    vpr_section(doc, session, year)
    _courses_section(doc, session, year)
    _qualification_section(doc, session, year)
    _roadmap_section(doc, overview)
    _recommendations_section(doc, session, year)
    district_risks_section(doc, session, year, 8)
    _tasks_section(doc, year, indicators, overview)
    _sign(doc, session)
    _definitions_appendix(doc, session)
    return doc.save(path)


def _schools_section(doc: ReportDocument, session: Session, year: int, schools: list[facts.ProgramSchool]) -> None:
    doc.heading("1. Школы, участвующие в программе", 2)
    shnor, shnsu = facts.schools_with(schools, "shnor"), facts.schools_with(schools, "shnsu")
    computed = analytics.resilient_schools(session, year)
    doc.paragraph(f"В программу поддержки ШНОР в {year} году вошли {len(shnor)} общеобразовательных организаций: "
                  f"{_listing(shnor)}.")
    doc.paragraph(f"Школ, функционирующих в неблагоприятных социальных условиях (ШНСУ): {len(shnsu)} — "
                  f"{_listing(shnsu)}. Участники федерального проекта «500+»: "
                  f"{_listing(facts.schools_with(schools, '500plus'))}. Резильентные школы по решению о статусе: "
                  f"{_listing(facts.schools_with(schools, 'resilient'))}; по расчёту: "
                  f"{_listing(list(computed.loc[computed['computed'], 'school']))} "
                  f"({analytics.RESILIENT_RULE[:1].lower()}{analytics.RESILIENT_RULE[1:]})")
    doc.table(["№", "Школа", "Статусы", "Центр «Точка роста»"],
              [[i, s.name, ", ".join(s.statuses), s.growth_point or "нет"] for i, s in enumerate(schools, 1)],
              col_widths=(0.6, 6, 3, 2.4), numeric_columns=(0,))


def _indicators_section(doc: ReportDocument, indicators: list[IndicatorRow]) -> None:
    doc.heading("2. Показатели программы: план и факт", 2)
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


def _charts_section(doc: ReportDocument, session: Session, year: int, indicators: list[IndicatorRow],
                    municipal: Roadmap | None) -> None:
    doc.page_break()
    doc.heading("3. Диаграммы", 2)
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
    for number, (kind, data, caption) in enumerate(figures, start=1):
        doc.image(charts.render_png(kind, data, caption), CHART_WIDTH_MM, caption=f"Рисунок {number} — {caption}")


def _courses_section(doc: ReportDocument, session: Session, year: int) -> None:
    doc.heading("5. Повышение квалификации руководителей и педагогов", 2)
    courses = facts.completed_courses(session, year)
    doc.paragraph(facts.trained_sentence(session, year))
    doc.table(["Курс", "Организатор", "Часов", "Руководителей", "Педагогов"],
              [[c.title, c.provider, c.hours, c.leaders, c.teachers] for c in courses],
              col_widths=(6, 3.4, 1.1, 1.9, 1.6), numeric_columns=(2, 3, 4))


def _qualification_section(doc: ReportDocument, session: Session, year: int) -> None:
    """5.1: staff against the qualification requirements (seeds/001 1.1.7): the totals, then the schools where the
    monitoring found something."""
    doc.heading("5.1. Соответствие кадров квалификационным требованиям", 3)
    report = qualification_report(session, year)
    if not report.staff_total:
        doc.paragraph(f"Нет данных: в базе нет работников школ на {report.as_of:%d.%m.%Y} (кадры не загружены).")
        return
    doc.paragraph(" ".join(finding_lines(report)) + " Курсы — не реже одного раза в три года (ст. 47 ФЗ-273).")
    noted = [s for s in report.schools if any(s.counts.values()) or s.vacant_rates]
    doc.table(["Школа", "Всего", *SHORT_TITLES.values(), "Вакансии, ставок"],
              [[s.name, s.staff, *s.counts.values(), s.vacant_rates] for s in noted],
              col_widths=(4.0, 1.1, 1.5, 1.5, 1.5, 1.7, 1.5), numeric_columns=(1, 2, 3, 4, 5, 6))


def _roadmap_section(doc: ReportDocument, overview: RoadmapOverview | None) -> None:
    doc.heading("6. Реализация муниципальной дорожной карты", 2)
    if overview is None:
        doc.paragraph("Муниципальная дорожная карта на этот год не загружена.")
        return
    total = overview["total"]
    doc.paragraph(f"Дорожная карта «{overview['title']}»: сроков исполнения в году — {total['total']}, выполнено "
                  f"в срок — {total['done']}, с нарушением срока — {total['done_late']}, просрочено — "
                  f"{total['overdue']}, срок не наступил — {total['remaining']}.")
    doc.table(ROADMAP_HEADER, _roadmap_rows(overview), col_widths=(5, 1.3, 1.3, 2.4, 2.1, 1.7),
              numeric_columns=(1, 2, 3, 4, 5))
    if overview["overdue"]:
        doc.heading("Мероприятия, не выполненные в срок", 3)
        doc.table(["№", "Мероприятие", "Срок истёк", "Ответственный"],
                  [[o["number"], o["title"], date.fromisoformat(o["window_end"]), o["responsible"]]
                   for o in overview["overdue"]], col_widths=(1, 7, 2, 3))


def _recommendations_section(doc: ReportDocument, session: Session, year: int) -> None:
    doc.heading("7. Адресные рекомендации школам", 2)
    doc.table(["Школа", "Рекомендация", "Срок", "Состояние"],
              [[r.school, r.text, r.due_date, r.status] for r in facts.recommendations(session, year)],
              col_widths=(3.2, 7, 1.6, 1.8))


def _tasks_section(doc: ReportDocument, year: int, indicators: list[IndicatorRow],
                   overview: RoadmapOverview | None) -> None:
    doc.heading(f"Задачи и рекомендации на {year + 1} год", 2)
    missed = [r["code"] for r in indicators if r["status"] == "not_achieved"]
    tasks = list(STANDING_TASKS)
    if missed:
        tasks.append(f"Принять меры по достижению плановых значений показателей {', '.join(missed)}.")
    if overview and overview["total"]["overdue"]:
        tasks.append("Рассмотреть причины невыполнения в срок мероприятий муниципальной дорожной карты на совещании "
                     "с ответственными исполнителями и внести корректировку в дорожную карту.")
    for number, task in enumerate(tasks, start=1):
        doc.paragraph(f"{number}. {task}")


def _exam_section(doc: ReportDocument, session: Session, year: int) -> None:
    """The seeds/000 ЕГЭ/ОГЭ table on landscape pages, its long column titles shortened and explained below."""
    doc.page_break(landscape=True)
    doc.heading(f"4. Показатели ГИА по образовательным организациям, {year} год", 2)
    table = analytics.exam_indicator_table(session, year)
    rows = [[row["school"], *(_percent(row[key]) for key in EXAM_SHORT_TITLES)] for _, row in table.iterrows()]
    doc.table(["Школа", *EXAM_SHORT_TITLES.values()], rows, col_widths=(3, *([1] * len(EXAM_SHORT_TITLES))),
              numeric_columns=range(1, len(EXAM_SHORT_TITLES) + 1))
    doc.paragraph("Обозначения: " + "; ".join(f"{short} — {analytics.EXAM_TABLE_TITLES[key].lower()}"
                                            for key, short in EXAM_SHORT_TITLES.items()) + ".")
    doc.page_break(landscape=False)


# --- the school profile -----------------------------------------------------------------------------------------

def report_schools(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the schools a profile can be made for: a school's own, or the district's schools by name."""
    own = own_school(session)
    schools = [own] if own else session.scalars(select(School).where(alive(School)).order_by(School.name))
    return [(school.code, school.name) for school in schools]


def school_report(session: Session, school_code: str | None, year: int, path: str | Path) -> Path:
    """Write one school's profile for the year as a PDF; a school installation may omit the code."""
    school = find_school(session, school_code)
    doc = ReportDocument(f"{SCHOOL_TITLE}: {school.name}", subject=f"{year} год")
    doc.official_header(facts.organisation(session), SCHOOL_TITLE, f"{school.name}, {year} год",
                        date_text=format_value(date.today()))
    _register_section(doc, school)
    _statuses_section(doc, session, school)
    _staff_section(doc, session, school, year)
    district = district_figures(session, school.id, year)
    _passport_section(doc, session, school, year, district)
    _results_section(doc, session, school, year, district)
    _school_indicators_section(doc, session, school, year)
    _school_courses_section(doc, session, school, year)
    _school_roadmap_section(doc, session, school, year)
    _support_section(doc, session, school, year)
    school_risks_section(doc, session, school, year, 9)
    _sign(doc, session)
    _definitions_appendix(doc, session)
    return doc.save(path)


def _register_section(doc: ReportDocument, school) -> None:
    doc.heading("1. Сведения об образовательной организации", 2)
    doc.key_values([
        ("Код", school.code), ("Наименование", school.name), ("Вид", school.kind),
        ("Населённый пункт", school.settlement or "—"), ("Местность", LOCALITIES.get(school.locality, "—")),
        ("Тип контекста", CONTEXT_TYPES.get(school.context_type or "", "—")),
        ("Удалённость от центра, км", school.distance_km if school.distance_km is not None else "—"),
        ("Обучающихся", school.pupils if school.pupils is not None else "—"), ("Директор", school.director or "—"),
        ("Адрес", school.address or "—"), ("Телефон, эл. почта", ", ".join(filter(None, (school.phone, school.email))) or "—"),
        ("Центр «Точка роста»", f"открыт {format_value(school.growth_point_opened)}" if school.growth_point_opened else "нет"),
    ])


def _statuses_section(doc: ReportDocument, session: Session, school) -> None:
    doc.heading("2. Статусы по годам", 2)
    rows = session.scalars(select(SchoolStatus).where(SchoolStatus.school_id == school.id,
                                                      alive(SchoolStatus))
                           .order_by(SchoolStatus.year, SchoolStatus.status))
    doc.table(["Год", "Статус", "Основание"], [[s.year, SCHOOL_STATUSES.get(s.status, s.status), s.basis]
                                               for s in rows], col_widths=(1, 2, 8))


def _staff_section(doc: ReportDocument, session: Session, school, year: int) -> None:
    doc.heading("3. Кадровый состав", 2)
    summary = facts.staff_summary(session, school.id, year)
    doc.key_values([("Работников в году", summary.total), ("Молодых специалистов", summary.young)])
    doc.table(["Должность", "Человек"], summary.by_position, col_widths=(6, 1.5), numeric_columns=(1,))
    doc.table(["Квалификационная категория", "Человек"], summary.by_category, col_widths=(6, 1.5),
              numeric_columns=(1,))
    doc.table(["Вакансия", "Свободных ставок"], summary.vacancies, col_widths=(6, 1.5), numeric_columns=(1,))


def _passport_section(doc: ReportDocument, session: Session, school, year: int,
                      district: DistrictFigures | None) -> None:
    doc.heading("4. Социальный паспорт и ИСБ", 2)
    passport = session.scalars(select(SocialPassport).where(
        SocialPassport.school_id == school.id, SocialPassport.year == year, alive(SocialPassport))).first()
    if passport is None:
        doc.paragraph(f"Социальный паспорт за {year} год не представлен.")
    else:
        shares = analytics.isb_inputs(session, year)
        doc.key_values([("Обучающихся", passport.pupils_total)] + [
            (title, _percent(shares.at[school.id, key])) for key, (title, _) in analytics.ISB_INPUTS.items()
            if key != "distance_km" and school.id in shares.index])
    figures = district.figures if district else None
    if figures is None:
        doc.key_values([("ИСБ и группа по результатам и ИСБ", f"{DISTRICT_DATA_MISSING} (считаются по всем школам района)")])
        return
    doc.key_values([("ИСБ (0–100, выше — благополучнее)", _percent(figures["isb"])),
                    ("Группа по результатам и ИСБ", figures["group"] or "не определена: нет ИСБ или результатов"),
                    ("Школ в сравнении", figures["schools_compared"]), ("Источник", district.as_of_text)])


def _results_section(doc: ReportDocument, session: Session, school, year: int,
                     district: DistrictFigures | None) -> None:
    doc.heading("5. Образовательные результаты в сравнении с районом", 2)
    series = chart_data.school_vs_district(session, school.id, list(range(year - 3, year + 1)))
    for point in series["points"]:  # the district's mean comes from the district, never from this database alone
        point["district"] = district.ege_core(point["year"]) if district else None
    doc.table(["Год", "Школа", "Район"],
              [[p["year"], p["school"], DISTRICT_DATA_MISSING if district is None else p["district"]]
               for p in series["points"]], col_widths=(1, 1.5, 1.5), numeric_columns=(1, 2))
    if district is not None:
        doc.paragraph(f"Район — {district.as_of_text}.")
    if any(p["school"] is not None for p in series["points"]):
        caption = f"{series['metric']}: школа и район"
        doc.image(charts.render_png("school_vs_district", series, caption), CHART_WIDTH_MM,
                  caption=f"Рисунок 1 — {caption}")


def _school_courses_section(doc: ReportDocument, session: Session, school, year: int) -> None:
    doc.heading("7. Повышение квалификации и диагностика", 2)
    people = facts.completed_people(session, year, school.id)
    doc.paragraph(f"В {year} году курсы завершили {len({p.teacher for p in people})} работников; проведено "
                  f"диагностик профессиональных компетенций: {facts.diagnostics_count(session, school.id, year)}.")
    doc.table(["Работник", "Курс", "Часов", "Завершён"],
              [[p.teacher, p.course, p.hours, p.completed_on] for p in people],
              col_widths=(3, 6, 1, 1.6), numeric_columns=(2,))


def _school_roadmap_section(doc: ReportDocument, session: Session, school, year: int) -> None:
    doc.heading("8. Выполнение дорожной карты школы", 2)
    own = [r for r in list_roadmaps(session, school.id) if r.school_id == school.id]
    if not own:
        doc.paragraph("Дорожная карта школы не загружена.")
        return
    for roadmap in own:
        overview = roadmap_overview(session, roadmap.id, year=year)
        doc.paragraph(f"«{roadmap.title}»: выполнено в срок — {overview['total']['done']} из "
                      f"{overview['total']['total']}, просрочено — {overview['total']['overdue']}.")
        doc.table(ROADMAP_HEADER, _roadmap_rows(overview), col_widths=(5, 1.3, 1.3, 2.4, 2.1, 1.7),
                  numeric_columns=(1, 2, 3, 4, 5))


def _support_section(doc: ReportDocument, session: Session, school, year: int) -> None:
    doc.heading("9. Адресные рекомендации и помощь", 2)
    doc.table(["Рекомендация", "Срок", "Состояние"],
              [[r.text, r.due_date, r.status] for r in facts.recommendations(session, year, school.id)],
              col_widths=(8, 1.6, 1.8))
    doc.table(["Дата", "Вид помощи", "Содержание", "Результат"],
              [[a.held_on, a.kind, a.description, a.result]
               for a in facts.support_actions(session, year, school.id)], col_widths=(1.6, 2.2, 5, 3))


def _school_indicators_section(doc: ReportDocument, session: Session, school, year: int) -> None:
    doc.heading("6. Показатели программы по школе", 2)
    years = list(range(year - 4, year + 1))
    lines = facts.school_indicator_lines(session, school.id, years)
    doc.paragraph("Значения показателей программы, посчитанные по записям школы так же, как по району (определения — "
                  "в приложении). «—» — школа в этом году не входит в число школ показателя (например, не имела "
                  "статуса ШНОР или ШНСУ).")
    doc.table(["Код", "Показатель", *map(str, years), f"Район {year}", f"Цель {year}"],
              [[line.code, _short(line.name), *line.values, line.district, line.target] for line in lines],
              col_widths=(1, 3.6, *([1.35] * len(years)), 1.35, 1.1), numeric_columns=range(2, len(years) + 4))
    for line in lines:
        for reason in line.reasons:
            if not reason.split(": ", 1)[1].startswith(facts.NOT_IN_GROUP):
                doc.paragraph(f"Показатель {line.code}, {reason}.")


def _definitions_appendix(doc: ReportDocument, session: Session) -> None:
    """Every indicator's definition: what is counted, over which schools, which period, from which records."""
    doc.page_break()
    doc.heading("Приложение. Определения показателей", 2)
    for item in facts.indicator_definitions(session):
        doc.heading(f"{item.code}. {item.name}, {item.unit}", 3)
        for text in item.definition.split("\n"):
            doc.paragraph(text)
