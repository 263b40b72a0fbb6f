"""One school's profile for a year, in PDF or Word (the file's extension chooses): register, statuses, staff, social
passport and ИСБ, results against the district, the program's indicators, courses, roadmap, support and risks."""

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import School, SchoolStatus, SocialPassport, alive
from app.models.reference import CONTEXT_TYPES, LOCALITIES, SCHOOL_STATUSES
from app.services.analytics import chart_data
from app.services.analytics import selection as analytics
from app.services.analytics.district_summary import DistrictFigures, district_figures
from app.errors import KuratorError
from app.services.frames import sharing_frames
from app.services.installation import DISTRICT_DATA_MISSING, find_school, own_school
from app.services.output import charts
from app.services.output.ru_format import format_value
from app.services.output.writers import ReportWriter, writer_for
from app.services.reports import facts
from app.services.reports.parts import (
    CHART_WIDTH_MM,
    ROADMAP_HEADER,
    ROADMAP_WEIGHTS,
    definitions_appendix,
    lower_first,
    percent,
    roadmap_rows,
    short,
    sign,
)
from app.services.reports.risk_sections import school_risks_section
from app.services.roadmaps.plans import list_roadmaps, roadmap_overview

SCHOOL_TITLE = "Профиль образовательной организации"

def report_schools(session: Session) -> list[tuple[str, str]]:
    """(code, name) of the schools a profile can be made for: a school's own, or the district's schools by name."""
    own = own_school(session)
    schools = [own] if own else session.scalars(select(School).where(alive(School)).order_by(School.name))
    return [(school.code, school.name) for school in schools]


@sharing_frames
def school_report(session: Session, school_code: str | None, year: int, path: str | Path) -> Path:
    """Write one school's profile for the year as a PDF or a Word document; a school installation may omit the code."""
    school = find_school(session, school_code)
    doc = writer_for(path, f"{SCHOOL_TITLE}: {school.name}", subject=f"{year} год")
    doc.official_header(facts.organisation(session), SCHOOL_TITLE, f"{school.name}, {year} год",
                        date_text=format_value(date.today()))
    passport = session.scalars(select(SocialPassport).where(
        SocialPassport.school_id == school.id, SocialPassport.year == year, alive(SocialPassport))).first()
    _register_section(doc, school, year, passport)
    _statuses_section(doc, session, school)
    _staff_section(doc, session, school, year)
    district = district_figures(session, school.id, year)
    _passport_section(doc, session, school, year, passport, district)
    _results_section(doc, session, school, year, district)
    _school_indicators_section(doc, session, school, year)
    _school_courses_section(doc, session, school, year)
    _school_roadmap_section(doc, session, school, year)
    _support_section(doc, session, school, year)
    school_risks_section(doc, session, school, year, 9)
    sign(doc, session)
    definitions_appendix(doc, session)
    return doc.save(path)


@sharing_frames
def all_school_reports(session: Session, year: int, folder: str | Path) -> list[Path]:
    """Every school's profile for the year into `folder` as CODE.pdf; the district's frames are computed once for all."""
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise KuratorError(f"Не удалось создать папку «{target}»: {error.strerror}.") from error
    return [school_report(session, code, year, target / f"{code}.pdf") for code, _name in report_schools(session)]


def _pupils(school: School, year: int, passport: SocialPassport | None) -> tuple[str, object]:
    """The one pupil count of the profile: the year's social passport (the figures of section 4 and the risks are of
    it), else the register's with its source said."""
    if passport is not None:
        return f"Обучающихся (социальный паспорт {year} года)", passport.pupils_total
    return "Обучающихся (реестр школ)", school.pupils if school.pupils is not None else "нет данных"


