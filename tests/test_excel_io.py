"""Excel templates: what a user fills in comes back as exact values, and every mistake is named by row and column."""

import os
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import KuratorError
from app.services.documents import office_zip
from app.services.excel import (
    CellError,
    Column,
    Sheet,
    Template,
    format_errors,
    read_workbook,
    write_table,
    write_template,
)

SUBJECTS = ("Русский язык", "Математика (профильная)", "Физика")
EGE_SHEET = Sheet("ege", "ЕГЭ", (
    Column("school_code", "Код школы", "text", required=True, help="Код ОО из реестра школ"),
    Column("subject", "Предмет", "choice", required=True, choices=SUBJECTS),
    Column("participants", "Участников", "int", min=0),
    Column("mean_score", "Средний балл", "decimal", min=0, max=100, synonyms=("Ср. балл",)),
    Column("below_min", "Ниже минимума", "int", min=0),
    Column("exam_date", "Дата экзамена", "date"),
    Column("passed_share", "Доля сдавших", "percent"),
    Column("has_medalists", "Есть медалисты", "bool"),
), "Одна строка — один предмет в одной школе.")
EGE = Template("Результаты ЕГЭ", (EGE_SHEET,))
CORRUPT = "повреждён или защищён паролем"


def fill(path: Path, rows: list[list], sheet: str = "ЕГЭ", first_row: int = 2) -> None:
    """Type rows into a written template as a user would, cell by cell."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            ws.cell(row=first_row + offset, column=column, value=value)
    wb.save(path)


def workbook(path: Path, rows: list[list], title: str = "ЕГЭ") -> Path:
    """A workbook made without the template, as someone might build it by hand."""
    wb = openpyxl.Workbook()
    wb.active.title = title
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


@pytest.fixture
def template_path(tmp_path: Path) -> Path:
    path = tmp_path / "ege.xlsx"
    write_template(path, EGE)
    return path


def test_values_typed_by_a_user_read_back_exactly(template_path: Path) -> None:
    fill(template_path, [
        ["007", "математика (ПРОФИЛЬНАЯ)", 12, "45,5", 0, "01.09.2023", "45 %", "да"],
        [123, "Физика", "3", 61.25, "1", datetime(2024, 6, 1), 0.45, "НЕТ"],
        [None, None, None, None, None, None, None, None],
        ["  010 ", "Русский язык", "1 200", "70", None, 45444, None, None],
    ])
    wb = openpyxl.load_workbook(template_path)
    wb["ЕГЭ"]["G3"].number_format = "0%"
    wb.save(template_path)

    result = read_workbook(template_path, EGE)

    assert result.ok, format_errors(result.errors)
    assert result.rows_by_sheet["ege"] == [
        {"school_code": "007", "subject": "Математика (профильная)", "participants": 12, "mean_score": 45.5,
         "below_min": 0, "exam_date": date(2023, 9, 1), "passed_share": 45.0, "has_medalists": True},
        {"school_code": "123", "subject": "Физика", "participants": 3, "mean_score": 61.25,
         "below_min": 1, "exam_date": date(2024, 6, 1), "passed_share": 45.0, "has_medalists": False},
        {"school_code": "010", "subject": "Русский язык", "participants": 1200, "mean_score": 70.0,
         "below_min": None, "exam_date": date(2024, 6, 1), "passed_share": None, "has_medalists": None},
    ]
    assert result.source_rows["ege"] == [2, 3, 5]


def test_prefilled_rows_read_back_as_written(tmp_path: Path) -> None:
    row = {"school_code": "0042", "subject": "Физика", "participants": 7, "mean_score": 58.5, "below_min": 2,
           "exam_date": date(2024, 6, 3), "passed_share": 71.4, "has_medalists": False}
    path = tmp_path / "prefilled.xlsx"
    write_template(path, EGE, {"ege": [row]})

    assert read_workbook(path, EGE).rows_by_sheet == {"ege": [row]}


def test_headers_match_in_any_order_case_spacing_yo_and_synonyms(tmp_path: Path) -> None:
    path = workbook(tmp_path / "hand.xlsx", [
        ["Отчёт школы за 2024 год"],
        ["  ср.  БАЛЛ ", "Лишний столбец", "ПРЕДМЕТ", "код школы*", "Есть медалисты"],
        [50, "что угодно", "Физика", "S1", "да"],
    ], title="Лист1")

    result = read_workbook(path, EGE)

    assert result.ok, format_errors(result.errors)
    assert result.rows_by_sheet["ege"] == [{
        "school_code": "S1", "subject": "Физика", "participants": None, "mean_score": 50.0,
        "below_min": None, "exam_date": None, "passed_share": None, "has_medalists": True,
    }]
    assert result.source_rows["ege"] == [3]


BAD_CELLS = [  # (column letter, title, value typed, message)
    ("A", "Код школы", None, "обязательное поле не заполнено"),
    ("B", "Предмет", "Химия", "ожидается одно из значений: «Русский язык», «Математика (профильная)», "
                              "«Физика», получено «Химия»"),
    ("C", "Участников", -1, "ожидается целое число не меньше 0, получено «-1»"),
    ("C", "Участников", "2,5", "ожидается целое число не меньше 0, получено «2,5»"),
    ("D", "Средний балл", "сто", "ожидается число от 0 до 100, получено «сто»"),
    ("D", "Средний балл", 100.5, "ожидается число от 0 до 100, получено «100,5»"),
    ("F", "Дата экзамена", "31.02.2024", "такой даты нет: «31.02.2024»"),
    ("F", "Дата экзамена", "вчера", "ожидается дата в виде ДД.ММ.ГГГГ, получено «вчера»"),
    ("G", "Доля сдавших", "120 %", "ожидается процент (число) от 0 до 100, получено «120 %»"),
    ("H", "Есть медалисты", "может быть", "ожидается «да» или «нет», получено «может быть»"),
    ("D", "Средний балл", "=1/0", "в ячейке ошибка формулы «#DIV/0!»"),
]


def test_every_kind_of_bad_cell_is_reported_with_its_row_and_column_letter(template_path: Path) -> None:
    good = ["S1", "Физика", 10, 50, 1, "01.06.2024", 90, "да"]
    rows = []
    for letter, _title, value, _message in BAD_CELLS:
        row = list(good)
        row[ord(letter) - ord("A")] = value
        rows.append(row)
    fill(template_path, rows)
    set_cached_values(template_path, {f"D{2 + i}": "#DIV/0!" for i, c in enumerate(BAD_CELLS) if c[2] == "=1/0"})

    result = read_workbook(template_path, EGE)

    expected = [CellError("ЕГЭ", 2 + i, letter, title, message)
                for i, (letter, title, _value, message) in enumerate(BAD_CELLS)]
    assert result.errors == expected
    assert not result.ok
    assert len(result.rows_by_sheet["ege"]) == len(BAD_CELLS)
    assert result.rows_by_sheet["ege"][4]["mean_score"] is None
    assert result.rows_by_sheet["ege"][4]["subject"] == "Физика"


def test_error_sentence_names_row_column_and_value(template_path: Path) -> None:
    fill(template_path, [["S1", "Физика", 1, "сто"]], first_row=7)

    (error,) = read_workbook(template_path, EGE).errors

    assert str(error) == "Строка 7, столбец D «Средний балл»: ожидается число от 0 до 100, получено «сто»"


def set_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formulas the cached results Excel would have saved (openpyxl saves formulas without them)."""
    if not values:
        return
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/"):
            text = data.decode()
            for coordinate, value in values.items():
                kind = ' t="e"' if value.startswith("#") else ""
                text = re.sub(rf'<c r="{coordinate}"([^>]*)><f>(.*?)</f><v></v>',
                              rf'<c r="{coordinate}"\1{kind}><f>\2</f><v>{value}</v>', text)
            parts[name] = text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_formula_is_read_by_its_cached_value_and_one_without_it_is_an_error(template_path: Path) -> None:
    fill(template_path, [["S1", "Физика", "=2+3", 50], ["S2", "Физика", "=2+3", 50]])
    set_cached_values(template_path, {"C2": "5"})

    result = read_workbook(template_path, EGE)

    assert result.rows_by_sheet["ege"][0]["participants"] == 5
    assert [(e.row, e.column_letter) for e in result.errors] == [(3, "C")]
    assert "формула без сохранённого значения" in result.errors[0].message


