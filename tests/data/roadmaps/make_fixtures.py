"""Build the roadmap fixture files from the seed table texts in `seed_tables/`.

Run `python tests/data/roadmaps/make_fixtures.py` to rebuild every fixture next to this script.
`seed_tables/*.txt` are exact excerpts of /work/shared/seeds (tab-separated text dumps of the real
documents); the files built here lay those rows out the way a municipality's Word or Excel file has them.
"""

import random
import re
import sys
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seed_tables"
# Artefacts of the PDF→text conversion that are not part of any cell's text.
ARTEFACTS = {"•": ""}
SEED000_HEADER = ("№п/п", "Мероприятия", "Сроки", "Ответственные", "Планируемый результат")
EVENT_NUMBER = re.compile(r"\d+(\.\d+)*\.?")
SECTION_TEXT = re.compile(r"([IVX]+\.|\d+(\.\d+)*\.)\s")


@dataclass
class RowSpec:
    """One table row: cell texts, run formatting, and the first column of a merged tail (if any)."""

    cells: list[str]
    bold: bool = False
    italic: bool = False
    merge_from: int | None = None
    header: bool = False


@dataclass
class TableSpec:
    """A table with the paragraphs printed above it."""

    caption: list[str]
    rows: list[RowSpec]
    sheet: str = "Дорожная карта"

    @property
    def width(self) -> int:
        return max(len(row.cells) for row in self.rows)


# ---------------------------------------------------------------- reading the seed dumps

def _strip_markup(text: str) -> str:
    return re.sub(r"</?[biu]>|\*\*", "", text).strip()


def _clean(text: str) -> str:
    text = ARTEFACTS.get(text.strip(), text)
    return text.strip()


def read_line_table(name: str, sheet: str = "Дорожная карта") -> TableSpec:
    """A dump with one row per line and tab-separated cells (seeds 000, 002, 004)."""
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if "\t" in line)
    caption = [_strip_markup(line) for line in lines[:first] if _strip_markup(line)]
    rows = []
    for line in lines[first:]:
        if not line.strip():
            continue
        cells = [_clean(_strip_markup(cell)) for cell in line.split("\t")]
        only_first = bool(cells[0]) and not any(cells[1:])
        rows.append(
            RowSpec(cells, bold="<b>" in line, italic="<i>" in line, merge_from=0 if only_first and "<b>" in line else None)
        )
    rows[0].header = True
    width = max(len(row.cells) for row in rows)
    for row in rows:
        row.cells += [""] * (width - len(row.cells))
    return TableSpec(caption, rows, sheet)


