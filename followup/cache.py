"""Cached figures: a figure function's value kept under the version of the data it is made
of (activities.versions), so that the pages of a unit's month compute it once per change
instead of once per reader.

A decorated function is called with keyword arguments only (as every figure is); its key is
the function, its arguments (units by id and path, dates, groups) and the data version of
the subtrees of its units in the years its dates or year cover. A figure computed from the
activity rows (``figures.from_activity_rows()``, the tests' and benchmarks' comparison) is
never cached and never read from the cache.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable

from activities import versions
from culture_plan.models import Unit, covering

# The bypass of every cache (the tests that count the queries of computing a page).
bypassed = versions.bypassed


def covering_paths(units: Iterable[Unit]) -> list[str]:
    """The paths of the units not below another of them (their subtrees cover the rest)."""
    return covering(unit.path for unit in units)


def years_of(kwargs: dict) -> set[int]:
    """The years a figure's arguments cover: its start to end, its periods, its years or its
    year (and the year before, which several figures compare with)."""
    years: set[int] = set()
    if "start" in kwargs and "end" in kwargs:
        years |= set(range(kwargs["start"].year, kwargs["end"].year + 1))
    for start, end in kwargs.get("periods", ()):
        years |= set(range(start.year, end.year + 1))
    years |= set(kwargs.get("years", ()))
    if "year" in kwargs:
        years |= {kwargs["year"], kwargs["year"] - 1}
    return years


def _part(value):
    if isinstance(value, Unit):
        return ("unit", value.pk, value.path)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return tuple(sorted(value))
    if isinstance(value, list | tuple):
        return tuple(_part(item) for item in value)
    return value


def figure(*, when: Callable[[], bool]):
    """Cache the decorated figure function while `when()` holds (the summaries are read)."""

    def decorator(function):
        name = f"{function.__module__}.{function.__qualname__}"

        @functools.wraps(function)
        def cached(**kwargs):
            if versions.is_bypassed() or not when():
                return function(**kwargs)
            units = list(kwargs["units"]) if "units" in kwargs else [kwargs["unit"]]
            if not units:
                return function(**kwargs)
            if "units" in kwargs:
                kwargs["units"] = units
            return versions.remember(
                name,
                paths=covering_paths(units),
                years=years_of(kwargs),
                parts=tuple((key, _part(value)) for key, value in sorted(kwargs.items())),
                compute=lambda: function(**kwargs),
            )

        cached.uncached = function
        return cached

    return decorator


def fragment_key(
    *,
    name: str,
    units: Iterable[Unit],
    years: Iterable[int] | None,
    parts=(),
    own_paths: Iterable[str] = (),
) -> str | None:
    """The key of a rendered fragment (``{% fragment %}``): ``versions.cache_key`` of the
    subtrees of `units` in `years` (None: every year), with `parts` the rest it depends on
    (role, month, page, today); the language is added by the tag. `own_paths`: units whose
    own rows count too (the units above, whose plan the fragment shows). Inside
    ``bypassed()`` (the tests that count the queries of computing a page) None: the fragment
    renders uncached."""
    return versions.cache_key(
        name,
        paths=covering_paths(units),
        years=years,
        parts=tuple(_part(part) for part in parts),
        own_paths=own_paths,
    )


def remember(name: str, *, units: Iterable[Unit], years: Iterable[int] | None, parts, compute):
    """`compute()`'s value under the data version of the subtrees of `units` in `years`
    (activities.versions.remember), computed afresh inside ``bypassed()``."""
    return versions.remember(
        name,
        paths=covering_paths(units),
        years=years,
        parts=tuple(_part(part) for part in parts),
        compute=compute,
    )
