"""culture_plan.periods: the one place that parses, labels and bounds a month, tertial and year."""

import datetime

import pytest
from django.http import Http404
from django.utils import translation

from culture_plan import periods

D = datetime.date


def test_bounds_of_month_tertial_and_year():
    assert periods.month_period(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert periods.month_period(2026, 12) == (D(2026, 12, 1), D(2026, 12, 31))
    assert periods.ytd_period(2026, 10) == (D(2026, 1, 1), D(2026, 10, 31))
    assert periods.year_period(2026) == (D(2026, 1, 1), D(2026, 12, 31))
    assert periods.tertial_period(2026, 1) == (D(2026, 1, 1), D(2026, 4, 30))
    assert periods.tertial_period(2026, 2) == (D(2026, 1, 1), D(2026, 8, 31))
    assert periods.report_period(2026) == periods.year_period(2026)
    assert periods.report_period(2026, 0) == periods.year_period(2026)
    assert periods.report_period(2026, 2) == periods.tertial_period(2026, 2)
    assert periods.shift_month(2026, 1, -1) == (2025, 12)
    assert periods.shift_month(2026, 12, 1) == (2027, 1)
    with pytest.raises(ValueError):
        periods.tertial_period(2026, 3)


def test_parse_year_month_and_tertial():
    assert periods.require_year(2026) == 2026
    assert periods.require_month(2026, 10) == (2026, 10)
    for bad in [(1999, 1), (2101, 1), (2026, 0), (2026, 13)]:
        with pytest.raises(Http404):
            periods.require_month(*bad)
    with pytest.raises(Http404):
        periods.require_year(1999)
    assert periods.tertial_from_query("") is None
    assert periods.tertial_from_query("ar") is None
    assert periods.tertial_from_query("2") == 2
    for bad in ["3", "0", "x"]:
        with pytest.raises(Http404):
            periods.tertial_from_query(bad)
    assert periods.year_from_query("2026") == 2026
    assert periods.year_from_query("1850") is None
    assert periods.year_from_query("") is None
    for not_a_year in [None, "x", "-1", "²", "1" * 5000]:
        assert periods.year_from_query(not_a_year) is None


def test_labels_in_swedish_and_english():
    with translation.override("sv"):
        assert periods.month_name(10) == "oktober"
        assert periods.month_label(2026, 10) == "oktober 2026"
        assert periods.tertial_label(2026, 2) == "tertial 2 2026"
        assert str(periods.MONTH_TITLES[0]) == "Januari"
        assert periods.period_label(2026) == "1 januari–31 december 2026"
        assert periods.period_label(2026, 1) == "1 januari–30 april 2026"
        assert periods.period_label(2024, 2) == "1 januari–31 augusti 2024"
    with translation.override("en"):
        assert periods.month_label(2026, 10) == "October 2026"
        assert str(periods.MONTH_TITLES[0]) == "January"
