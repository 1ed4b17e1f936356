"""The evaluation's demo (issue 25): quick surveys with answers on some of Kulturenheten's
done activities 2024–2026, one partner survey after a collaboration, and the analysis text of
the annual report 2024.

The activities' survey figures are the combined ones (paper + online) from the start:
`with_survey_answers` changes the specs before the activities are written, and
`seed_evaluation` writes the surveys and answers that those figures imply, before the reports
close their months. A second run finds every row and changes nothing.
"""

from __future__ import annotations

import datetime
import random

from activities.models import Activity, Partner, Status
from culture_plan.models import Unit
from evaluation.figures import combined_survey
from evaluation.models import Answer, Channel, PartnerAnswer, PartnerSurvey, Survey
from followup import services

SURVEY_YEARS = (2024, 2025, 2026)
SURVEYS_PER_YEAR = 4
CHANNEL_WEIGHTS = {
    Channel.POSTER: 3,
    Channel.SOCIAL: 5,
    Channel.SCHOOL: 4,
    Channel.FRIENDS: 4,
    Channel.WEBSITE: 2,
    Channel.OTHER: 1,
}
TEXTS = [
    "Jättebra, mer sånt här!",
    "Svårt att hitta dit, skylta gärna från busshållplatsen.",
    "Roligt att det var gratis.",
    "Gärna på helgen nästa gång.",
    "",
    "",
    "",
]


def _chosen(specs: list[dict]) -> list[dict]:
    """The surveyed activities: the first done ones with at least 20 visits of each year."""
    chosen = []
    for year in SURVEY_YEARS:
        done = [
            spec
            for spec in specs
            if spec["date"].year == year
            and spec["status"] == Status.DONE
            and sum(spec["counts"].get(k, 0) for k in ("girls", "boys", "other_gender")) >= 20
        ]
        chosen.extend(sorted(done, key=lambda s: (s["date"], s["title"]))[:SURVEYS_PER_YEAR])
    return chosen


def _answers(spec: dict) -> list[dict]:
    rng = random.Random(f"{spec['title']}|{spec['date'].isoformat()}")
    bands = spec["bands"] or []
    channels, weights = zip(*CHANNEL_WEIGHTS.items(), strict=True)
    return [
        {
            "betyg": rng.choices([2, 3, 4, 5], weights=[1, 2, 5, 6])[0],
            "channel": rng.choices([*channels, ""], weights=[*weights, 2])[0],
            "age_band": rng.choice([*bands, ""]) if bands else "",
            "text": rng.choice(TEXTS),
        }
        for _ in range(rng.randint(6, 14))
    ]


def with_survey_answers(slug: str, specs: list[dict]) -> list[dict]:
    """The specs with the chosen activities' survey figures combined with their online
    answers (the paper figures stay in `paper_answers`/`paper_mean`)."""
    if slug != "kulturenheten":
        return specs
    for spec in _chosen(specs):
        answers = _answers(spec)
        spec["paper_answers"], spec["paper_mean"] = spec["survey_answers"], spec["survey_mean"]
        spec["online"] = answers
        spec["survey_answers"], spec["survey_mean"] = combined_survey(
            paper_answers=spec["paper_answers"],
            paper_mean=spec["paper_mean"],
            online_answers=len(answers),
            online_sum=sum(a["betyg"] for a in answers),
        )
    return specs


def seed_evaluation(*, unit: Unit, specs: list[dict], by) -> None:
    """Surveys and answers behind the combined figures, and one partner survey answered."""
    for spec in specs:
        if "online" not in spec:
            continue
        activity = Activity.objects.get(unit=unit, title=spec["title"], date=spec["date"])
        if Survey.objects.filter(activity=activity).exists():
            continue
        answers = spec["online"]
        survey = Survey.objects.create(
            activity=activity,
            closes_on=Survey.default_closing(activity),
            paper_answers=spec["paper_answers"],
            paper_mean=spec["paper_mean"],
            online_answers=len(answers),
            online_sum=sum(a["betyg"] for a in answers),
            created_by=by,
        )
        day = activity.date
        Answer.objects.bulk_create(
            Answer(survey=survey, answered_on=day + datetime.timedelta(days=i % 3), **a)
            for i, a in enumerate(answers)
        )
    _seed_partner_survey(unit=unit, by=by)
    seed_open_survey(unit=unit, by=by)


def _seed_partner_survey(*, unit: Unit, by) -> None:
    activity = (
        Activity.objects.filter(
            unit=unit, status=Status.DONE, collaboration="external", date__year=2024
        )
        .exclude(partners=None)
        .order_by("date", "title")
        .first()
    )
    if activity is None or PartnerSurvey.objects.filter(activity=activity).exists():
        return
    partner: Partner = activity.partners.order_by("name").first()
    survey = PartnerSurvey.objects.create(
        activity=activity,
        partner=partner,
        contact_email="kontakt@forening.example.se",
        closes_on=Survey.default_closing(activity) + datetime.timedelta(days=16),
        sent_by=by,
        sent_at=datetime.datetime.combine(
            activity.date + datetime.timedelta(days=2), datetime.time(9), tzinfo=datetime.UTC
        ),
    )
    PartnerAnswer.objects.create(
        survey=survey,
        roles=4,
        budget=3,
        communication=5,
        lessons=(
            "Bestäm tidigt vem som bokar lokal och teknik; budgeten för material räckte inte, "
            "så sätt av mer nästa gång. Den gemensamma affischen nådde många."
        ),
        answered_on=activity.date + datetime.timedelta(days=6),
    )


ANALYSIS_2024 = (
    "Lovaktiviteterna drog flest deltagare per tillfälle, särskilt på lördagar och under "
    "sommarlovet; vardagskvällar i de mindre orterna nådde färre. Besökarna fick oftast veta om "
    "aktiviteterna via sociala medier och skolan, affischer nådde främst äldre besökare. "
    "Nöjdheten var hög för konst och kultur, lägre för dialogerna, där flera önskade andra "
    "tider. Samverkansparterna vill ha tydligare roller och budget tidigare i planeringen.\n\n"
    "Inför 2025: fler helgaktiviteter utanför centralorten, gemensam marknadsföring med "
    "skolorna och en tidig planeringsträff med varje samverkanspart."
)


def seed_analysis(*, unit: Unit, by) -> None:
    """The manager's analysis before 2025, written with the annual report 2024 (before it is
    approved; once approved it is left as it is)."""
    document = services.document_get_or_create(unit=unit, year=2024, kind="annual")
    if document.state == document.State.APPROVED or document.analysis == ANALYSIS_2024:
        return
    services.document_save_analysis(document=document, text=ANALYSIS_2024, by=by)


def seed_open_survey(*, unit: Unit, by) -> None:
    """A survey opened ahead for Kulturenheten's last planned activity, to show on a screen."""
    activity = (
        Activity.objects.filter(unit=unit, status=Status.PLANNED).order_by("-date", "pk").first()
    )
    if activity is not None and not Survey.objects.filter(activity=activity).exists():
        Survey.objects.create(
            activity=activity, closes_on=Survey.default_closing(activity), created_by=by
        )
