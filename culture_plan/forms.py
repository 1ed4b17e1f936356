"""Browser forms for the plan side. They validate input; services write it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from culture_plan import permissions, selectors, services
from culture_plan.models import (
    AreaYearPlan,
    FrameworkGoal,
    Goal,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Plan,
    PriorityArea,
    Unit,
    YearPlan,
)


class FrameworkGoalChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes for steering-document goals, labelled with their framework."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.framework.name}: {obj}"


def _framework_goals():
    return FrameworkGoal.objects.select_related("framework")


class FrameworkGoalsMixin:
    """Adds the framework goal checkboxes with the labels the page shows."""

    def _setup_framework_goals(self):
        if "framework_goals" in self.fields:
            old = self.fields["framework_goals"]
            self.fields["framework_goals"] = FrameworkGoalChoiceField(
                queryset=_framework_goals(),
                required=False,
                label=old.label,
                help_text=_("Välj de mål i styrdokumenten som det här hänger ihop med."),
            )


class SwedishDecimalField(forms.DecimalField):
    """Accepts numbers as people type them here: "2,5", "1 250,5" (spaces group thousands)."""

    def __init__(self, *args, **kwargs):
        kwargs["localize"] = True
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\xa0", "").replace("\u202f", "").replace(" ", "")
        return super().to_python(value)


class PlanForm(FrameworkGoalsMixin, forms.ModelForm):
    """A culture plan; the owning unit is one the user manages."""

    class Meta:
        model = Plan
        fields = [
            "unit",
            "steward",
            "name",
            "start_year",
            "end_year",
            "status",
            "adopted_on",
            "description",
            "framework_goals",
        ]
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        managed = permissions.units_with_role(user, permissions.EDITORS).order_by("path")
        visible = permissions.visible_units(user).order_by("path")
        if self.instance.pk:
            # The owner of an existing plan does not move; its steward may change.
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = managed
        self.fields["steward"].queryset = visible
        self.fields["start_year"].widget.attrs.update({"inputmode": "numeric"})
        self.fields["end_year"].widget.attrs.update({"inputmode": "numeric"})
        self._setup_framework_goals()


class PriorityAreaForm(FrameworkGoalsMixin, forms.ModelForm):
    class Meta:
        model = PriorityArea
        fields = ["number", "name", "description", "framework_goals"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_framework_goals()

    def clean_number(self):
        number = self.cleaned_data["number"]
        duplicate = (
            PriorityArea.objects.filter(plan_id=self.instance.plan_id, number=number)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if duplicate:
            raise forms.ValidationError(
                _("Det finns redan ett område med nummer %(number)s i planen."),
                params={"number": number},
            )
        return number


class GoalForm(FrameworkGoalsMixin, forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["area", "code", "text", "order", "framework_goals"]

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan.areas.order_by("number")
        self.fields["area"].empty_label = None
        self._setup_framework_goals()


class YearPlanForm(forms.ModelForm):
    class Meta:
        model = YearPlan
        fields = [
            "year",
            "plan",
            "status",
            "budget_kr",
            "staffing_fte",
            "functions",
            "introduction",
            "preconditions",
            "analysis",
        ]
        field_classes = {"budget_kr": SwedishDecimalField, "staffing_fte": SwedishDecimalField}
        help_texts = {
            "staffing_fte": _("Till exempel 2,5"),
            "budget_kr": _("I hela kronor, till exempel 3022000"),
        }

    def __init__(self, *args, unit: Unit, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["plan"].queryset = selectors.framing_plans(unit=unit, user=user)

    def clean_year(self):
        year = self.cleaned_data["year"]
        duplicate = (
            YearPlan.objects.filter(unit=self.unit, year=year).exclude(pk=self.instance.pk).exists()
        )
        if duplicate:
            raise forms.ValidationError(
                _("Enheten har redan en verksamhetsplan för %(year)s."), params={"year": year}
            )
        return year


class AreaYearPlanForm(FrameworkGoalsMixin, forms.ModelForm):
    """One priority area in a year plan; the focus items are typed one per line."""

    focus = forms.CharField(
        label=_("Verksamhetsinriktning"),
        help_text=_("En inriktning per rad. Varje rad följs upp för sig."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    class Meta:
        model = AreaYearPlan
        fields = ["area", "preconditions", "board_goal", "method", "followup", "framework_goals"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("preconditions", "board_goal", "method", "followup")
        }

    field_order = [
        "area",
        "preconditions",
        "board_goal",
        "focus",
        "method",
        "followup",
        "framework_goals",
    ]

    def __init__(self, *args, year_plan: YearPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = year_plan.plan.areas.order_by("number")
        self.fields["area"].empty_label = None
        if self.instance.pk and not self.is_bound:
            self.initial["focus"] = "\n".join(
                item.text for item in self.instance.focus_items.order_by("order", "pk")
            )
        self._setup_framework_goals()

    def clean_area(self):
        area = self.cleaned_data["area"]
        duplicate = (
            AreaYearPlan.objects.filter(year_plan_id=self.instance.year_plan_id, area=area)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if duplicate:
            raise forms.ValidationError(
                _("Verksamhetsplanen har redan en plan för området %(area)s."),
                params={"area": area},
            )
        return area

    def clean_focus(self):
        return services.focus_lines(self.cleaned_data["focus"])


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "description",
            "plan",
            "goal",
            "unit_of_measure",
            "direction",
            "frequency",
            "source",
            "baseline_year",
            "baseline_value",
            "order",
        ]
        field_classes = {"baseline_value": SwedishDecimalField}

    def __init__(self, *args, unit: Unit, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        plans = selectors.framing_plans(unit=unit, user=user)
        self.fields["plan"].queryset = plans
        self.fields["goal"].queryset = Goal.objects.filter(plan__in=plans).select_related("plan")

    def clean(self):
        cleaned = super().clean()
        plan, goal = cleaned.get("plan"), cleaned.get("goal")
        if goal and plan and goal.plan_id != plan.pk:
            self.add_error("goal", _("Målet måste höra till den valda kulturplanen."))
        return cleaned


class IndicatorTargetForm(forms.ModelForm):
    class Meta:
        model = IndicatorTarget
        fields = ["year", "value"]
        field_classes = {"value": SwedishDecimalField}

    def clean_year(self):
        year = self.cleaned_data["year"]
        duplicate = (
            IndicatorTarget.objects.filter(indicator_id=self.instance.indicator_id, year=year)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if duplicate:
            raise forms.ValidationError(
                _("Det finns redan ett målvärde för %(year)s."), params={"year": year}
            )
        return year


class IndicatorValueForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["year", "period", "value", "comment"]
        field_classes = {"value": SwedishDecimalField}
        help_texts = {
            "period": _("Månad 1–12 för månadsvärden, tertial 1–3, eller 0 för helår."),
        }

    def clean(self):
        cleaned = super().clean()
        year, period = cleaned.get("year"), cleaned.get("period")
        if year is not None and period is not None:
            duplicate = (
                IndicatorValue.objects.filter(
                    indicator_id=self.instance.indicator_id, year=year, period=period
                )
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if duplicate:
                self.add_error(
                    "period", _("Det finns redan ett värde för den här perioden och året.")
                )
        return cleaned


def add_service_errors(form, error: forms.ValidationError) -> None:
    """Show a service's validation error at its field, or above the form (every app's managed
    forms: plans, governance, internal control)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error)
