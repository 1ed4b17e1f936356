"""`report indicators`: a computed indicator's `value` is its computed figure (issue 24),
not null; entered and Kolada indicators keep theirs."""

import datetime
from decimal import Decimal

from culture_plan.models import Indicator, IndicatorTarget
from followup.report_kinds import KINDS
from tests.factories import IndicatorFactory
from tests.followup.test_figures import activity, youth


def test_computed_indicators_report_their_computed_value(tree):
    unit = tree["culture"]
    for day in (1, 2, 3):
        youth(unit, date=datetime.date(2024, 3, day), girls=2, age_13_15=2)
    activity(unit, date=datetime.date(2024, 11, 5), bands=["65+"], boys=1)
    activity(unit, date=datetime.date(2023, 11, 5), bands=["13-15"])  # another year
    share = IndicatorFactory(unit=unit, name="Andel för unga", source="youth_share")
    done = IndicatorFactory(unit=unit, name="Genomförda", source="done_activities")
    young = IndicatorFactory(unit=unit, name="Unga deltagare", source="young_participants")
    IndicatorTarget.objects.create(indicator=done, year=2024, value=Decimal("3"))
    manual = IndicatorFactory(unit=unit, name="Inmatad", source=Indicator.Source.MANUAL)
    report = KINDS["indicators"].build(unit=unit, year=2024)
    rows = {row["name"]: row for row in report["indicators"]}
    assert rows[share.name]["value"] == "75.0"  # 3 of 4 done activities
    assert rows[done.name]["value"] == "4.0"
    assert rows[young.name]["value"] == "6.0"
    assert rows[manual.name]["value"] is None
    assert rows[done.name]["target"] == {"kind": "absolute", "value": "3.0"}
    assert rows[done.name]["target_met"] is True
