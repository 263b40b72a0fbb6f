"""The «срок» parser: DESIGN.md's table, the forms real roadmaps use, and that no text can break it."""

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main
from app.services.roadmaps.deadlines import (
    MAX_YEAR,
    MIN_YEAR,
    DeadlineKind,
    Window,
    parse_deadline,
    windows_for_years,
)

PERIOD, RECURRING, CONTINUOUS = DeadlineKind.PERIOD, DeadlineKind.RECURRING, DeadlineKind.CONTINUOUS
BY_PLAN, UNRECOGNIZED = DeadlineKind.BY_PLAN, DeadlineKind.UNRECOGNIZED

MONTH_ENDS_2022 = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
MONTHS_2022 = [f"2022-{month:02d}-01..2022-{month:02d}-{end}" for month, end in enumerate(MONTH_ENDS_2022, 1)]
QUARTERS_2022 = ["2022-01-01..2022-03-31", "2022-04-01..2022-06-30", "2022-07-01..2022-09-30", "2022-10-01..2022-12-31"]
YEAR_2022 = ["2022-01-01..2022-12-31"]


def spans(windows: tuple[Window, ...]) -> list[str]:
    return [f"{window.start}..{window.end}" for window in windows]


DESIGN_EXAMPLES = [
    ("Февраль", PERIOD, ["2022-02-01..2022-02-28"]),
    ("Март - апрель", PERIOD, ["2022-03-01..2022-04-30"]),
    ("3-4 квартал", PERIOD, ["2022-07-01..2022-12-31"]),
    ("Декабрь 2022 г.", PERIOD, ["2022-12-01..2022-12-31"]),
    ("2021-2022 годы", PERIOD, ["2021-01-01..2022-12-31"]),
    ("Сентябрь-май", PERIOD, ["2022-09-01..2023-05-31"]),
    ("до 01.09.2022", PERIOD, ["2022-01-01..2022-09-01"]),
    ("Ежегодно", RECURRING, YEAR_2022),
    ("Ежегодно, март-апрель", RECURRING, ["2022-03-01..2022-04-30"]),
    ("Сентябрь, ежегодно", RECURRING, ["2022-09-01..2022-09-30"]),
    ("Ежемесячно", RECURRING, MONTHS_2022),
    ("1 раз в квартал", RECURRING, QUARTERS_2022),
    ("Ежеквартально", RECURRING, QUARTERS_2022),
    ("2 раза в год (январь, июнь)", RECURRING, ["2022-01-01..2022-01-31", "2022-06-01..2022-06-30"]),
    ("до 25 числа каждого месяца", RECURRING, [w[:-2] + "25" for w in MONTHS_2022]),
    ("Постоянно", CONTINUOUS, YEAR_2022),
    ("В течение года", CONTINUOUS, YEAR_2022),
    ("В течение всего периода", CONTINUOUS, YEAR_2022),
    ("По отдельному плану", BY_PLAN, []),
    ("По плану работы", BY_PLAN, []),
    ("по заявке", BY_PLAN, []),
    ("Сдать, когда получится", UNRECOGNIZED, []),
]

