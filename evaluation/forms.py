from django import forms
from django.utils.translation import gettext_lazy as _

from evaluation.models import MAX_TEXT, SCORES, Channel, PartnerSurvey, Survey


class AnswerForm(forms.Form):
    """The visitor's form: a score (required), how they heard of it, an age band, a text."""

    betyg = forms.TypedChoiceField(
        label=_("Vad tyckte du om aktiviteten?"),
        help_text=_("1 = inte alls bra, 5 = mycket bra"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Välj ett betyg från 1 till 5."),
            "invalid_choice": _("Välj ett betyg från 1 till 5."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Hur fick du veta om aktiviteten?"),
        choices=Channel.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Välj ett av svaren i listan.")},
    )
    age_band = forms.ChoiceField(
        label=_("Hur gammal är du?"),
        help_text=_("Frivilligt."),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Välj en av åldersgrupperna.")},
    )
    text = forms.CharField(
        label=_("Något mer du vill säga?"),
        help_text=_(
            "Frivilligt, högst 500 tecken. Skriv inte namn eller annat som pekar ut någon."
        ),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_TEXT}),
        error_messages={"max_length": _("Skriv högst 500 tecken (du skrev %(show_value)d).")},
    )

    def __init__(self, *args, bands=(), **kwargs):
        super().__init__(*args, **kwargs)
        if bands:
            self.fields["age_band"].choices = [
                (band, _("%(band)s år") % {"band": band}) for band in bands
            ]
        else:
            del self.fields["age_band"]


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["closes_on", "paper_answers", "paper_mean"]
        widgets = {"closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "paper_answers": _("Svar som samlats in på papper eller i samtal räknas med."),
        }


class PartnerSurveyForm(forms.ModelForm):
    class Meta:
        model = PartnerSurvey
        fields = ["partner", "contact_email"]

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = activity.partners.all()


class PartnerAnswerForm(forms.Form):
    roles = forms.TypedChoiceField(
        label=_("Roller och ansvar var tydliga"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett betyg från 1 till 5.")},
    )
    budget = forms.TypedChoiceField(
        label=_("Budgeten var tydlig och höll"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett betyg från 1 till 5.")},
    )
    communication = forms.TypedChoiceField(
        label=_("Kommunikationen fungerade"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj ett betyg från 1 till 5.")},
    )
    lessons = forms.CharField(
        label=_("Lärdomar att ta med till kommande samarbeten"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )
