"""Forms for logging activities on a phone: common fields first, the rest folded away."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from activities import selectors, versions
from activities.excel import XLSX
from activities.models import (
    AGE_BANDS,
    AGE_COUNT_FIELDS,
    AGE_GROUP,
    TARGET_FIELDS,
    Activity,
    Status,
)
from activities.services import MAX_SERIES, split_names
from culture_plan import permissions
from culture_plan.models import Goal, PriorityArea, Unit
from culture_plan.selectors import plan_in_force

GENDER_FIELDS = ["girls", "boys", "other_gender"]
AGE_FIELDS = list(AGE_COUNT_FIELDS.values())
COMMON_FIELDS = [
    "unit",
    "title",
    "date",
    "status",
    "target_bands",
    "all_ages",
    "priority_area",
    "goals",
    "kind",
    "collaboration",
    "place_name",
]
MORE_FIELDS = [
    "description",
    "end_date",
    "partner_names",
    "co_arrangers",
    "holiday",
    "culture_area",
    "national_minorities",
    "cost_kr",
    "survey_answers",
    "survey_mean",
    "lessons_learned",
]
# The fieldset "Kulturkalendern": what the public calendar shows (DESIGN "Open and connected").
PUBLIC_FIELDS = [
    "is_public",
    "public_text",
    "start_time",
    "end_time",
    "public_place",
    "public_street",
    "public_locality",
    "public_price",
    "public_image_url",
]
UNIQUE_HELP = _(
    "Frivilligt, för serier och workshoppar: hur många olika personer som deltog. Besöken ovan "
    "räknar varje gång någon kommer; unika deltagare räknar varje person en gång."
)
WEEKDAYS = [
    (0, _("Måndag")),
    (1, _("Tisdag")),
    (2, _("Onsdag")),
    (3, _("Torsdag")),
    (4, _("Fredag")),
    (5, _("Lördag")),
    (6, _("Söndag")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _counts_optional(form) -> None:
    """An empty count box means 0: one less thing to type on a phone."""
    for name in [*GENDER_FIELDS, *AGE_FIELDS]:
        if name in form.fields:
            form.fields[name].required = False
            form.fields[name].widget.attrs.update({"inputmode": "numeric", "min": "0"})


def _empty_counts_are_zero(form, cleaned) -> None:
    for name in [*GENDER_FIELDS, *AGE_FIELDS]:
        if name in form.fields and cleaned.get(name) is None and name not in form.errors:
            cleaned[name] = 0


class ModelErrorsMixin:
    """Puts a model error about a field this form does not show at the top of the form,
    instead of failing (Django raises ValueError for an unknown field). An error about the
    age bands together (AGE_GROUP) stays one error of the group: the template shows it at
    the fieldset and the error summary links it to the first age box."""

    # False where a form has no age fieldset to show the group's error at (the admin): the
    # error goes to the top of the form.
    age_group_at_fieldset = True

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            mapped: dict[str, list] = {}
            for name, errors in error.error_dict.items():
                if name in TARGET_FIELDS.values() and "target_bands" in self.fields:
                    name = "target_bands"
                at_fieldset = self.age_group_at_fieldset and AGE_FIELDS[0] in self.fields
                if name == AGE_GROUP and at_fieldset:
                    self._add_age_group_errors(errors)
                    continue
                key = name if name in self.fields else NON_FIELD_ERRORS
                mapped.setdefault(key, []).extend(errors)
            if not mapped:
                return
            error = ValidationError(mapped)
        super().add_error(field, error)

    def _add_age_group_errors(self, errors) -> None:
        # Django's add_error accepts only a field's name; a group's errors go in directly,
        # so that form.errors (and is_valid) include them.
        self._errors.setdefault(AGE_GROUP, self.error_class(renderer=self.renderer))
        self._errors[AGE_GROUP].extend(errors)
        for name in AGE_FIELDS:
            self.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": "age-bands-error"}
            )

    def age_group_errors(self) -> list:
        return self.errors.get(AGE_GROUP, [])

    def group_errors(self) -> list[tuple[str, str, str]]:
        """(anchor, label, message) of the errors about a group of fields, for the error
        summary: the age bands' sum links to the first age box."""
        label = _("Deltagare per ålder")
        return [(f"id_{AGE_FIELDS[0]}", label, message) for message in self.age_group_errors()]


