"""The governance part of the demo (DESIGN: seed_demo): Flens kommun's Kolada id, the group
"Liknande kommuner", Kulturenheten's N09801 indicator with the target "över gruppens
medelvärde" and its made-up Kolada values (from the shipped response file, marked as demo
data, read by the same parser as kolada_sync), Flen's strategic plan as a goal chain down to
Kulturenheten's commitment of 2024 with linked activities, and two service offers.

Idempotent like the rest of the demo: every row is found by its natural key and written
only when missing or different.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

from activities.models import Activity, Holiday, Status
from culture_plan.models import (
    Framework,
    FrameworkGoal,
    FrameworkLevel,
    Indicator,
    IndicatorValue,
    TargetKind,
    Unit,
)
from demo.common import set_m2m, upsert
from governance import kolada
from governance.models import (
    Commitment,
    CommitmentAssessment,
    ComparisonGroup,
    IndicatorComparison,
    KoladaKpi,
    ServiceOffer,
)

DEMO_FILE = Path(__file__).parent / "data" / "kolada_demo_N09801.json"
# The source label stored with the values; kept as it was when the file lived in governance/
# (issue 22: the demo's rows stay row for row what they were).
DEMO_SOURCE = "Demodata (påhittade värden): governance/data/kolada_demo_N09801.json"
FLEN_KOLADA_ID = "0482"
# Flen and municipalities of similar size and structure in and near Södermanland.
SIMILAR = ["0482", "0428", "0461", "0481", "0483", "0488", "1861", "1984"]
STRATEGIC_SLUG = "flen-strategisk-plan-2024-2027"
LEVELS = ["Strategiskt område", "Nämndmål"]
BOARD_GOAL = (
    "2.1",
    "Alla barn och unga har lika möjlighet att ta del av kulturutbudet och en meningsfull fritid",
)
COMMITMENT = {
    "title": "Kultur för barn och unga på loven i hela kommunen",
    "expected_result": (
        "Minst 40 procent av Kulturenhetens aktiviteter riktar sig till 10–25-åringar, och "
        "varje lov erbjuds kulturaktiviteter på flera orter runt om i kommunen."
    ),
    "way_of_working": (
        "Lovaktiviteter planeras tillsammans med fritidsgårdarna, biblioteket och föreningslivet; "
        "unga är med och väljer innehåll genom dialoger."
    ),
    "follow_up": (
        "Andelen aktiviteter för 10–25 år och antalet unga deltagare följs upp varje månad i "
        "VEPAQ och i tertialrapporterna."
    ),
    "resources": "Ingår i Kulturenhetens budget; lovaktiviteter delfinansieras med statliga medel.",
}
ASSESSMENTS = [
    (1, "green", "Sportlovet och påsklovet genomfört på fyra orter."),
    (2, "yellow", "Sommarlovet hade färre aktiviteter i Sparreholm och Mellösa än planerat."),
    (3, "green", "Målet om andelen aktiviteter för unga nåddes för året."),
]
SERVICE_OFFERS = [
    (
        "bibliotek",
        "Frågor till biblioteket besvaras inom 5 arbetsdagar",
        {(2024, 1): "92", (2024, 2): "95", (2024, 3): "97"},
    ),
    (
        "kulturenheten",
        "Ansökningar om kulturstöd besvaras inom 3 veckor",
        {(2024, 1): "88", (2024, 2): "100", (2024, 3): "94"},
    ),
]


def load_demo_values() -> None:
    """The shipped response file through kolada_sync's own parser and writer."""
    payload = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    assert payload.get("demo_data") is True, "the demo file must be marked as demo data"
    values, _next = kolada.parse_data_page(payload)
    fetched_at = datetime.datetime.fromisoformat(payload["fetched_at"])
    kolada.store_values(values, source=DEMO_SOURCE, fetched_at=fetched_at, is_demo=True)
    kpi = payload["kpi"]
    upsert(
        KoladaKpi,
        lookup={"kpi": kpi["id"]},
        values={"title": kpi["title"], "source": DEMO_SOURCE, "fetched_at": fetched_at},
    )