def test_missing_required_column_and_missing_header_are_errors(tmp_path: Path) -> None:
    no_code = workbook(tmp_path / "a.xlsx", [["Предмет", "Средний балл"], ["Физика", 50]])
    no_header = workbook(tmp_path / "b.xlsx", [["что-то"], [1]])

    missing = read_workbook(no_code, EGE).errors
    assert [(e.row, e.column_title, e.message) for e in missing] == [
        (0, "Код школы", "обязательный столбец не найден в строке заголовков")]
    assert str(missing[0]) == "Столбец «Код школы»: обязательный столбец не найден в строке заголовков"
    assert "не найдена строка заголовков" in read_workbook(no_header, EGE).errors[0].message


def test_repeated_column_is_an_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "dup.xlsx", [["Код школы", "Предмет", "Ср. балл", "Средний балл"]])

    (error,) = read_workbook(path, EGE).errors

    assert (error.row, error.column_letter, error.column_title) == (1, "D", "Средний балл")


def test_hidden_sheets_are_ignored_unless_they_are_template_sheets(tmp_path: Path) -> None:
    two = Template("Два листа", (EGE_SHEET, Sheet("staff", "Кадры", (Column("name", "ФИО", "text"),), "")))
    wb = openpyxl.Workbook()
    wb.active.title = "Черновик"
    wb.active.append(["Код школы", "Предмет"])
    wb.active.append(["X", "Физика"])
    wb.active.sheet_state = "hidden"
    staff = wb.create_sheet("кадры")
    staff.sheet_state = "hidden"
    staff.append(["ФИО"])
    staff.append(["Иванова Анна Петровна"])
    visible = wb.create_sheet("ЕГЭ")
    visible.append(["Код школы", "Предмет"])
    visible.append(["S1", "Физика"])
    wb.save(tmp_path / "h.xlsx")

    result = read_workbook(tmp_path / "h.xlsx", two)

    assert result.ok, format_errors(result.errors)
    assert [r["school_code"] for r in result.rows_by_sheet["ege"]] == ["S1"]
    assert result.rows_by_sheet["staff"] == [{"name": "Иванова Анна Петровна"}]


