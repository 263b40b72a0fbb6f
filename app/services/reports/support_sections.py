"""Sections of the district's справка on the support of its schools (seeds/004's analysis): curators and mentors,
network partnerships, methodical events and the program schools' part in them, and the ИСБ table. Facts come from
`support_facts` and the analytics; here is only their wording and layout."""

from collections import Counter

from sqlalchemy.orm import Session

from app.models.reference import ASSIGNMENT_KINDS
from app.services.analytics import selection as analytics
from app.services.analytics import stats
from app.services.output.ru_format import count_noun
from app.services.output.writers import ReportWriter
from app.services.reports import facts
from app.services.reports import support_facts as support
from app.services.reports.parts import lower_first, rounded
from app.services.reports.school_tables import full_list_sentence, school_rows, shown_sentence

SCHOOL_FORMS = ("школа", "школы", "школ")
PERSON_FORMS = ("человек", "человека", "человек")
EVENT_FORMS = ("мероприятие", "мероприятия", "мероприятий")


def curators_section(doc: ReportWriter, session: Session, year: int, number: int,
                     schools: list[facts.ProgramSchool]) -> None:
    doc.heading(f"{number}. Кураторы и наставники", 2)
    lines = support.assignments(session, year)
    if not lines:
        doc.paragraph(f"Нет данных: в {year} году за школами не закреплено ни одного куратора или наставника "
                      "(закрепления вносятся в разделе «Кураторы и наставники»).")
        return
    parts = []
    for kind in ASSIGNMENT_KINDS.values():
        of_kind = [line for line in lines if line.kind == kind]
        parts.append(f"{kind.lower()}ов — {count_noun(len({l.person for l in of_kind}), PERSON_FORMS)} "
                     f"({count_noun(len({l.school for l in of_kind}), SCHOOL_FORMS)})")
    without = support.unsupported_schools(session, year, schools)
    doc.paragraph(f"В {year} году за школами закреплены {', '.join(parts)}; в скобках — число школ, каждый человек "
                  "учтён один раз. " + (f"Школы ШНОР, ШНСУ и «500+» без куратора и наставника: {', '.join(without)}."
                                        if without else "У каждой школы ШНОР, ШНСУ и «500+» есть куратор или "
                                                        "наставник."))
    program = {s.name for s in schools}
    found = school_rows(support.support_by_school(lines), lambda s: s.school in program)
    doc.table(["Школа", "Куратор", "Наставник школы", "Педагогов с наставником"],
              [[s.school, "; ".join(s.curators) or "нет", "; ".join(s.mentors) or "нет", s.mentored_teachers]
               for s in found.shown],
              col_widths=(3, 4, 4, 1.6), numeric_columns=(3,))
    doc.paragraph(" ".join(filter(None, (
        shown_sentence(found), "Наставник школы закреплён за её управленческой командой; наставники педагогов — "
        "учителя, закреплённые за отдельными педагогами (поимённо — в разделе «Кураторы и наставники»).",
        full_list_sentence("в разделе «Кураторы и наставники»") if found.summarised else ""))))


def partnerships_section(doc: ReportWriter, session: Session, year: int, number: int) -> None:
    doc.heading(f"{number}. Сетевое взаимодействие", 2)
    lines = support.partnerships(session, year)
    if not lines:
        doc.paragraph(f"Нет данных: пары «школа — школа-наставник» на {year} год не внесены.")
        return
    doc.paragraph(f"В {year} году действуют пар «школа — школа-наставник»: {len(lines)}; школ, получающих поддержку, — "
                  f"{len({l.school for l in lines})}, школ-наставников — {len({l.mentor_school for l in lines})}.")
    doc.table(["Школа", "Школа-наставник", "Форма", "Годы", "Основание"],
              [[l.school, l.mentor_school, l.kind, l.years, l.agreement] for l in lines],
              col_widths=(3, 3, 2.2, 1.4, 4))


