"""Writes of the evaluation: opening a survey, taking an answer (and keeping the activity's
survey figures, and so the summary tables, current in the same transaction), sending the
partner survey."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Activity, Collaboration, MonthLockedError
from culture_plan import permissions
from evaluation.figures import combined_survey
from evaluation.models import Answer, PartnerAnswer, PartnerSurvey, Survey


class SurveyClosed(ValidationError):
    """The survey no longer takes answers (after its closing date, or its month is closed)."""


def survey_url(survey: Survey) -> str:
    return f"{settings.SITE_URL}{reverse('evaluation:answer', args=[survey.token])}"


def survey_ensure(*, activity: Activity, by=None) -> Survey:
    """The activity's quick survey, created when there is none. The answers typed in by hand
    so far become its paper answers, so that they keep counting."""
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        existing = Survey.objects.filter(activity=activity).first()
        if existing:
            return existing
        return Survey.objects.create(
            activity=activity,
            closes_on=Survey.default_closing(activity),
            paper_answers=activity.survey_answers,
            paper_mean=activity.survey_mean,
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )


def survey_open(*, activity: Activity, by) -> Survey:
    """A manager or staff member of the owning unit opens the activity's survey."""
    if not permissions.can_open_survey(by, activity.unit):
        raise PermissionDenied
    return survey_ensure(activity=activity, by=by)


def _write_figures(survey: Survey) -> None:
    activity = Activity.objects.select_for_update().get(pk=survey.activity_id)
    answers, mean = combined_survey(
        paper_answers=survey.paper_answers,
        paper_mean=survey.paper_mean,
        online_answers=survey.online_answers,
        online_sum=survey.online_sum,
    )
    if (activity.survey_answers, activity.survey_mean) == (answers, mean):
        return
    activity.survey_answers, activity.survey_mean = answers, mean
    try:
        # save() keeps the summary tables current (activities.summaries' signals).
        activity.save()
    except MonthLockedError as error:
        raise SurveyClosed(
            _("Månaden är redan rapporterad och låst, så enkäten tar inte emot fler svar.")
        ) from error


def survey_update(
    *, survey: Survey, by, closes_on: datetime.date, paper_answers, paper_mean
) -> Survey:
    """The organiser changes the closing date or the answers given on paper."""
    if not permissions.can_open_survey(by, survey.activity.unit):
        raise PermissionDenied
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        survey.closes_on, survey.paper_answers, survey.paper_mean = (
            closes_on,
            paper_answers,
            paper_mean,
        )
        survey.full_clean()
        survey.save()
        _write_figures(survey)
    return survey


def answer_submit(
    *,
    survey: Survey,
    betyg: int,
    channel: str = "",
    age_band: str = "",
    text: str = "",
    today: datetime.date | None = None,
) -> Answer:
    """One visitor's answer: stored, and the activity's survey figures recomputed, in one
    transaction. Refused with a clear message after the closing date."""
    today = today or timezone.localdate()
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if not survey.is_open(today):
            raise SurveyClosed(
                _("Enkäten är stängd sedan %(date)s. Tack ändå!")
                % {"date": survey.closes_on.isoformat()}
            )
        if age_band and age_band not in survey.activity.target_bands:
            age_band = ""
        answer = Answer(
            survey=survey,
            betyg=betyg,
            channel=channel,
            age_band=age_band,
            text=text.strip(),
            answered_on=today,
        )
        answer.full_clean()
        answer.save()
        survey.online_answers += 1
        survey.online_sum += answer.betyg
        survey.save(update_fields=["online_answers", "online_sum"])
        _write_figures(survey)
    return answer


# --- partner survey (enkät samverkan) -----------------------------------------------------


def partner_survey_url(survey: PartnerSurvey) -> str:
    return f"{settings.SITE_URL}{reverse('evaluation:partner_answer', args=[survey.token])}"


def partner_survey_send(*, activity: Activity, partner, contact_email: str, by) -> PartnerSurvey:
    """The manager sends the partner survey of a collaboration to the partner's contact."""
    if not permissions.can_manage_unit(by, activity.unit):
        raise PermissionDenied
    if activity.collaboration == Collaboration.OWN:
        raise ValidationError(
            _("Enkäten till samverkansparter gäller aktiviteter i intern eller extern samverkan.")
        )
    survey = PartnerSurvey(
        activity=activity,
        partner=partner,
        contact_email=contact_email,
        closes_on=max(Survey.default_closing(activity), timezone.localdate())
        + datetime.timedelta(days=16),
        sent_by=by,
    )
    survey.full_clean()
    with transaction.atomic():
        survey.save()
        send_mail(
            subject=_("Hur gick samarbetet? %(title)s") % {"title": activity.title},
            message=_(
                "Hej!\n\nTack för samarbetet kring %(title)s (%(date)s). %(unit)s vill gärna "
                "veta hur det gick: roller och ansvar, budget, kommunikation och lärdomar att "
                "ta med. Det tar ett par minuter:\n\n%(url)s\n\nLänken gäller till och med "
                "%(closes)s.\n\nHälsningar\n%(sender)s"
            )
            % {
                "title": activity.title,
                "date": activity.date.isoformat(),
                "unit": activity.unit.name,
                "url": partner_survey_url(survey),
                "closes": survey.closes_on.isoformat(),
                "sender": by.get_full_name() or by.get_username(),
            },
            from_email=None,
            recipient_list=[contact_email],
        )
        survey.sent_at = timezone.now()
        survey.save(update_fields=["sent_at"])
    return survey


def partner_answer_submit(
    *,
    survey: PartnerSurvey,
    roles: int,
    budget: int,
    communication: int,
    lessons: str,
    today: datetime.date | None = None,
) -> PartnerAnswer:
    today = today or timezone.localdate()
    with transaction.atomic():
        survey = PartnerSurvey.objects.select_for_update().get(pk=survey.pk)
        if today > survey.closes_on:
            raise SurveyClosed(
                _("Enkäten är stängd sedan %(date)s. Tack ändå!")
                % {"date": survey.closes_on.isoformat()}
            )
        if PartnerAnswer.objects.filter(survey=survey).exists():
            raise SurveyClosed(_("Enkäten är redan besvarad. Tack!"))
        answer = PartnerAnswer(
            survey=survey,
            roles=roles,
            budget=budget,
            communication=communication,
            lessons=lessons.strip(),
            answered_on=today,
        )
        answer.full_clean()
        answer.save()
    return answer