def test_missing_sheet_of_a_multi_sheet_template_is_an_error(tmp_path: Path) -> None:
    two = Template("Два листа", (EGE_SHEET, Sheet("staff", "Кадры", (Column("name", "ФИО", "text"),), "")))
    path = workbook(tmp_path / "one.xlsx", [["Код школы", "Предмет"], ["S1", "Физика"]])

    result = read_workbook(path, two)

    assert [e.text(with_sheet=True) for e in result.errors] == ["Лист «Кадры»: в файле нет такого листа"]
    assert len(result.rows_by_sheet["ege"]) == 1


def test_template_has_instructions_first_and_validated_typed_columns(template_path: Path) -> None:
    wb = openpyxl.load_workbook(template_path)
    ws = wb["ЕГЭ"]
    rules = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}

    assert wb.sheetnames[0] == "Инструкция"
    assert wb["Списки"].sheet_state == "hidden"
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    assert "Код ОО из реестра школ" in ws["A1"].comment.text
    assert ws.column_dimensions["F"].number_format == "DD.MM.YYYY"
    assert (rules["B2"].type, rules["H2"].type) == ("list", "list")
    assert (rules["C2"].type, rules["C2"].operator, rules["C2"].formula1) == ("whole", "greaterThanOrEqual", "0")
    assert (rules["D2"].type, rules["D2"].formula1, rules["D2"].formula2) == ("decimal", "0", "100")
    assert (rules["G2"].formula1, rules["G2"].formula2) == ("0", "100")
    assert rules["F2"].type == "date"
    lists = [c.value for c in wb["Списки"]["A"] if c.value] + [c.value for c in wb["Списки"]["B"] if c.value]
    assert lists == [*SUBJECTS, "да", "нет"]
    assert "Лист «ЕГЭ»" in [row[0] for row in wb["Инструкция"].iter_rows(values_only=True)]


def test_table_export_has_bold_filtered_header_and_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    write_table(path, "Отчёт: ЕГЭ/2024", ["Школа", "Балл", "Дата"],
                [["=HYPERLINK(\"x\")", 45.5, date(2024, 1, 2)], ["СОШ №1", 3, None]])

    ws = openpyxl.load_workbook(path).active

    assert ws.title == "Отчёт  ЕГЭ 2024"
    assert ws["A1"].font.b and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C3"
    assert (ws["A2"].data_type, ws["A2"].value) == ("s", "=HYPERLINK(\"x\")")
    assert ws["C2"].number_format == "DD.MM.YYYY"


def test_format_errors_counts_in_russian_and_stops_at_the_limit() -> None:
    errors = [CellError("ЕГЭ", n, "C", "Участников", "ошибка") for n in range(2, 9)]

    text = format_errors(errors, limit=5)

    assert text.splitlines()[0] == "Найдено 7 ошибок:"
    assert text.splitlines()[1] == "Строка 2, столбец C «Участников»: ошибка"
    assert text.splitlines()[-1] == "…и ещё 2 ошибки."
    assert format_errors([]) == ""


@pytest.mark.parametrize("content", [
    b"school;subject\nS1;Physics\n",
    b"",
    b"PK\x03\x04 truncated zip",
])
def test_a_file_that_is_not_xlsx_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(content)

    with pytest.raises(KuratorError, match="не является книгой Excel"):
        read_workbook(path, EGE)


def test_encrypted_or_old_ole_file_is_refused_as_protected(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(office_zip.OLE2_MAGIC + bytes(504))

    with pytest.raises(KuratorError, match=CORRUPT):
        read_workbook(path, EGE)


def test_damaged_workbook_is_refused(template_path: Path) -> None:
    with zipfile.ZipFile(template_path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts["xl/workbook.xml"] = b"<workbook"
    with zipfile.ZipFile(template_path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    with pytest.raises(KuratorError, match=CORRUPT):
        read_workbook(template_path, EGE)


def replace_part(path: Path, name_pattern: str, data: bytes) -> None:
    """Swap the parts whose names match for hostile content, keeping the rest of the archive."""
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts.update({name: data for name in parts if re.fullmatch(name_pattern, name)})
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData>'
                  b'</worksheet>')


def test_entity_bomb_in_a_worksheet_is_refused_by_defusedxml(template_path: Path) -> None:
    replace_part(template_path, r"xl/worksheets/sheet\d+\.xml", BILLION_LAUGHS)

    with pytest.raises(KuratorError, match=CORRUPT) as refused:
        read_workbook(template_path, EGE)
    assert any(type(e).__module__.startswith("defusedxml") for e in causes(refused.value))


def causes(error: BaseException) -> list[BaseException]:
    """The chain of exceptions behind an error."""
    chain = []
    while error.__cause__ or error.__context__:
        error = error.__cause__ or error.__context__
        chain.append(error)
    return chain


def test_entity_in_the_workbook_part_is_never_expanded(template_path: Path) -> None:
    replace_part(template_path, r"xl/workbook\.xml", BILLION_LAUGHS.replace(b"worksheet", b"workbook"))

    try:
        result = read_workbook(template_path, EGE)
    except KuratorError as refused:  # defusedxml (used when lxml is absent) refuses the declaration
        assert CORRUPT in refused.message
    else:  # lxml with resolve_entities=False leaves the entity unexpanded: a workbook without sheets
        assert [e.message for e in result.errors] == ["в файле нет такого листа"]


def test_reading_is_refused_if_openpyxl_would_expand_xml_entities(
        monkeypatch: pytest.MonkeyPatch, template_path: Path) -> None:
    from xml.etree import ElementTree

    from openpyxl.xml import functions

    office_zip.ensure_safe_xml_parser()
    monkeypatch.setattr(functions, "iterparse", ElementTree.iterparse)
    with pytest.raises(KuratorError, match="defusedxml"):
        read_workbook(template_path, EGE)


def test_file_over_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as fh:
        fh.truncate(office_zip.MAX_FILE_BYTES + 1)  # sparse: no disk used

    with pytest.raises(KuratorError, match="слишком большой"):
        read_workbook(path, EGE)


def test_archive_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch, template_path: Path) -> None:
    monkeypatch.setattr(office_zip, "MAX_UNPACKED_BYTES", 1000)

    with pytest.raises(KuratorError, match="после распаковки"):
        read_workbook(template_path, EGE)


def test_too_many_rows_is_a_clear_refusal(monkeypatch: pytest.MonkeyPatch, template_path: Path) -> None:
    fill(template_path, [["S1", "Физика"]] * 4)
    monkeypatch.setattr(office_zip, "DATA_WORKBOOK", office_zip.DocumentLimits(rows=3, part_bytes=10**9))

    with pytest.raises(KuratorError, match="больше 3 строк"):
        read_workbook(template_path, EGE)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KuratorError, match="Не удалось открыть"):
        read_workbook(tmp_path / "nowhere.xlsx", EGE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096))
