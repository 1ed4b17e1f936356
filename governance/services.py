"""Writes of governance. Each service validates with full_clean() and writes in one
transaction, recording who made the change in the history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from culture_plan.models import Indicator, Unit
from governance.models import (
    Commitment,
    CommitmentAssessment,
    ComparisonGroup,
    IndicatorComparison,
    ServiceOffer,
)

COMMITMENT_M2M = ("activities", "indicators")


def _check_links(*, commitment: Commitment, activities, indicators) -> None:
    """Linked activities and indicators belong to the commitment's unit or units below it."""
    path = commitment.unit.path
    errors = {}
    if activities is not None and any(not a.unit.path.startswith(path) for a in activities):
        errors["activities"] = _("Aktiviteterna måste höra till åtagandets enhet.")
    if indicators is not None and any(not i.unit.path.startswith(path) for i in indicators):
        errors["indicators"] = _("Indikatorerna måste höra till åtagandets enhet.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def commitment_save(
    *, data: Mapping[str, Any], by, commitment: Commitment | None = None, unit: Unit | None = None
) -> Commitment:
    """Create (with `unit`) or update a commitment and its links to activities and indicators."""
    commitment = commitment or Commitment(unit=unit)
    links = {name: data[name] for name in COMMITMENT_M2M if name in data}
    for name, value in data.items():
        if name not in COMMITMENT_M2M:
            setattr(commitment, name, value)
    commitment.full_clean()
    _check_links(
        commitment=commitment,
        activities=links.get("activities"),
        indicators=links.get("indicators"),
    )
    commitment._history_user = by
    commitment.save()
    for name, value in links.items():
        manager = getattr(commitment, name)
        if {obj.pk for obj in value} != set(manager.values_list("pk", flat=True)):
            manager.set(value)
    return commitment


@transaction.atomic
def commitment_assess(
    *, commitment: Commitment, period: int, status: str, comment: str, by
) -> CommitmentAssessment:
    """Set the commitment's assessment at a tertial or the year end (one per period)."""
    assessment = CommitmentAssessment.objects.filter(commitment=commitment, period=period).first()
    assessment = assessment or CommitmentAssessment(commitment=commitment, period=period)
    if assessment.pk and assessment.status == status and assessment.comment == comment:
        return assessment
    assessment.status, assessment.comment = status, comment
    assessment.full_clean()
    assessment._history_user = by
    assessment.save()
    return assessment


@transaction.atomic
def service_offer_save(
    *, data: Mapping[str, Any], by, offer: ServiceOffer | None = None, unit: Unit | None = None
) -> ServiceOffer:
    """Create or update a service offer; a new offer gets its own indicator, in percent, of
    how often the promise was kept (values entered on the indicator page)."""
    if offer is None:
        offer = ServiceOffer(unit=unit)
        indicator = Indicator(
            unit=unit,
            name=_("Hållet löfte: %(promise)s") % {"promise": data.get("promise", "")},
            description=_("Andel tillfällen då serviceerbjudandet hölls."),
            unit_of_measure="%",
            direction=Indicator.Direction.INCREASE,
            frequency=Indicator.Frequency.TERTIAL,
            source=Indicator.Source.MANUAL,
        )
    else:
        indicator = offer.indicator
    for name, value in data.items():
        setattr(offer, name, value)
    indicator.name = _("Hållet löfte: %(promise)s") % {"promise": offer.promise}
    indicator.name = indicator.name[:300]
    indicator.full_clean()
    indicator._history_user = by
    indicator.save()
    offer.indicator = indicator
    offer.full_clean()
    offer._history_user = by
    offer.save()
    return offer


@transaction.atomic
def indicator_comparison_set(
    *, indicator: Indicator, kolada_kpi: str, target_kind: str, group: ComparisonGroup | None, by
) -> Indicator:
    """Link an indicator to a Kolada KPI and a comparison group, and choose its target kind."""
    if target_kind in ("group_average", "group_quartile") and group is None:
        raise ValidationError({"group": _("Ett mål mot gruppen kräver en jämförelsegrupp.")})
    if group is not None and not kolada_kpi:
        raise ValidationError(
            {"kolada_kpi": _("En jämförelse med andra kommuner kräver ett nyckeltal i Kolada.")}
        )
    if group is not None and not indicator.unit.path.startswith(group.owner.path):
        raise ValidationError({"group": _("Gruppen hör inte till indikatorns kommun.")})
    indicator.kolada_kpi, indicator.target_kind = kolada_kpi, target_kind
    indicator.full_clean()
    indicator._history_user = by
    indicator.save()
    link = IndicatorComparison.objects.filter(indicator=indicator).first()
    if group is None:
        if link is not None:
            link._history_user = by
            link.delete()
    else:
        link = link or IndicatorComparison(indicator=indicator)
        if link.pk is None or link.group_id != group.pk:
            link.group = group
            link.full_clean()
            link._history_user = by
            link.save()
    return indicator
