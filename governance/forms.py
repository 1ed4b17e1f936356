"""Browser forms of governance. They validate input; services write it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from culture_plan.models import FrameworkGoal, Goal, Indicator, TargetKind, Unit
from governance.models import Commitment, ComparisonGroup, Light, Period, ServiceOffer


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.framework.name}: {obj}"


class CommitmentForm(forms.ModelForm):
    framework_goal = GoalChoiceField(
        queryset=FrameworkGoal.objects.none(), required=False, label=_("Mål i styrdokument")
    )

    class Meta:
        model = Commitment
        fields = [
            "year",
            "title",
            "framework_goal",
            "plan_goal",
            "expected_result",
            "way_of_working",
            "follow_up",
            "resources",
            "start_date",
            "end_date",
            "activities",
            "indicators",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "activities": forms.CheckboxSelectMultiple,
            "indicators": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "framework_goal": _(
                "Välj antingen ett mål i ett styrdokument eller ett inriktningsmål."
            ),
        }

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework_goal"].queryset = FrameworkGoal.objects.select_related(
            "framework"
        ).order_by("framework__kind", "framework__name", "order", "code")
        # The goals of the plans that frame the unit (owned by it or a unit above it).
        self.fields["plan_goal"].queryset = (
            Goal.objects.filter(plan__unit__slug__in=unit.ancestor_slugs())
            .select_related("plan")
            .order_by("plan", "area__number", "order")
        )
        year = self.initial.get("year") or (self.instance.year if self.instance.pk else None)
        activities = Activity.objects.filter(unit__path__startswith=unit.path).order_by("date")
        if self.is_bound and self.data.get("year", "").isdigit():
            year = int(self.data["year"])
        if year:
            activities = activities.filter(date__year=year)
        self.fields["activities"].queryset = activities
        self.fields["activities"].label_from_instance = lambda a: (
            f"{a.date:%Y-%m-%d} {a.title} ({a.get_status_display().lower()})"
        )
        self.fields["indicators"].queryset = Indicator.objects.filter(
            unit__path__startswith=unit.path
        )


class AssessmentForm(forms.Form):
    period = forms.TypedChoiceField(label=_("Period"), choices=Period.choices, coerce=int)
    status = forms.ChoiceField(label=_("Status"), choices=Light.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea)


class ServiceOfferForm(forms.ModelForm):
    class Meta:
        model = ServiceOffer
        fields = ["promise", "description", "order"]


class IndicatorComparisonForm(forms.Form):
    kolada_kpi = forms.CharField(
        label=_("Nyckeltal i Kolada"),
        required=False,
        max_length=20,
        help_text=_("Till exempel N09801 (lån på folkbibliotek per invånare). Tomt: inget."),
    )
    group = forms.ModelChoiceField(
        label=_("Jämförelsegrupp"), queryset=ComparisonGroup.objects.none(), required=False
    )
    target_kind = forms.ChoiceField(label=_("Typ av mål"), choices=TargetKind.choices)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = ComparisonGroup.objects.filter(
            owner__slug__in=indicator.unit.ancestor_slugs()
        )

    def clean_kolada_kpi(self):
        return self.cleaned_data["kolada_kpi"].strip().upper()