def read_block_table(name: str) -> TableSpec:
    """Seed 001's dump: every cell starts on a new line with a tab and may span many lines."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    cells = [_clean(cell) for cell in re.split(r"(?m)^\t", text)[1:]]
    rows = [RowSpec(cells[:5], bold=True, header=True)]
    pos = 5
    while pos < len(cells):
        cell = cells[pos]
        if SECTION_TEXT.match(cell) and not EVENT_NUMBER.fullmatch(cell):
            rows.append(RowSpec([cell, "", "", "", ""], bold=True, merge_from=0))
            pos += 1
        elif not cell and SECTION_TEXT.match(cells[pos + 1]):
            rows.append(RowSpec(["", cells[pos + 1], "", "", ""], bold=True, merge_from=1))
            pos += 2
        else:
            rows.append(RowSpec(cells[pos:pos + 5]))
            pos += 5
    return TableSpec(["VI. Комплекс мероприятий по реализации Программы (дорожная карта)"], rows)


def seed004() -> TableSpec:
    table = read_line_table("seed004.txt")
    split_at = next(i for i, row in enumerate(table.rows) if not row.cells[0])
    table.rows.insert(split_at, replace(table.rows[0]))
    return table


def seed000() -> TableSpec:
    table = read_line_table("seed000.txt")
    table.rows[0] = RowSpec(list(SEED000_HEADER), bold=True, header=True)
    table.caption = ["План реализации программы"]
    return table


def seed001() -> TableSpec:
    return read_block_table("seed001.txt")


def seed002() -> list[TableSpec]:
    return [read_line_table("seed002_plan.txt", "План мероприятий"), seed002_list()]


def seed002_list() -> TableSpec:
    """The «ПЕРЕЧЕНЬ» table: a row right under a section with only the measure column filled
    («Осуществляется на региональном уровне») spans both level columns, as in the document."""
    table = read_line_table("seed002_list.txt", "Перечень")
    for above, row in zip(table.rows, table.rows[1:], strict=False):
        section_above = above.cells[0].isdigit()
        if section_above and not row.cells[0] and row.cells[1] and not any(row.cells[2:]):
            row.merge_from = 1
    return table


# ---------------------------------------------------------------- writing Word

def _fill_docx_cell(cell, text: str, bold: bool, italic: bool) -> None:
    for index, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold, run.italic = bold, italic


def _repeat_as_header(row) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _add_docx_table(document, spec: TableSpec) -> None:
    for line in spec.caption:
        document.add_paragraph().add_run(line).bold = True
    table = document.add_table(rows=0, cols=spec.width)
    table.style = "Table Grid"
    for row_spec in spec.rows:
        row = table.add_row()
        if row_spec.header and row is table.rows[0]:
            _repeat_as_header(row)
        cells = [_Cell(tc, table) for tc in row._tr.tc_lst]  # row.cells rebuilds the whole grid: O(n²)
        if row_spec.merge_from is not None:
            merged = cells[row_spec.merge_from].merge(cells[-1])
            for col in range(row_spec.merge_from):
                _fill_docx_cell(cells[col], row_spec.cells[col], row_spec.bold, row_spec.italic)
            _fill_docx_cell(merged, row_spec.cells[row_spec.merge_from], row_spec.bold, row_spec.italic)
            continue
        for cell, text in zip(cells, row_spec.cells, strict=False):
            _fill_docx_cell(cell, text, row_spec.bold, row_spec.italic)


def write_docx(path: Path, tables: list[TableSpec], intro: list[str]) -> None:
    """A Word document: intro paragraphs, then each table under its caption."""
    document = docx.Document()
    for line in intro:
        document.add_paragraph(line)
    for spec in tables:
        document.add_paragraph("")
        _add_docx_table(document, spec)
    document.save(str(path))


# ---------------------------------------------------------------- writing Excel

def _add_sheet(workbook, spec: TableSpec):
    sheet = workbook.create_sheet(spec.sheet)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in spec.caption:
        sheet.append([line])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=spec.width)
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    for row_spec in spec.rows:
        sheet.append(row_spec.cells)
        r = sheet.max_row
        for col in range(1, spec.width + 1):
            sheet.cell(r, col).alignment = wrap
            sheet.cell(r, col).font = Font(bold=row_spec.bold, italic=row_spec.italic)
        if row_spec.merge_from is not None:
            sheet.merge_cells(start_row=r, start_column=row_spec.merge_from + 1, end_row=r, end_column=spec.width)
    for col, width in zip(range(1, spec.width + 1), (8, 60, 18, 30, 40), strict=False):
        sheet.column_dimensions[get_column_letter(col)].width = width
    return sheet


def write_xlsx(path: Path, tables: list[TableSpec]) -> None:
    """An Excel workbook with one sheet per table, captions in merged rows above the header."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in tables:
        _add_sheet(workbook, spec)
    workbook.save(path)


# ---------------------------------------------------------------- bad and special inputs

JUNK_ROADMAP = TableSpec(
    caption=["Черновик, не использовать"],
    rows=[RowSpec(["№", "Мероприятие", "Срок", "Ответственный", "Результат"], header=True)]
    + [RowSpec([f"{n}.", f"мусор {n}", "вчера", "никто", "ничего"]) for n in range(1, 40)],
    sheet="Черновик",
)

HIDDEN_SHEET_ROADMAP = TableSpec(
    caption=["ПЛАН МЕРОПРИЯТИЙ («Дорожная карта») на 2022 год"],
    rows=[
        RowSpec(["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный"], bold=True, header=True),
        RowSpec(["1. Общесистемные", "", "", ""], bold=True, merge_from=0),
        RowSpec(["1.", "Проведение анализа школьных «Дорожных карт»", "Февраль", "ИМЦ УО Шидукова Л.П."]),
        RowSpec(["2.", "Участие в муниципальном мониторинге качества подготовки обучающихся", "", "Руководители ОО ИМЦ УО"]),
        RowSpec(["3.", "Организация работы по реализации мероприятий региональной «Дорожной карты»", "", "Руководители ОО"]),
        RowSpec(["4.", "Организация работы по реализации мероприятий муниципальной «дорожной карты»", "", ""]),
    ],
)
# Cells of the visible sheet (sheet2) written specially: a formula whose cached value we store, a serial
# date and a real date in the deadline column, and a formula Excel never computed (no cached value).
CACHED_FORMULA = ("C6", '="Апрель"&"-декабрь"', "Апрель-декабрь")
SERIAL_DATE = ("C7", 44926)
REAL_DATE = ("C8", datetime(2022, 9, 1))
UNCACHED_FORMULA = ("D8", '="ИМЦ УО, "&"Руководители ОО"')