class BaseActivityForm(ModelErrorsMixin, forms.ModelForm):
    """Shared by the single activity form and the series form."""

    unit = forms.ModelChoiceField(label=_("Enhet"), queryset=None, empty_label=None)
    goals = forms.ModelMultipleChoiceField(
        label=_("Inriktningsmål"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    place_name = forms.CharField(
        label=_("Ort"),
        required=False,
        max_length=200,
        help_text=_("Välj en känd ort eller skriv en ny."),
        widget=forms.TextInput(attrs={"list": "place-names", "autocomplete": "off"}),
    )
    partner_names = forms.CharField(
        label=_("Samverkansparter (kommaseparerade)"),
        required=False,
        max_length=2000,
        help_text=_("Till exempel: ABF, Sörmlands museum. Nya namn läggs till för enheten."),
        widget=forms.TextInput(attrs={"list": "partner-names", "autocomplete": "off"}),
    )
    co_arrangers = forms.ModelMultipleChoiceField(
        label=_("Medarrangörer"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Andra enheter i kommunen som arrangerar aktiviteten tillsammans med er. Den "
            "registreras en gång och räknas en gång hos var och en; bara er enhet ändrar den."
        ),
    )
    target_bands = forms.MultipleChoiceField(
        label=_("Målgrupp (ålder)"),
        required=False,
        choices=[(band, band.replace("-", "–")) for band in AGE_BANDS],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Krävs för planerade och genomförda aktiviteter: andelen för unga (10–25 år) "
            "räknas från den."
        ),
    )
    all_ages = forms.BooleanField(label=_("Alla åldrar"), required=False)

    class Meta:
        model = Activity
        fields = [
            "title",
            "date",
            "status",
            "priority_area",
            "kind",
            "collaboration",
            "description",
            "end_date",
            "holiday",
            "culture_area",
            "national_minorities",
            "cost_kr",
            "survey_answers",
            "survey_mean",
            "lessons_learned",
            *GENDER_FIELDS,
            *AGE_FIELDS,
            *PUBLIC_FIELDS,
        ]
        widgets = {
            "date": DateInput(),
            "end_date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "public_text": forms.Textarea(attrs={"rows": 3}),
            "status": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "collaboration": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "lessons_learned": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title": _("Titel"),
            "date": _("Datum"),
            "status": _("Status"),
            "priority_area": _("Prioriterat område"),
            "kind": _("Typ"),
            "collaboration": _("Samverkan"),
            "description": _("Beskrivning"),
            "end_date": _("Slutdatum"),
            "holiday": _("Lov"),
            "culture_area": _("Kulturområde"),
            "national_minorities": _("Nationella minoriteter uppmärksammas"),
            "cost_kr": _("Kostnad (kr)"),
            "survey_answers": _("Enkätsvar (antal)"),
            "survey_mean": _("Medelbetyg (1–5)"),
            "lessons_learned": _("Erfarenheter och lärdomar"),
            "girls": _("Flickor"),
            "boys": _("Pojkar"),
            "other_gender": _("Annat/ej angivet"),
            "is_public": _("Visa aktiviteten i den öppna kulturkalendern"),
            "public_text": _("Text för allmänheten"),
            "start_time": _("Starttid"),
            "end_time": _("Sluttid"),
            "public_place": _("Plats för allmänheten"),
            "public_street": _("Gatuadress"),
            "public_locality": _("Postort"),
            "public_price": _("Entré (kr)"),
            "public_image_url": _("Bild (webbadress)"),
        }
        help_texts = {
            "end_date": _("Bara om aktiviteten pågår flera dagar. Den räknas i startmånaden."),
            "is_public": _(
                "Kalendern visar titel, datum, tider, plats och texten nedan, aldrig deltagare, "
                "kostnader eller interna texter."
            ),
            "public_text": _("Syns för alla. Skriv inget internt här."),
            "public_place": _("Till exempel adress eller lokal. Tomt: orten visas."),
            "public_price": _("0 för fri entré. Tomt: inget pris anges."),
            "public_locality": _("Tomt: orten används."),
            "public_image_url": _("En bild som får visas offentligt."),
        }

    goal_include = "[name=goals], [name=unit], [name=date], [name=priority_area]"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        units = permissions.units_with_role(user, permissions.LOGGERS).order_by("path")
        self.units = list(units)
        self.fields["unit"].queryset = units
        if self.instance.pk is None and self.units and "unit" not in self.initial:
            self.initial["unit"] = self.units[0].pk
        if self.instance.pk is not None:
            self.initial.setdefault("unit", self.instance.unit_id)
        if len(self.units) <= 1:
            self.fields["unit"].widget = forms.HiddenInput()
        plans = selectors.candidate_plans(units=self.units)
        areas = PriorityArea.objects.filter(plan__in=plans).order_by("-plan__start_year", "number")
        self.fields["priority_area"].queryset = areas
        self.fields["priority_area"].empty_label = _("Välj område")
        # htmx: a new area, date or unit reloads the goal checkboxes (the plan in force
        # depends on unit and year). Without JavaScript all goals show, grouped by area.
        for name in ["priority_area", "date", "start_date", "unit"]:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {
                        "hx-get": reverse_lazy("activities:goal_choices"),
                        "hx-target": "#goal-choices",
                        "hx-swap": "innerHTML",
                        "hx-trigger": "change",
                        "hx-include": self.goal_include,
                    }
                )
        self.fields["goals"].queryset = Goal.objects.filter(plan__in=plans).select_related("area")
        self.fields["co_arrangers"].queryset = selectors.co_arranger_choices(units=self.units)
        _counts_optional(self)
        if self.instance.pk is not None:
            self.initial.setdefault("goals", [goal.pk for goal in self.instance.goals.all()])
            self.initial.setdefault(
                "partner_names", ", ".join(p.name for p in self.instance.partners.all())
            )
            self.initial.setdefault(
                "place_name", self.instance.place.name if self.instance.place_id else ""
            )
            self.initial.setdefault("target_bands", self.instance.target_bands)
            self.initial.setdefault(
                "co_arrangers", [unit.pk for unit in self.instance.co_arrangers.all()]
            )

    # What the template needs beyond the fields.

    def chosen_unit(self):
        value = self["unit"].value()
        for unit in self.units:
            if str(unit.pk) == str(value):
                return unit
        return self.units[0] if self.units else None

    def chosen_year(self) -> int:
        value = self["date"].value() if "date" in self.fields else None
        if isinstance(value, datetime.date):
            return value.year
        try:
            return datetime.date.fromisoformat(str(value)).year
        except (TypeError, ValueError):
            return timezone.localdate().year

    def goal_choices(self) -> dict:
        """The chosen area's goals, the other areas folded (selectors.goal_choices)."""
        try:
            area_id = int(self["priority_area"].value() or 0) or None
        except (TypeError, ValueError):
            area_id = None
        return selectors.goal_choices(
            unit=self.chosen_unit(),
            year=self.chosen_year(),
            area_id=area_id,
            selected={str(value) for value in (self["goals"].value() or [])},
        )

    def known_partner_names(self) -> list[str]:
        return selectors.known_partner_names(units=self.units)

    def known_place_names(self) -> list[str]:
        return selectors.known_place_names(units=self.units)

    def common_fields(self):
        # goals and all_ages are drawn inside their neighbours (the area, Målgrupp)
        return [
            self[name]
            for name in COMMON_FIELDS
            if name in self.fields and name not in {"goals", "all_ages"}
        ]

    def more_fields(self):
        return [self[name] for name in MORE_FIELDS if name in self.fields]

    def public_fields(self):
        return [self[name] for name in PUBLIC_FIELDS if name in self.fields]

    def public_fields_have_errors(self) -> bool:
        return any(self[name].errors for name in PUBLIC_FIELDS if name in self.fields)

    def more_fields_have_errors(self) -> bool:
        return any(self[name].errors for name in MORE_FIELDS if name in self.fields)

    def gender_fields(self):
        return [self[name] for name in GENDER_FIELDS if name in self.fields]

    def age_fields(self):
        return [self[name] for name in AGE_FIELDS if name in self.fields]

    def unique_field(self):
        """Unique participants (persons, not visits), shown with the participants."""
        return self["unique_participants"] if "unique_participants" in self.fields else None

    # Validation.

    def clean(self):
        cleaned = super().clean()
        _empty_counts_are_zero(self, cleaned)
        unit = cleaned.get("unit")
        if unit is not None:
            self.instance.unit = unit
        area = cleaned.get("priority_area")
        goals = list(cleaned.get("goals") or [])
        if goals and area is None:
            areas = {goal.area_id for goal in goals}
            if len(areas) == 1:
                area = goals[0].area
                cleaned["priority_area"] = area
        if goals:
            self._check_goals(area=area, goals=goals)
        if cleaned.get("all_ages"):
            cleaned["target_bands"] = list(AGE_BANDS)
        self.instance.set_target_bands(cleaned.get("target_bands") or [])
        if unit is not None and cleaned.get("co_arrangers"):
            try:
                self.instance.validate_co_arrangers(cleaned["co_arrangers"])
            except ValidationError as error:
                for message in error.message_dict["co_arrangers"]:
                    self.add_error("co_arrangers", message)
        return cleaned

    def _check_goals(self, *, area, goals) -> None:
        """The model's rule (Activity.validate_goals), reported at the form's fields."""
        self.instance.priority_area = area
        try:
            self.instance.validate_goals(goals)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)

    def service_kwargs(self) -> dict:
        return {
            "goals": self.cleaned_data.get("goals") or [],
            "partner_names": split_names(self.cleaned_data.get("partner_names", "")),
            "place_name": self.cleaned_data.get("place_name", ""),
            "co_arrangers": list(self.cleaned_data.get("co_arrangers") or []),
        }


