"""How a report table's columns share the page (both writers): the widths fill the page, no header word is cut,
short values keep their words whole, and the weights decide the rest."""

from hypothesis import given
from hypothesis import strategies as st

from app.services.output.layout import CELL_PADDING, clean_text, column_widths


def letters(word: str) -> float:
    return 5.0 * len(word)  # a 5-point-per-letter font


def test_a_header_word_gets_its_room_from_the_wide_columns():
    widths = column_widths(["№", "Наименование мероприятия", "Руководителей"], [["1", "Семинар", "3"]],
                           (1, 12, 1), 300, letters)
    assert widths[2] >= letters("Руководителей") + CELL_PADDING
    assert abs(sum(widths) - 300) < 1e-6


def test_a_date_stays_whole_but_a_long_text_column_is_not_starved():
    rows = [["24.02.2022", "Педагогический практикум в рамках РМО «Система работы учителя»"]] * 3
    widths = column_widths(["Дата", "Мероприятие"], rows, (1, 6), 200, letters)
    assert widths[0] >= letters("24.02.2022") + CELL_PADDING
    assert widths[1] > widths[0]


@given(st.lists(st.text(alphabet="абв гд", min_size=1, max_size=30), min_size=1, max_size=8),
       st.floats(min_value=50, max_value=800))
def test_the_widths_always_fill_the_page(header, total):
    widths = column_widths(header, [], [1] * len(header), total, letters)
    assert abs(sum(widths) - total) < 1e-6 and all(width > 0 for width in widths)


def test_report_text_drops_a_doubled_full_stop_but_keeps_an_ellipsis():
    assert clean_text("в неблагоприятных условиях..") == "в неблагоприятных условиях."
    assert clean_text("и так далее...") == "и так далее..."
