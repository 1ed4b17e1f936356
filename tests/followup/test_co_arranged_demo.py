"""The demo's report JSON, before and after co-arranged activities: every key the reports had
keeps its value to the digit where no co-arranger is involved (Kulturenheten 2022–2024, whose
figures the seed reports, Bibliotek until 2025, and Flens kommun in every year, whose roll-up
counted each joint activity once already). Only keys may be added.

tests/followup/data/demo_reports_without_co_arrangers.json was written by the reports of the
commit before co-arrangers existed, on the seeded demo."""

import json
from pathlib import Path

import pytest

from activities.models import Activity
from culture_plan.models import Unit
from followup.reports import annual_report, vepaq_report

BEFORE = Path(__file__).parent / "data" / "demo_reports_without_co_arrangers.json"
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def seeded(demo_module):
    """The demo, once for the module (tests/conftest.py)."""


def report_for(key: str) -> dict:
    kind, slug, period = key.split("/")
    unit = Unit.objects.get(slug=slug)
    if kind == "annual":
        return annual_report(unit=unit, year=int(period))
    year, month = (int(part) for part in period.split("-"))
    return vepaq_report(unit=unit, year=year, month=month)


def differences(before, after, path="") -> list[str]:
    """Where `after` lacks or changes a value of `before` (keys added in `after` are fine)."""
    if isinstance(before, dict):
        found = []
        for key, value in before.items():
            if key not in after:
                found.append(f"{path}/{key} is missing")
            else:
                found += differences(value, after[key], f"{path}/{key}")
        return found
    if isinstance(before, list) and path.endswith("/indicators"):
        # Other apps' demo parts add indicators (governance's service offers): every old one
        # must still be there with its figures.
        return [f"{path}: {item!r} is missing" for item in before if item not in after]
    if isinstance(before, list):
        if len(before) != len(after):
            return [f"{path}: {len(before)} items, now {len(after)}"]
        return [
            item
            for index, (old, new) in enumerate(zip(before, after, strict=True))
            for item in differences(old, new, f"{path}[{index}]")
        ]
    return [] if before == after else [f"{path}: {before!r}, now {after!r}"]


@pytest.mark.django_db
def test_demo_reports_keep_every_figure_where_no_co_arranger_is_involved(seeded):
    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    assert len(before) == 24
    for key, old in before.items():
        new = json.loads(json.dumps(report_for(key), default=str))
        # The demo's quick surveys (issue 25) add online answers to the survey figures
        # (the annual "survey" and VEPAQ's Q); every other figure stays to the digit.
        changed = differences(old, new)
        assert [change for change in changed if "/survey/" not in change] == [], key


@pytest.mark.django_db
def test_demo_has_co_arranged_activities_counted_once(seeded):
    culture, library = Unit.objects.get(slug="kulturenheten"), Unit.objects.get(slug="bibliotek")
    joint = Activity.objects.filter(co_arrangers=culture, unit=library)
    assert joint.count() == 5
    assert Activity.objects.filter(co_arrangers=library, unit=culture).count() == 1
    municipality = Unit.objects.get(slug="flens-kommun")
    for year in (2025, 2026):
        library_done = annual_report(unit=library, year=year)["activities"]["done"]
        culture_report = annual_report(unit=culture, year=year)
        own_done = Activity.objects.filter(unit=culture, date__year=year, status="done").count()
        joint_done = joint.filter(date__year=year, status="done").count()
        assert culture_report["activities"]["done"] == own_done + joint_done
        assert culture_report["co_arranged"] == joint_done
        everyone = annual_report(unit=municipality, year=year)["activities"]["done"]
        assert everyone == own_done + library_done  # each joint activity once
    assert annual_report(unit=library, year=2026)["unique_participants"] == 23