def _store_cached_value(path: Path, sheet_part: str, ref: str, value: str) -> None:
    """openpyxl writes formulas without results; put Excel's cached result into the sheet XML."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[sheet_part].decode("utf-8")
    xml = re.sub(
        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?</c>',
        lambda m: f'<c r="{ref}"{m[1]} t="str"><f>{m[2]}</f><v>{value}</v></c>',
        xml,
    )
    parts[sheet_part] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def write_hidden_sheet_xlsx(path: Path) -> None:
    """A hidden junk sheet first, then the roadmap with formula and date cells."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    _add_sheet(workbook, JUNK_ROADMAP).sheet_state = "hidden"
    sheet = _add_sheet(workbook, HIDDEN_SHEET_ROADMAP)
    for ref, value in (CACHED_FORMULA[:2], SERIAL_DATE, REAL_DATE, UNCACHED_FORMULA):
        sheet[ref] = value
    for ref in (SERIAL_DATE[0], REAL_DATE[0]):
        sheet[ref].number_format = "DD.MM.YYYY"
    workbook.save(path)
    _store_cached_value(path, "xl/worksheets/sheet2.xml", CACHED_FORMULA[0], CACHED_FORMULA[2])


def write_not_a_roadmap_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Кадры"
    sheet.append(["ФИО", "Должность", "Стаж, лет", "Школа"])
    sheet.append(["Иванова А.П.", "учитель математики", 12, "МКОУ СОШ с.п.Урожайное"])
    sheet.append(["Петров С.И.", "педагог-психолог", 3, "МКОУ СОШ с.п.Хамидие"])
    workbook.save(path)


def write_no_table_docx(path: Path) -> None:
    document = docx.Document()
    for line in ("Управление образования Администрации Сысертского городского округа", "ПРИКАЗ № 333- ОД",
                 "ПРИКАЗЫВАЮ:", "1. Утвердить комплекс мер (приложение 1)."):
        document.add_paragraph(line)
    document.save(str(path))


def write_corrupt(path: Path) -> None:
    path.write_bytes(random.Random(4).randbytes(4096))


# ---------------------------------------------------------------- benchmark

BENCH_DEADLINES = ("Февраль", "Апрель-декабрь", "Ежегодно", "В течение года", "По отдельному плану",
                   "Декабрь 2022 г.", "2 раза в год (январь, июнь)", "3-4 квартал")


def large_roadmap_spec(rows: int = 300, per_section: int = 20) -> TableSpec:
    """A roadmap of `rows` events in sections of `per_section`, with multi-line cells."""
    spec_rows = [RowSpec(["№ п/п", "Мероприятие", "Сроки", "Ответственные", "Планируемый результат"], header=True)]
    for n in range(1, rows + 1):
        section, item = divmod(n - 1, per_section)
        if item == 0:
            spec_rows.append(RowSpec([f"{section + 1}. Раздел {section + 1}", "", "", "", ""], bold=True, merge_from=0))
        spec_rows.append(RowSpec([
            f"{section + 1}.{item + 1}",
            f"Мероприятие {n}: проведение семинара\nдля педагогов ШНОР",
            BENCH_DEADLINES[n % len(BENCH_DEADLINES)],
            "Методическая служба отдела образования",
            f"Результат {n}\nприказ, справка",
        ]))
    return TableSpec(["Дорожная карта (нагрузочный пример)"], spec_rows)


def make_large_roadmap(path: Path, rows: int = 300) -> Path:
    """Write a large roadmap as .docx or .xlsx (by the path's suffix) for timing the reader."""
    path = Path(path)
    spec = large_roadmap_spec(rows)
    if path.suffix == ".xlsx":
        write_xlsx(path, [spec])
    else:
        write_docx(path, [spec], intro=[])
    return path


# ---------------------------------------------------------------- all fixtures

ORDER_INTRO = ["Приложение № 1", "к приказу Управления образования", "от 10.01.2022 № 5"]


def build_all(folder: Path = HERE) -> None:
    """(Re)build every fixture file in `folder`."""
    write_docx(folder / "seed004.docx", [seed004()], ORDER_INTRO)
    write_xlsx(folder / "seed004.xlsx", [seed004()])
    write_docx(folder / "seed000.docx", [seed000()], ["Муниципальная программа помощи школам"])
    write_docx(folder / "seed001.docx", [seed001()], ["Программа повышения качества образования"])
    write_xlsx(folder / "seed001.xlsx", [seed001()])
    write_docx(folder / "seed002.docx", seed002(), ["Приложение 1 к приказу № 333 – ОД от 10.12.2021г."])
    write_xlsx(folder / "seed002.xlsx", seed002())
    write_no_table_docx(folder / "no_table.docx")
    write_not_a_roadmap_xlsx(folder / "not_a_roadmap.xlsx")
    write_corrupt(folder / "corrupt.docx")
    write_hidden_sheet_xlsx(folder / "hidden_sheet.xlsx")


if __name__ == "__main__":
    build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
