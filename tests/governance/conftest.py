"""Governance fixtures: Flen with its Kolada id, a comparison group and a Kolada indicator."""

import datetime

import pytest

from culture_plan.models import Framework, FrameworkGoal, FrameworkLevel, TargetKind
from governance.models import Commitment, ComparisonGroup, IndicatorComparison
from tests.factories import ActivityFactory, IndicatorFactory

MEMBERS = ["0482", "0428", "0461", "0483", "0488"]


@pytest.fixture
def kolada_world(tree):
    municipality = tree["municipality"]
    municipality.kolada_id = "0482"
    municipality.save()
    group = ComparisonGroup.objects.create(
        owner=municipality, name="Liknande kommuner", members=MEMBERS
    )
    indicator = IndicatorFactory(
        unit=tree["culture"],
        name="Lån på folkbibliotek per invånare",
        kolada_kpi="N09801",
        target_kind=TargetKind.GROUP_AVERAGE,
    )
    IndicatorComparison.objects.create(indicator=indicator, group=group)
    return {"group": group, "indicator": indicator}


def data_row(municipality, year, value, *, kpi="N09801"):
    """One value of a v3 data response, with the gender split Kolada gives."""
    return {
        "kpi": kpi,
        "municipality": municipality,
        "period": year,
        "values": [
            {
                "count": 1,
                "gender": "K",
                "status": "",
                "value": None if value is None else value + 1,
            },
            {
                "count": 1,
                "gender": "M",
                "status": "",
                "value": None if value is None else value - 1,
            },
            {"count": 1, "gender": "T", "status": "", "value": value},
        ],
    }


@pytest.fixture
def chain(tree, kolada_world):
    framework = Framework.objects.create(
        name="Stockholms stads budget 2024", slug="stockholm-budget", kind="strategic"
    )
    for depth, name in enumerate(
        ["KF:s inriktningsmål", "KF:s mål för verksamhetsområdet", "Nämndmål"]
    ):
        FrameworkLevel.objects.create(framework=framework, depth=depth, name=name)
    top = FrameworkGoal.objects.create(
        framework=framework, code="1", name="En modern stad med hög kvalitet"
    )
    middle = FrameworkGoal.objects.create(
        framework=framework, code="1.1", name="Kulturlivet är tillgängligt", parent=top
    )
    board = FrameworkGoal.objects.create(
        framework=framework, code="1.1.1", name="Fler barn deltar i kulturlivet", parent=middle
    )
    activity = ActivityFactory(
        unit=tree["culture"], title="Sommarlovsteater", date=datetime.date(2024, 7, 2)
    )
    commitment = Commitment.objects.create(
        unit=tree["culture"],
        year=2024,
        framework_goal=board,
        title="Kultur på loven",
        expected_result="Fler unga deltar",
    )
    commitment.activities.add(activity)
    library_commitment = Commitment.objects.create(
        unit=tree["library"], year=2024, framework_goal=board, title="Läsfrämjande för unga"
    )
    return {
        "framework": framework,
        "top": top,
        "middle": middle,
        "board": board,
        "activity": activity,
        "commitment": commitment,
        "library_commitment": library_commitment,
    }
