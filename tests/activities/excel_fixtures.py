"""Helpers for the Excel tests: a Flen-like plan with areas and goals, and workbook builders.

Imported by tests/activities/test_excel*.py (pytest loads fixtures only from conftest.py or
from the test module's own namespace).
"""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from activities.excel import HEADERS
from tests.factories import GoalFactory, PriorityAreaFactory, UnitFactory

# The seed's areas and the number of goals in each (codes 1.1–1.4, 2.1–2.4, 3.1–3.3, 4.1–4.2).
FLEN_GOALS = {1: 4, 2: 4, 3: 3, 4: 2}


@pytest.fixture
def plan_structure(flen_plan):
    """Flen's plan 2022–2025 (adopted, owned by flens-kommun) with its four areas and goals."""
    areas = {}
    goals = {}
    for number, count in FLEN_GOALS.items():
        areas[number] = PriorityAreaFactory(
            plan=flen_plan, number=number, name=f"Prioriterat område {number}"
        )
        for index in range(1, count + 1):
            code = f"{number}.{index}"
            goals[code] = GoalFactory(area=areas[number], code=code, order=index)
    return {"plan": flen_plan, "areas": areas, "goals": goals}


@pytest.fixture
def empty_unit(tree):
    """A unit under the same administration, with no activities, partners or places."""
    return UnitFactory(slug="kulturskolan", name="Kulturskolan", parent=tree["administration"])


@pytest.fixture
def upload_root(settings, tmp_path):
    """Keep the browser import's waiting files (in the default storage) in a throwaway
    directory."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media" / settings.IMPORT_UPLOAD_PREFIX


def row(**values) -> list:
    """A data row in HEADERS order from header -> value keyword pairs (by header text)."""
    return [values.get(header) for header in HEADERS]


def good_row(**overrides) -> dict:
    """A valid done activity, as header -> value."""
    values = {
        "Datum": "2024-03-12",
        "Titel": "Sommarteater i parken",
        "Status": "Genomförd",
        "Prioriterat område": 1,
        "Inriktningsmål": "1.1, 1.2",
        "Typ": "Kultur",
        "Samverkan": "Extern samverkan",
        "Samverkansparter": "Studieförbundet Vuxenskolan",
        "Ort": "Flen",
        "Lov": "",
        "Kulturområde": "Teater, dans och musik",
        "Målgrupp": "10-12, 13-15",
        "Flickor": 10,
        "Pojkar": 8,
        "Annat/ej angivet": 2,
        "10-12": 9,
        "13-15": 7,
        "Kostnad (kr)": 1500,
        "Enkätsvar": 12,
        "Medelbetyg": 4.5,
        "Beskrivning": "Föreställning för mellanstadiet.",
    }
    values.update(overrides)
    return values


def workbook_bytes(rows: list[dict], *, headers: list[str] | None = None) -> io.BytesIO:
    """An .xlsx file in memory with the given header row and one row per dict."""
    headers = HEADERS if headers is None else headers
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "aktiviteter.xlsx"
    return buffer


def read_sheet(data) -> list[list]:
    """All rows of the first sheet as values (data may be bytes, a path or a file)."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    workbook = load_workbook(source)
    return [list(values) for values in workbook.worksheets[0].iter_rows(values_only=True)]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The `users` fixture hashes six passwords per test; a fast hasher keeps these tests quick.
    Autouse, so it runs before `users` (import it into the test module to activate it)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
