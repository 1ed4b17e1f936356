"""The month lock for the matrix (DESIGN "Trust"): a matrix assessment of a year in which the
unit has an approved month is part of what was reported, so deleting it (directly or with
its goal) is refused. Registered in FollowupConfig.ready."""

from __future__ import annotations

from django.utils.translation import gettext as _

from activities.models import ClosedMonth
from culture_plan.guards import register_delete_guard
from culture_plan.models import FocusItem
from followup.models import FocusItemAssessment, MatrixAssessment


def matrix_assessment_guard(item: MatrixAssessment) -> list[str]:
    closed = ClosedMonth.objects.filter(
        unit__slug__in=item.unit.ancestor_slugs(), year=item.year
    ).exists()
    if not closed:
        return []
    return [
        _(
            "Bedömningen av mål %(code)s %(year)s hör till ett år med godkända och låsta "
            "månader och kan inte tas bort."
        )
        % {"code": item.goal.code, "year": item.year}
    ]


def focus_item_guard(item: FocusItem) -> list[str]:
    """A focus item whose year has been assessed (effect, development) keeps its assessment:
    removing the line is refused until the assessment is cleared on the follow-up page."""
    assessment = FocusItemAssessment.objects.filter(focus_item=item).first()
    if assessment is None or not (
        assessment.assessment or assessment.effect.strip() or assessment.development.strip()
    ):
        return []
    return [
        _(
            "Inriktningen ”%(text)s” har en bedömning och tas inte bort. Behåll raden (ändra "
            "gärna texten), eller töm bedömningen under Uppföljning först."
        )
        % {"text": item.text}
    ]


def register() -> None:
    register_delete_guard(MatrixAssessment, matrix_assessment_guard)
    register_delete_guard(FocusItem, focus_item_guard)
