"""Reads of the evaluation: a survey's page, the answers' channels and age bands as figures
("Så fick besökarna veta"), the partner answers of a period."""

from __future__ import annotations

import datetime

from django.db.models import Avg, Count
from django.shortcuts import get_object_or_404

from activities.models import AGE_BANDS, Activity, Status
from activities.selectors import arranged_by_q
from culture_plan.models import Unit
from evaluation.models import Answer, Channel, PartnerAnswer, Survey


def survey_by_token(token: str) -> Survey:
    return get_object_or_404(
        Survey.objects.select_related("activity", "activity__unit"), token=token
    )


def _activity_ids(*, unit: Unit, start: datetime.date, end: datetime.date):
    """The unit's done activities in the period (owned or co-arranged), as a subquery."""
    return Activity.objects.filter(
        arranged_by_q(unit=unit), status=Status.DONE, date__gte=start, date__lte=end
    ).values("pk")


def _answers_of(*, unit: Unit, start: datetime.date, end: datetime.date):
    return Answer.objects.filter(
        survey__activity__in=_activity_ids(unit=unit, start=start, end=end)
    )


def channel_figures(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """How the visitors heard of the unit's done activities in the period (online answers),
    and their age bands: counts per choice, "unknown" for those who left it out."""
    answers = _answers_of(unit=unit, start=start, end=end)
    channels = dict(answers.values_list("channel").annotate(n=Count("pk")).order_by())
    bands = dict(answers.values_list("age_band").annotate(n=Count("pk")).order_by())
    return {
        "answers": sum(channels.values()),
        "channels": {c.value: channels.get(c.value, 0) for c in Channel},
        "channels_unknown": channels.get("", 0),
        "age_bands": {band: bands.get(band, 0) for band in AGE_BANDS},
        "age_bands_unknown": bands.get("", 0),
    }


def partner_figures(*, unit: Unit, start: datetime.date, end: datetime.date) -> dict:
    """The partner answers of the unit's activities in the period: their means and lessons."""
    rows = PartnerAnswer.objects.filter(
        survey__activity__in=_activity_ids(unit=unit, start=start, end=end)
    ).select_related("survey__activity", "survey__partner")
    means = rows.aggregate(
        roles=Avg("roles"),
        budget=Avg("budget"),
        communication=Avg("communication"),
        n=Count("pk"),
    )
    return {
        "answers": means.pop("n"),
        "means": means,
        "lessons": [
            (row.survey.activity, row.survey.partner, row.lessons)
            for row in rows.order_by("survey__activity__date")
            if row.lessons
        ],
    }
