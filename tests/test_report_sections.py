"""The справка's sections of seeds/004 on the demo district, read back from its Word version: the sections in
order as Word headings, curators and mentors, network partnerships, methodical events and the program schools' part
in them, the ИСБ table — figures counted by hand from the demo (app/services/demo) — and the typography rules."""

import re

import docx
import pytest

from app.db import open_database
from app.services.demo import load_demo
from app.services.reports.documents import district_report
from app.services.setup import initialize

YEAR = 2022


@pytest.fixture(scope="module")
def справка(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sections")
    database = open_database(str(folder / "demo.db"))
    with database.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=YEAR)
        load_demo(session)
        path = district_report(session, YEAR, folder / "справка.docx")
    database.close()
    return docx.Document(path)


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def table_after(document, heading: str):
    """The first table after the paragraph `heading` in the body's order."""
    start = next(p._p for p in document.paragraphs if p.text == heading)
    following = start.itersiblings()
    element = next(e for e in following if e.tag.endswith("}tbl"))
    return next(t for t in document.tables if t._tbl is element)


def rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def text(document) -> str:
    return " ".join(p.text for p in document.paragraphs)


def test_the_sections_follow_seeds_004_as_word_headings(справка):
    assert headings(справка, 2)[:13] == [
        "1. Школы, участвующие в программе", "2. Кураторы и наставники", "3. Сетевое взаимодействие",
        "4. Методические мероприятия и участие в них", "5. Повышение квалификации руководителей и педагогов",
        "6. Показатели программы: план и факт", "7. Индекс социального благополучия и результаты школ",
        "8. Диаграммы", "9. Показатели ГИА по образовательным организациям, 2022 год",
        "10. Результаты всероссийских проверочных работ (ВПР), 2022 год",
        "11. Реализация муниципальной дорожной карты", "12. Адресные рекомендации школам",
        "13. Риски школ — участников проекта «500+»"]
    assert "5.1. Соответствие кадров квалификационным требованиям" in headings(справка, 3)


def test_curators_and_mentors_count_people_and_schools(справка):
    # demo: 3 curators at 3 schools; 20 mentors at the 7 ШНОР — 7 mentor schools' directors and 13 teachers who
    # mentor 19 teachers (Нижний Курп 7, Верхний Курп 5, Красноармейское 2, Хамидие 2, three schools 1 each)
    assert ("В 2022 году за школами закреплены кураторов — 3 человека (3 школы), наставников — 20 человек (7 школ)"
            in text(справка))
    table = rows(table_after(справка, "2. Кураторы и наставники"))
    assert table[0] == ["Школа", "Куратор", "Наставник школы", "Педагогов с наставником"]
    by_school = {row[0]: row for row in table[1:]}
    assert len(by_school) == 7
    assert by_school["МКОУ СОШ с.п. Нижний Курп"][3] == "7"
    assert by_school["МКОУ СОШ с.п.Верхний Курп"][3] == "5"
    assert by_school["МКОУ СОШ с.п. Ново-Хамидие"][1].startswith("Карданова Залина Борисовна (Методист ИМЦ УО")
    assert sum(int(row[3]) for row in table[1:]) == 19


def test_network_partnerships_name_each_pair(справка):
    assert ("В 2022 году действуют пар «школа — школа-наставник»: 7; школ, получающих поддержку, — 7, "
            "школ-наставников — 4." in text(справка))
    table = rows(table_after(справка, "3. Сетевое взаимодействие"))
    assert len(table) == 8 and all(row[2] == "Наставничество" and row[3] == "2021–2022" for row in table[1:])


def test_methodical_events_of_the_year_and_the_program_schools_part(справка):
    # 2022 in the demo: РМО 4, семинары 3, практикумы 2; teachers 67+20+16+16+19+67+9+9+19 = 242
    assert ("В 2022 году проведено 9 мероприятий (РМО — 4, Семинар — 3, Практикум — 2); участий педагогов — 242"
            in text(справка))
    events = rows(table_after(справка, "4. Методические мероприятия и участие в них"))
    assert len(events) == 10
    assert events[1][:5] == ["26.01.2022", "«Школа молодого педагога»", "Семинар", "Муниципальный", "67"]
    program = next(t for t in справка.tables if t.rows[0].cells[0].text == "Школа программы")
    assert len(program.rows) == 1 + 11  # the 11 schools of section 1


def test_the_isb_table_orders_the_schools_from_the_least_well_off(справка):
    table = rows(table_after(справка, "7. Индекс социального благополучия и результаты школ"))
    assert table[0] == ["Школа", "ИСБ", "Индекс результатов, σ", "Группа", "Статусы программы"]
    values = [float(row[1].replace(",", ".")) for row in table[1:]]
    assert values == sorted(values) and len(values) == 26


def test_no_doubled_full_stops_and_ege_in_capitals(справка):
    everything = text(справка) + " ".join(cell.text for t in справка.tables for row in t.rows for cell in row.cells)
    assert not re.search(r"(?<!\.)\.\.(?!\.)", everything)
    assert "егэ" not in everything and "Егэ" not in everything
    assert "средний балл ЕГЭ по русскому языку" in everything


def tasks(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Задачи и рекомендации на 2023 год") + 1
    return [t for t in texts[start:] if re.match(r"\d+\. ", t)]


def test_each_task_names_its_finding_and_the_section_above_it(справка):
    listed = tasks(справка)
    numbers = {h.split(".")[0] for h in headings(справка, 2) if h[0].isdigit()} | {"5.1"}
    assert len(listed) == 13
    for task in listed:
        basis = re.search(r"Основание: .*\(раздел ([\d.]+)\)\.$", task)
        assert basis and basis.group(1) in numbers, task


def test_a_missed_indicator_is_named_by_code_and_words_with_its_value_against_the_target(справка):
    # indicator 2.1.2 in the demo's 2022: 87,5 % against the target of 100 % (section 6's table)
    assert ("6. Принять меры по достижению планового значения показателя 2.1.2 «Доля ШНОР и/или ШНСУ, ежегодно "
            "показывающих положительную динамику образовательных результатов обучающихся». Основание: в 2022 году "
            "факт — 87,5 % при плане 100 % (раздел 6).") in tasks(справка)


def test_a_supported_school_without_curator_or_mentor_gets_a_task_and_the_mentor_schools_do_not(справка):
    # Нижний Акбаш is ШНСУ with no assignment; Джулат, Плановское and №3 are resilient: they mentor, not are mentored
    assert ("2. Закрепить куратора или наставника за школами: МКОУ ООШ с.п. Нижний Акбаш. Основание: у этих школ "
            "программы в 2022 году нет ни куратора, ни наставника (раздел 2).") in tasks(справка)
