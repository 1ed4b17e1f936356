"""Demo data for co-arranged activities (DESIGN "One event, many arrangers").

A few of Bibliotek's activities of 2025–2026 are co-arranged by Kulturenheten, and one of
Kulturenheten's planned activities by Bibliotek, so that each unit's activity plan shows
"Medarrangör" and its figures count them once. None lies in 2022–2024, so the figures the
seed reports for Kulturenheten (2022: 64/23, 2023: 101/44) and every figure of Flens kommun
(which counted these activities once already, as their owner's) stay as they were. Two of
Bibliotek's reading-club meetings carry unique participants beside their visits.

Called from culture_plan.demo.seed_demo; writes only what is missing, so a second run
changes no row.
"""

from __future__ import annotations

import datetime

from activities.models import Activity
from culture_plan.models import Unit

# (owner, title, date, co-arrangers)
CO_ARRANGED = [
    ("bibliotek", "Lovaktivitet: skrivverkstad", datetime.date(2025, 2, 18), ["kulturenheten"]),
    ("bibliotek", "Författarbesök", datetime.date(2025, 8, 8), ["kulturenheten"]),
    (
        "bibliotek",
        "Gaming och manga på biblioteket",
        datetime.date(2026, 10, 20),
        ["kulturenheten"],
    ),
    ("bibliotek", "Sagostund på biblioteket", datetime.date(2026, 11, 3), ["kulturenheten"]),
    (
        "kulturenheten",
        "Familjelördag: sagostund och skapande",
        datetime.date(2026, 12, 19),
        ["bibliotek"],
    ),
]

# (owner, title, date, unique participants): the same young people come back to a club.
UNIQUE_PARTICIPANTS = [
    ("bibliotek", "Sommarboken: läsklubb", datetime.date(2026, 7, 22), 9),
    ("bibliotek", "Sommarboken: läsklubb", datetime.date(2026, 8, 4), 14),
]


def _activity(units: dict[str, Unit], owner: str, title: str, date: datetime.date):
    return Activity.objects.filter(unit=units[owner], title=title, date=date).first()


def seed_co_arranged(*, units: dict[str, Unit], by) -> int:
    """Add the demo's co-arrangers and unique participants where missing; returns how many
    links were added. A listed activity the seed no longer makes is skipped, not invented."""
    added = 0
    for owner, title, date, co_slugs in CO_ARRANGED:
        activity = _activity(units, owner, title, date)
        if activity is None:
            continue
        wanted = [units[slug] for slug in co_slugs]
        present = set(activity.co_arrangers.values_list("pk", flat=True))
        missing = [unit for unit in wanted if unit.pk not in present]
        if missing:
            activity.validate_co_arrangers(wanted)
            activity._history_user = by
            activity.co_arrangers.add(*missing)
            added += len(missing)
    for owner, title, date, count in UNIQUE_PARTICIPANTS:
        activity = _activity(units, owner, title, date)
        if activity is None or activity.unique_participants == count:
            continue
        activity.unique_participants = count
        activity.full_clean()
        activity._history_user = by
        activity.save()
    return added