def _register_section(doc: ReportWriter, school: School, year: int, passport: SocialPassport | None) -> None:
    doc.heading("1. Сведения об образовательной организации", 2)
    doc.key_values([
        ("Код", school.code), ("Наименование", school.name), ("Вид", school.kind),
        ("Населённый пункт", school.settlement or "—"), ("Местность", LOCALITIES.get(school.locality, "—")),
        ("Тип контекста", CONTEXT_TYPES.get(school.context_type or "", "—")),
        ("Удалённость от центра, км", school.distance_km if school.distance_km is not None else "—"),
        _pupils(school, year, passport), ("Директор", school.director or "—"),
        ("Адрес", school.address or "—"), ("Телефон, эл. почта", ", ".join(filter(None, (school.phone, school.email))) or "—"),
        ("Центр «Точка роста»", f"открыт {format_value(school.growth_point_opened)}" if school.growth_point_opened else "нет"),
    ])


def _statuses_section(doc: ReportWriter, session: Session, school) -> None:
    doc.heading("2. Статусы по годам", 2)
    rows = session.scalars(select(SchoolStatus).where(SchoolStatus.school_id == school.id,
                                                      alive(SchoolStatus))
                           .order_by(SchoolStatus.year, SchoolStatus.status))
    doc.table(["Год", "Статус", "Основание"], [[s.year, SCHOOL_STATUSES.get(s.status, s.status), s.basis]
                                               for s in rows], col_widths=(1, 2, 8))


def _staff_section(doc: ReportWriter, session: Session, school, year: int) -> None:
    doc.heading("3. Кадровый состав", 2)
    summary = facts.staff_summary(session, school.id, year)
    doc.key_values([("Работников в году", summary.total), ("Молодых специалистов", summary.young)])
    doc.table(["Должность", "Человек"], summary.by_position, col_widths=(6, 1.5), numeric_columns=(1,))
    doc.table(["Квалификационная категория", "Человек"], summary.by_category, col_widths=(6, 1.5),
              numeric_columns=(1,))
    doc.table(["Вакансия", "Свободных ставок"], summary.vacancies, col_widths=(6, 1.5), numeric_columns=(1,))


def _passport_section(doc: ReportWriter, session: Session, school, year: int, passport: SocialPassport | None,
                      district: DistrictFigures | None) -> None:
    doc.heading("4. Социальный паспорт и ИСБ", 2)
    if passport is None:
        doc.paragraph(f"Социальный паспорт за {year} год не представлен.")
    else:
        shares = next((row for row in analytics.isb_inputs(session, year) if row["school_id"] == school.id), None)
        doc.paragraph(f"Доли — от числа обучающихся по социальному паспорту ({passport.pupils_total}, раздел 1).")
        doc.key_values([(title, percent(shares[key])) for key, (title, _) in analytics.ISB_INPUTS.items()
                        if key != "distance_km" and shares is not None])
    figures = district.figures if district else None
    if figures is None:
        doc.key_values([("ИСБ и группа по результатам и ИСБ", f"{DISTRICT_DATA_MISSING} (считаются по всем школам района)")])
        return
    doc.key_values([("ИСБ (0–100, выше — благополучнее)", percent(figures["isb"])),
                    ("Группа по результатам и ИСБ", figures["group"] or "не определена: нет ИСБ или результатов"),
                    ("Школ в сравнении", figures["schools_compared"]), ("Источник", district.as_of_text)])


def _results_section(doc: ReportWriter, session: Session, school, year: int,
                     district: DistrictFigures | None) -> None:
    doc.heading("5. Образовательные результаты в сравнении с районом", 2)
    series = chart_data.school_vs_district(session, school.id, list(range(year - 3, year + 1)))
    for point in series["points"]:  # the district's mean comes from the district, never from this database alone
        point["district"] = district.ege_core(point["year"]) if district else None
    doc.paragraph(f"В столбцах «Школа» и «Район» — {lower_first(series['metric'])}: средний балл участников ЕГЭ "
                  "по этим двум предметам, взвешенный по числу участников; пусто — школа в этом году ЕГЭ не сдавала.")
    doc.table(["Год", "Школа, средний балл ЕГЭ", "Район, средний балл ЕГЭ"],
              [[p["year"], p["school"], DISTRICT_DATA_MISSING if district is None else p["district"]]
               for p in series["points"]], col_widths=(1, 1.5, 1.5), numeric_columns=(1, 2))
    if district is not None:
        doc.paragraph(f"Район — {district.as_of_text}.")
    if any(p["school"] is not None for p in series["points"]):
        caption = f"{series['metric']}: школа и район"
        doc.image(charts.render_png("school_vs_district", series, caption), CHART_WIDTH_MM,
                  caption=f"Рисунок 1 — {caption}")


