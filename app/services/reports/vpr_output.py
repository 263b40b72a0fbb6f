"""The ВПР analysis as people read it: a section of a report (any document with heading, paragraph, table and image
methods — the PDF `ReportDocument` or a Word writer with the same methods), the ВПР report of its own
(`kurator report vpr`, PDF) and its Excel workbook."""

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.services.output.pdf import ReportDocument
from app.services.output.ru_format import count_noun, format_value
from app.services.reports import facts
from app.services.reports.vpr import (
    COMPARED,
    MEASURES,
    Figure,
    References,
    VprLine,
    above_region,
    definitions,
    school_lines,
    totals,
    work_counts,
)

ATTENTION_ROWS = 25  # the справка lists this many works above the region's share of «2»; the workbook has all
EVERY_SCHOOL_ROWS = 1500  # the ВПР report lists every school's works up to ~90 pages; beyond, those above the region
LEVEL_NAMES = {"region": "регион", "country": "Россия"}
PUPIL_FORMS = ("обучающийся", "обучающихся", "обучающихся")
SCHOOL_FORMS = ("школы", "школ", "школ")
TOTALS_WIDTHS = (1, 2.4, 1.2, *([1.4] * 6), 1.4, 1.5, 1.9, 1.5)
REPORT_TITLE = "Анализ результатов всероссийских проверочных работ"


def _shown(figure: Figure) -> str:
    return facts.NO_DATA if figure.value is None else format_value(figure.value)


def _signed(figure: Figure) -> str:
    if figure.value is None:
        return facts.NO_DATA
    return ("+" if figure.value > 0 else "") + format_value(figure.value).replace("-", "\u2212")


def _excel(figure: Figure) -> float | str:
    """A workbook cell: the number, or «нет данных» with its reason."""
    return figure.value if figure.value is not None else f"{facts.NO_DATA}: {figure.reason}"


# --- the section ------------------------------------------------------------------------------------------------

def vpr_section(doc, session: Session, year: int, number: str = "4.1", every_school: bool = False) -> None:
    """Write the ВПР section: all schools by grade and subject against the region and Russia, the works whose
    share of «2» is above the region's (all of each school's works with `every_school`, for the report of its
    own), the reasons of missing figures and the definitions. On landscape pages of its own in a longer report."""
    if not every_school:
        doc.page_break(landscape=True)
    doc.heading(f"{number}. Результаты всероссийских проверочных работ (ВПР), {year} год", 2)
    lines = totals(session, year)
    if not lines:
        doc.paragraph(f"Результаты ВПР за {year} год не внесены: школы вносят их в разделе «Результаты», "
                      "вкладка «ВПР», или загружают шаблоном «Результаты».")
        _back_to_portrait(doc, every_school)
        return
    references, (schools, works) = References(session, year), work_counts(session, year)
    doc.paragraph(_summary(year, schools, lines, references))
    doc.table(*_totals_table(lines, references, "школа" if schools == 1 else "все школы"),
              numeric_columns=range(2, 13), col_widths=TOTALS_WIDTHS)
    _reasons(doc, lines, references)
    doc.paragraph("Как считаются показатели. " + " ".join(definitions()))
    for finding in _findings(lines, references):
        doc.paragraph(finding)
    if every_school and works <= EVERY_SCHOOL_ROWS:
        _every_school(doc, session, year, references)
    elif every_school:
        doc.paragraph(f"Строк «школа — класс — предмет» — {format_value(works)}: в PDF их было бы слишком много для "
                      "чтения, поэтому ниже — работы с долей «2» выше региональной, а все строки — в выгрузке Excel.")
        _attention(doc, session, year, references, EVERY_SCHOOL_ROWS)
    else:
        _attention(doc, session, year, references, ATTENTION_ROWS)
    _back_to_portrait(doc, every_school)


def _back_to_portrait(doc, every_school: bool) -> None:
    if not every_school:
        doc.page_break(landscape=False)


def _summary(year: int, schools: int, lines: list[VprLine], references: References) -> str:
    wrote = sum(line.counts.participants for line in lines)
    text = (f"В {year} году ВПР писали {count_noun(wrote, PUPIL_FORMS)} из {count_noun(schools, SCHOOL_FORMS)} "
            f"(сложены все работы: один обучающийся учтён столько раз, сколько работ он писал); "
            f"параллелей и предметов — {len(lines)}.")
    if not references:
        text += (f" Средние значения региона и России за {year} год не внесены (раздел «Результаты», вкладка "
                 "«Средние ВПР»), поэтому сравнения с ними нет.")
    return text


def _totals_table(lines: list[VprLine], references: References, whose: str) -> tuple[list[str], list[list[str]]]:
    header = ["Класс", "Предмет", "Писали"]
    for measure in COMPARED[:2]:
        header += [f"{measure.title}: {whose}", f"{measure.title}: регион", f"{measure.title}: Россия"]
    header += ["Средняя отметка", *(m.title for m in MEASURES[3:])]
    rows = []
    for line in lines:
        row = [str(line.grade), line.subject, format_value(line.counts.participants)]
        for measure in COMPARED[:2]:
            row += [_shown(line.figure(measure)),
                    *(_shown(ref.figure) for ref, _difference in references.compare(line, measure))]
        row += [_shown(line.figure(measure)) for measure in MEASURES[2:]]
        rows.append(row)
    return header, rows


