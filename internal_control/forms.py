"""Browser forms for internal control. They validate input; services write it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from culture_plan.models import Goal
from culture_plan.selectors import plan_in_force
from internal_control.models import (
    CONSEQUENCE_DESCRIPTIONS,
    LIKELIHOOD_DESCRIPTIONS,
    Action,
    Consequence,
    Control,
    ControlResult,
    InternalControlPlan,
    Likelihood,
    Risk,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GoalChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.text}"


class PlanForm(forms.ModelForm):
    class Meta:
        model = InternalControlPlan
        fields = ["year", "monitor_from", "act_from", "urgent_from", "notes"]
        help_texts = {
            "monitor_from": _("Lägsta riskvärde som ska bevakas (standard 4)."),
            "act_from": _("Lägsta riskvärde som ska åtgärdas (standard 8)."),
            "urgent_from": _("Lägsta riskvärde som ska hanteras snarast (standard 12)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The year names the plan; a new year is a new plan.
            del self.fields["year"]


def _scale_choices(choices, descriptions):
    return [(value, f"{value} {label} – {descriptions[value]}") for value, label in choices]


class RiskForm(forms.ModelForm):
    goals = GoalChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label=_("Hotade mål"),
        help_text=_("Inriktningsmål i kulturplanen som risken hotar."),
    )

    class Meta:
        model = Risk
        fields = [
            "process",
            "title",
            "consequence_text",
            "likelihood",
            "consequence",
            "decision",
            "goals",
        ]
        widgets = {
            "likelihood": forms.RadioSelect,
            "consequence": forms.RadioSelect,
            "decision": forms.RadioSelect,
            "consequence_text": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "process": _("Till exempel Kultur- och fritidsutbud eller Ekonomi."),
            "likelihood": _("Hur ofta kan det inträffa?"),
            "consequence": _("Hur allvarligt blir det om det inträffar?"),
            "decision": _(
                "Kontroll: följs upp med kontrollmoment. Åtgärd: något görs direkt. "
                "Accepteras: risken godtas."
            ),
        }

    def __init__(self, *args, plan: InternalControlPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["likelihood"].choices = _scale_choices(
            Likelihood.choices, LIKELIHOOD_DESCRIPTIONS
        )
        self.fields["consequence"].choices = _scale_choices(
            Consequence.choices, CONSEQUENCE_DESCRIPTIONS
        )
        self.fields["decision"].choices = Risk.Decision.choices
        in_force = plan_in_force(unit=plan.unit, year=plan.year)
        if in_force is None:
            del self.fields["goals"]
        else:
            self.fields["goals"].queryset = Goal.objects.filter(plan=in_force).order_by(
                "area__number", "order", "code"
            )


class ControlForm(forms.ModelForm):
    class Meta:
        model = Control
        fields = ["title", "method", "frequency", "responsible", "reported_to"]
        help_texts = {
            "title": _(
                "Vad som kontrolleras, till exempel Aktiviteternas spridning på målgrupper."
            ),
            "responsible": _("Vem som gör kontrollen, till exempel Enhetschef."),
            "reported_to": _("Till exempel Kultur- och fritidsnämnden."),
        }


class ResultForm(forms.ModelForm):
    """One control occasion; a deviation may get its first action in the same form."""

    action_title = forms.CharField(
        label=_("Åtgärd"),
        required=False,
        max_length=300,
        help_text=_("Vid avvikelse: vad ska göras? Lämna tomt om ingen åtgärd beslutas nu."),
    )
    action_responsible = forms.CharField(
        label=_("Ansvarig för åtgärden"), required=False, max_length=200
    )
    action_due_date = forms.DateField(label=_("Åtgärden klar senast"), required=False, widget=DATE)

    class Meta:
        model = ControlResult
        fields = ["date", "outcome", "comment"]
        widgets = {"date": DATE, "outcome": forms.RadioSelect}

    def __init__(self, *args, with_action: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = ControlResult.Outcome.choices
        if not with_action:
            for name in ("action_title", "action_responsible", "action_due_date"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if "action_title" not in self.fields:
            return data
        given = [data.get(n) for n in ("action_title", "action_responsible", "action_due_date")]
        if any(given):
            if data.get("outcome") != ControlResult.Outcome.DEVIATION:
                self.add_error("action_title", _("Bara en avvikelse kan få en åtgärd."))
            for name, label in (
                ("action_title", _("Skriv vad som ska göras.")),
                ("action_responsible", _("Ange vem som ansvarar för åtgärden.")),
                ("action_due_date", _("Ange när åtgärden ska vara klar.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, label)
        return data

    def action_data(self) -> dict | None:
        if "action_title" not in self.fields or not self.cleaned_data.get("action_title"):
            return None
        return {
            "title": self.cleaned_data["action_title"],
            "responsible": self.cleaned_data["action_responsible"],
            "due_date": self.cleaned_data["action_due_date"],
        }


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "responsible", "due_date", "status"]
        widgets = {"due_date": DATE, "status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Action.Status.choices