class ActivityForm(BaseActivityForm):
    """One activity: log it right after it happened, or plan it."""

    class Meta(BaseActivityForm.Meta):
        fields = [*BaseActivityForm.Meta.fields, "unique_participants"]
        labels = {**BaseActivityForm.Meta.labels, "unique_participants": _("Unika deltagare")}
        help_texts = {
            **BaseActivityForm.Meta.help_texts,
            "unique_participants": UNIQUE_HELP,
        }

    # The initial values of a new activity's form (activity_create): anything else, a copy's.
    PLAIN_INITIAL = frozenset({"date", "status", "unit"})

    def fragment_key(self) -> str | None:
        """The cache key of the rendered fields of a new, unbound form (activity_form.html),
        or None for a bound form (it shows what was typed and its errors), an edit or a copy.
        The fields are the same for every reader with the same units, language and initial
        values (the date is today's): the co-arranger checkboxes (every unit of the
        municipality), the areas and goals of the plans in force, the units' known places and
        partners. Each write of those replaces the data version of the units' subtrees (every
        year) or of everything (units, plans, areas, goals), so the key changes with it."""
        if self.is_bound or self.instance.pk is not None or set(self.initial) - self.PLAIN_INITIAL:
            return None
        return versions.cache_key(
            "activity-form",
            paths=[unit.path for unit in self.units],
            years=None,
            parts=(
                tuple(unit.pk for unit in self.units),
                tuple(sorted((name, str(value)) for name, value in self.initial.items())),
            ),
        )

    def likely_duplicates(self) -> list:
        """Activities of other units of the municipality on the same date and place with a
        similar title (DESIGN "One event, many arrangers"); only for a new activity."""
        if self.instance.pk is not None or not hasattr(self, "cleaned_data"):
            return []
        unit, date = self.cleaned_data.get("unit"), self.cleaned_data.get("date")
        if unit is None or date is None:
            return []
        return selectors.likely_duplicates(
            unit=unit,
            date=date,
            title=self.cleaned_data.get("title", ""),
            place_name=self.cleaned_data.get("place_name", ""),
        )


