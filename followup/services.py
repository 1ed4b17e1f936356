"""Writes for the follow-up: the VEPAQ workflow, the month lock, assessments, the target group.

Every function validates (full_clean), writes in one transaction and returns the object.
The caller has already checked permissions (culture_plan.permissions); these functions keep
the invariants that hold whoever calls them: the browser, the admin or a command.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.models import ClosedMonth
from culture_plan.models import FocusItem, Goal, Unit
from followup.models import (
    FocusItemAssessment,
    MatrixAssessment,
    MonthlyReport,
    MonthReopening,
    TargetPopulation,
)

# The fields a manager enters in a report (DESIGN "VEPAQ monthly report"), per dimension.
REPORT_INPUT_FIELDS: dict[str, list[str]] = {
    "V": ["v_status", "v_comment", "v_actions"],
    "E": ["e_status", "e_comment", "e_actions", "e_outcome_ytd_kr", "e_forecast_kr"],
    "P": [
        "p_status",
        "p_comment",
        "p_actions",
        "p_actual_fte",
        "p_sick_leave_short",
        "p_sick_leave_long",
    ],
    "A": ["a_status", "a_comment", "a_actions", "a_workload", "a_risks"],
    "Q": ["q_status", "q_comment", "q_actions"],
}
ALL_INPUT_FIELDS = [name for names in REPORT_INPUT_FIELDS.values() for name in names]


class ReportLockedError(ValidationError):
    """An approved report cannot change until a manager reopens the month."""

    def __init__(self, report: MonthlyReport):
        super().__init__(
            _("Rapporten för %(period)s är godkänd och låst. Öppna månaden igen först.")
            % {"period": f"{report.year}-{report.month:02d}"},
            code="report_locked",
        )


class TransitionError(ValidationError):
    """A workflow step that the report's state does not allow."""


def _lock(report: MonthlyReport) -> MonthlyReport:
    """Re-read the report under a row lock so two requests cannot both move it."""
    return MonthlyReport.objects.select_for_update().get(pk=report.pk)


def _save(report: MonthlyReport, *, by) -> None:
    """Validate and save, recording `by` as the author of the history row."""
    report.full_clean()
    report._history_user = by
    report.save()


def _require_state(report: MonthlyReport, *states: str, action: str) -> None:
    if report.state not in states:
        raise TransitionError(
            _("Det går inte att %(action)s en rapport som är %(state)s.")
            % {"action": action, "state": report.get_state_display().lower()},
            code="bad_transition",
        )


@transaction.atomic
def report_get_or_create(*, unit: Unit, year: int, month: int) -> MonthlyReport:
    """The unit's report for the month; a new one starts as a draft."""
    existing = MonthlyReport.objects.filter(unit=unit, year=year, month=month).first()
    if existing is not None:
        return existing
    report = MonthlyReport(unit=unit, year=year, month=month)
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_update(*, report: MonthlyReport, data: dict[str, Any], by) -> MonthlyReport:
    """Store the manager's judgement. Refused once the report is approved (locked)."""
    report = _lock(report)
    if report.is_locked:
        raise ReportLockedError(report)
    unknown = set(data) - set(ALL_INPUT_FIELDS)
    if unknown:
        raise ValueError(f"Not report input fields: {sorted(unknown)}")
    for name, value in data.items():
        setattr(report, name, value)
    _save(report, by=by)
    return report


@transaction.atomic
def report_submit(*, report: MonthlyReport, by) -> MonthlyReport:
    """draft → submitted: the manager hands the month in."""
    report = _lock(report)
    _require_state(report, MonthlyReport.State.DRAFT, action=_("skicka in"))
    report.state = MonthlyReport.State.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = by
    _save(report, by=by)
    return report


@transaction.atomic
def report_return(*, report: MonthlyReport, by) -> MonthlyReport:
    """submitted → draft: sent back for more work before approval."""
    report = _lock(report)
    _require_state(report, MonthlyReport.State.SUBMITTED, action=_("återställa"))
    report.state = MonthlyReport.State.DRAFT
    _save(report, by=by)
    return report


