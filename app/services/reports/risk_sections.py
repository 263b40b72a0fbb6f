"""The «500+» risks in the reports (PDF or Word): the district's risk map (a section of the analytic report, and the
report `kurator report risks`), and a school's risk profile with its programs (a section of the school profile). The
facts come from app.services.risks; here is only their layout."""

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.models import School
from app.models.reference import EVENT_STATUSES, RISK_LEVELS, SCHOOL_STATUSES
from app.services.output import charts
from app.services.output.writers import ReportWriter, writer_for
from app.services.output.ru_format import format_value
from app.services.reports import facts
from app.services.risks.chart_data import CHART_CAPTIONS, risk_chart
from app.services.risks.evidence import profile_evidence
from app.services.risks.profiles import ProfileDetail, find_profile, profile_detail
from app.services.risks.progress import ProgramView, programs_of
from app.services.risks.risk_map import MARKS_LEGEND, RiskMap, cell_marks, risk_map
from app.services.risks.summary import profiled_schools

REPORT_TITLE = "Риски школ — участников проекта «500+»: карта рисков и антирисковые программы"
CHART_WIDTH_MM = 165


def district_risks_section(doc: ReportWriter, session: Session, year: int, number: int) -> None:
    """Section `number` of the district's report: the map of the year, the high risks, the programs."""
    doc.heading(f"{number}. Риски школ — участников проекта «500+»", 2)
    found = risk_map(session, year)
    if not found.rows:
        doc.paragraph(f"Профили рисков школ за {year} год не заполнены, школ со статусом «500+» в этом году нет.")
        return
    _map_blocks(doc, found, f"{number}.1")


def _map_blocks(doc: ReportWriter, found: RiskMap, figure: str) -> None:
    missing = [row.name for row in found.rows if not row.has_profile]
    doc.paragraph(f"Профили рисков за {found.year} год заполнили школ: {found.profiles} из {len(found.rows)}"
                  + (f"; не заполнили: {', '.join(missing)}." if missing else "."))
    for factor in found.factors:
        if factor.high:
            doc.paragraph(f"Высокий уровень риска «{factor.title}» — школ: {len(factor.high)}; антирисковой "
                          f"программы по нему нет у школ: {len(factor.high_without_program)}.")
    doc.paragraph("Обозначения: " + MARKS_LEGEND + " Факторы: " + "; ".join(  # above the table: never alone on a page
        f"{i} — {f.title}" for i, f in enumerate(found.factors, start=1)) + ".")
    doc.table(["Школа", *(str(i) for i in range(1, len(found.factors) + 1))],
              [[row.short_name, *(cell_marks(row.cells[f.code]) for f in found.factors)] for row in found.rows],
              col_widths=(2.6, *([1] * len(found.factors))))
    kind, data = risk_chart(found)
    caption = CHART_CAPTIONS[kind].format(year=found.year)
    doc.image(charts.render_png(kind, data, caption), CHART_WIDTH_MM, caption=f"Рисунок {figure} — {caption}")
    doc.heading("Школы с высоким уровнем риска и антирисковые программы", 3)
    doc.table(["Фактор риска", "Высокий уровень", "Без антирисковой программы"],
              [[f.title, ", ".join(h.school for h in f.high) or "нет", ", ".join(f.high_without_program) or "нет"]
               for f in found.factors], col_widths=(4, 4, 3))
    doc.heading("Антирисковые программы и выполнение их мероприятий", 3)
    doc.table(["Школа", "Риск", "Цель", "Мероприятий", "Выполнено, %", "Просрочено"],
              [[p.school, p.factor_title, p.goal, p.measures, p.done_percent if p.done_percent is not None else "—",
                p.overdue] for p in found.programs],
              col_widths=(2.2, 2.6, 3.3, 2.0, 2.1, 1.8), numeric_columns=(3, 4, 5))