VARIANTS = [
    ("март 2023", PERIOD, ["2023-03-01..2023-03-31"]),
    ("январь - май 2021", PERIOD, ["2021-01-01..2021-05-31"]),
    ("ЯНВАРЬ—МАЙ  2021 г.", PERIOD, ["2021-01-01..2021-05-31"]),
    ("январь ‐ май 2021 года", PERIOD, ["2021-01-01..2021-05-31"]),
    ("с марта по май", PERIOD, ["2022-03-01..2022-05-31"]),
    ("в марте", PERIOD, ["2022-03-01..2022-03-31"]),
    ("сентябрь - май 2023", PERIOD, ["2022-09-01..2023-05-31"]),
    ("сентябрь 2021 – май 2022", PERIOD, ["2021-09-01..2022-05-31"]),
    ("III квартал", PERIOD, ["2022-07-01..2022-09-30"]),
    ("I-II кварталы", PERIOD, ["2022-01-01..2022-06-30"]),
    ("IV кв. 2022", PERIOD, ["2022-10-01..2022-12-31"]),
    ("в 1 квартале", PERIOD, ["2022-01-01..2022-03-31"]),
    ("третий квартал", PERIOD, ["2022-07-01..2022-09-30"]),
    ("1 полугодие", PERIOD, ["2022-01-01..2022-06-30"]),
    ("II полугодие", PERIOD, ["2022-07-01..2022-12-31"]),
    ("первое полугодие", PERIOD, ["2022-01-01..2022-06-30"]),
    ("2-е полугодие 2023 года", PERIOD, ["2023-07-01..2023-12-31"]),
    ("3 раза в год (март, июнь, октябрь)", RECURRING,
     ["2022-03-01..2022-03-31", "2022-06-01..2022-06-30", "2022-10-01..2022-10-31"]),
    ("раз в полугодие", RECURRING, ["2022-01-01..2022-06-30", "2022-07-01..2022-12-31"]),
    ("2 раза в год (декабрь, май)", RECURRING, ["2022-05-01..2022-05-31", "2022-12-01..2022-12-31"]),
    ("Ежегодно, 1 квартал", RECURRING, ["2022-01-01..2022-03-31"]),
    ("1 раз в квартал, ежегодно", RECURRING, QUARTERS_2022),
    ("Ежегодно (осень, весна)", RECURRING, ["2022-03-01..2022-05-31", "2022-09-01..2022-11-30"]),
    ("Осенние, весенние каникулы", RECURRING, ["2022-03-01..2022-05-31", "2022-09-01..2022-11-30"]),
    ("зима", PERIOD, ["2022-12-01..2023-02-28"]),
    ("до 1.9.22", PERIOD, ["2022-01-01..2022-09-01"]),
    ("до 1 сентября 2022 г.", PERIOD, ["2022-01-01..2022-09-01"]),
    ("до 15 марта", PERIOD, ["2022-01-01..2022-03-15"]),
    ("не позднее 20.12.2023", PERIOD, ["2023-01-01..2023-12-20"]),
    ("до 31 числа каждого месяца", RECURRING, MONTHS_2022),
    ("Ежемесячно, до 5 числа", RECURRING, [w[:-2] + "05" for w in MONTHS_2022]),
    ("15.03.2022", PERIOD, ["2022-03-15..2022-03-15"]),
    ("01.02.2022 - 15.03.2022", PERIOD, ["2022-02-01..2022-03-15"]),
    ("15.01.2021 г- 31.05.2024 г.", PERIOD, ["2021-01-15..2024-05-31"]),
    ("с 1 по 15 марта", PERIOD, ["2022-03-01..2022-03-15"]),
    ("2021 год", PERIOD, ["2021-01-01..2021-12-31"]),
    ("в 2023 году", PERIOD, ["2023-01-01..2023-12-31"]),
    ("2021 - 2023 гг.", PERIOD, ["2021-01-01..2023-12-31"]),
    ("2021- 2022", PERIOD, ["2021-01-01..2022-12-31"]),
    ("2022-2023 учебный год", PERIOD, ["2022-09-01..2023-05-31"]),
    ("в течение учебного года", CONTINUOUS, ["2022-09-01..2023-05-31"]),
    ("По графику", BY_PLAN, []),
    ("по мере необходимости", BY_PLAN, []),
    ("По плану работы отдела образования, 2- 3 раза в год", RECURRING, YEAR_2022),
    ("Ежегодно (по плану мониторинговых исследований)", RECURRING, YEAR_2022),
    ("В течение года по заявке руководителей школ", CONTINUOUS, YEAR_2022),
    ("ноябрь 2021 года", PERIOD, ["2021-11-01..2021-11-30"]),
    ("2020 год", PERIOD, ["2020-01-01..2020-12-31"]),
    ("Июнь-август\n\nИюнь", PERIOD, ["2022-06-01..2022-06-30", "2022-06-01..2022-08-31"]),
    ("31.02.2022", UNRECOGNIZED, []),
    ("3000 год", UNRECOGNIZED, []),
    ("5 квартал", UNRECOGNIZED, []),
    ("Март - апрель, а может и позже", UNRECOGNIZED, []),
    ("", UNRECOGNIZED, []),
]


@pytest.mark.parametrize(("text", "kind", "windows"), DESIGN_EXAMPLES + VARIANTS)
def test_deadline_text_gives_its_kind_and_windows_for_2022(text, kind, windows):
    deadline = parse_deadline(text, 2022)
    assert (deadline.kind, spans(deadline.windows)) == (kind, windows)
    assert deadline.text == text


