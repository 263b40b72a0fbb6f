"""The charts drawn by our own QPainter renderer: round ticks in Russian number format, pictures of the asked size
with the data in them, short category names, scatter labels that keep clear of each other and of the points."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.services.output import charts, labels
from app.services.output.figure import nice_step, value_axis
from app.services.output.painter import paint

PLAN_FACT = {"code": "2.2", "name": "Доля", "unit": "%",
             "points": [{"year": 2021, "target": 30.0, "actual": 25.0}, {"year": 2022, "target": 40.0, "actual": 28.0},
                        {"year": 2023, "target": 50.0, "actual": None}]}


def quadrant_data(count: int) -> dict:
    """`count` ШНОР schools crowded at the low end as in the demo district (ИСБ 3 apart, results 0,4 σ apart by
    turns), each named, and two others."""
    crowd = [{"school_id": str(i), "name": f"Школа {i}", "isb": 6 + i * 3, "result": -0.8 - i % 4 * 0.4,
              "quadrant": "ШНОР/ШНСУ", "label": f"с.п. Поселение {i}"} for i in range(count)]
    others = [{"school_id": "a", "name": "Гимназия", "isb": 80.0, "result": 1.2,
               "quadrant": "благополучные с высокими результатами", "label": ""},
              {"school_id": "b", "name": "Лицей", "isb": 70.0, "result": -0.4,
               "quadrant": "благополучные с низкими результатами", "label": ""}]
    return {"year": 2022, "district": True, "points": crowd + others, "isb_median": 40.0, "result_median": -0.5}


def image_of(png: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(png, "PNG")
    return image


def pixels_of(image: QImage, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(image.pixel(x, y) == wanted for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def test_ticks_are_round_steps_in_russian_number_format():
    assert [text for _, text in value_axis("", 0, 14, whole=True).ticks] == ["0", "5", "10", "15"]
    assert [text for _, text in value_axis("", 0, 1.2).ticks] == ["0,00", "0,25", "0,50", "0,75", "1,00", "1,25"]
    assert [text for _, text in value_axis("", -3.2, 2.1).ticks] == ["−4", "−2", "0", "2", "4"]
    assert [text for _, text in value_axis("", 0, 2, whole=True).ticks] == ["0", "1", "2"]  # no «0,5 school»


@given(st.floats(-1e6, 1e6), st.floats(1e-3, 1e6))
def test_an_axis_covers_its_values_with_a_few_round_ticks(low, span):
    axis = value_axis("", low, low + span)
    values = [value for value, _ in axis.ticks]
    step = values[1] - values[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert axis.low <= low + step * 1e-6 and axis.high >= low + span - step * 1e-6  # float noise aside
    assert any(math.isclose(mantissa, nice, rel_tol=1e-6) for nice in (1, 2, 2.5, 5, 10))
    assert 3 <= len(values) <= 8


def test_nice_step_takes_the_next_round_step():
    assert nice_step(14) == 5 and nice_step(1.2) == 0.25 and nice_step(100) == 20 and nice_step(9) == 2


def test_a_chart_is_a_picture_of_the_asked_size_with_its_data_in_it():
    image = image_of(charts.render_png("plan_fact", PLAN_FACT, "Показатель 2.2: план и факт, %", (1200, 700)))
    assert (image.width(), image.height()) == (1200, 700)
    assert pixels_of(image, charts.FACT_COLOUR) > 2000  # two fact bars
    assert pixels_of(image, charts.PLAN_COLOUR) > 500  # the plan line, its markers, the bars' outlines


def test_a_chart_without_data_says_so_instead_of_drawing_empty_axes():
    empty = {**PLAN_FACT, "points": [{"year": 2022, "target": None, "actual": None}]}
    assert charts.figure("plan_fact", empty, "План и факт").empty
    assert not charts.figure("plan_fact", PLAN_FACT, "План и факт").empty


def test_long_category_names_are_shortened_with_an_ellipsis():
    long_name = "3 Дополнительное профессиональное образование педагогических работников школ района"
    data = {"title": "Дорожная карта", "year": 2022, "sections": [
        {"section": long_name, "done": 2, "done_late": 0, "overdue": 1, "remaining": 0, "total": 3},
        {"section": "1 Общесистемные", "done": 4, "done_late": 0, "overdue": 0, "remaining": 0, "total": 4}]}
    names = [text for _, text in charts.figure("roadmap_sections", data, "Дорожная карта").y.ticks]
    assert names == [long_name[:charts.LABEL_WIDTH - 1].rstrip() + "…", "1 Общесистемные"]
    assert len(names[0]) == charts.LABEL_WIDTH


def covers(one: QRectF, other: QRectF) -> bool:
    """More than touching: the rectangles share more than 2 px each way (a text box's descent may brush another)."""
    common = one.intersected(other)
    return common.width() > 2 and common.height() > 2


def test_scatter_labels_keep_clear_of_each_other_and_of_the_points(qapp):
    figure = charts.figure("quadrants", quadrant_data(8), "Результаты и ИСБ")
    charts.register_fonts()
    image = QImage(600, 350, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    frame = paint(painter, QRectF(0, 0, 600, 350), figure)
    painter.end()
    assert len(frame.labels) == 8
    dots = [QRectF(where.x() - 6, where.y() - 6, 12, 12) for where, _ in frame.placed]
    crossings = [(a, b) for i, a in enumerate(frame.labels) for b in frame.labels[i + 1:] + dots if covers(a, b)]
    assert crossings == []
    assert all(frame.bounds.contains(label) for label in frame.labels)


@pytest.mark.parametrize("kind", ["roadmap_sections", "risk_levels"])
def test_a_stacked_bar_chart_counts_whole_events_or_schools(kind):
    rows = {"roadmap_sections": {"sections": [{"section": "1", "done": 1, "done_late": 0, "overdue": 1,
                                               "remaining": 0, "total": 2}]},
            "risk_levels": {"factors": [{"factor": "1. Фактор", "high": 1, "medium": 1, "low": 0, "none": 0}]}}
    assert [text for _, text in charts.figure(kind, rows[kind], "").x.ticks] == ["0", "1", "2"]


def test_an_unknown_chart_is_refused():
    with pytest.raises(ValueError, match="unknown chart"):
        charts.render_png("pie", {}, "")


def test_course_coverage_writes_each_schools_share_at_its_bar():
    rows = [{"school": f"Школа {i}", "short_name": f"Школа {i}", "staff": 40, "trained": i, "share": i * 2.5}
            for i in range(3)]
    bars, = charts.figure("course_coverage", rows, "Доля педагогов").bars
    assert bars.values == ("0,0 %", "2,5 %", "5,0 %")


def test_a_plan_without_facts_says_the_facts_are_missing():
    plans_only = {**PLAN_FACT, "points": [{**p, "actual": None} for p in PLAN_FACT["points"]]}
    legend = [entry.name for entry in charts.figure("plan_fact", plans_only, "План и факт").legend]
    assert legend == ["Факт: нет данных", "План (целевое значение)"]


def test_a_district_with_more_named_schools_than_fit_names_none_and_says_why():
    data = quadrant_data(charts.MAX_POINT_LABELS + 1)
    figure = charts.figure("quadrants", data, "Результаты и ИСБ")
    assert not any(point.label for point in figure.points)
    assert figure.footnotes[0][0] == ("Школы ШНОР и ШНСУ (41) не подписаны: больше 40 подписей на диаграмме "
                                      "не прочесть")
    assert [point.label for point in charts.figure("quadrants", quadrant_data(40), "").points].count("") == 2


def test_a_label_at_the_edge_of_a_crowd_stays_inside_the_plot():
    area = (0.0, 0.0, 100.0, 60.0)
    crowd = tuple((x, y, x + 6.0, y + 6.0) for x in range(0, 100, 6) for y in range(0, 60, 6))  # points everywhere
    place, = labels.place_labels(((97.0, 30.0),), ((80.0, 12.0),), area, crowd, (), 3.0)
    assert area[0] <= place[0] and place[2] <= area[2] and area[1] <= place[1] and place[3] <= area[3]


def test_a_label_takes_the_free_place_beside_its_point():
    """Right of the point is taken by a note: the label goes left, beside the point, not farther off."""
    note = (110.0, 40.0, 200.0, 60.0)
    place, = labels.place_labels(((100.0, 50.0),), ((40.0, 10.0),), (0.0, 0.0, 300.0, 100.0), (), (note,), 5.0)
    assert place == (100.0 - 7.0 - 40.0, 45.0, 100.0 - 7.0, 55.0)
