"""Writes for the follow-up: the VEPAQ workflow, the month lock, assessments, the target group.

Every function validates (full_clean), writes in one transaction and returns the object.
The caller has already checked permissions (culture_plan.permissions); these functions keep
the invariants that hold whoever calls them: the browser, the admin or a command.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.models import ClosedMonth
from activities.services import check_version
from culture_plan import permissions
from culture_plan.models import FocusItem, Goal, Unit
from followup.documents import document_block, other_sections, period_of, render_document_pdf
from followup.models import (
    FocusItemAssessment,
    MatrixAssessment,
    MonthlyReport,
    MonthReopening,
    PublishedReport,
    ReportAreaText,
    ReportDocument,
    TargetPopulation,
)
from followup.reports import annual_report, tertial_report
from followup.selectors import document_missing_texts, good_example_choices, planned_in_past

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


class ReportSubmittedError(ValidationError):
    """A submitted report is read-only until it is returned to draft (or approved)."""

    def __init__(self, report: MonthlyReport):
        super().__init__(
            _(
                "Rapporten för %(period)s är inskickad och kan inte ändras. Den som godkänner "
                "kan återställa den till utkast."
            )
            % {"period": f"{report.year}-{report.month:02d}"},
            code="report_submitted",
        )


@transaction.atomic
def report_update(
    *, report: MonthlyReport, data: dict[str, Any], by, expected_version: int | None = None
) -> MonthlyReport:
    """Store the manager's judgement. Only a draft changes: refused once the report is
    submitted or approved, and (with `expected_version`, the version the form was drawn from)
    when someone else saved in between (StaleEditError)."""
    report = _lock(report)
    if report.is_locked:
        raise ReportLockedError(report)
    if report.state == MonthlyReport.State.SUBMITTED:
        raise ReportSubmittedError(report)
    check_version(model=MonthlyReport, pk=report.pk, expected_version=expected_version)
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
    report = _lock(report)
    _require_state(report, MonthlyReport.State.SUBMITTED, action=_("godkänna"))
    if (
        settings.REQUIRE_SEPARATE_APPROVER
        and report.submitted_by_id is not None
        and by is not None
        and report.submitted_by_id == by.pk
    ):
        raise TransitionError(
            _("Någon annan än den som skickade in rapporten måste godkänna den."),
            code="same_approver",
        )
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


# --- Report documents (annual, tertial) and publishing --------------------------------------

DOCUMENT_TEXT_FIELDS = ["summary", "economy", "personnel", "outlook"]


def _period_report(document):
    if document.kind == document.Kind.ANNUAL:
        return annual_report(unit=document.unit, year=document.year)
    return tertial_report(unit=document.unit, year=document.year, tertial=document.tertial)


@transaction.atomic
def document_get_or_create(*, unit: Unit, year: int, kind: str, tertial: int = 0):
    """The unit's report document for the period; a new one starts as an empty draft."""
    document = ReportDocument.objects.filter(
        unit=unit, year=year, kind=kind, tertial=tertial
    ).first()
    if document is None:
        document = ReportDocument(unit=unit, year=year, kind=kind, tertial=tertial)
        document.full_clean()
        document.save()
    return document


def _lock_document(document):
    return ReportDocument.objects.select_for_update().select_related("unit").get(pk=document.pk)


@transaction.atomic
def document_save_analysis(*, document, text: str, by):
    """The manager's analysis before the next year, saved with the annual report document.
    Refused once the document is approved: reopen it first."""
    document = _lock_document(document)
    if not permissions.can_write_report_document(by, document.unit):
        raise PermissionDenied
    if document.state == document.State.APPROVED:
        raise ValidationError(_("Rapporten är fastställd. Öppna den igen för att ändra analysen."))
    document.analysis = text.strip()
    document.full_clean()
    document._history_user = by
    document.save()
    return document


