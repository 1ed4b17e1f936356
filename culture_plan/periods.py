"""The periods every app reports on: a month, a tertial and a year (DESIGN "Computations").

One module says what a period is, so a page, a report and an export cannot disagree:

- parse: the year and month of a URL (a year outside 2000–2100 or a month outside 1–12 is a
  404) and the tertial of a query string ("", "ar" or "1"/"2");
- label: "oktober 2026", "tertial 2 2026", "1 januari–30 april 2026", through gettext;
- bounds: the first and last day of a month, of a year, of the year up to a month and of a
  tertial. A tertial always runs from 1 January: T1 to 30 April (tertialrapport), T2 to
  31 August (delårsrapport); the year end is the annual report.

Periods are inclusive date ranges ``(first, last)``. The module imports nothing of the
project, so every app may use it.
"""

from __future__ import annotations

import calendar
import datetime

from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

YEAR_MIN, YEAR_MAX = 2000, 2100

TERTIALS = (1, 2)
# The last month of each tertial's period (from January).
TERTIAL_END_MONTH = {1: 4, 2: 8}

MONTH_NAMES = [
    gettext_lazy("januari"),
    gettext_lazy("februari"),
    gettext_lazy("mars"),
    gettext_lazy("april"),
    gettext_lazy("maj"),
    gettext_lazy("juni"),
    gettext_lazy("juli"),
    gettext_lazy("augusti"),
    gettext_lazy("september"),
    gettext_lazy("oktober"),
    gettext_lazy("november"),
    gettext_lazy("december"),
]
# Capitalised for headings and choices ("Januari").
MONTH_TITLES = [capfirst(name) for name in MONTH_NAMES]


# --- parse ------------------------------------------------------------------------------------


def valid_year(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def require_year(year: int) -> int:
    """The year of a URL, or 404 when it is outside the years the service reports on."""
    if not valid_year(year):
        raise Http404
    return year


def require_month(year: int, month: int) -> tuple[int, int]:
    """The year and month of a URL, or 404 when either is out of range."""
    if not (1 <= month <= 12) or not valid_year(year):
        raise Http404
    return year, month


def year_from_query(raw: str | None) -> int | None:
    """A year typed in a query string (``request.GET.get("year")``, ``?year=2026``); None
    when absent, not a number or out of range (never an error: "²" and a 5 000-digit number
    are not years)."""
    raw = raw or ""
    return int(raw) if raw.isdecimal() and len(raw) < 10 and valid_year(int(raw)) else None


def tertial_from_query(raw: str) -> int | None:
    """The tertial of a query string: 1 or 2, None for the whole year ("" or "ar"); anything
    else is a 404."""
    if raw in ("", "ar"):
        return None
    if raw in ("1", "2"):
        return int(raw)
    raise Http404


# --- label ------------------------------------------------------------------------------------


def month_name(month: int) -> str:
    """The month's name in the active language ("oktober")."""
    return str(MONTH_NAMES[month - 1])


def month_label(year: int, month: int) -> str:
    """A month as a person writes it: "oktober 2026"."""
    return f"{month_name(month)} {year}"


def tertial_label(year: int, tertial: int) -> str:
    """A tertial as a person writes it: "tertial 2 2026"."""
    return _("tertial %(tertial)s %(year)s") % {"tertial": tertial, "year": year}


def period_label(year: int, tertial: int | None = None) -> str:
    """The dates a report covers: "1 januari–31 december 2026" for the year,
    "1 januari–30 april 2026" for tertial 1."""
    if not tertial:
        return _("1 januari–31 december %(year)s") % {"year": year}
    last = TERTIAL_END_MONTH[tertial]
    return _("1 januari–%(day)s %(month)s %(year)s") % {
        "day": month_period(year, last)[1].day,
        "month": MONTH_NAMES[last - 1],
        "year": year,
    }


# --- bounds -----------------------------------------------------------------------------------


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months: (2026, 1) and -1 give (2025, 12)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_period(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a month."""
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def ytd_period(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """Year-to-date: 1 January up to and including the last day of `month`."""
    return datetime.date(year, 1, 1), month_period(year, month)[1]


def year_period(year: int) -> tuple[datetime.date, datetime.date]:
    """The calendar year: 1 January to 31 December."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def tertial_period(year: int, tertial: int) -> tuple[datetime.date, datetime.date]:
    """A tertial's period, from 1 January: T1 to 30 April, T2 to 31 August."""
    if tertial not in TERTIAL_END_MONTH:
        raise ValueError(f"tertial must be 1 or 2, not {tertial!r}")
    return ytd_period(year, TERTIAL_END_MONTH[tertial])


def report_period(year: int, tertial: int | None = None) -> tuple[datetime.date, datetime.date]:
    """The period of a report: the tertial's when one is given (1, 2), else the year's (None
    or 0, as the annual report's documents store it)."""
    return tertial_period(year, tertial) if tertial else year_period(year)