# Every «Срок(и)» cell of the roadmaps in seeds 000, 001, 002 and 004.
SEED_TEXTS = [
    "январь - май 2021", "Ежегодно", "Постоянно", "постоянно", "Ежегодно (по плану мониторинговых исследований)",
    "По плану работы отдела образования, 2- 3 раза в год", "2 раза в год (январь, июнь)",
    "2 раза в год (декабрь, май)", "В течение года", "Ежегодно, март-апрель", "По плану работы",
    "Ежегодно, по плану", "В течение года по заявке руководителей школ", "ноябрь 2021 года", "Ежегодно, сентябрь",
    "Осенние, весенние каникулы",
    "Июнь", "Июнь-август", "Ежеквартально", "В течение всего периода", "3 квартал", "3-4 квартал", "3-4 квартал.",
    "Август", "Сентябрь, ежегодно", "Ежегодно, 1 квартал", "1 раз в квартал, ежегодно", "Август, ежегодно",
    "Апрель-август",
    "2021 год", "ежегодно", "2021-2022 годы", "Ежегодно (осень, весна)", "2020 год", "2021- 2022",
    "Апрель-декабрь", "Март-апрель", "Февраль", "По отдельному плану", "Март - апрель", "Ежемесячно",
    "Декабрь 2022 г.", "Апрель",
    "15.01.2021 г- 31.05.2024 г.", "2021 - 2024гг",
]


@pytest.mark.parametrize("text", SEED_TEXTS)
def test_every_deadline_in_the_seed_roadmaps_is_recognised(text):
    assert parse_deadline(text, 2021).kind != UNRECOGNIZED


def test_deadline_dict_keeps_the_original_text_and_iso_dates():
    assert parse_deadline("  Декабрь 2022 г. ", 2021).to_dict() == {
        "text": "  Декабрь 2022 г. ",
        "kind": "period",
        "windows": [{"start": "2022-12-01", "end": "2022-12-31"}],
    }


def test_recurring_deadline_repeats_every_program_year():
    assert spans(tuple(windows_for_years("Ежегодно, март-апрель", [2021, 2022]))) == [
        "2021-03-01..2021-04-30",
        "2022-03-01..2022-04-30",
    ]


def test_period_with_an_explicit_year_counts_once_over_program_years():
    assert windows_for_years("Декабрь 2022 г.", range(2021, 2025)) == [Window(date(2022, 12, 1), date(2022, 12, 31))]


def test_winter_of_a_leap_year_ends_on_february_29():
    assert spans(parse_deadline("зимой", 2023).windows) == ["2023-12-01..2024-02-29"]


def test_year_outside_the_supported_range_gives_unrecognized_instead_of_an_error():
    assert parse_deadline("Ежегодно", 1899).kind == UNRECOGNIZED


def test_hostile_huge_text_is_unrecognized_quickly():
    assert parse_deadline("март " * 100_000, 2022).kind == UNRECOGNIZED


DEADLINE_WORDS = st.sampled_from(
    ["март", "мая", "-", "–", " ", ",", "(", ")", "2022", "01.09.2022", "31.02", "до", "по", "с", "iv", "квартал",
     "полугодие", "ежегодно", "раз в", "год", "года", "г.", "2 раза", "числа", "каждого месяца", "плану", "зима",
     "в течение", "учебного", "9999", "0", "99.99.99", "1-й", "осенние", "каникулы", "к", "15"]
)
TEXTS = st.one_of(st.text(max_size=60), st.lists(DEADLINE_WORDS, max_size=8).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, year=st.integers(MIN_YEAR, MAX_YEAR))
def test_any_text_and_year_give_sorted_windows_that_start_before_they_end(text, year):
    deadline = parse_deadline(text, year)
    assert all(window.start <= window.end for window in deadline.windows)
    assert list(deadline.windows) == sorted(deadline.windows)
    assert deadline.text == text
    assert bool(deadline.windows) <= (deadline.kind not in (BY_PLAN, UNRECOGNIZED))


def test_cli_prints_the_deadline_as_json(capsys):
    assert main(["deadline", "Март - апрель", "--year", "2022", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "text": "Март - апрель",
        "kind": "period",
        "windows": [{"start": "2022-03-01", "end": "2022-04-30"}],
    }


def test_cli_prints_one_russian_line_per_window(capsys):
    assert main(["deadline", "2 раза в год (январь, июнь)", "--year", "2022"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Срок «2 раза в год (январь, июнь)» — повторяется:",
        "  с 01.01.2022 по 31.01.2022",
        "  с 01.06.2022 по 30.06.2022",
    ]


@pytest.mark.parametrize("year", ["1899", "2101", "двадцать"])
def test_cli_refuses_a_year_outside_1900_2100_with_exit_2(capsys, year):
    assert main(["deadline", "Март", "--year", year]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Год должен быть" in captured.err


def test_one_off_month_in_a_multi_year_roadmap_is_due_once_in_the_first_year():
    assert windows_for_years("Июнь", range(2018, 2021)) == [Window(date(2018, 6, 1), date(2018, 6, 30))]


def test_continuous_deadline_repeats_in_every_program_year():
    assert len(windows_for_years("Постоянно", range(2021, 2024))) == 3
