"""Reading roadmap tables from real municipal .docx/.xlsx layouts (fixtures built from the seeds)."""

import contextlib
import importlib.util
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl.xml
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import KuratorError
from app.services.documents import office_zip
from app.services.roadmaps.header import field_of
from app.services.roadmaps.tables import (
    ParsedRoadmap,
    list_candidate_tables,
    read_roadmap,
)

DATA = Path(__file__).parent / "data" / "roadmaps"
_spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
make_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fixtures)

# Counted by hand in /work/shared/seeds: events (numbered and unnumbered) and section rows.
SEED_COUNTS = {
    "seed000.docx": (26, 4),
    "seed001.docx": (23, 6),
    "seed001.xlsx": (23, 6),
    "seed002.docx": (23, 6),
    "seed002.xlsx": (23, 6),
    "seed004.docx": (18, 5),
    "seed004.xlsx": (18, 5),
}
SEED004_EVENT10 = (
    "Организация системной работы с неуспевающими обучающимися ШНОР и оказание им адресной помощи "
    "в преодолении образовательных трудностей"
)
SEED004_SECTIONS = ["Общесистемные", "Общее образование",
                    "Дополнительное профессиональное образование и повышение квалификации педагогических "
                    "работников, учащиеся которых показывают низкие образовательные результаты",
                    "Деятельность по совершенствованию методического сопровождения педагогов по повышению "
                    "качества образования", "Мониторинг и консультативная поддержка"]


def _events_by_number(roadmap):
    return {event.number: event for event in roadmap.events}


def _without_rows(roadmap):
    return [replace(event, source_row=0) for event in roadmap.events]


@pytest.mark.parametrize("name", sorted(SEED_COUNTS))
def test_seed_fixture_gives_the_events_and_sections_counted_in_the_seed(name):
    roadmap = read_roadmap(DATA / name)
    assert (len(roadmap.events), len(roadmap.sections)) == SEED_COUNTS[name]


@pytest.mark.parametrize("seed", ["seed001", "seed002", "seed004"])
def test_word_and_excel_versions_of_a_seed_give_the_same_roadmap(seed):
    from_word, from_excel = read_roadmap(DATA / f"{seed}.docx"), read_roadmap(DATA / f"{seed}.xlsx")
    assert _without_rows(from_word) == _without_rows(from_excel)
    assert from_word.sections == from_excel.sections


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_seed004_event_split_by_a_page_break_is_joined_into_one_event(suffix):
    roadmap = read_roadmap(DATA / f"seed004.{suffix}")
    events = _events_by_number(roadmap)
    assert [event.number for event in roadmap.events] == [str(n) for n in range(1, 19)]
    assert events["10"].title == SEED004_EVENT10
    assert events["10"].deadline_text == "Постоянно"
    assert events["17"].deadline_text == "Декабрь 2022 г."
    assert events["1"].responsible == "ИМЦ УО Шидукова Л.П."
    assert [section.title for section in roadmap.sections] == SEED004_SECTIONS
    assert events["10"].section_path == ("2",)


def test_seed004_title_is_the_heading_above_the_table():
    assert read_roadmap(DATA / "seed004.docx").title.startswith("ПЛАН МЕРОПРИЯТИЙ («Дорожная карта»)")


def test_seed001_stage_and_subsection_rows_nest_and_events_keep_their_path():
    roadmap = read_roadmap(DATA / "seed001.docx")
    sections = {section.number: section for section in roadmap.sections}
    assert (sections["I"].level, sections["1.1"].parent_number, sections["1.2"].parent_number) == (1, "I", "I")
    assert sections["2"].parent_number is None
    events = _events_by_number(roadmap)
    assert events["1.1.1"].section_path == ("I", "1.1")
    assert events["1.3.3"].section_path == ("I", "1.3")
    assert events["2.1"].section_path == ("2",)


def test_seed001_multi_line_cells_keep_their_lines():
    events = _events_by_number(read_roadmap(DATA / "seed001.docx"))
    deadline = events["1.1.2"].deadline_text
    assert deadline.startswith("Июнь-август\n\n") and deadline.endswith("\nИюнь")
    assert events["1.1.1"].responsible == (
        "Управление образования администрации Солнечногорского муниципального \nрайона, МКУ ДПО \n"
        "«Учебно - методический Центр», ОО Солнечногорского муниципального района"
    )
    assert events["1.1.1"].deadline_text == "Июнь"


def test_seed001_unnumbered_event_keeps_its_place_between_numbered_ones():
    numbers = [event.number for event in read_roadmap(DATA / "seed001.xlsx").events]
    assert numbers[numbers.index("2.6") + 1:numbers.index("3.1")] == [""]
    unnumbered = read_roadmap(DATA / "seed001.xlsx").events[numbers.index("")]
    assert (unnumbered.deadline_text, unnumbered.planned_result) == ("Сентябрь, ежегодно", "КОУЧи")


