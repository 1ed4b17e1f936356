"""Public activities around today for the calendar tests, and secrets that must never show."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from activities.models import Status
from tests.factories import ActivityFactory, PlaceFactory

# Values of the activities that no public output may contain.
SECRET_DESCRIPTION = "Internt: budgeten är hemlig"
SECRET_LESSONS = "Lärdom som bara enheten ska läsa"
SECRET_TITLE = "Intern planeringsdag"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def public_world(tree, today):
    """Kulturenheten: a timed public concert, a whole-day public exhibition over three days, a
    cancelled public workshop, a done public event with counts, a non-public activity and one
    public far outside the window; Bibliotek: one public reading."""
    culture, library = tree["culture"], tree["library"]
    flen = PlaceFactory(unit=culture, name="Flen")
    malmkoping = PlaceFactory(unit=culture, name="Malmköping")
    soon = today + datetime.timedelta(days=10)
    concert = ActivityFactory(
        unit=culture,
        title="Konsert i parken",
        date=soon,
        status=Status.PLANNED,
        is_public=True,
        public_text="Välkommen till en konsert för hela familjen.",
        start_time=datetime.time(18, 30),
        end_time=datetime.time(20, 0),
        place=flen,
        public_place="Stadsparken, Flen",
        description=SECRET_DESCRIPTION,
        cost_kr=Decimal("12345.00"),
    )
    exhibition = ActivityFactory(
        unit=culture,
        title="Utställning: unga konstnärer",
        date=soon + datetime.timedelta(days=5),
        end_date=soon + datetime.timedelta(days=7),
        status=Status.PLANNED,
        is_public=True,
        public_text="Unga konstnärer visar sina verk.",
        place=malmkoping,
    )
    cancelled = ActivityFactory(
        unit=culture,
        title="Verkstad: serieteckning",
        date=soon + datetime.timedelta(days=2),
        status=Status.CANCELLED,
        is_public=True,
        start_time=datetime.time(13, 0),
        place=flen,
    )
    done = ActivityFactory(
        unit=culture,
        title="Berättarkväll",
        date=today - datetime.timedelta(days=3),
        status=Status.DONE,
        is_public=True,
        start_time=datetime.time(19, 0),
        girls=4321,
        boys=1234,
        age_13_15=977,
        survey_answers=8765,
        survey_mean=Decimal("4.25"),
        lessons_learned=SECRET_LESSONS,
        cost_kr=Decimal("98765.00"),
        place=flen,
    )
    hidden = ActivityFactory(
        unit=culture, title=SECRET_TITLE, date=soon, status=Status.PLANNED, place=flen
    )
    far = ActivityFactory(
        unit=culture,
        title="Långt bort i tiden",
        date=today + datetime.timedelta(days=2000),
        status=Status.PLANNED,
        is_public=True,
    )
    reading = ActivityFactory(
        unit=library,
        title="Högläsning på biblioteket",
        date=soon,
        status=Status.PLANNED,
        is_public=True,
        start_time=datetime.time(10, 0),
    )
    return {
        "concert": concert,
        "exhibition": exhibition,
        "cancelled": cancelled,
        "done": done,
        "hidden": hidden,
        "far": far,
        "reading": reading,
    }


def assert_nothing_internal(text: str) -> None:
    """No internal text, count, cost or survey figure of public_world in `text`."""
    for secret in (SECRET_DESCRIPTION, SECRET_LESSONS, SECRET_TITLE, "Långt bort i tiden"):
        assert secret not in text, secret
    for number in ("4321", "1234", "5555", "977", "8765", "12345", "98765", "4.25", "4,25"):
        # As a number of its own: an id such as /kalender/15555/ is not the count 5555.
        assert not re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d.,]\d|\d)", text), number
