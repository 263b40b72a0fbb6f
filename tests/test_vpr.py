"""ВПР analysis: shares of «2» and «4–5», the mean mark and the term-mark comparison counted by hand from two schools'
works, the comparison with the region and Russia («нет данных» with its reason, never 0), the report and the
workbook, the command line."""

import subprocess

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.models import School, VprReference, VprResult, utcnow
from app.services.exchange.export import DISTRICT_SENDS, SCHOOL_SENDS
from app.services.output.pdf import ReportDocument
from app.services.reports.vpr import ALL_SCHOOLS, MEASURES, References, above_region, school_lines, totals
from app.services.reports import vpr_output
from app.services.reports.vpr_output import vpr_report, vpr_section

YEAR = 2024
BY_KEY = {measure.key: measure for measure in MEASURES}
COUNTRY_MISSING = f"значения России за {YEAR} год для 5 класса по предмету «Математика» не внесены"


@pytest.fixture
def two_schools(district_db):
    """Школа А: 20 wrote, «2» 4, «3» 8, «4» 6, «5» 2; compared with the register: lowered 5, confirmed 14, raised 1.
    Школа Б: 10 wrote, «2» 1, «3» 4, «4» 4, «5» 1; not compared. The region: «2» 10 %, «4–5» 45 %; Russia: none."""
    with district_db.session() as session:
        a = School(code="0701001", name="Школа А", kind="СОШ", locality="rural", pupils=200)
        b = School(code="0701002", name="Школа Б", kind="СОШ", locality="rural", pupils=100)
        session.add_all([a, b])
        session.flush()
        session.add_all([
            VprResult(school_id=a.id, year=YEAR, grade=5, subject="Математика", participants=20, count_2=4, count_3=8,
                      count_4=6, count_5=2, term_lowered=5, term_confirmed=14, term_raised=1),
            VprResult(school_id=b.id, year=YEAR, grade=5, subject="Математика", participants=10, count_2=1, count_3=4,
                      count_4=4, count_5=1),
            VprReference(year=YEAR, grade=5, subject="Математика", level="region", share_2=10.0, share_4_5=45.0),
        ])
        session.commit()
    return district_db


def figures(line) -> dict:
    return {key: line.figure(measure).value for key, measure in BY_KEY.items()}


def test_each_school_shares_are_counted_from_its_marks(two_schools):
    with two_schools.session() as session:
        a, b = list(school_lines(session, YEAR))
    assert (a.school, a.counts.participants) == ("Школа А", 20)
    # А: 4/20 «2»; (6+2)/20 «4–5»; (2·4+3·8+4·6+5·2)/20 = 66/20; 5, 14, 1 of the 20 compared
    assert figures(a) == {"share_2": 20.0, "share_4_5": 40.0, "mean_mark": 3.3, "lowered": 25.0, "confirmed": 70.0,
                          "raised": 5.0}
    # Б: 1/10, 5/10, 35/10; the term marks were not compared — no figure, with the reason
    assert figures(b) | {"lowered": None} == {"share_2": 10.0, "share_4_5": 50.0, "mean_mark": 3.5, "lowered": None,
                                              "confirmed": None, "raised": None}
    assert b.figure(BY_KEY["confirmed"]).reason == "отметки за работу не сравнивали с отметками по журналу"


def test_all_schools_add_up_the_pupils_not_the_shares(two_schools):
    with two_schools.session() as session:
        [line] = totals(session, YEAR)
    assert (line.school, line.grade, line.subject, line.counts.participants) == (ALL_SCHOOLS, 5, "Математика", 30)
    # «2»: 5/30; «4–5»: 13/30; mean 101/30; the term marks of the 20 compared pupils only
    assert figures(line) == {"share_2": 16.67, "share_4_5": 43.33, "mean_mark": 3.37, "lowered": 25.0,
                             "confirmed": 70.0, "raised": 5.0}


def test_comparison_gives_the_difference_or_the_reason_never_zero(two_schools):
    with two_schools.session() as session:
        [line] = totals(session, YEAR)
        references = References(session, YEAR)
    (region, to_region), (country, to_country) = references.compare(line, BY_KEY["share_2"])
    assert (region.figure.value, to_region.value) == (10.0, 6.67)
    assert (country.figure.value, to_country.value) == (None, None)
    assert to_country.reason == COUNTRY_MISSING
    (_region, no_mean), _country = references.compare(line, BY_KEY["mean_mark"])
    assert no_mean.value is None and no_mean.reason == "в значениях региона нет показателя «Средняя отметка»"


def test_only_works_above_the_region_share_of_2_need_attention(two_schools):
    with two_schools.session() as session:
        found = above_region(session, YEAR, References(session, YEAR))
    assert [(line.school, difference.value) for line, difference in found] == [("Школа А", 10.0)]


