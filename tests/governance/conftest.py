"""Governance fixtures: Flen with its Kolada id, a comparison group and a Kolada indicator."""

import pytest

from culture_plan.models import TargetKind
from governance.models import ComparisonGroup, IndicatorComparison
from tests.factories import IndicatorFactory

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
