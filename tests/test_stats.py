"""The plain statistics the analytics use: missing values left out, quartiles and medians by linear interpolation,
rounding as the tables show it, and participant-weighted z-scores — each against a hand count."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.services.analytics import stats
from app.services.indicators.dynamics import weighted_mean, weighted_z


def test_a_quartile_lies_between_the_two_nearest_ranks():
    # four values: position (4 − 1) × 0.25 = 0.75, three quarters of the way from 10 to 20
    assert stats.quantile([40, None, 10, 30, 20], 0.25) == 17.5
    assert stats.quantile([10, 20, 30, 40, 50], 0.25) == 20  # position 1: the second value itself


def test_the_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones():
    assert stats.median([3, None, 1, 2]) == 2
    assert stats.median([4, 1, 3, 2]) == 2.5


def test_no_values_give_no_statistic_rather_than_zero():
    assert stats.mean([None, None]) is None
    assert stats.median([]) is None
    assert stats.quantile([None], 0.25) is None
    assert stats.share(5, 0) is None and stats.share(None, 10) is None


def test_rounding_goes_through_tenths_as_the_tables_always_did():
    assert stats.rounded(100 * 13 / 16, 1) == 81.2  # 81.25: a half goes to the even tenth
    assert stats.rounded(0.15, 1) == 0.2  # 0.15 × 10 = 1.5 → 2 (Python's round(0.15, 1) gives 0.1)
    assert stats.rounded(None, 1) is None


def test_weighted_z_against_a_hand_count():
    # scores 40 (10 participants) and 60 (30): mean 55, variance (10·15² + 30·5²) / 40 = 75, σ = 8.660…
    z = weighted_z(["ЕГЭ", "ЕГЭ", "ОГЭ"], [40.0, 60.0, 4.0], [10, 30, 7])
    assert z[0] == pytest.approx(-15 / 75 ** 0.5) and z[1] == pytest.approx(5 / 75 ** 0.5)
    assert z[2] == 0.0  # a group of one school: σ = 0 gives z = 0
    assert weighted_mean(["a", "a", "b"], [40.0, 60.0, 4.0], [10, 30, 7]) == {"a": 55.0, "b": 4.0}


@given(st.lists(st.floats(0, 100), min_size=1, max_size=30), st.sampled_from([0.25, 0.5, 0.75]))
def test_a_quantile_lies_within_the_values_and_the_median_agrees_with_it(values, q):
    value = stats.quantile(values, q)
    assert min(values) <= value <= max(values)
    assert stats.median(values) == pytest.approx(stats.quantile(values, 0.5), abs=1e-9)


@given(st.floats(0, 100), st.lists(st.integers(1, 500), min_size=1, max_size=20))
def test_equal_scores_are_all_at_the_mean(score, participants):
    assert weighted_z(["x"] * len(participants), [score] * len(participants), participants) == [0.0] * len(participants)