def test_a_deleted_school_and_another_year_are_left_out(two_schools):
    with two_schools.session() as session:
        session.add(VprResult(school_id=session.query(School).filter_by(code="0701001").one().id, year=YEAR - 1,
                              grade=5, subject="Математика", participants=99, count_3=99))
        session.query(School).filter_by(code="0701002").one().deleted_at = utcnow()
        session.commit()
        [line] = totals(session, YEAR)
    assert line.counts.participants == 20


def section_text(two_schools, tmp_path) -> str:
    doc = ReportDocument("ВПР")
    with two_schools.session() as session:
        vpr_section(doc, session, YEAR)
    pdf = doc.save(tmp_path / "vpr.pdf")
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_the_section_states_the_figures_the_reasons_and_the_definitions(two_schools, tmp_path):
    text = " ".join(section_text(two_schools, tmp_path).split())
    assert "4.1. Результаты всероссийских проверочных работ (ВПР), 2024 год" in text
    assert "ВПР писали 30 обучающихся из 2 школ" in text
    assert "16,67" in text and "43,33" in text and "нет данных" in text
    assert COUNTRY_MISSING in text
    assert "Доля «2» выше региональной: 5 класс, Математика (+6,67 п.п.)" in text
    assert "Доля «2» — сколько участников получили за работу отметку «2»" in text
    assert "Школа А" in text and "+10" in text


def test_a_year_without_results_says_so(district_db, tmp_path):
    doc = ReportDocument("ВПР")
    with district_db.session() as session:
        vpr_section(doc, session, YEAR)
    pdf = doc.save(tmp_path / "empty.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Результаты ВПР за 2024 год не внесены" in " ".join(text.split())


def run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def test_cli_writes_the_workbook_with_numbers_reasons_and_a4_landscape(two_schools, db_path, tmp_path, capsys):
    out = tmp_path / "vpr.xlsx"
    assert run(capsys, "--db", db_path, "report", "vpr", "--year", YEAR, "--out", out)[0] == 0
    workbook = load_workbook(out)
    summary, schools, _definitions = workbook.worksheets
    header = [cell.value for cell in summary[1]]
    row = dict(zip(header, [cell.value for cell in summary[2]], strict=True))
    assert (row["Доля «2», %"], row["Доля «2»: регион"], row["Доля «2»: разница с регионом, п.п."]) == (16.67, 10, 6.67)
    assert row["Доля «2»: Россия"] == f"нет данных: {COUNTRY_MISSING}"
    assert [cell.value for cell in schools["A"][1:]] == ["Школа А", "Школа Б"]
    assert summary.page_setup.orientation == "landscape" and int(summary.page_setup.paperSize) == 9  # A4
    assert summary.print_title_rows == "$1:$1" and int(summary.page_setup.fitToWidth) == 1


def test_cli_writes_the_pdf_and_refuses_another_format_with_exit_2(two_schools, db_path, tmp_path, capsys):
    assert run(capsys, "--db", db_path, "report", "vpr", "--year", YEAR, "--out", tmp_path / "vpr.pdf")[0] == 0
    assert (tmp_path / "vpr.pdf").read_bytes().startswith(b"%PDF")
    code, err = run(capsys, "--db", db_path, "report", "vpr", "--year", YEAR, "--out", tmp_path / "vpr.docx")
    assert code == 2 and "Укажите файл .pdf или .xlsx" in err and not (tmp_path / "vpr.docx").exists()
    code, err = run(capsys, "--db", db_path, "report", "vpr", "--year", YEAR, "--out", tmp_path / "нет" / "v.pdf")
    assert code == 2 and "не существует" in err


def test_the_reference_table_travels_to_schools_with_the_district_as_owner():
    assert VprReference.owner_kind == "district"
    assert "vpr_reference" in DISTRICT_SENDS and "vpr_reference" not in SCHOOL_SENDS


def test_the_report_of_its_own_lists_every_work_until_too_many_to_read(two_schools, tmp_path, monkeypatch):
    def report_text(name: str) -> str:
        with two_schools.session() as session:
            pdf = vpr_report(session, YEAR, tmp_path / name)
        return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                       text=True).stdout.split())

    every = report_text("all.pdf")
    assert "Результаты по школам" in every and "Школа Б" in every
    monkeypatch.setattr(vpr_output, "EVERY_SCHOOL_ROWS", 1)
    above = report_text("above.pdf")
    assert "Строк «школа — класс — предмет» — 2: в PDF их было бы слишком много" in above
    assert "Школа А" in above and "Школа Б" not in above