class SeriesForm(BaseActivityForm):
    """Many planned activities at once: the same content on chosen weekdays."""

    goal_include = "[name=goals], [name=unit], [name=start_date], [name=priority_area]"
    start_date = forms.DateField(label=_("Första datum"), widget=DateInput())
    last_date = forms.DateField(label=_("Sista datum"), widget=DateInput())
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Veckodagar"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        # Lazy as a whole: "lazy % dict" would translate once, at import, in Swedish.
        help_text=lazy(
            lambda: _("Högst %(max)s tillfällen. Alla skapas som planerade.") % {"max": MAX_SERIES},
            str,
        )(),
    )

    class Meta(BaseActivityForm.Meta):
        fields = [
            "title",
            "priority_area",
            "kind",
            "collaboration",
            "description",
            "holiday",
            "culture_area",
            "national_minorities",
            "cost_kr",
            "lessons_learned",
        ]

    def chosen_year(self) -> int:
        value = self["start_date"].value()
        try:
            return datetime.date.fromisoformat(str(value)).year
        except (TypeError, ValueError):
            return timezone.localdate().year

    def clean(self):
        cleaned = super().clean()
        start, last = cleaned.get("start_date"), cleaned.get("last_date")
        if start and last:
            if last < start:
                self.add_error("last_date", _("Sista datum kan inte ligga före första datum."))
            elif (last - start).days > 366 * 2:
                self.add_error("last_date", _("En serie kan vara högst två år lång."))
            else:
                count = len(
                    selectors.series_dates(
                        start=start, end=last, weekdays=set(cleaned.get("weekdays") or [])
                    )
                )
                if count > MAX_SERIES:
                    self.add_error(
                        "last_date",
                        _(
                            "En serie kan ha högst %(max)s tillfällen; de valda datumen ger "
                            "%(count)s."
                        )
                        % {"max": MAX_SERIES, "count": count},
                    )
                elif count == 0 and cleaned.get("weekdays"):
                    self.add_error(
                        "weekdays",
                        _("Inga datum mellan första och sista datum faller på de valda dagarna."),
                    )
        area = cleaned.get("priority_area")
        unit = cleaned.get("unit")
        if area is not None and unit is not None and start is not None:
            plan = plan_in_force(unit=unit, year=start.year)
            if plan is None or area.plan_id != plan.pk:
                self.add_error(
                    "priority_area",
                    _("Området hör inte till den kulturplan som gäller för enheten %(year)s.")
                    % {"year": start.year},
                )
        return cleaned


