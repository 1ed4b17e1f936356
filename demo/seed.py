"""The demo: Flens kommun with its culture plan, Kulturenhetens year plans, demo users and
realistic activities 2022–2027 (DESIGN: `seed_demo`), and the follow-up that tells the story:
Kulturenhetens VEPAQ reports (2024 all approved; 2026 January–September approved, October
submitted, November a draft), the implementation matrix 2022–2024, the assessed focus items of
2024, and a draft of the next plan (2026–2029) that only those working with it may read.
The follow-up goes through followup/services.py as the demo user `chef`, after the activities,
because approving a month closes it.

Safe to run again: every row has a natural key and is written only when missing or changed,
so a second run changes nothing (and adds no history). Activities are keyed by unit, title
and date and generated from a fixed random seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from activities.models import (
    Activity,
)
from culture_plan.models import (
    YearPlan,
)
from demo import activities as demo_activities
from demo import evaluation as demo_evaluation
from demo import followup as demo_followup
from demo import governance as demo_governance
from demo import internal_control as demo_internal_control
from demo import plan as demo_plan
from demo import public as demo_public
from demo.common import DEMO_PASSWORD, DEMO_TODAY
from demo.data import flen_activities as demo_data

__all__ = ["DEMO_PASSWORD", "DEMO_TODAY", "SeedResult", "seed_demo"]


@dataclass
class SeedResult:
    """What the command prints: the demo users and how many activities each unit has."""

    # (username, full name, role, unit slug)
    users: list[tuple[str, str, str, str]] = field(default_factory=list)
    activities: dict[str, int] = field(default_factory=dict)
    created_activities: int = 0


@transaction.atomic
def seed_demo(*, password: str = DEMO_PASSWORD) -> SeedResult:
    """Create or complete the whole demo in one transaction."""
    result = SeedResult()
    units = demo_plan.seed_units()
    sdg, local = demo_plan.seed_frameworks()
    plan, areas, goals = demo_plan.seed_plan(units=units, sdg=sdg, local=local)
    demo_plan.seed_year_plans(unit=units["kulturenheten"], plan=plan, areas=areas, sdg=sdg)
    demo_followup.seed_target_population(units=units)
    result.users = demo_plan.seed_users(units=units, password=password)
    User = get_user_model()
    specs_by_unit = {}
    for slug, partner_specs, place_names, creator in (
        ("kulturenheten", demo_data.PARTNERS, demo_data.PLACES, "medarbetare"),
        ("bibliotek", demo_data.BIBLIOTEK_PARTNERS, demo_data.BIBLIOTEK_PLACES, "chef-bibliotek"),
    ):
        specs_by_unit[slug] = demo_evaluation.with_survey_answers(
            slug, demo_activities.with_overdue(slug, demo_activities.activity_specs_for(slug))
        )
        result.created_activities += demo_activities.seed_activities(
            unit=units[slug],
            areas=areas,
            goals=goals,
            specs=specs_by_unit[slug],
            partner_specs=partner_specs,
            place_names=place_names,
            created_by=User.objects.get(username=creator),
        )
        result.activities[slug] = Activity.objects.filter(unit=units[slug]).count()
    # Co-arranged activities, before the reports close their months.
    demo_activities.seed_co_arranged(units=units, by=User.objects.get(username="chef-bibliotek"))
    demo_plan.seed_indicators(unit=units["kulturenheten"], plan=plan, goals=goals)
    # Follow-up after the activities: approving a month closes it for further writes.
    chef = User.objects.get(username="chef")
    # Quick surveys and their answers before the reports close the months they count in.
    demo_evaluation.seed_evaluation(
        unit=units["kulturenheten"], specs=specs_by_unit["kulturenheten"], by=chef
    )
    demo_followup.seed_reports(unit=units["kulturenheten"], by=chef)
    demo_followup.seed_matrix(
        unit=units["kulturenheten"],
        goals=goals,
        year_plan=YearPlan.objects.get(unit=units["kulturenheten"], year=2024),
        by=chef,
    )
    demo_plan.seed_draft_plan(units=units)
    demo_internal_control.seed_internal_control(unit=units["kulturenheten"], goals=goals, by=chef)
    demo_governance.seed_governance(units=units)
    demo_public.seed_public_calendar(unit=units["kulturenheten"])
    demo_evaluation.seed_analysis(unit=units["kulturenheten"], by=chef)
    demo_followup.seed_annual_report(unit=units["kulturenheten"], by=chef)
    return result
