"""The shared PDF layer: Russian text that extracts, numbered pages, embedded fonts, safe saving."""

import errno
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from app.errors import KuratorError
from app.services.output import atomic_write
from app.services.output.pdf import Approval, ReportDocument, register_fonts

TITLE = "Анализ реализации дорожной карты"
TABLE_HEADER = ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный", "Выполнено, %"]
LONG_EVENT = ("Проведение психолого-педагогических консилиумов по адаптации обучающихся 1, 5, 10 классов "
              "с целью выявления и работы с обучающимися с рисками учебной неуспешности")


def tiny_png(width: int = 8, height: int = 4) -> bytes:
    """A valid RGB PNG built by hand, so the test needs no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    scanlines = b"".join(b"\x00" + bytes((70, 130, 180)) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(scanlines)) + chunk(b"IEND", b"")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def page_text(pdf: Path, page: int) -> str:
    return run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-")


def page_count(pdf: Path) -> int:
    info = dict(line.split(":", 1) for line in run("pdfinfo", str(pdf)).splitlines() if ":" in line)
    return int(info["Pages"])


def roadmap_analysis(target: Path) -> Path:
    document = ReportDocument(TITLE, subject="Аналитическая справка")
    document.official_header("Управление образования местной администрации Терского муниципального района",
                             TITLE, "по методическому сопровождению системы работы со ШНОР за 2022 год",
                             date_text="12.12.2022", number="45-ОД",
                             approval=Approval("Начальник Управления образования", "А.Б. Иванов"))
    document.paragraph("Качество образования проявляется не только в высоких достижениях отдельных "
                       "образовательных организаций, но и в отсутствии большого разброса результатов.")
    document.key_values([("Школа", "МКОУ СОШ с.п. Урожайное"), ("Обучающихся", 15300)])
    document.heading("Мероприятия дорожной карты", 2)
    rows = [[number, LONG_EVENT, "По отдельному плану", "Руководители ОО, ИМЦ УО", number / 2]
            for number in range(1, 201)]
    document.table(TABLE_HEADER, rows, col_widths=(1, 8, 3, 3, 2), numeric_columns=(0, 4))
    document.image(tiny_png(), 100, caption="Рисунок 1 — Выполнение мероприятий")
    document.signature_block("Директор ИМЦ", "Л.П. Шидукова")
    return document.save(target)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return roadmap_analysis(tmp_path_factory.mktemp("pdf") / "analysis.pdf")


def test_russian_title_and_body_extract_exactly(report):
    first_page = page_text(report, 1)
    assert TITLE in first_page
    assert "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ МЕСТНОЙ АДМИНИСТРАЦИИ" in first_page
    assert "УТВЕРЖДАЮ" in first_page
    assert "№ 45-ОД" in first_page


def test_every_page_says_its_number_of_the_total(report):
    total = page_count(report)
    assert total > 5
    for page in (1, 2, total):
        assert f"Стр. {page} из {total}" in page_text(report, page)


def test_all_fonts_are_embedded(report):
    font_rows = run("pdffonts", str(report)).splitlines()[2:]
    assert font_rows
    assert all(row.split()[-5] == "yes" for row in font_rows), font_rows


def test_long_table_repeats_its_header_row_on_every_page_it_spans(report):
    for page in (1, 2, 3):
        assert "Наименование мероприятия" in page_text(report, page)
    assert "Шидукова" in page_text(report, page_count(report))


def test_document_metadata_names_title_and_author(report):
    info = run("pdfinfo", str(report))
    assert f"Title:           {TITLE}" in info
    assert "Author:          Куратор" in info


def test_image_is_placed_in_the_document(report):
    listed = run("pdfimages", "-list", str(report)).splitlines()[2:]
    assert len(listed) == 1


def test_markup_characters_and_control_characters_are_shown_as_plain_text(tmp_path):
    document = ReportDocument("Проверка")
    document.paragraph("Школа <b>№ 1</b> & «Точка роста»\x07")
    text = page_text(document.save(tmp_path / "plain.pdf"), 1)
    assert "Школа <b>№ 1</b> & «Точка роста»" in text


def test_landscape_page_break_turns_the_following_pages(tmp_path):
    document = ReportDocument("Ориентация")
    document.paragraph("Книжная страница")
    document.page_break(landscape=True)
    document.table(["Показатель", "2021", "2022"], [["Доля ШНОР", 50, 100]], numeric_columns=(1, 2))
    pdf = document.save(tmp_path / "wide.pdf")
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+)", run("pdfinfo", "-f", "1", "-l", "2", str(pdf)))
    assert sizes == ["595.276 x 841.89", "841.89 x 595.276"]


def test_a_section_ending_in_portrait_and_the_next_starting_in_landscape_leave_no_empty_page(tmp_path):
    document = ReportDocument("Ориентация")
    document.paragraph("Раздел на альбомной странице")
    document.page_break(landscape=False)
    document.page_break(landscape=True)
    document.paragraph("Следующий раздел")
    pdf = document.save(tmp_path / "sections.pdf")
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+ x [\d.]+)", run("pdfinfo", "-f", "1", "-l", "3", str(pdf)))
    assert sizes == ["595.276 x 841.89", "841.89 x 595.276"]
    assert "Следующий раздел" in page_text(pdf, 2)


def test_table_without_rows_says_there_is_no_data(tmp_path):
    document = ReportDocument("Пусто")
    document.table(["Школа", "Показатель"], [])
    assert "Нет данных" in page_text(document.save(tmp_path / "empty.pdf"), 1)


def test_cell_longer_than_a_page_is_split_instead_of_failing(tmp_path):
    document = ReportDocument("Длинная ячейка")
    document.table(["Мероприятие", "Срок"], [["очень длинное описание " * 1500, "Постоянно"]])
    assert page_count(document.save(tmp_path / "long.pdf")) > 2


@pytest.mark.parametrize("damaged", [b"not a picture", tiny_png(200, 100)[:60]], ids=["not_png", "truncated_png"])
def test_damaged_image_is_refused_in_russian_when_added(damaged):
    with pytest.raises(KuratorError, match="изображение"):
        ReportDocument("Рисунок").image(damaged, 50)


def test_missing_image_file_is_refused_in_russian(tmp_path):
    with pytest.raises(KuratorError, match="Не удалось открыть изображение"):
        ReportDocument("Рисунок").image(tmp_path / "chart.png", 50)


def test_registering_fonts_again_changes_nothing():
    register_fonts()
    fonts = {name: pdfmetrics.getFont(name) for name in pdfmetrics.getRegisteredFontNames()}
    register_fonts()
    assert {name: pdfmetrics.getFont(name) for name in pdfmetrics.getRegisteredFontNames()} == fonts
    assert {f"{family}-{style}" for family in ("PTSerif", "PTSans")
            for style in ("Regular", "Bold", "Italic", "BoldItalic")} <= fonts.keys()


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    locked_by_attribute = os.access(folder, os.W_OK) and shutil.which("chattr")
    if locked_by_attribute:  # root ignores permission bits; the immutable attribute stops it
        subprocess.run(["chattr", "+i", str(folder)], check=False, capture_output=True)
    try:
        (folder / "probe").touch()
    except OSError:
        yield folder
    else:
        pytest.skip("cannot make a read-only folder here")
    finally:
        if locked_by_attribute:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        folder.chmod(0o755)


def test_saving_into_read_only_folder_is_refused_in_russian(read_only_folder):
    document = ReportDocument("Недоступная папка")
    with pytest.raises(KuratorError, match="Не удалось сохранить файл"):
        document.save(read_only_folder / "report.pdf")
    assert list(read_only_folder.iterdir()) == []


def test_full_disk_is_refused_in_russian_and_the_old_report_survives(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old report")

    def disk_full(_descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_write.os, "fsync", disk_full)
    with pytest.raises(KuratorError, match="недостаточно места"):
        ReportDocument("Полный диск").save(target)
    assert target.read_bytes() == b"old report"
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]


def test_saved_file_gets_ordinary_permissions_not_those_of_a_temporary_file(tmp_path):
    from app.services.output.atomic_write import write_bytes_atomically

    target = tmp_path / "справка.pdf"
    write_bytes_atomically(target, b"%PDF-1.4")
    assert target.stat().st_mode & 0o044 == 0o044  # readable by the group and others under the usual umask 022


def test_a_png_goes_into_the_pdf_as_its_own_compressed_data_without_ascii85(tmp_path):
    picture = tiny_png(300, 200)
    idat = picture[8 + 25 + 8:-12 - 4]  # the one IDAT chunk's body: after the signature and IHDR, before its CRC, IEND
    document = ReportDocument("Рисунок")
    document.image(picture, 100)
    pdf = document.save(tmp_path / "picture.pdf").read_bytes()
    assert idat in pdf
    assert b"/Predictor 15" in pdf and b"ASCII85Decode" not in pdf
    listed = run("pdfimages", "-list", str(tmp_path / "picture.pdf")).splitlines()[2].split()
    assert listed[3:8] == ["300", "200", "rgb", "3", "8"]


def test_the_pdf_shows_the_png_as_drawn(tmp_path):
    document = ReportDocument("Рисунок")
    document.image(tiny_png(40, 20), 100)
    document.save(tmp_path / "picture.pdf")
    run("pdfimages", "-f", "1", "-l", "1", str(tmp_path / "picture.pdf"), str(tmp_path / "out"))
    pixels = (tmp_path / "out-000.ppm").read_bytes()
    assert pixels.endswith(bytes((70, 130, 180)) * 40 * 20)


def test_png_with_a_wrong_checksum_is_refused_in_russian():
    picture = bytearray(tiny_png(200, 100))
    picture[50] ^= 0xFF  # inside the IDAT data
    with pytest.raises(KuratorError, match="изображение"):
        ReportDocument("Рисунок").image(bytes(picture), 50)


def outline(pdf: Path) -> list[tuple[int, int, str]]:
    """The PDF's outline (the viewer's bookmarks) as (depth, page, title), read by Poppler."""
    xml = run("pdftohtml", "-xml", "-stdout", "-i", str(pdf))
    found, depth = [], 0
    for tag, page, title in re.findall(r'<(/?outline)>|<item page="(\d+)">([^<]*)</item>', xml):
        if tag:
            depth += -1 if tag.startswith("/") else 1
        else:
            found.append((depth, int(page), title))
    return found


def test_headings_stand_in_the_outline_on_their_pages_at_their_levels(tmp_path):
    doc = ReportDocument("Справка")
    doc.heading("Справка о реализации программы", 1)
    doc.heading("1. Школы", 2)
    doc.paragraph("Текст раздела.")
    doc.page_break()
    doc.heading("2. Курсы", 2)
    doc.heading("2.1. Соответствие кадров", 3)
    doc.heading("3. Показатели", 2)
    pdf = doc.save(tmp_path / "outline.pdf")
    assert outline(pdf) == [(1, 1, "Справка о реализации программы"), (2, 1, "1. Школы"), (2, 2, "2. Курсы"),
                            (3, 2, "2.1. Соответствие кадров"), (2, 2, "3. Показатели")]


def test_an_outline_starting_below_the_top_level_keeps_its_sections_side_by_side(tmp_path):
    doc = ReportDocument("Профиль")
    for title in ("1. Сведения", "2. Кадры"):
        doc.heading(title, 2)
    pdf = doc.save(tmp_path / "outline.pdf")
    assert outline(pdf) == [(1, 1, "1. Сведения"), (1, 1, "2. Кадры")]


def test_a_heading_too_long_for_the_rest_of_its_page_splits_and_keeps_its_outline_entry(tmp_path):
    doc = ReportDocument("Справка")
    doc.paragraph("Абзац. " * 500)  # most of a page and more: the heading starts low on a page
    doc.heading("Очень длинный заголовок раздела " * 300, 2)  # longer than a page: it must split
    pdf = doc.save(tmp_path / "split.pdf")
    [(depth, page, title)] = outline(pdf)
    assert depth == 1 and title.startswith("Очень длинный заголовок раздела") and page_count(pdf) >= 2
