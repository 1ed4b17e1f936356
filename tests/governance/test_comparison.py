"""The comparison arithmetic on hand-made values: average over members with a value, rank in
both directions with shared ranks for ties, quartiles, targets."""

from decimal import Decimal as D

import pytest

from governance import comparison

VALUES = {"a": D("6.1"), "b": D("5.0"), "c": D("5.0"), "d": D("7.3"), "e": None, "f": D("4.2")}


def test_the_average_is_over_members_with_a_value():
    # (6.1 + 5.0 + 5.0 + 7.3 + 4.2) / 5 = 27.6 / 5
    assert comparison.average(VALUES) == D("5.52")
    assert comparison.average({"a": None}) is None
    assert comparison.average({}) is None


def test_rank_one_is_the_best_when_more_is_better():
    assert comparison.rank(VALUES, "d", "increase") == 1
    assert comparison.rank(VALUES, "a", "increase") == 2
    # b and c tie and share rank 3; f comes fifth, not fourth.
    assert comparison.rank(VALUES, "b", "increase") == 3
    assert comparison.rank(VALUES, "c", "increase") == 3
    assert comparison.rank(VALUES, "f", "increase") == 5
    assert comparison.rank(VALUES, "e", "increase") is None


def test_rank_one_is_the_best_when_less_is_better():
    assert comparison.rank(VALUES, "f", "decrease") == 1
    assert comparison.rank(VALUES, "b", "decrease") == 2
    assert comparison.rank(VALUES, "c", "decrease") == 2
    assert comparison.rank(VALUES, "a", "decrease") == 4
    assert comparison.rank(VALUES, "d", "decrease") == 5


def test_keep_has_no_rank():
    assert comparison.rank(VALUES, "a", "maintain") is None
    assert comparison.rank(VALUES, "a", "keep") is None


@pytest.mark.parametrize(
    ("rank", "of", "quartile"),
    [
        (1, 8, 1),
        (2, 8, 1),
        (3, 8, 2),
        (4, 8, 2),
        (5, 8, 3),
        (7, 8, 4),
        (8, 8, 4),
        (1, 5, 1),
        (2, 5, 1),
        (3, 5, 2),
        (5, 5, 4),
        (1, 1, 1),
        (1, 3, 1),
        (3, 3, 3),
    ],
)
def test_quartiles(rank, of, quartile):
    assert comparison.quartile(rank, of) == quartile


def test_best_quartile_threshold_follows_the_direction():
    # Five values: positions 1–2 are the best quartile (4 × (r − 1) // 5 + 1 == 1).
    assert comparison.best_quartile_threshold(VALUES, "increase") == D("6.1")
    assert comparison.best_quartile_threshold(VALUES, "decrease") == D("5.0")


def test_compare_puts_it_together():
    result = comparison.compare(VALUES, "a", "increase")
    assert result == {
        "average": D("5.52"),
        "rank": 2,
        "of": 5,
        "quartile": 1,
        "quartile_threshold": D("6.1"),
    }


def test_one_decimal_rounds_half_up():
    assert comparison.one_decimal(D("5.675")) == "5.7"
    assert comparison.one_decimal(D("5.65")) == "5.7"
    assert comparison.one_decimal(D("5.64")) == "5.6"
    assert comparison.one_decimal(D("-0.05")) == "-0.1"
    assert comparison.one_decimal(6) == "6.0"
    assert comparison.one_decimal(None) is None


@pytest.mark.parametrize(
    ("kind", "direction", "value", "target", "rank", "of", "met"),
    [
        ("absolute", "increase", "6.1", "6.0", None, 0, True),
        ("absolute", "increase", "6.0", "6.0", None, 0, True),
        ("absolute", "increase", "5.9", "6.0", None, 0, False),
        ("absolute", "decrease", "5.9", "6.0", None, 0, True),
        ("absolute", "maintain", "6.0", "6.0", None, 0, True),
        ("absolute", "increase", "6.0", None, None, 0, None),
        ("previous_year", "increase", "6.1", "6.0", None, 0, True),
        ("previous_year", "increase", "6.0", "6.0", None, 0, False),
        ("previous_year", "decrease", "5.0", "6.0", None, 0, True),
        ("group_average", "increase", "5.9", "5.675", 4, 8, True),
        ("group_average", "increase", "5.675", "5.675", 4, 8, False),
        ("group_average", "decrease", "5.9", "5.675", 4, 8, False),
        ("group_average", "maintain", "5.9", "5.675", None, 8, None),
        ("group_quartile", "increase", "5.9", None, 2, 8, True),
        ("group_quartile", "increase", "5.9", None, 3, 8, False),
        ("group_quartile", "increase", None, None, None, 8, None),
    ],
)
def test_target_met(kind, direction, value, target, rank, of, met):
    assert (
        comparison.target_met(
            kind=kind, direction=direction, value=value, target=target, rank_=rank, of=of
        )
        is met
    )
