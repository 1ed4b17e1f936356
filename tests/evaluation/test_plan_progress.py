"""The plan's progress in public (issue 25): `/kulturplanen/` answers anonymously with every
goal of the demo plan and its published assessments, and shows nothing of an unpublished
report."""

import json

import pytest
from django.test import Client

from culture_plan.models import Goal, Plan, Unit
from followup.models import Assessment, MatrixAssessment, PublishedReport


@pytest.fixture
def plan(demo):
    return Plan.objects.get(unit__slug="flens-kommun", status=Plan.Status.ADOPTED)


def published_2024() -> dict:
    report = PublishedReport.objects.filter(
        document__unit__slug="kulturenheten", document__year=2024, document__kind="annual"
    ).latest("version")
    return {row["goal"]: row for row in report.data["matrix"] if row["year"] == 2024}


def test_every_goal_and_its_published_assessment(plan):
    client = Client()
    index = client.get("/kulturplanen/")
    assert index.status_code == 200
    assert plan.name in index.content.decode()
    assert "2026–2029" not in index.content.decode()  # the draft plan is not public
    page = client.get(f"/kulturplanen/{plan.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    codes = list(Goal.objects.filter(plan=plan).values_list("code", flat=True))
    assert codes[:4] == ["1.1", "1.2", "1.3", "1.4"] and len(codes) == 13
    data = client.get(f"/kulturplanen/{plan.pk}.json").json()
    published = published_2024()
    seen = set()
    for area in data["areas"]:
        for goal in area["goals"]:
            seen.add(goal["code"])
            assert f'id="goal-{goal["code"]}"' in html
            (row,) = [u for u in goal["units"] if u["unit"] == "kulturenheten"]
            cell = next(c for c in row["years"] if c["year"] == 2024)
            assert cell["assessment"] == published[goal["code"]]["assessment"]
            assert cell["done"] == published[goal["code"]]["done"]
            if cell["words"]:
                assert cell["words"] in html
    assert seen == set(codes)
    assert any(r["year"] == 2024 for r in data["reports"])
    pdf = client.get(data["reports"][0]["pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_nothing_of_an_unpublished_report(plan):
    goal = Goal.objects.get(plan=plan, code="1.1")
    published = published_2024()["1.1"]
    changed = next(a for a in Assessment.values if a != published["assessment"])
    MatrixAssessment.objects.update_or_create(
        unit=Unit.objects.get(slug="kulturenheten"),
        goal=goal,
        year=2024,
        defaults={"assessment": changed, "comment": "Utkast som inte är fastställt"},
    )
    data = Client().get(f"/kulturplanen/{plan.pk}.json").json()
    goal_row = next(g for a in data["areas"] for g in a["goals"] if g["code"] == "1.1")
    cell = next(c for c in goal_row["units"][0]["years"] if c["year"] == 2024)
    assert cell["assessment"] == published["assessment"]
    html = Client().get(f"/kulturplanen/{plan.pk}/").content.decode()
    assert "Utkast som inte är fastställt" not in html
    # 2025 has no published annual report: no figures for it, whatever the live tables say.
    later = next(c for c in goal_row["units"][0]["years"] if c["year"] == 2025)
    assert later["done"] is None and later["assessment"] is None
    assert json.dumps(data).count("Utkast") == 0
