"""Imported documents have one documented limit on rows and on the unpacked size of each XML part (issue 14,
item 5; office_zip.DocumentLimits): over it the import is refused with exit 2 and the limit in the message, before
the XML is parsed when the part is too large, never cut short; the database file stays byte-identical."""

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from app.cli import main
from app.errors import KuratorError
from app.services.roadmaps import tables as roadmap_tables
from app.services.roadmaps.tables import read_roadmap
from hostile_files import roadmap_docx, roadmap_xlsx
from hostile_world import MEMORY_CEILING_MB, file_digest, kurator_process


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


@pytest.fixture(scope="module")
def huge_docx(tmp_path_factory):
    """A 450 KB Word roadmap whose table has 330,000 rows: 100 MB of XML (the issue's 182 s and 3.4 GB)."""
    return roadmap_docx(tmp_path_factory.mktemp("docx") / "huge.docx", 330_000)


@pytest.mark.slow
def test_a_small_docx_expanding_to_a_huge_table_is_refused_before_parsing(district, huge_docx):
    before = file_digest(district)
    run = kurator_process("--db", district, "roadmap", "import", huge_docx, "--year", "2022")
    assert run.code == 2, run.stderr
    assert "word/document.xml" in run.stderr and "допустимо не больше 8 МБ" in run.stderr
    assert run.peak_mb <= MEMORY_CEILING_MB and run.seconds < 60  # a hang guard; it takes about 3 s
    assert file_digest(district) == before


@pytest.mark.parametrize(("build", "where"), [
    pytest.param(roadmap_docx, "в таблицах документа", id="docx"),
    pytest.param(roadmap_xlsx, "на листе «Дорожная карта»", id="xlsx"),
])
def test_a_roadmap_longer_than_the_row_limit_is_refused_not_cut_short(district, tmp_path, capsys, build, where):
    suffix = ".docx" if build is roadmap_docx else ".xlsx"
    document = build(tmp_path / f"long{suffix}", 5_000)  # 5,001 rows with the header: the xlsx reader once kept 20,000
    before = file_digest(district)
    assert kurator("--db", district, "roadmap", "import", document, "--year", "2022") == 2
    assert f"{where} больше 5 000 строк" in capsys.readouterr().err
    assert file_digest(district) == before


def test_formatted_empty_rows_below_a_roadmap_do_not_count_against_the_limit(tmp_path):
    path = roadmap_xlsx(tmp_path / "styled.xlsx", 3)
    book = openpyxl.load_workbook(path)
    book.active.cell(row=50_000, column=1).fill = PatternFill("solid", start_color="FFFF00")
    book.save(path)
    assert len(read_roadmap(path).events) == 3


def test_running_out_of_memory_is_not_reported_as_a_damaged_file(tmp_path, monkeypatch):
    path = roadmap_docx(tmp_path / "plan.docx", 3)

    def exhausted(*_args):
        raise MemoryError

    monkeypatch.setitem(roadmap_tables.READERS, ".docx", exhausted)
    with pytest.raises(KuratorError, match="не хватило памяти") as refusal:
        read_roadmap(path)
    assert "повреждён" not in refusal.value.message and refusal.value.exit_code == 2
