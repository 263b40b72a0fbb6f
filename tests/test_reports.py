"""Reports on the demo district: the analytic report and a school profile as PDFs, charts as PNGs, Excel exports,
and `kurator report` exit codes. The demo database is built once for the module."""

import re
import struct
import subprocess
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.db import open_database
from app.services.analytics import chart_data
from app.services.demo import load_demo
from app.services.output import charts
from app.services.reports import documents as reports
from app.services.reports import excel as report_excel
from app.services.reports.school_profile import all_school_reports, school_report
from app.services.risks.chart_data import risk_levels_chart, risk_map_chart
from app.services.risks.risk_map import risk_map
from app.services.roadmaps.plans import list_roadmaps
from app.services.setup import initialize

YEAR = 2022
SHNOR_SCHOOL = "МКОУ СОШ с.п.Урожайное"
SHNOR_CODE = "0701001"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A district database holding the demo; yields (database, its path, a folder for outputs)."""
    folder = tmp_path_factory.mktemp("reports")
    path = folder / "demo.db"
    database = open_database(str(path))
    with database.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=YEAR)
        load_demo(session)
    yield database, path, folder
    database.close()


@pytest.fixture(scope="module")
def district_pdf(demo):
    database, _, folder = demo
    with database.session() as session:
        return reports.district_report(session, YEAR, folder / "district.pdf")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_district_report_names_the_title_pages_shnor_schools_and_indicators(district_pdf):
    text = " ".join(pdf_text(district_pdf).split())
    assert "Аналитическая справка о реализации программы поддержки школ с низкими образовательными " \
           "результатами за 2022 год" in text
    assert "Стр. 1 из" in text
    assert SHNOR_SCHOOL in text and "МКОУ СОШ с.п. Ново-Хамидие" in text
    for code in ("2.1.1", "2.2", "МП.5"):
        assert code in text
    assert "Задачи и рекомендации на 2023 год" in text
    assert "Директор ИМЦ" in text and "Л.П. Шидукова" in text


def test_district_report_embeds_every_font(district_pdf):
    lines = subprocess.run(["pdffonts", str(district_pdf)], check=True, capture_output=True, text=True).stdout
    fonts = lines.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)


def test_school_profile_shows_register_staff_and_results(demo):
    database, _, folder = demo
    with database.session() as session:
        path = school_report(session, SHNOR_CODE, YEAR, folder / "school.pdf")
    text = " ".join(pdf_text(path).split())
    assert "Профиль образовательной организации" in text and SHNOR_SCHOOL in text
    assert "Стр. 1 из" in text
    for section in ("Кадровый состав", "Социальный паспорт и ИСБ", "в сравнении с районом", "Выполнение дорожной карты"):
        assert section in text


def test_district_report_shows_the_risk_map_of_the_500_plus_schools(district_pdf):
    text = " ".join(pdf_text(district_pdf).split())
    number = re.search(r"(\d+)\. Риски школ — участников проекта «500\+»", text).group(1)
    assert "Профили рисков за 2022 год заполнили школ: 3 из 3." in text
    assert f"Рисунок {number}.1 — Карта рисков школ, 2022 год" in text


def test_the_profile_of_a_500_plus_school_has_its_risks_and_programs_and_another_school_has_none(demo):
    database, _, folder = demo
    with database.session() as session:
        plus = " ".join(pdf_text(school_report(session, SHNOR_CODE, YEAR, folder / "plus.pdf")).split())
        other = " ".join(pdf_text(school_report(session, "0701004", YEAR, folder / "other.pdf")).split())
    assert "9. Профиль рисков и антирисковые программы («500+»)" in plus
    assert "Антирисковая программа «Низкая учебная мотивация обучающихся»" in plus
    assert "Укомплектованность кадрами: занятые ставки ÷ ставки по штатному расписанию школы на 2022 год" in plus
    assert "Профиль рисков" not in other


def test_the_school_profile_gives_one_pupil_count_and_says_what_its_results_columns_measure(demo):
    database, _, folder = demo
    with database.session() as session:
        text = " ".join(pdf_text(school_report(session, SHNOR_CODE, YEAR, folder / "one.pdf")).split())
    # Урожайное: 420 pupils in the register, 413 in its 2022 social passport, which sections 4 and 9 count from
    assert text.count("Обучающихся (") == 1 and "Обучающихся (социальный паспорт 2022 года) 413" in text
    assert "420" not in text
    assert "Год Школа, средний балл ЕГЭ Район, средний балл ЕГЭ" in text


def test_unknown_school_code_is_refused_in_russian(demo):
    database, _, folder = demo
    with database.session() as session, pytest.raises(Exception, match="не найдена"):
        school_report(session, "nope", YEAR, folder / "nope.pdf")


def _chart_inputs(session) -> dict:
    municipal = next(r for r in list_roadmaps(session) if r.level == "municipal")
    school_id = next(r for r in list_roadmaps(session) if r.level == "school").school_id
    return {
        "plan_fact": chart_data.plan_fact_series(session, "2.2"),
        "school_vs_district": chart_data.school_vs_district(session, school_id, [2020, 2021, 2022]),
        "quadrants": chart_data.quadrant_points(session, YEAR),
        "roadmap_sections": chart_data.roadmap_by_section(session, municipal.id, YEAR),
        "course_coverage": chart_data.course_coverage(session, YEAR),
        "risk_map": risk_map_chart(risk_map(session, YEAR)),
        "risk_levels": risk_levels_chart(risk_map(session, YEAR)),
    }


def test_every_chart_renders_to_a_png_of_the_requested_size(demo):
    database, _, _ = demo
    with database.session() as session:
        inputs = _chart_inputs(session)
    for kind, data in inputs.items():
        png = charts.render_png(kind, data, "Диаграмма", size=(800, 500))
        assert png_size(png) == charts.chart_size(kind, data, (800, 500))
        assert len(png) > 5000, kind


def test_quadrant_points_split_the_schools_at_the_medians(demo):
    database, _, _ = demo
    with database.session() as session:
        data = chart_data.quadrant_points(session, YEAR)
    low = [p for p in data["points"] if p["quadrant"] == "ШНОР/ШНСУ"]
    assert low and all(p["isb"] < data["isb_median"] and p["result"] < data["result_median"] for p in low)


def test_a_long_title_wraps_instead_of_widening_the_chart_and_shrinking_its_text_in_print(demo):
    database, _, _ = demo
    with database.session() as session:
        data = _chart_inputs(session)["roadmap_sections"]  # long section names take half the width beside the axis
    title = "Исполнение муниципальной дорожной карты по разделам за 2022 год, сроки исполнения мероприятий"
    assert png_size(charts.render_png("roadmap_sections", data, title)) == charts.chart_size("roadmap_sections", data)


def test_the_scatter_names_the_schools_holding_shnor_or_shnsu(demo):
    database, _, _ = demo
    with database.session() as session:
        data = chart_data.quadrant_points(session, YEAR)
    # the demo's 2022: ШНОР 7 and ШНСУ 3, two schools holding both — 8 schools, named by their settlements
    assert sorted(p["label"] for p in data["points"] if p["label"]) == [
        "с.п. Верхний Курп", "с.п. Красноармейское", "с.п. Нижний Акбаш", "с.п. Нижний Курп", "с.п. Новая Балкария",
        "с.п. Ново-Хамидие", "с.п. Урожайное", "с.п. Хамидие"]


def test_course_coverage_is_a_share_of_each_schools_staff(demo):
    database, _, _ = demo
    with database.session() as session:
        rows = chart_data.course_coverage(session, YEAR)
    assert len(rows) == 26
    assert all(0 <= r["trained"] <= r["staff"] and r["share"] == round(100 * r["trained"] / r["staff"], 1)
               for r in rows)


def test_the_gia_sheet_prints_on_one_a4_landscape_page_wide_with_its_header_on_every_page(demo, tmp_path):
    database, _, _ = demo
    with database.session() as session:
        path = report_excel.export_exam_table_xlsx(session, YEAR, tmp_path / "gia.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    widths = [sheet.column_dimensions[column].width for column in "ABCDEFGHIJKL"]
    assert max(widths[1:]) <= 24  # the long titles («Доля уч-ся 11-х классов, …») wrap instead of widening


@pytest.mark.slow
def test_libreoffice_prints_the_demo_gia_sheet_on_one_page(demo, tmp_path):
    database, _, _ = demo
    with database.session() as session:
        path = report_excel.export_exam_table_xlsx(session, YEAR, tmp_path / "gia.xlsx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp_path / "gia.pdf")], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info) and "841.89 x 595.3" in info  # 26 schools: one A4 landscape page


@pytest.mark.parametrize("export, first_header", [
    (lambda s, p: report_excel.export_indicators_xlsx(s, p, [2021, 2022]), ["Код", "Показатель", "Ед.", "План 2021"]),
    (lambda s, p: report_excel.export_exam_table_xlsx(s, YEAR, p), ["ОО"]),
    (lambda s, p: report_excel.export_staff_registry_xlsx(s, p), ["Школа", "Фамилия", "Имя"]),
    (lambda s, p: report_excel.export_course_registry_xlsx(s, YEAR, p), ["Школа", "Педагог", "Курс"]),
])
def test_excel_exports_open_with_their_headers_and_rows(demo, tmp_path, export, first_header):
    database, _, _ = demo
    with database.session() as session:
        path = export(session, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[1]][: len(first_header)] == first_header
    assert sheet.max_row > 2


def test_cli_writes_reports_and_refuses_an_unknown_school(demo, tmp_path, capsys):
    _, path, _ = demo
    assert main(["--db", str(path), "report", "school", SHNOR_CODE, "--year", "2022",
                 "--out", str(tmp_path / "s.pdf")]) == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert main(["--db", str(path), "report", "excel", "staff", "--year", "2022", "--out", str(tmp_path / "s.xlsx")]) == 0
    assert main(["--db", str(path), "report", "school", "0000000", "--year", "2022", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "не найдена" in capsys.readouterr().err
    assert main(["--db", str(path), "report", "district", "--year", "2022",
                 "--out", str(tmp_path / "missing" / "d.pdf")]) == 2
    assert not (tmp_path / "x.pdf").exists()


def test_district_report_counts_people_not_completions(district_pdf):
    """The demo's 2022 completions: 261 by 220 people — 27 directors and deputies, 193 others (counted in SQL)."""
    text = " ".join(pdf_text(district_pdf).split())
    assert ("курсы повышения квалификации и переподготовку завершили 27 руководителей и 193 педагога "
            "(каждый человек учтён один раз; всего завершённых курсов — 261)") in text