@transaction.atomic
def document_save_texts(
    *, document, texts: dict[str, str], analyses: dict[int, str], good_examples, by
):
    """Store the manager's texts, the analysis per priority area (area id → text) and the good
    examples (selectors.good_example_choices: the period's done activities the unit's figures
    count). Refused once the
    document is approved: reopen it first."""
    document = _lock_document(document)
    if document.state == document.State.APPROVED:
        raise ValidationError(
            _("Rapporten är fastställd. Öppna den igen för att ändra texterna."),
            code="document_approved",
        )
    unknown = set(texts) - set(DOCUMENT_TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not document text fields: {sorted(unknown)}")
    for name, value in texts.items():
        setattr(document, name, value)
    start, end = period_of(document.kind, document.year, document.tertial)
    examples = list(good_examples)
    chosen = {activity.pk for activity in examples}
    allowed = set(
        good_example_choices(unit=document.unit, start=start, end=end)
        .filter(pk__in=chosen)
        .values_list("pk", flat=True)
    )
    if allowed != chosen:
        raise ValidationError(
            {"good_examples": _("Goda exempel väljs bland periodens genomförda aktiviteter.")},
            code="bad_example",
        )
    document.full_clean()
    document._history_user = by
    document.save()
    document.good_examples.set(examples)
    for area_id, analysis in analyses.items():
        item = ReportAreaText.objects.filter(document=document, area_id=area_id).first()
        if item is None:
            item = ReportAreaText(document=document, area_id=area_id)
        if item.analysis == analysis and item.pk:
            continue
        item.analysis = analysis
        item.full_clean()
        item._history_user = by
        item.save()
    return document


@transaction.atomic
def document_approve(*, document, by, left_empty=()):
    """draft → approved (fastställd): freeze a published version with the period's figures
    and texts as JSON and its tagged PDF, made from that JSON. Returns the new version.

    A document for politicians has no gaps: every empty text (selectors.
    document_missing_texts) must be named in `left_empty`, the manager's confirmation that
    it stays empty; the published document then shows only the figures there."""
    document = _lock_document(document)
    if document.state == document.State.APPROVED:
        raise TransitionError(_("Rapporten är redan fastställd."), code="bad_transition")
    missing = document_missing_texts(unit=document.unit, year=document.year, document=document)
    unconfirmed = [text["label"] for text in missing if text["key"] not in set(left_empty)]
    if unconfirmed:
        raise ValidationError(
            _(
                "Texter saknas: %(texts)s. Skriv dem, eller bekräfta för var och en att den "
                "lämnas utan text."
            )
            % {"texts": ", ".join(unconfirmed)},
            code="missing_texts",
        )
    document.left_empty = [text["key"] for text in missing]
    now = timezone.now()
    last = document.published_versions.order_by("-version").values_list("version", flat=True)
    version = (last.first() or 0) + 1
    name = by.get_full_name() or by.get_username()
    approval = {
        "name": name,
        "date": timezone.localtime(now).date().isoformat(),
        "approved_at": now.isoformat(),
        "version": version,
    }
    data = _period_report(document)
    data |= other_sections(unit=document.unit, year=document.year, tertial=document.tertial)
    data["document"] = document_block(
        unit=document.unit,
        year=document.year,
        kind=document.kind,
        tertial=document.tertial,
        document=document,
        approval=approval,
    )
    json_text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    frozen = json.loads(json_text)
    pdf = render_document_pdf(kind=document.kind, report=frozen)
    published = PublishedReport(
        document=document,
        version=version,
        json_text=json_text,
        pdf=pdf,
        approved_by=by,
        approved_by_name=name,
        approved_at=now,
    )
    published.full_clean()
    published.save()
    document.state = document.State.APPROVED
    document.full_clean()
    document._history_user = by
    document.save()
    return published


@transaction.atomic
def document_reopen(*, document, by):
    """approved → draft: the texts can be changed again; every published version stays."""
    document = _lock_document(document)
    if document.state != document.State.APPROVED:
        raise TransitionError(
            _("Bara en fastställd rapport kan öppnas igen."), code="bad_transition"
        )
    document.state = document.State.DRAFT
    document.full_clean()
    document._history_user = by
    document.save()
    return document
