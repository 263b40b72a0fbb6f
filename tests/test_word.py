"""The Word writer: the same blocks as the PDF writer, as an editable .docx — Word heading styles, Word tables whose
header row repeats, page numbers from fields, landscape sections, and a file LibreOffice converts."""

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from app.errors import KuratorError
from app.services.output.layout import Approval
from app.services.output.pdf import ReportDocument
from app.services.output.word import WordDocument
from app.services.output.writers import writer_for
from tests.test_pdf import LONG_EVENT, TABLE_HEADER, TITLE, tiny_png


def analysis(target: Path) -> Path:
    document = writer_for(target, TITLE, subject="Аналитическая справка")
    document.official_header("Управление образования местной администрации Терского муниципального района", TITLE,
                             "за 2022 год", date_text="12.12.2022", number="45-ОД",
                             approval=Approval("Начальник Управления образования", "А.Б. Иванов"))
    document.key_values([("Школа", "МКОУ СОШ с.п. Урожайное"), ("Обучающихся", 15300)])
    document.heading("1. Мероприятия дорожной карты", 2)
    document.paragraph("Качество образования\x07 проявляется в отсутствии большого разброса результатов.")
    document.table(TABLE_HEADER, [[n, LONG_EVENT, "По отдельному плану", "ИМЦ УО", n / 2] for n in range(1, 121)],
                   col_widths=(1, 8, 3, 3, 2), numeric_columns=(0, 4))
    document.page_break(landscape=True)
    document.heading("2. Показатели ГИА", 2)
    document.table(["Школа", "Балл"], [])
    document.page_break(landscape=False)
    document.heading("Определения", 3)
    document.image(tiny_png(), 100, caption="Рисунок 1 — Выполнение мероприятий")
    document.signature_block("Директор ИМЦ", "Л.П. Шидукова")
    return document.save(target)


@pytest.fixture(scope="module")
def word_file(tmp_path_factory) -> Path:
    return analysis(tmp_path_factory.mktemp("word") / "analysis.docx")


def test_the_extension_chooses_the_writer_and_another_is_refused_in_russian(tmp_path):
    assert isinstance(writer_for(tmp_path / "a.PDF", TITLE), ReportDocument)
    assert isinstance(writer_for(tmp_path / "a.docx", TITLE), WordDocument)
    with pytest.raises(KuratorError, match="укажите файл .pdf или .docx"):
        writer_for(tmp_path / "a.odt", TITLE)


def test_headings_are_word_heading_styles(word_file):
    headings = [(p.style.name, p.text) for p in docx.Document(word_file).paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [("Heading 2", "1. Мероприятия дорожной карты"), ("Heading 2", "2. Показатели ГИА"),
                        ("Heading 3", "Определения")]


def test_a_table_is_a_word_table_whose_header_row_repeats_on_every_page(word_file):
    document = docx.Document(word_file)
    events = next(t for t in document.tables if t.rows[0].cells[0].text == "№ п/п")
    assert [c.text for c in events.rows[0].cells] == TABLE_HEADER
    assert len(events.rows) == 121
    assert events.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in events.rows[2].cells] == ["2", LONG_EVENT, "По отдельному плану", "ИМЦ УО", "1"]
    empty = next(t for t in document.tables if rows_of(t)[0] == ["Школа", "Балл"])
    assert empty.rows[1].cells[0].text == "Нет данных"


def test_key_values_are_one_borderless_table_of_label_and_value(word_file):
    details = next(t for t in docx.Document(word_file).tables if t.rows[0].cells[0].text == "Школа")
    assert rows_of(details) == [["Школа", "МКОУ СОШ с.п. Урожайное"], ["Обучающихся", "15\u00a0300"]]
    assert details.style.name != "Table Grid"


def rows_of(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_no_header_word_is_narrower_than_its_column(word_file):
    events = next(t for t in docx.Document(word_file).tables if t.rows[0].cells[0].text == "№ п/п")
    widths = [cell.width.pt for cell in events.rows[0].cells]
    assert min(widths[2:]) > 60  # «исполнения», «Ответственный», «Выполнено,» each need about 60 pt at 9 pt bold


def test_pages_are_numbered_by_fields_and_the_ggia_section_is_landscape(word_file):
    document = docx.Document(word_file)
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    footer = document.sections[0].footer.paragraphs[0]._p
    assert [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))] == ["PAGE", "NUMPAGES"]
    assert all(s.footer.is_linked_to_previous for s in document.sections[1:])


def test_the_text_is_as_written_without_control_characters_and_signed(word_file):
    document = docx.Document(word_file)
    texts = [p.text for p in document.paragraphs]
    assert "Качество образования проявляется в отсутствии большого разброса результатов." in texts
    assert "Рисунок 1 — Выполнение мероприятий" in texts
    assert len(document.inline_shapes) == 1
    signature = document.tables[-1]
    assert [c.text for c in signature.rows[0].cells] == ["Директор ИМЦ", "_" * 16, "Л.П. Шидукова"]
    assert document.core_properties.title == TITLE


def test_a_damaged_picture_is_refused_in_russian(tmp_path):
    with pytest.raises(KuratorError, match="Не удалось прочитать изображение"):
        WordDocument(TITLE).image(b"not a picture", 100)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by setup.sh")
def test_libreoffice_converts_it_to_a_pdf_with_numbered_pages(word_file, tmp_path):
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(word_file)], check=True, capture_output=True, timeout=180)
    converted = tmp_path / "analysis.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(converted), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 3
    assert all(f"Стр. {n} из {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert "Наименование мероприятия" in pages[1]  # the header row repeated on the table's second page
    assert "УТВЕРЖДАЮ" in pages[0] and "Л.П. Шидукова" in pages[-1]