def _school_courses_section(doc: ReportWriter, session: Session, school, year: int) -> None:
    doc.heading("7. Повышение квалификации и диагностика", 2)
    people = facts.completed_people(session, year, school.id)
    doc.paragraph(f"В {year} году курсы завершили {len({p.teacher for p in people})} работников; проведено "
                  f"диагностик профессиональных компетенций: {facts.diagnostics_count(session, school.id, year)}.")
    doc.table(["Работник", "Курс", "Часов", "Завершён"],
              [[p.teacher, p.course, p.hours, p.completed_on] for p in people],
              col_widths=(3, 6, 1, 1.6), numeric_columns=(2,))


def _school_roadmap_section(doc: ReportWriter, session: Session, school, year: int) -> None:
    doc.heading("8. Выполнение дорожной карты школы", 2)
    own = [r for r in list_roadmaps(session, school.id) if r.school_id == school.id]
    if not own:
        doc.paragraph("Дорожная карта школы не загружена.")
        return
    for roadmap in own:
        overview = roadmap_overview(session, roadmap.id, year=year)
        doc.paragraph(f"«{roadmap.title}»: выполнено в срок — {overview['total']['done']} из "
                      f"{overview['total']['total']}, просрочено — {overview['total']['overdue']}.")
        doc.table(ROADMAP_HEADER, roadmap_rows(overview), col_widths=ROADMAP_WEIGHTS,
                  numeric_columns=(1, 2, 3, 4, 5))


def _support_section(doc: ReportWriter, session: Session, school, year: int) -> None:
    doc.heading("9. Адресные рекомендации и помощь", 2)
    doc.table(["Рекомендация", "Срок", "Состояние"],
              [[r.text, r.due_date, r.status] for r in facts.recommendations(session, year, school.id)],
              col_widths=(8, 1.6, 1.8))
    doc.table(["Дата", "Вид помощи", "Содержание", "Результат"],
              [[a.held_on, a.kind, a.description, a.result]
               for a in facts.support_actions(session, year, school.id)], col_widths=(1.6, 2.2, 5, 3))


def _school_indicators_section(doc: ReportWriter, session: Session, school, year: int) -> None:
    doc.heading("6. Показатели программы по школе", 2)
    years = list(range(year - 4, year + 1))
    lines = facts.school_indicator_lines(session, school.id, years)
    doc.paragraph("Значения показателей программы, посчитанные по записям школы так же, как по району (определения — "
                  "в приложении); в столбцах по годам, района и цели — значение показателя в единицах, указанных "
                  "после его названия. «—» — школа в этом году не входит в число школ показателя (например, не "
                  "имела статуса ШНОР или ШНСУ).")
    doc.table(["Код", "Показатель, единицы", *map(str, years), f"Район {year}", f"Цель {year}"],
              [[line.code, f"{short(line.name)}, {line.unit}" if line.unit else short(line.name), *line.values,
                line.district, line.target] for line in lines],
              col_widths=(1, 3.6, *([1.35] * len(years)), 1.35, 1.1), numeric_columns=range(2, len(years) + 4))
    for line in lines:
        for reason in line.reasons:
            if not reason.split(": ", 1)[1].startswith(facts.NOT_IN_GROUP):
                doc.paragraph(f"Показатель {line.code}, {reason}.")