def _findings(lines: list[VprLine], references: References) -> list[str]:
    """Where all schools together do worse than the region: a higher share of «2», a lower share of «4–5»."""
    share_2, share_4_5 = COMPARED[0], COMPARED[1]
    worse_2 = [(line, diff) for line in lines
               for _ref, diff in references.compare(line, share_2)[:1] if diff.value is not None and diff.value > 0]
    worse_4_5 = [(line, diff) for line in lines
                 for _ref, diff in references.compare(line, share_4_5)[:1] if diff.value is not None and diff.value < 0]
    found = []
    for title, worse in (("Доля «2» выше региональной", worse_2), ("Доля «4–5» ниже региональной", worse_4_5)):
        if worse:
            items = "; ".join(f"{line.grade} класс, {line.subject} ({_signed(diff)} п.п.)" for line, diff in worse)
            found.append(f"{title}: {items}.")
    return found


def _attention(doc, session: Session, year: int, references: References, limit: int) -> None:
    works = above_region(session, year, references)
    doc.heading("Работы школ с долей «2» выше региональной", 3)
    if not works:
        doc.paragraph("Таких работ нет" + ("." if references else ": значения региона не внесены."))
        return
    shown = works[:limit]
    doc.table(["Школа", "Класс", "Предмет", "Писали", "Доля «2», %", "Регион, %", "Разница, п.п."],
              [[line.school, str(line.grade), line.subject, format_value(line.counts.participants),
                _shown(line.figure(COMPARED[0])), _shown(references.compare(line, COMPARED[0])[0][0].figure),
                _signed(difference)] for line, difference in shown],
              col_widths=(5, 1, 3, 1.2, 1.4, 1.4, 1.6), numeric_columns=range(3, 7))
    if len(works) > len(shown):
        doc.paragraph(f"Показаны {len(shown)} работ с наибольшей разницей из {len(works)}; все — в выгрузке Excel "
                      "(страница «Отчёты», «Анализ ВПР (Excel)»).")


def _every_school(doc, session: Session, year: int, references: References) -> None:
    doc.heading("Результаты по школам", 3)
    share_2, share_4_5 = COMPARED[0], COMPARED[1]
    rows = [[line.school, str(line.grade), line.subject, format_value(line.counts.participants),
             _shown(line.figure(share_2)), _signed(references.compare(line, share_2)[0][1]),
             _shown(line.figure(share_4_5)), _signed(references.compare(line, share_4_5)[0][1]),
             *(_shown(line.figure(measure)) for measure in MEASURES[2:])]
            for line in school_lines(session, year)]
    doc.table(["Школа", "Класс", "Предмет", "Писали", "Доля «2», %", "«2»: разница с регионом, п.п.",
               "Доля «4–5», %", "«4–5»: разница с регионом, п.п.", "Средняя отметка",
               *(m.title for m in MEASURES[3:])], rows,
              col_widths=(3.2, 0.9, 2, 1.1, 1.3, 1.5, 1.3, 1.5, 1.3, 1.6, 1.9, 1.6), numeric_columns=range(3, 12))


def _reasons(doc, lines: list[VprLine], references: References) -> None:
    """Why a cell says «нет данных»: each reason once."""
    reasons = dict.fromkeys(
        figure.reason for line in lines
        for figure in (*(line.figure(m) for m in MEASURES),
                       *(ref.figure for m in COMPARED for ref, _diff in references.compare(line, m)))
        if figure.value is None)
    if reasons:
        doc.paragraph("«Нет данных» в таблице: " + "; ".join(reasons) + ".")


# --- the report and the workbook --------------------------------------------------------------------------------

def vpr_report(session: Session, year: int, path: str | Path) -> Path:
    """The ВПР analysis of the year as a PDF of its own, every school's works listed."""
    title = f"{REPORT_TITLE} за {year} год"
    doc = ReportDocument(title, subject="Анализ ВПР", landscape=True)
    doc.official_header(facts.organisation(session), title, date_text=format_value(date.today()))
    vpr_section(doc, session, year, number="1", every_school=True)
    return doc.save(path)


def _line_cells(line: VprLine, references: References) -> list:
    cells = [line.school, line.grade, line.subject, line.counts.participants, line.counts.marked]
    for measure in COMPARED:
        cells.append(_excel(line.figure(measure)))
        for ref, difference in references.compare(line, measure):
            cells += [_excel(ref.figure), _excel(difference)]
    return cells + [_excel(line.figure(measure)) for measure in MEASURES[3:]]


def _line_header() -> list[str]:
    header = ["Школа", "Класс", "Предмет", "Писали", "Отметки внесены"]
    for measure in COMPARED:
        short, unit = measure.title.removesuffix(", %"), ", п.п." if measure.title.endswith("%") else ""
        header.append(measure.title)
        for level, compared_with in (("region", "регионом"), ("country", "Россией")):
            header += [f"{short}: {LEVEL_NAMES[level]}", f"{short}: разница с {compared_with}{unit}"]
    return header + [m.title for m in MEASURES[3:]]


def _rows(lines: Iterable[VprLine], references: References) -> Iterable[list]:
    return (_line_cells(line, references) for line in lines)


def export_vpr_xlsx(session: Session, year: int, path: str | Path) -> Path:
    """The workbook: all schools by grade and subject, every school's works, and what each column means."""
    from app.services.excel.writer import write_tables  # openpyxl: only for this export, not for the справка
    references = References(session, year)
    header = _line_header()
    write_tables(path, [
        (f"ВПР {year} сводно", header, _rows(totals(session, year), references)),
        (f"ВПР {year} по школам", header, _rows(school_lines(session, year), references)),
        ("Определения", ["Показатель и как он считается"], [[text] for text in definitions()]),
    ])
    return Path(path)