def events_section(doc: ReportWriter, session: Session, year: int, number: int,
                   schools: list[facts.ProgramSchool]) -> None:
    doc.heading(f"{number}. Методические мероприятия и участие в них", 2)
    lines = support.events(session, year)
    if not lines:
        doc.paragraph(f"Нет данных: методических мероприятий с датой в {year} году не внесено.")
        return
    kinds = ", ".join(f"{kind} — {count}" for kind, count in support.kinds_count(lines))
    doc.paragraph(f"В {year} году проведено {count_noun(len(lines), EVENT_FORMS)} ({kinds}); участий педагогов — "
                  f"{sum(l.teachers for l in lines)} (педагог, побывавший на нескольких мероприятиях, учтён на "
                  "каждом).")
    doc.table(["Дата", "Мероприятие", "Вид", "Уровень", "Педагогов", "Школ", "Выступили"],
              [[l.held_on, l.title, l.kind, l.level, l.teachers, l.schools, l.speakers] for l in lines],
              col_widths=(1.7, 6, 1.8, 2, 1.5, 1.1, 1.6), numeric_columns=(4, 5, 6))
    taking_part = support.participation_by_school(session, year, [s.code for s in schools])
    absent = support.absent_schools(session, year, schools)
    doc.paragraph("Участие школ программы: " + ("педагоги каждой школы ШНОР, ШНСУ и «500+» участвовали хотя бы в "
                                                "одном мероприятии." if not absent else
                                                f"не участвовали в мероприятиях года — {', '.join(absent)}."))
    doc.table(["Школа программы", "Мероприятий", "Педагогов"],
              [[t.school, t.events, t.teachers] for t in taking_part], col_widths=(6, 1.8, 1.6),
              numeric_columns=(1, 2))


def isb_section(doc: ReportWriter, session: Session, year: int, number: int,
                schools: list[facts.ProgramSchool]) -> None:
    doc.heading(f"{number}. Индекс социального благополучия и результаты школ", 2)
    frame = analytics.quadrants(session, year)
    if not frame:
        doc.paragraph(f"Нет данных: за {year} год нет ни одной школы с социальным паспортом и результатами ГИА или "
                      "ВПР, поэтому ИСБ и группы не рассчитаны.")
        return
    doc.paragraph("ИСБ — индекс социального благополучия школы по данным социального паспорта (0–100, выше — "
                  "благополучнее); индекс результатов — средний стандартизованный результат ЕГЭ, ОГЭ и ВПР школы "
                  "(в стандартных отклонениях от среднего по району). Группа — положение школы относительно медиан "
                  "района по обоим индексам. " + analytics.RESILIENT_RULE)
    statuses = {s.school_id: ", ".join(s.statuses) for s in schools}
    ordered = sorted(frame, key=lambda row: (row["isb"], row["school"]))
    found = school_rows(ordered, lambda row: row["school_id"] in statuses, lambda row: -row["isb"])
    if found.summarised:
        rest = [row for row in ordered if row["school_id"] not in statuses]
        isb = [row["isb"] for row in rest]
        groups = Counter(row["quadrant"] for row in rest).most_common()
        doc.paragraph(shown_sentence(found, "с наименьшим ИСБ") + f" ИСБ остальных — от {rounded(min(isb), 1)} "
                      f"до {rounded(max(isb), 1)}, медиана {rounded(stats.median(isb), 1)}; по группам: "
                      + ", ".join(f"{lower_first(group)} — {count}" for group, count in groups) + ". "
                      + full_list_sentence("в профиле каждой школы (раздел «Отчёты», «kurator report school --all»)"))
    doc.table(["Школа", "ИСБ", "Индекс результатов, σ", "Группа", "Статусы программы"],
              [[row["school"], rounded(row["isb"], 1), rounded(row["result_index"], 2), row["quadrant"],
                statuses.get(row["school_id"], "")] for row in found.shown],
              col_widths=(4, 1, 1.6, 3, 2.6), numeric_columns=(1, 2))
    shown = {row["school"] for row in frame}
    missing = sorted({school["school"] for school in analytics.schools_frame(session).values()} - shown)
    program = {s.name for s in schools}
    named = school_rows(missing, lambda name: name in program)
    if missing:
        doc.paragraph(f"Нет данных по {count_noun(len(missing), SCHOOL_FORMS)} (нет социального паспорта за {year} "
                      f"год или результатов ГИА и ВПР): " + (", ".join(named.shown) or "школ программы среди них нет")
                      + (f" (названы школы программы; остальных — {len(named.rest)})." if named.summarised else "."))