def _seed_chain(*, unit: Unit, year: int) -> Commitment | None:
    framework = Framework.objects.filter(slug=STRATEGIC_SLUG).first()
    if framework is None:
        return None
    for depth, name in enumerate(LEVELS):
        upsert(
            FrameworkLevel, lookup={"framework": framework, "depth": depth}, values={"name": name}
        )
    top = FrameworkGoal.objects.get(framework=framework, code="2")
    board_goal = upsert(
        FrameworkGoal,
        lookup={"framework": framework, "code": BOARD_GOAL[0]},
        values={"name": BOARD_GOAL[1], "parent": top, "order": 21},
    )
    commitment = upsert(
        Commitment,
        lookup={"unit": unit, "year": year, "title": COMMITMENT["title"]},
        values={
            **{k: v for k, v in COMMITMENT.items() if k != "title"},
            "framework_goal": board_goal,
            "start_date": datetime.date(year, 1, 1),
            "end_date": datetime.date(year, 12, 31),
        },
    )
    activities = list(
        Activity.objects.filter(unit=unit, date__year=year, status=Status.DONE)
        .exclude(holiday=Holiday.NONE)
        .order_by("date", "pk")[:8]
    )
    set_m2m(commitment.activities, activities)
    indicators = list(
        Indicator.objects.filter(unit=unit, source=Indicator.Source.YOUTH_SHARE).order_by("pk")
    )
    set_m2m(commitment.indicators, indicators)
    for period, status, comment in ASSESSMENTS:
        upsert(
            CommitmentAssessment,
            lookup={"commitment": commitment, "period": period},
            values={"status": status, "comment": comment},
        )
    return commitment


def _seed_comparison(*, municipality: Unit, unit: Unit) -> Indicator:
    group = upsert(
        ComparisonGroup,
        lookup={"owner": municipality, "name": "Liknande kommuner"},
        values={"members": SIMILAR},
    )
    indicator = upsert(
        Indicator,
        lookup={"unit": unit, "name": "Lån på folkbibliotek per invånare"},
        values={
            "description": (
                "Koladas nyckeltal N09801. Målet är att Flen ligger över medelvärdet för "
                "liknande kommuner."
            ),
            "unit_of_measure": "lån/inv",
            "direction": Indicator.Direction.INCREASE,
            "frequency": Indicator.Frequency.YEAR,
            "source": Indicator.Source.MANUAL,
            "kolada_kpi": "N09801",
            "target_kind": TargetKind.GROUP_AVERAGE,
            "order": 50,
        },
    )
    upsert(IndicatorComparison, lookup={"indicator": indicator}, values={"group": group})
    return indicator


def _seed_service_offers(*, units: dict[str, Unit]) -> None:
    for slug, promise, values in SERVICE_OFFERS:
        unit = units[slug]
        offer = ServiceOffer.objects.filter(unit=unit, promise=promise).first()
        if offer is None:
            indicator = upsert(
                Indicator,
                lookup={"unit": unit, "name": f"Hållet löfte: {promise}"},
                values={
                    "unit_of_measure": "%",
                    "frequency": Indicator.Frequency.TERTIAL,
                    "description": "Andel tillfällen då serviceerbjudandet hölls.",
                    "order": 60,
                },
            )
            offer = upsert(
                ServiceOffer,
                lookup={"unit": unit, "promise": promise},
                values={"indicator": indicator},
            )
        for (year, period), value in values.items():
            upsert(
                IndicatorValue,
                lookup={"indicator": offer.indicator, "year": year, "period": period},
                values={"value": Decimal(value)},
            )


def seed_governance(*, units: dict[str, Unit]) -> None:
    """Called from demo.seed.seed_demo after the activities and indicators."""
    municipality = upsert(
        Unit, lookup={"slug": "flens-kommun"}, values={"kolada_id": FLEN_KOLADA_ID}
    )
    units["flens-kommun"] = municipality
    load_demo_values()
    _seed_comparison(municipality=municipality, unit=units["kulturenheten"])
    _seed_chain(unit=units["kulturenheten"], year=2024)
    _seed_service_offers(units=units)