def school_risks_section(doc: ReportWriter, session: Session, school: School, year: int, number: int) -> None:
    """Section `number` of a school's profile: its risk profile and programs (only for a school that has a profile
    or holds «500+» in the year)."""
    held = SCHOOL_STATUSES["500plus"] in facts.statuses_by_school(session, year).get(school.id, [])
    if not held and find_profile(session, school.id, year) is None:
        return
    doc.heading(f"{number}. Профиль рисков и антирисковые программы («500+»)", 2)
    _profile_blocks(doc, session, profile_detail(session, school.id, year))


def _profile_blocks(doc: ReportWriter, session: Session, detail: ProfileDetail) -> None:
    if not detail.exists:
        doc.paragraph(f"Профиль рисков за {detail.year} год не заполнен.")
        return
    titles = {f.code: f.title for f in detail.factors}
    doc.key_values([
        ("Заполнен", f"{format_value(detail.filled_on)}, {detail.filled_by}"),
        ("Источник", detail.source_text),
        ("Приоритетные риски", "; ".join(titles[code] for code in detail.priority) or "не выбраны"),
    ])
    evidence = profile_evidence(session, detail.school_id, detail.year, [f.evidence for f in detail.factors])
    doc.table(["№", "Фактор риска", "Уровень", "Приоритетный", "Данные Куратора"],
              [[i, f.title, RISK_LEVELS.get(f.level or "", "нет оценки"), f.priority,
                evidence[f.evidence].text if f.evidence in evidence else ""]
               for i, f in enumerate(detail.factors, start=1)],
              col_widths=(0.6, 4.2, 1.5, 1.9, 4.3), numeric_columns=(0,))
    for item in evidence.values():
        doc.paragraph(f"{item.definition} Уровень по данным Куратора — {item.guide}.")
    for program in programs_of(session, detail.school_id, detail.year):
        _program_blocks(doc, program)


def _program_blocks(doc: ReportWriter, program: ProgramView) -> None:
    doc.heading(program.heading, 3)
    doc.paragraph(f"Цель: {program.goal}")
    if program.tasks:
        doc.paragraph("Задачи: " + "; ".join(program.tasks) + ".")
    if program.approved_by:
        doc.paragraph(f"Утверждена: {program.approved_by}.")
    if program.measures:
        doc.paragraph(f"Выполнение (по мониторингу дорожной карты): {program.progress_text()}.")
        doc.table(["№", "Мероприятие", "Срок", "Ответственный", "Ожидаемый результат", "Состояние"],
                  [[m.number, m.title, m.deadline_text, m.responsible, m.expected_result, EVENT_STATUSES[m.status]]
                   for m in program.measures], col_widths=(0.8, 4, 1.8, 2, 2.6, 1.8))
    if program.indicators:
        doc.table(["Показатель успешности", "Ед.", "Целевое значение", "Достигнуто"],
                  [[i.name, i.unit or "", i.target, i.actual if i.actual is not None else "нет данных"]
                   for i in program.indicators], col_widths=(6, 1, 1.8, 1.8), numeric_columns=(2, 3))


def risks_report(session: Session, year: int, path: str | Path) -> Path:
    """`kurator report risks --out FILE.pdf|FILE.docx`: the map of the year, then every school's profile and
    programs."""
    title = f"{REPORT_TITLE} за {year} год"
    doc = writer_for(path, title, subject="Риски «500+»")
    doc.official_header(facts.organisation(session), title, date_text=format_value(date.today()))
    district_risks_section(doc, session, year, 1)
    doc.heading("2. Профили рисков школ", 2)
    schools = profiled_schools(session, year)
    if not schools:
        doc.paragraph(f"Профилей рисков за {year} год нет.")
    for school in schools:
        doc.heading(school.name, 3)
        _profile_blocks(doc, session, profile_detail(session, school.id, year))
    signer = facts.get_signer(session)
    if signer:
        doc.signature_block(signer.position, signer.name)
    return doc.save(path)