def test_random_bytes_never_raise_anything_but_kurator_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.xlsx"
    path.write_bytes(data)
    with pytest.raises(KuratorError):
        read_workbook(path, EGE)


@pytest.fixture(scope="module")
def valid_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("valid") / "ege.xlsx"
    write_template(path, EGE, {"ege": [{"school_code": "S1", "subject": "Физика", "mean_score": 50}]})
    return path.read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_copies_of_a_real_template_fail_only_with_kurator_error(
        tmp_path: Path, valid_bytes: bytes, changes: list[tuple[int, int]]) -> None:
    data = bytearray(valid_bytes)
    for position, value in changes:
        data[position % len(data)] = value
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    try:
        result = read_workbook(path, EGE)
    except KuratorError as refused:
        assert refused.message
    else:
        assert set(result.rows_by_sheet) == {"ege"}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_template_and_shows_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "ege.xlsx"
    write_template(path, EGE, {"ege": [{"school_code": "007", "subject": "Физика", "exam_date": date(2024, 6, 1)}]})
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    subprocess.run(["libreoffice", "--headless", "--convert-to", csv_filter, "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})

    lines = (tmp_path / "ege-ЕГЭ.csv").read_text(encoding="utf-8").splitlines()

    assert lines[0].startswith("Код школы,Предмет,Участников,Средний балл")
    assert lines[1].startswith("007,Физика,") and lines[1].endswith("01.06.2024,,")


@pytest.mark.slow
@pytest.mark.timeout(300)  # a hang guard; the speed is measured by bench/bench_files.py
def test_reading_20000_rows_gives_every_row(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    row = {"school_code": "S1", "subject": "Физика", "participants": 10, "mean_score": 45.5, "below_min": 1,
           "exam_date": date(2024, 6, 1), "passed_share": 90, "has_medalists": True}
    write_template(path, EGE, {"ege": [row] * 20_000})

    result = read_workbook(path, EGE)

    assert result.ok and len(result.rows_by_sheet["ege"]) == 20_000


def test_save_into_a_missing_folder_is_a_russian_refusal(tmp_path: Path) -> None:
    with pytest.raises(KuratorError, match="Не удалось сохранить файл «t.xlsx»"):
        write_template(tmp_path / "no-such-folder" / "t.xlsx", EGE)
