"""Evaluation pages: the visitor's answer page (public, no account), the organiser's survey
page with its QR code and printable sign, and the partner survey. Reads through selectors,
writes through services, rules through culture_plan.permissions and evaluation.abuse."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from activities.models import Activity
from culture_plan import form_flow, permissions
from evaluation import abuse, forms, qr, selectors, services
from evaluation.models import PartnerSurvey, Survey

# --- the visitor's page ------------------------------------------------------------------


def _answer_page(request, survey, *, form=None, notice="", status=200):
    return render(
        request,
        "evaluation/answer.html",
        {"survey": survey, "activity": survey.activity, "form": form, "notice": notice},
        status=status,
    )


def _refusal(request, survey) -> tuple[str, int] | None:
    """Why this device may not answer now, and the status to say it with."""
    if not survey.is_open(timezone.localdate()):
        return _("Enkäten är stängd sedan %(date)s. Tack ändå!") % {
            "date": survey.closes_on.isoformat()
        }, 410
    if abuse.has_answered(request, survey.token):
        return _("Du har redan svarat på den här enkäten från den här enheten. Tack!"), 409
    return None


@never_cache
def answer(request, token: str):
    """Anyone with the link answers once per device, without an account."""
    survey = selectors.survey_by_token(token)
    refusal = _refusal(request, survey)
    if refusal:
        return _answer_page(request, survey, notice=refusal[0], status=refusal[1])
    bands = survey.activity.target_bands
    form = forms.AnswerForm(request.POST or None, bands=bands)
    if request.method != "POST" or not form.is_valid():
        return _answer_page(request, survey, form=form, status=400 if form.errors else 200)
    if abuse.throttled(request):
        notice = _("För många svar från samma nätverk just nu. Vänta en minut och försök igen.")
        return _answer_page(request, survey, form=form, notice=notice, status=429)
    try:
        services.answer_submit(survey=survey, **form.cleaned_data)
    except ValidationError as error:
        return _answer_page(request, survey, notice=" ".join(error.messages), status=410)
    response = _answer_page(request, survey, notice=_("Tack för ditt svar!"))
    abuse.remember_answer(request, response, survey.token)
    return response


@never_cache
def partner_answer(request, token: str):
    survey = get_object_or_404(
        PartnerSurvey.objects.select_related("activity", "activity__unit"), token=token
    )
    form = forms.PartnerAnswerForm(request.POST or None)
    context = {"survey": survey, "activity": survey.activity, "form": form, "notice": ""}
    if hasattr(survey, "answer"):
        context.update(form=None, notice=_("Enkäten är redan besvarad. Tack!"))
    elif request.method == "POST" and form.is_valid():
        try:
            services.partner_answer_submit(survey=survey, **form.cleaned_data)
            context.update(form=None, notice=_("Tack för ditt svar!"))
        except ValidationError as error:
            context.update(form=None, notice=" ".join(error.messages))
    return render(request, "evaluation/partner_answer.html", context)


# --- the organiser's pages ---------------------------------------------------------------


def _activity(request, pk: int) -> Activity:
    activity = get_object_or_404(Activity.objects.select_related("unit"), pk=pk)
    permissions.require(
        permissions.can_open_survey(request.user, activity.unit),
        visible=permissions.can_view_unit(request.user, activity.unit),
    )
    return activity


def _survey(request, pk: int) -> Survey:
    return get_object_or_404(Survey, activity=_activity(request, pk))


def _survey_context(request, activity: Activity, survey: Survey | None, **forms_shown) -> dict:
    """The survey page: its link and QR code, figures, settings, partner surveys; a refused
    post shows it again with its own form bound (`forms_shown`: form or partner_form)."""
    return {
        "activity": activity,
        "survey": survey,
        "url": services.survey_url(survey) if survey else "",
        "qr_svg": qr.svg(services.survey_url(survey)) if survey else "",
        "form": forms.SurveyForm(instance=survey) if survey else None,
        "texts": survey.answers.exclude(text="").order_by("-pk")[:200]
        if survey and permissions.can_read_survey_texts(request.user, activity.unit)
        else None,
        "partner_form": forms.PartnerSurveyForm(activity=activity),
        "partner_surveys": activity.partner_surveys.select_related("partner", "answer"),
        "may_send": permissions.can_manage_unit(request.user, activity.unit),
        **forms_shown,
    }


def _back_to_survey(pk: int):
    return lambda _saved: reverse("evaluation:survey", kwargs={"pk": pk})


@login_required
def survey_page(request, pk: int):
    activity = _activity(request, pk)
    survey = Survey.objects.filter(activity=activity).first()
    return render(request, "evaluation/survey.html", _survey_context(request, activity, survey))


@login_required
@require_POST
def survey_open(request, pk: int):
    activity = _activity(request, pk)
    services.survey_open(activity=activity, by=request.user)
    messages.success(request, _("Enkäten är öppen. Skriv ut skylten eller visa QR-koden."))
    return redirect("evaluation:survey", pk=activity.pk)


@login_required
@require_POST
def survey_update(request, pk: int):
    """The closing date and the paper answers; a refused post keeps what was typed."""
    survey = _survey(request, pk)
    form = forms.SurveyForm(request.POST, instance=Survey.objects.get(pk=survey.pk))
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: services.survey_update(survey=survey, by=request.user, **data),
        success=_("Enkäten är sparad."),
        redirect_to=_back_to_survey(pk),
        template="evaluation/survey.html",
        context=lambda: _survey_context(request, survey.activity, survey, form=form),
    )


@login_required
def survey_qr(request, pk: int, fmt: str):
    url = services.survey_url(_survey(request, pk))
    if fmt == "png":
        response = HttpResponse(qr.png(url), content_type="image/png")
    else:
        response = HttpResponse(qr.svg(url), content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="enkat-{pk}.{fmt}"'
    return response


@login_required
def survey_sign(request, pk: int):
    """An A4 sign to print: the activity's title and date, the QR code and the short link."""
    survey = _survey(request, pk)
    url = services.survey_url(survey)
    return render(
        request,
        "evaluation/sign.html",
        {
            "activity": survey.activity,
            "survey": survey,
            "url": url,
            "qr_svg": qr.svg(url, scale=14),
        },
    )


def _send_partner_survey(activity: Activity, by, data: dict) -> PartnerSurvey:
    """The partner survey through its service; a mail server that does not answer is a
    refusal at the form (nothing is kept, what was typed stays)."""
    try:
        return services.partner_survey_send(activity=activity, by=by, **data)
    except OSError as error:
        raise ValidationError(_("E-postservern svarar inte. Försök igen senare.")) from error


@login_required
@require_POST
def partner_send(request, pk: int):
    activity = _activity(request, pk)
    form = forms.PartnerSurveyForm(request.POST, activity=activity)
    return form_flow.form_page(
        request,
        form=form,
        save=lambda data: _send_partner_survey(activity, request.user, data),
        success=lambda sent: (
            _("Enkäten är skickad till %(email)s.") % {"email": sent.contact_email}
        ),
        redirect_to=_back_to_survey(pk),
        template="evaluation/survey.html",
        context=lambda: _survey_context(
            request,
            activity,
            Survey.objects.filter(activity=activity).first(),
            partner_form=form,
        ),
    )