class MarkDoneForm(ModelErrorsMixin, forms.ModelForm):
    """Status Genomförd and the participants in one step."""

    # Saved with the counts (activities.services.activity_mark_done's **extra).
    EXTRA_FIELDS = ["survey_answers", "survey_mean", "lessons_learned", "unique_participants"]

    class Meta:
        model = Activity
        fields = [
            *GENDER_FIELDS,
            *AGE_FIELDS,
            "survey_answers",
            "survey_mean",
            "lessons_learned",
            "unique_participants",
        ]
        labels = ActivityForm.Meta.labels
        help_texts = {"unique_participants": UNIQUE_HELP}
        widgets = {"lessons_learned": forms.Textarea(attrs={"rows": 3})}

    target_bands = BaseActivityForm.base_fields["target_bands"]
    all_ages = BaseActivityForm.base_fields["all_ages"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.target_bands:
            # Asked only when the activity has none yet (an old or imported one).
            del self.fields["target_bands"], self.fields["all_ages"]
        self.instance.status = Status.DONE
        _counts_optional(self)

    def clean(self):
        cleaned = super().clean()
        _empty_counts_are_zero(self, cleaned)
        if "target_bands" in self.fields:
            if cleaned.get("all_ages"):
                cleaned["target_bands"] = list(AGE_BANDS)
            self.instance.set_target_bands(cleaned.get("target_bands") or [])
        return cleaned

    def asks_target(self) -> bool:
        return "target_bands" in self.fields

    def gender_fields(self):
        return [self[name] for name in GENDER_FIELDS]

    def age_fields(self):
        return [self[name] for name in AGE_FIELDS]

    def other_fields(self):
        return [self[name] for name in ["survey_answers", "survey_mean", "lessons_learned"]]

    def unique_field(self):
        return self["unique_participants"]


# The Excel import's upload (activities.views_excel) --------------------------------------

UPLOAD_MAX_BYTES = 10 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel-fil"),
        help_text=_(
            "En .xlsx-fil med samma kolumner som mallen. Högst 10 MB. Inget sparas förrän "
            "du har granskat och bekräftat."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Välj en Excel-fil som slutar på .xlsx."))
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Filen är större än 10 MB. Dela upp den."))
        return upload