def test_seed000_continuation_rows_join_words_and_unnumbered_row_is_an_event():
    roadmap = read_roadmap(DATA / "seed000.docx")
    events = _events_by_number(roadmap)
    assert events["2.11"].title == (
        "Районный смотр- конкурс уроков «Современные образовательные технологии современный урок» "
        "по модели смешанного обучения"
    )
    assert events["1.3"].planned_result == (
        "Сформирована эффективная консультационная служба, обеспечивающая поддержку руководителей и педагогов ШНОР"
    )
    assert events[""].title == "Информационное сопровождение реализации Программы"
    assert events[""].section_path == ("1",)
    assert list_candidate_tables(DATA / "seed000.docx")[0].header == (
        "№п/п", "Мероприятия", "Сроки", "Ответственные", "Планируемый результат")


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_seed002_plan_is_chosen_over_the_list_of_levels(suffix):
    candidates = list_candidate_tables(DATA / f"seed002.{suffix}")
    roadmap = read_roadmap(DATA / f"seed002.{suffix}")
    assert [candidate.index for candidate in candidates] == [0, 1]
    assert roadmap.table_index == 0


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_seed002_list_of_levels_reads_both_measures_of_a_row_and_takes_the_period_as_deadline(suffix):
    """«ПЕРЕЧЕНЬ мероприятий, реализуемых на различных уровнях»: 21 numbered rows under 6 sections, the row
    spanning both columns under section 2 is its note, «2021- 2022» dates every measure (no «Сроки» column)."""
    roadmap = read_roadmap(DATA / f"seed002.{suffix}", table_index=1)
    assert [s.number for s in roadmap.sections] == ["1", "2", "3", "4", "5", "7"]
    assert roadmap.sections[1].note == "Осуществляется на региональном уровне"
    events = _events_by_number(roadmap)
    assert len(events) == 21
    assert {event.deadline_text for event in roadmap.events} == {"2021- 2022"}
    assert events["3.1"].title == "Организация участия школ в мониторинге"
    assert events["3.1"].school_title == "Участие в мониторинге"
    assert events["3.4"].title.endswith("дефицитов педагогических и руководящих работников")
    assert events["3.4"].school_title == "Участие в апробации"
    assert events["6.6"].title == "" and events["6.6"].school_title.startswith("Организация получения родителям")
    assert sum(1 for event in roadmap.events if event.school_title) == 15
    assert any("нет столбца «Сроки»" in warning and "2021- 2022" in warning for warning in roadmap.warnings)


def test_seed002_cyrillic_b_section_number_is_read_as_six_with_a_warning():
    roadmap = read_roadmap(DATA / "seed002.docx")
    assert roadmap.sections[-1].number == "6"
    assert any("«б.»" in warning for warning in roadmap.warnings)
    events = _events_by_number(roadmap)
    assert events["6.1"].section_path == ("6",)
    assert events["5.10"].responsible == "Колясникова О.С. Казакова А.С."
    assert "3.3" not in events and events["3.4"].deadline_text == "2021-2022 годы"


def test_hidden_sheet_is_skipped_and_formulas_and_dates_read_as_shown_in_excel():
    roadmap = read_roadmap(DATA / "hidden_sheet.xlsx")
    assert [candidate.sheet_or_position for candidate in list_candidate_tables(DATA / "hidden_sheet.xlsx")] == [
        "лист «Дорожная карта»"]
    assert [event.deadline_text for event in roadmap.events] == [
        "Февраль", "Апрель-декабрь", "31.12.2022", "01.09.2022"]
    assert not any("мусор" in event.title for event in roadmap.events)
    assert any("D8" in warning and "формула" in warning for warning in roadmap.warnings)


def test_header_split_over_two_rows_in_another_order_with_a_column_numbering_row(tmp_path):
    spec = make_fixtures.TableSpec(["План"], [
        make_fixtures.RowSpec(["Ответственные", "Наименование", "Сроки", "№"]),
        make_fixtures.RowSpec(["исполнители", "мероприятия", "исполнения", "п/п"]),
        make_fixtures.RowSpec(["1", "2", "3", "4"]),
        make_fixtures.RowSpec(["Отдел образования", "Семинар для ШНОР", "Март", "1."]),
        make_fixtures.RowSpec(["", "", "", ""]),
        make_fixtures.RowSpec(["ИМЦ", "Мониторинг", "Ежемесячно", "2."]),
    ])
    path = tmp_path / "split.xlsx"
    make_fixtures.write_xlsx(path, [spec])
    roadmap = read_roadmap(path)
    assert [(e.number, e.title, e.deadline_text, e.responsible) for e in roadmap.events] == [
        ("1", "Семинар для ШНОР", "Март", "Отдел образования"), ("2", "Мониторинг", "Ежемесячно", "ИМЦ")]
    assert roadmap.events[0].source_row == 6


