"""Values in reports read the Russian way: decimal comma, grouped thousands, dd.mm.yyyy."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.services import records
from app.services.output.ru_format import NBSP, format_number, format_value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "да"),
        (False, "нет"),
        (2022, "2022"),
        (15300, f"15{NBSP}300"),
        (-1234567, f"-1{NBSP}234{NBSP}567"),
        (12.5, "12,5"),
        (66.666, "66,67"),
        (50.0, "50"),
        (-0.001, "0"),
        (12345.678, f"12{NBSP}345,68"),
        (Decimal("7.10"), "7,1"),
        (float("nan"), "—"),
        (date(2022, 9, 1), "01.09.2022"),
        (datetime(2022, 12, 12, 9, 5), "12.12.2022 09:05"),
        ("Февраль", "Февраль"),
    ],
)
def test_value_is_written_as_a_russian_reader_expects(value, text):
    assert format_value(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (1234567.0, f"1{NBSP}234{NBSP}567"), (52.5, "52,5"), (date(2022, 9, 1), "01.09.2022"), (None, ""), (True, "да"),
])
def test_lists_write_values_as_reports_do(value, text):
    column = records.Column("value", "Значение")
    assert records.format_value(column, value) == format_value(value) == text


def test_lists_show_reference_codes_by_their_labels():
    column = records.Column("kind", "Вид", choices={"shnor": "ШНОР", "shnsu": "ШНСУ"})
    assert records.format_value(column, "shnor") == "ШНОР"
    assert records.format_value(column, ["shnor", "shnsu"]) == "ШНОР, ШНСУ"


def test_a_column_of_fractions_shows_every_value_with_the_same_decimals():
    """«Средний балл»: 53 and 52,5 in one column read «53,0» and «52,5», not «53» beside «52,5»."""
    mean = records.Column("mean_score", "Средний балл", kind="float")
    rates = records.Column("rates", "Ставок", kind="float", decimals=2)
    assert [records.format_value(mean, value) for value in (53.0, 52.5, 52.46, None)] == ["53,0", "52,5", "52,5", ""]
    assert [records.format_value(rates, value) for value in (1.0, 0.25)] == ["1,00", "0,25"]
    assert format_number(15300.04, 1) == f"15{NBSP}300,0"
    assert format_number(float("nan"), 1) == "—"
    assert format_number(-0.04, 1) == "0,0"
