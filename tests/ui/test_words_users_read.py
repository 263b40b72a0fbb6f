"""No file path of the project, no identifier and no English in what a user reads: every page of the window (each
tab shown, labels, buttons, headers, tooltips, choice lists, placeholders, the first rows of each list) and every
report (PDF text via pdftotext, Excel cells), in both seats, on the demo."""

import subprocess
from pathlib import Path

import openpyxl
import pytest
from demo_pair import CODE, kurator
from PySide6.QtWidgets import QTabWidget
from visible_text import not_for_users, page_texts

from app.db import open_database
from app.ui.main_window import MainWindow

YEAR = "2022"


def test_the_checker_finds_a_seed_path_an_identifier_and_an_english_word_and_lets_russian_pass():
    assert not_for_users("seeds/004, Анализ реализации") == ["seeds/"]
    assert not_for_users("см. isb_weights") == ["isb_weights", "isb", "weights"]
    assert not_for_users("Look in:") == ["Look", "in"]
    assert not_for_users("<b>Цель:</b> отчёт в PDF и Excel, за II полугодие, подпись Ed25519") == []
    assert not_for_users("Файл: /home/user/kurator-backup.db") == []


def findings(texts) -> dict[str, list[str]]:
    return {text[:120]: bad for text in texts if (bad := not_for_users(text))}


@pytest.mark.parametrize("mode", ["district", "school"])
def test_no_page_shows_a_path_an_identifier_or_english(qtbot, demo_databases, finished, mode):
    database = open_database(demo_databases[mode])
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    found = {}
    for spec in window.specs:
        page = window.show_page(spec.key)
        finished()
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                finished()
        found |= {f"{spec.title}: {text}": bad for text, bad in findings(page_texts(page)).items()}
    window.close()
    database.close()
    assert found == {}


def pdf_text(path: Path) -> list[str]:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout.splitlines()


def excel_text(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    cells = [value for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row]
    return book.sheetnames + [value for value in cells if isinstance(value, str)]


@pytest.mark.parametrize("mode", ["district", "school"])
def test_no_report_shows_a_path_an_identifier_or_english(demo_databases, tmp_path, mode):
    db = demo_databases[mode]
    commands = {"district.pdf": ["report", "district"], "school.pdf": ["report", "school", CODE],
                "risks.pdf": ["report", "risks"], "risks.xlsx": ["report", "risks"]}
    commands |= {f"{table}.xlsx": ["report", "excel", table]
                 for table in ("indicators", "exam", "staff", "courses", "qualification")}
    found = {}
    for name, command in commands.items():
        out = tmp_path / name
        assert kurator("--db", db, *command, "--year", YEAR, "--out", out) == 0, name
        read = pdf_text if out.suffix == ".pdf" else excel_text
        found |= {f"{name}: {text}": bad for text, bad in findings(read(out)).items()}
    assert found == {}