@pytest.mark.parametrize("text, field", [
    (".№ п/п", "number"), ("№п/п", "number"), ("Мероприятие (содержание деятельности)", "title"),
    ("Наименование мероприятия", "title"), ("Сроки реализации", "deadline"), ("Дата", "deadline"),
    ("Ответственный исполнитель", "responsible"), ("Исполнители", "responsible"),
    ("Форма отчётности", "planned_result"), ("Ожидаемый результат", "planned_result"),
    ("Наименование программы", None),
])
def test_header_cells_are_recognised_by_meaning(text, field):
    assert field_of(text) == field


@pytest.mark.parametrize("name, message", [
    ("no_table.docx", "В файле не найдена таблица дорожной карты"),
    ("not_a_roadmap.xlsx", "В файле не найдена таблица дорожной карты"),
    ("corrupt.docx", "Файл повреждён или защищён паролем"),
])
def test_bad_input_is_refused_with_a_russian_message(name, message):
    with pytest.raises(KuratorError, match=message) as refused:
        read_roadmap(DATA / name)
    assert "Мероприятие" in refused.value.message or "паролем" in refused.value.message


def test_unsupported_extension_and_missing_file_are_refused(tmp_path):
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(KuratorError, match="не поддерживается"):
        read_roadmap(tmp_path / "plan.pdf")
    with pytest.raises(KuratorError, match="не найден"):
        read_roadmap(tmp_path / "absent.docx")


def test_password_protected_office_file_is_refused(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504))  # encrypted Office files are OLE containers
    with pytest.raises(KuratorError, match="защищён паролем"):
        read_roadmap(path)


def test_too_large_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(office_zip, "MAX_FILE_BYTES", 1000)
    with pytest.raises(KuratorError, match="слишком большой"):
        read_roadmap(DATA / "seed004.docx")


def test_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(office_zip, "MAX_UNPACKED_BYTES", 10_000_000)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", bytes(20_000_000))
    with pytest.raises(KuratorError, match="слишком много места"):
        read_roadmap(path)


def _replace_part(source: Path, target: Path, part: str, data: bytes) -> None:
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = data
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@pytest.mark.parametrize("source, part, root", [
    ("seed004.docx", "word/document.xml",
     '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
     '<w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'),
    ("seed004.xlsx", "xl/worksheets/sheet1.xml",
     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
     '<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'),
])
def test_xml_entities_in_a_document_are_never_expanded(tmp_path, source, part, root):
    target = tmp_path / source
    _replace_part(DATA / source, target, part, (ENTITY_BOMB + root).encode())
    with pytest.raises(KuratorError):
        read_roadmap(target)


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".docx", ".xlsx"]))
def test_random_bytes_never_raise_anything_but_kurator_error(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    with pytest.raises(KuratorError):
        read_roadmap(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), source=st.sampled_from(["seed004.docx", "seed004.xlsx"]))
def test_random_bytes_inside_a_valid_zip_never_raise_anything_but_kurator_error(tmp_path, data, source):
    part = "word/document.xml" if source.endswith(".docx") else "xl/worksheets/sheet1.xml"
    target = tmp_path / source
    _replace_part(DATA / source, target, part, data)
    with contextlib.suppress(KuratorError):
        assert isinstance(read_roadmap(target), ParsedRoadmap)


@pytest.mark.parametrize("suffix", ["docx", "xlsx"])
def test_a_300_row_roadmap_is_read_whole(tmp_path, suffix):
    path = make_fixtures.make_large_roadmap(tmp_path / f"large.{suffix}", rows=300)
    started = time.perf_counter()
    roadmap = read_roadmap(path)
    elapsed = time.perf_counter() - started
    assert (len(roadmap.events), len(roadmap.sections)) == (300, 15)
    assert roadmap.events[0].title == "Мероприятие 1: проведение семинара\nдля педагогов ШНОР"
    assert elapsed < 10  # a hang guard: the 2 s import target is measured by bench/bench_roadmaps.py


def test_fixture_generator_rebuilds_identical_roadmaps(tmp_path):
    make_fixtures.build_all(tmp_path)
    for name in SEED_COUNTS:
        assert _without_rows(read_roadmap(tmp_path / name)) == _without_rows(read_roadmap(DATA / name))