def test_district_report_of_an_empty_year_says_why_and_recommends_nothing_from_it(demo):
    database, _, folder = demo
    with database.session() as session:
        text = " ".join(pdf_text(reports.district_report(session, 2024, folder / "empty.pdf")).split())
    assert "Показатель 2.1.1 — нет данных: за 2024 год в районе нет ни одной записи: социальный паспорт за год" in text
    assert "Принять меры по достижению плановых значений" not in text
    assert "не достигнут" not in text


def test_reports_carry_every_definition_and_the_school_profile_its_indicators(demo):
    database, _, folder = demo
    with database.session() as session:
        district = " ".join(pdf_text(reports.district_report(session, YEAR, folder / "defs.pdf")).split())
        school = " ".join(pdf_text(school_report(session, SHNOR_CODE, YEAR, folder / "own.pdf")).split())
    for text in (district, school):
        assert "Приложение. Определения показателей" in text
        assert "Успешно прошедшие ГИА считаются: по обучающимся" in text
    assert "6. Показатели программы по школе" in school and "Район 2022" in school


def test_excel_export_gives_each_indicator_its_definition_and_the_reason_of_no_data(demo, tmp_path):
    database, _, _ = demo
    with database.session() as session:
        path = report_excel.export_indicators_xlsx(session, tmp_path / "plan.xlsx", [2023, 2024])
    sheet = openpyxl.load_workbook(path).active
    header = [c.value for c in sheet[1]]
    rows = {row[0]: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert header[-3:] == ["Статус 2024", "Почему нет данных (2024)", "Определение показателя"]
    assert rows["2.1.1"]["Факт 2024"] == "нет данных"
    assert "социальный паспорт" in rows["2.1.1"]["Почему нет данных (2024)"]
    assert rows["2.1.1"]["Определение показателя"].startswith("Доля школ района")


def coverage_rows(count: int) -> list[dict]:
    """School i: 40 staff, i mod 41 of them trained — a share of 2.5 × (i mod 41) %."""
    return [{"school": f"Школа {i:04d}", "short_name": f"Школа {i:04d}", "staff": 40, "trained": i % 41,
             "share": i % 41 * 2.5} for i in range(count)]


def test_course_coverage_of_a_small_district_draws_every_school_and_omits_nothing():
    rows = coverage_rows(30)
    assert charts.coverage_shown(rows) == (rows, [])
    assert charts.coverage_note(rows) == ""


def test_course_coverage_of_a_large_district_draws_both_ends_and_says_what_it_omits():
    rows = coverage_rows(40)
    lowest, highest = charts.coverage_shown(rows)
    assert [r["trained"] for r in lowest] == list(range(15)) and [r["trained"] for r in highest] == list(range(25, 40))
    assert charts.coverage_note(rows) == (" (показаны 15 школ с наименьшей и 15 с наибольшей долей из 40; остальные "
                                          "школы (10) не показаны, доля у них — от 37,5 до 60,0 %; по району — 48,8 %)")


def test_course_coverage_chart_of_2000_schools_stays_one_readable_page():
    png = charts.render_png("course_coverage", coverage_rows(2000), "Доля педагогов")
    assert png_size(png) == (1200, 240 + 31 * 34)  # 15 + the row counting the others + 15


def test_all_school_profiles_say_what_each_profile_made_alone_says(demo, tmp_path):
    database, path, _ = demo
    with database.session() as session:
        written = all_school_reports(session, YEAR, tmp_path / "profiles")
        alone = school_report(session, SHNOR_CODE, YEAR, tmp_path / "alone.pdf")
    assert len(written) == 26 and {p.name for p in written} >= {f"{SHNOR_CODE}.pdf"}
    assert pdf_text(tmp_path / "profiles" / f"{SHNOR_CODE}.pdf") == pdf_text(alone)


def test_cli_writes_every_profile_into_a_folder_and_refuses_a_code_with_all(demo, tmp_path, capsys):
    _, path, _ = demo
    assert main(["--db", str(path), "report", "school", "--all", "--year", "2022", "--out", str(tmp_path / "p")]) == 0
    assert len(list((tmp_path / "p").glob("*.pdf"))) == 26
    assert "Сохранено профилей школ: 26" in capsys.readouterr().err  # messages go to stderr, JSON to stdout
    assert main(["--db", str(path), "report", "school", SHNOR_CODE, "--all", "--year", "2022",
                 "--out", str(tmp_path / "q")]) == 2
    assert "либо код школы, либо --all" in capsys.readouterr().err
