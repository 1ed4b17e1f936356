"""Forms of the follow-up pages. They validate input; the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import (
    Assessment,
    FocusItemAssessment,
    Light,
    MatrixAssessment,
    MonthlyReport,
    TargetPopulation,
)
from followup.services import ALL_INPUT_FIELDS, REPORT_INPUT_FIELDS

NO_LIGHT = ("", _("Ej bedömd"))


class MonthlyReportForm(forms.ModelForm):
    """The manager's judgement of the month: per dimension a light, comment and actions."""

    class Meta:
        model = MonthlyReport
        fields = ALL_INPUT_FIELDS
        widgets = {
            **{
                f"{dim.lower()}_status": forms.RadioSelect
                for dim in REPORT_INPUT_FIELDS  # one light per dimension
            },
            **{f"{dim.lower()}_comment": forms.Textarea(attrs={"rows": 3}) for dim in "VEPAQ"},
            **{f"{dim.lower()}_actions": forms.Textarea(attrs={"rows": 3}) for dim in "VEPAQ"},
            "a_risks": forms.Textarea(attrs={"rows": 3}),
            "a_workload": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }
        help_texts = {
            "e_outcome_ytd_kr": _("Från ekonomisystemet, i hela kronor."),
            "e_forecast_kr": _("Beräknat utfall för hela året, i hela kronor."),
            "a_workload": _("1 = ohållbar, 5 = god balans."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dim in REPORT_INPUT_FIELDS:
            field = self.fields[f"{dim.lower()}_status"]
            field.choices = [NO_LIGHT, *Light.choices]
            field.required = False

    def fields_for(self, dim: str) -> list[forms.BoundField]:
        return [self[name] for name in REPORT_INPUT_FIELDS[dim]]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till att månaden öppnas igen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Skriv varför månaden öppnas igen.")},
        help_text=_("Skälet sparas i loggen tillsammans med ditt namn och tiden."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Skriv varför månaden öppnas igen."))
        return reason


class TargetPopulationForm(forms.ModelForm):
    class Meta:
        model = TargetPopulation
        fields = ["population_10_25"]
        help_texts = {
            "population_10_25": _("Antal invånare 10–25 år som enheten vänder sig till, i år.")
        }
        error_messages = {
            "population_10_25": {
                "required": _("Ange antalet invånare 10–25 år."),
                "invalid": _("Ange ett heltal."),
            }
        }


class MatrixAssessmentForm(forms.ModelForm):
    class Meta:
        model = MatrixAssessment
        fields = ["assessment", "comment"]
        widgets = {"assessment": forms.RadioSelect, "comment": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = [("", _("Ej bedömd")), *Assessment.choices]
        self.fields["assessment"].required = False


class FocusItemAssessmentForm(forms.ModelForm):
    class Meta:
        model = FocusItemAssessment
        fields = ["assessment", "effect", "development"]
        widgets = {
            "assessment": forms.RadioSelect,
            "effect": forms.Textarea(attrs={"rows": 4}),
            "development": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = [("", _("Ej bedömd")), *Assessment.choices]
        self.fields["assessment"].required = False


class ReportDocumentForm(forms.Form):
    """The texts of an annual or tertial report: summary, an analysis per priority area,
    economy, personnel, outlook, and the good examples among the period's done activities."""

    summary = forms.CharField(label=_("Sammanfattning"), required=False, widget=forms.Textarea)
    economy = forms.CharField(label=_("Ekonomi"), required=False, widget=forms.Textarea)
    personnel = forms.CharField(label=_("Personal"), required=False, widget=forms.Textarea)
    outlook = forms.CharField(label=_("Framåtblick"), required=False, widget=forms.Textarea)
    good_examples = forms.ModelMultipleChoiceField(
        label=_("Goda exempel"),
        help_text=_("Välj bland periodens genomförda aktiviteter. Deras lärdomar kommer med."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # At most this many activities are offered as checkboxes (besides the chosen ones): a
    # municipality's year holds hundreds of thousands (issue 17: the page was 42 MB).
    SHOWN_EXAMPLES = 60

    def __init__(self, *args, areas, activities, offer, search: str = "", **kwargs):
        """`activities`: what a post is checked against (the whole period); `offer(chosen=,
        search=, limit=)`: the choices shown and the period's total
        (selectors.good_example_offer)."""
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        field = self.fields["good_examples"]
        field.queryset = activities
        self.search = search.strip()[:100]
        offered = offer(chosen=self._chosen_ids(), search=self.search, limit=self.SHOWN_EXAMPLES)
        self.examples_total = offered["total"]
        self.examples_shown = len(offered["choices"])
        field.widget.choices = list(offered["choices"])
        for area in self.areas:
            self.fields[f"area_{area.pk}"] = forms.CharField(
                label=_("Analys: %(number)s %(name)s") % {"number": area.number, "name": area.name},
                required=False,
                widget=forms.Textarea,
            )

    def _chosen_ids(self) -> list[int]:
        if self.is_bound:
            name = self.add_prefix("good_examples")
            getlist = getattr(self.data, "getlist", None)
            values = getlist(name) if getlist else self.data.get(name) or []
            values = [values] if isinstance(values, str | int) else values
        else:
            values = self.initial.get("good_examples") or []
        return [int(value) for value in values if str(value).isdigit()]

    def text_fields(self):
        return (
            [self["summary"]]
            + [self[f"area_{area.pk}"] for area in self.areas]
            + [
                self["economy"],
                self["personnel"],
                self["outlook"],
            ]
        )

    def analyses(self) -> dict[int, str]:
        return {area.pk: self.cleaned_data[f"area_{area.pk}"] for area in self.areas}
