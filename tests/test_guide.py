"""The user guide: its Markdown subset, the parts generated from the program's data, its text for users, the PDF."""

import re
import subprocess

import pytest

from app.cli import main as kurator
from app.services.guide.blocks import Grid, Heading, Items, Paragraph, Picture, parse
from app.services.guide.document import IMAGES, load_guide
from app.services.guide.html import guide_html
from app.services.indicators.catalogue import read_catalogue
from app.services.imports.kinds import KINDS, ORDER

MAX_PICTURE_BYTES = 250_000
CHAPTERS = ("Начало работы", "Цикл года шаг за шагом", "Разделы программы", "Обмен данными на флешке",
            "Резервные копии", "Загрузка файлов Excel и их шаблоны", "Что означает каждый показатель")


def no_inserts(name):
    raise AssertionError(f"unexpected insert {name}")


def test_markdown_subset_reads_headings_with_anchors_paragraphs_lists_and_pictures():
    text = ("# Глава {#chapter}\n\nПервая строка\nвторая строка.\n\n- пункт один\n  его продолжение\n- пункт два\n\n"
            "1. шаг\n2. ещё шаг\n\n![Подпись](images/shot.png)\n## Раздел без пустой строки\nАбзац сразу под ним.")
    assert parse(text, no_inserts) == [
        Heading(1, "Глава", "chapter"), Paragraph("Первая строка вторая строка."),
        Items(("пункт один его продолжение", "пункт два")), Items(("шаг", "ещё шаг"), numbered=True),
        Picture("shot.png", "Подпись"), Heading(2, "Раздел без пустой строки"), Paragraph("Абзац сразу под ним.")]


def test_an_insert_line_is_replaced_and_shifted_headings_stay_within_three_levels():
    assert parse("@вставка", lambda name: [Paragraph(name)]) == [Paragraph("вставка")]
    assert parse("# А\n\n### Б", no_inserts, shift=1) == [Heading(2, "А"), Heading(3, "Б")]


def test_guide_has_the_chapters_the_users_asked_for_in_order():
    chapters = [heading.text for heading in load_guide().headings(deepest=1)]
    assert chapters == list(CHAPTERS)


def test_every_heading_has_its_own_anchor():
    anchors = [heading.anchor for heading in load_guide().headings()]
    assert all(anchors) and len(anchors) == len(set(anchors))


def test_every_shipped_indicator_is_explained_with_its_definition_from_the_catalogue():
    guide = load_guide()
    texts = [block.text for block in guide.blocks if isinstance(block, (Heading, Paragraph))]
    for entry in read_catalogue():
        assert f"{entry['code']}. {entry['name']}" in texts
        assert any(text.startswith(entry["description"].strip()) for text in texts)


def test_every_kind_of_excel_file_is_listed_with_what_it_holds():
    grid = next(block for block in load_guide().blocks if isinstance(block, Grid))
    assert grid.rows == tuple((KINDS[name].title, KINDS[name].about) for name in ORDER)


def test_method_of_isb_is_in_the_guide_as_sections():
    headings = [heading.text for heading in load_guide().headings()]
    assert "Индекс социального благополучия (ИСБ)" in headings and "Кандидаты в ШНОР/ШНСУ" in headings


def user_texts() -> list[str]:
    texts = []
    for block in load_guide().blocks:
        match block:
            case Heading() | Paragraph():
                texts.append(block.text)
            case Items():
                texts += block.entries
            case Picture():
                texts.append(block.caption)
            case Grid():
                texts += [*block.header, *(cell for row in block.rows for cell in row)]
    return texts


def test_users_read_no_file_paths_function_names_internal_keys_or_markup():
    offending = [text for text in user_texts()
                 if re.search(r"seeds/|\w+_\w+|\w+\.(py|md|json|db)\b|[/\\]\w+[/\\]|\*\*|`|\{#|^@", text)]
    assert offending == []


def test_every_picture_exists_and_is_small():
    pictures = load_guide().pictures()
    assert pictures and all(path.parent == IMAGES for path in pictures)
    assert {path.name: path.is_file() and path.stat().st_size < MAX_PICTURE_BYTES for path in pictures} == {
        path.name: True for path in pictures}


def test_html_names_every_anchor_and_escapes_the_text():
    html = guide_html(load_guide())
    assert all(f'<a name="{anchor}">' in html for anchor in load_guide().anchors())
    assert "«Принять решение…»" in html and "<script" not in html


@pytest.fixture(scope="module")
def guide_pdf(tmp_path_factory):
    target = tmp_path_factory.mktemp("guide") / "руководство.pdf"
    assert kurator(["guide", "--out", str(target)]) == 0
    return target


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_pdf_embeds_its_cyrillic_fonts(guide_pdf):
    fonts = run("pdffonts", str(guide_pdf)).splitlines()[2:]
    assert fonts and all(row.split()[-5] == "yes" for row in fonts)


def test_characters_the_pt_fonts_lack_are_drawn_in_the_embedded_fallback_font(guide_pdf):
    fonts = run("pdffonts", str(guide_pdf))
    assert re.search(r"\+DejaVuSerif\s+TrueType\s+\S+\s+yes", fonts)
    text = run("pdftotext", str(guide_pdf), "-")
    assert "−0,5 σ" in text and "«Файл → Резервная копия…»" in text


def test_pdf_holds_every_chapter_and_indicator_as_text(guide_pdf):
    text = " ".join(run("pdftotext", str(guide_pdf), "-").split())
    assert all(chapter in text for chapter in CHAPTERS)
    assert all(entry["code"] in text for entry in read_catalogue())
    assert "Регистрация ключа с проверкой отпечатка" in text


def test_guide_command_refuses_a_folder_that_does_not_exist(tmp_path, capsys):
    assert kurator(["guide", "--out", str(tmp_path / "нет" / "guide.pdf")]) == 2
    assert "не существует" in capsys.readouterr().err