class PlannedInPastError(ValidationError):
    """The month still has planned activities whose date has passed; approving would lock
    them as planned. `activities` names them."""

    def __init__(self, activities):
        self.activities = activities
        super().__init__(
            ngettext(
                "%(count)s aktivitet i månaden är fortfarande planerad fast datumet har "
                "passerat. Markera den som genomförd eller inställd, eller godkänn ändå.",
                "%(count)s aktiviteter i månaden är fortfarande planerade fast datumet har "
                "passerat. Markera dem som genomförda eller inställda, eller godkänn ändå.",
                len(activities),
            )
            % {"count": len(activities)},
            code="planned_in_past",
        )


@transaction.atomic
def report_approve(
    *, report: MonthlyReport, by, planned_in_past_confirmed: bool = False, today=None
) -> MonthlyReport:
    """submitted → approved, and the month's activities are locked (ClosedMonth).

    Refused (PlannedInPastError, naming them) while the month has planned activities whose
    date has passed, unless the manager confirms approving them as they are."""
    from followup.selectors import planned_in_past

    report = _lock(report)
    _require_state(report, MonthlyReport.State.SUBMITTED, action=_("godkänna"))
    if not planned_in_past_confirmed:
        pending = planned_in_past(
            unit=report.unit,
            year=report.year,
            month=report.month,
            today=today or timezone.localdate(),
        )
        if pending:
            raise PlannedInPastError(pending)
    report.state = MonthlyReport.State.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = by
    _save(report, by=by)
    ClosedMonth.objects.get_or_create(
        unit=report.unit,
        year=report.year,
        month=report.month,
        defaults={"closed_by": by},
    )
    return report


@transaction.atomic
def report_reopen(*, report: MonthlyReport, reason: str, by) -> MonthReopening:
    """approved → draft with a reason; logged (who, when, why) and the month unlocked."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Skriv varför månaden öppnas igen.")}, code="reason_required"
        )
    report = _lock(report)
    _require_state(report, MonthlyReport.State.APPROVED, action=_("öppna igen"))
    reopening = MonthReopening(report=report, reason=reason, reopened_by=by)
    reopening.full_clean()
    reopening._history_user = by
    reopening.save()
    report.state = MonthlyReport.State.DRAFT
    report.approved_at = None
    report.approved_by = None
    _save(report, by=by)
    ClosedMonth.objects.filter(unit=report.unit, year=report.year, month=report.month).delete()
    return reopening


@transaction.atomic
def matrix_assessment_set(
    *, unit: Unit, goal: Goal, year: int, assessment: str, comment: str, by
) -> MatrixAssessment:
    """The manager's judgement of one goal in one year (one cell of the matrix)."""
    item = MatrixAssessment.objects.filter(unit=unit, goal=goal, year=year).first()
    if item is None:
        item = MatrixAssessment(unit=unit, goal=goal, year=year)
    item.assessment = assessment
    item.comment = comment
    item.full_clean()
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def focus_item_assessment_set(
    *, focus_item: FocusItem, assessment: str, effect: str, development: str, by
) -> FocusItemAssessment:
    """A year's focus item assessed for effect and development."""
    item = FocusItemAssessment.objects.filter(focus_item=focus_item).first()
    if item is None:
        item = FocusItemAssessment(focus_item=focus_item)
    item.assessment = assessment
    item.effect = effect
    item.development = development
    item.full_clean()
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def target_population_set(*, unit: Unit, year: int, population_10_25: int, by) -> TargetPopulation:
    """The number of inhabitants aged 10–25 the unit serves in a year."""
    item = TargetPopulation.objects.filter(unit=unit, year=year).first()
    if item is None:
        item = TargetPopulation(unit=unit, year=year)
    item.population_10_25 = population_10_25
    item.full_clean()
    item._history_user = by
    item.save()
    return item
