"""Activities (what a unit did or plans to do), their partners and places, and closed months.

Participants are counts only: no personal data about participants is ever stored.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from culture_plan.guards import GuardedDeleteMixin
from culture_plan.models import Goal, PriorityArea, Unit
from culture_plan.selectors import plan_in_force
from culture_plan.validators import (
    MAX_COUNT,
    MAX_DATE,
    MIN_DATE,
    CleanTextMixin,
    count_validators,
    validate_date_range,
)

# The eight age bands: (code used in Excel and JSON, model field suffix).
AGE_BANDS = ["0-5", "6-9", "10-12", "13-15", "16-19", "20-25", "26-64", "65+"]
YOUTH_BANDS = ["10-12", "13-15", "16-19", "20-25"]
MAX_UNIQUE_PARTICIPANTS = 100_000


def band_suffix(band: str) -> str:
    """'10-12' -> '10_12', '65+' -> '65_plus'."""
    return band.replace("-", "_").replace("+", "_plus")


TARGET_FIELDS = {band: f"target_{band_suffix(band)}" for band in AGE_BANDS}
AGE_COUNT_FIELDS = {band: f"age_{band_suffix(band)}" for band in AGE_BANDS}
# The error key of a rule about the age bands together (their sum), not about one band.
AGE_GROUP = "age_bands"
# The whole numbers a database sums; each is 0–100 000 (validators and check constraints).
COUNT_FIELD_NAMES = [
    "girls",
    "boys",
    "other_gender",
    *AGE_COUNT_FIELDS.values(),
    "survey_answers",
]


class Status(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    DONE = "done", _("Genomförd")
    CANCELLED = "cancelled", _("Inställd")


class Kind(models.TextChoices):
    CULTURE = "culture", _("Kultur")
    ART = "art", _("Konst")
    DIALOGUE = "dialogue", _("Dialog")


class Collaboration(models.TextChoices):
    OWN = "own", _("Egen regi")
    INTERNAL = "internal", _("Intern samverkan")
    EXTERNAL = "external", _("Extern samverkan")


class Holiday(models.TextChoices):
    NONE = "", _("Inget lov")
    SPORTLOV = "sportlov", _("Sportlov")
    PASKLOV = "pasklov", _("Påsklov")
    SOMMARLOV = "sommarlov", _("Sommarlov")
    HOSTLOV = "hostlov", _("Höstlov")
    JULLOV = "jullov", _("Jullov")


class CultureArea(models.TextChoices):
    PERFORMING = "performing", _("Teater, dans och musik")
    MUSEUM = "museum", _("Museum och kulturmiljö")
    LIBRARY = "library", _("Bibliotek och läsfrämjande")
    VISUAL = "visual", _("Bild och form")
    ARCHIVE = "archive", _("Arkiv")
    FILM = "film", _("Film")
    CRAFTS = "crafts", _("Hemslöjd")
    OTHER = "other", _("Annat")


class Partner(GuardedDeleteMixin, CleanTextMixin, models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Förening")
        STUDY_ASSOCIATION = "study", _("Studieförbund")
        REGIONAL = "regional", _("Regional institution")
        INDEPENDENT = "independent", _("Fri aktör/KKN-företag")
        INTERNAL = "internal", _("Intern enhet")
        OTHER = "other", _("Annan")

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samverkanspart")
        verbose_name_plural = _("samverkansparter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("unit", Lower("name"), name="partner_unique_name_per_unit")
        ]

    def __str__(self):
        return self.name


class Place(GuardedDeleteMixin, CleanTextMixin, models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="places"
    )
    name = models.CharField(_("namn"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ort")
        verbose_name_plural = _("orter")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("unit", Lower("name"), name="place_unique_name_per_unit")
        ]

    def __str__(self):
        return self.name


def count_field(verbose_name):
    return models.PositiveIntegerField(verbose_name, default=0, validators=count_validators())


class Activity(CleanTextMixin, models.Model):
    """One planned, done or cancelled activity of a unit.

    The activity counts in the month of `date`. Participant counts are visits (besök), not
    unique persons, and only a done activity has them.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    date = models.DateField(_("datum"), validators=[validate_date_range])
    end_date = models.DateField(
        _("slutdatum"), null=True, blank=True, validators=[validate_date_range]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    priority_area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("prioriterat område"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("inriktningsmål"), blank=True, related_name="activities"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.CULTURE)
    collaboration = models.CharField(
        _("samverkan"), max_length=20, choices=Collaboration.choices, default=Collaboration.OWN
    )
    partners = models.ManyToManyField(
        Partner, verbose_name=_("samverkansparter"), blank=True, related_name="activities"
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("ort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    holiday = models.CharField(
        _("lov"), max_length=20, choices=Holiday.choices, default=Holiday.NONE, blank=True
    )
    culture_area = models.CharField(
        _("kulturområde"), max_length=20, choices=CultureArea.choices, blank=True
    )

    # Target age bands (målgrupp): any of the eight.
    target_0_5 = models.BooleanField("0–5", default=False)
    target_6_9 = models.BooleanField("6–9", default=False)
    target_10_12 = models.BooleanField("10–12", default=False)
    target_13_15 = models.BooleanField("13–15", default=False)
    target_16_19 = models.BooleanField("16–19", default=False)
    target_20_25 = models.BooleanField("20–25", default=False)
    target_26_64 = models.BooleanField("26–64", default=False)
    target_65_plus = models.BooleanField("65+", default=False)

    # Participants (visits), by gender; their sum is the total.
    girls = count_field(_("flickor"))
    boys = count_field(_("pojkar"))
    other_gender = count_field(_("annat/ej angivet"))
    # Participants by age band; the rest of the total is "okänd ålder".
    age_0_5 = count_field("0–5")
    age_6_9 = count_field("6–9")
    age_10_12 = count_field("10–12")
    age_13_15 = count_field("13–15")
    age_16_19 = count_field("16–19")
    age_20_25 = count_field("20–25")
    age_26_64 = count_field("26–64")
    age_65_plus = count_field("65+")

    national_minorities = models.BooleanField(
        _("nationella minoriteter uppmärksammas"), default=False
    )
    cost_kr = models.DecimalField(
        _("kostnad (kr)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    survey_answers = models.PositiveIntegerField(
        _("enkätsvar"), null=True, blank=True, validators=count_validators()
    )
    survey_mean = models.DecimalField(
        _("medelbetyg"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    lessons_learned = models.TextField(_("erfarenheter och lärdomar"), blank=True)
    # Visits are not people: a series or workshop may also count unique persons (counts only).
    unique_participants = models.PositiveIntegerField(
        _("unika deltagare"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_UNIQUE_PARTICIPANTS)],
    )
    # Units of the same municipality that arrange the activity together with its owner
    # (DESIGN "One event, many arrangers"); only the owner's unit changes it.
    co_arrangers = models.ManyToManyField(
        Unit,
        verbose_name=_("medarrangörer"),
        blank=True,
        related_name="co_arranged_activities",
    )

    # The public culture calendar (DESIGN "Open and connected"): only these, the title, the
    # dates and the status are ever shown outside the login.
    is_public = models.BooleanField(_("visas i kulturkalendern"), default=False)
    public_text = models.TextField(_("text i kulturkalendern"), blank=True)
    start_time = models.TimeField(_("starttid"), null=True, blank=True)
    end_time = models.TimeField(_("sluttid"), null=True, blank=True)
    public_place = models.CharField(_("plats i kulturkalendern"), max_length=300, blank=True)
    # For the calendar's schema.org Event: entrance price (0 = free; empty = not stated), the
    # street address and locality of the place, and a public image.
    public_price = models.DecimalField(
        _("entré (kr)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    public_street = models.CharField(_("gatuadress"), max_length=200, blank=True)
    public_locality = models.CharField(_("postort"), max_length=100, blank=True)
    public_image_url = models.URLField(_("bild (webbadress)"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    # Raised by one on every save (see save()); a form carries the version it was drawn from
    # so that a post on top of a newer save is refused (activities.services.StaleEditError).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[goals, partners, co_arrangers])

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["date", "pk"]
        indexes = [
            models.Index(fields=["unit", "date"], name="activity_unit_date"),
            models.Index(fields=["unit", "status", "date"], name="activity_unit_status_date"),
            models.Index(fields=["date", "status"], name="activity_date_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("date")),
                name="activity_end_after_start",
            ),
            # The limits of DESIGN "Trust": also for writes that skip full_clean (bulk_create).
            models.CheckConstraint(
                condition=models.Q(date__gte=MIN_DATE, date__lte=MAX_DATE),
                name="activity_date_in_range",
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True})
                    | models.Q(**{f"{name}__lte": MAX_COUNT}),
                    name=f"activity_{name}_max",
                )
                for name in COUNT_FIELD_NAMES
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("activities:detail", kwargs={"pk": self.pk})

    @property
    def participants_total(self) -> int:
        return self.girls + self.boys + self.other_gender

    @property
    def age_counts(self) -> dict[str, int]:
        return {band: getattr(self, field) for band, field in AGE_COUNT_FIELDS.items()}

    @property
    def age_known_total(self) -> int:
        return sum(self.age_counts.values())

    @property
    def unknown_age(self) -> int:
        return max(self.participants_total - self.age_known_total, 0)

    @property
    def target_bands(self) -> list[str]:
        return [band for band, field in TARGET_FIELDS.items() if getattr(self, field)]

    def set_target_bands(self, bands) -> None:
        chosen = set(bands)
        for band, field in TARGET_FIELDS.items():
            setattr(self, field, band in chosen)

    def has_participants(self) -> bool:
        return self.participants_total > 0 or self.age_known_total > 0

    def participant_errors(self) -> dict[str, str]:
        """The participant rules, needing no database: the age counts never sum to more than
        the total, and only a done activity has participants. Keyed by the field the message
        belongs to; shared by clean() and the Excel import."""
        errors = {}
        if self.age_known_total > self.participants_total:
            # About the age bands together, not one box: keyed by the group (AGE_GROUP).
            errors[AGE_GROUP] = _(
                "Åldrarna summerar till %(ages)s, deltagarna till %(total)s (flickor + pojkar + "
                "annat/ej angivet). Deltagare per ålder kan inte vara fler än deltagarna."
            ) % {"ages": self.age_known_total, "total": self.participants_total}
        if self.status != Status.DONE and self.has_participants():
            errors["girls"] = _(
                "Bara en genomförd aktivitet har deltagare. Ändra status till Genomförd "
                "eller ta bort deltagarna."
            )
        if self.unique_participants:
            if self.status != Status.DONE:
                errors["unique_participants"] = _(
                    "Bara en genomförd aktivitet har unika deltagare."
                )
            elif self.participants_total and self.unique_participants > self.participants_total:
                errors["unique_participants"] = _(
                    "Unika deltagare (%(unique)s) kan inte vara fler än besöken "
                    "(%(total)s, flickor + pojkar + annat/ej angivet)."
                ) % {"unique": self.unique_participants, "total": self.participants_total}
        return errors

    def time_errors(self) -> dict[str, str]:
        """The calendar times, needing no database: an end time needs a start time and lies
        after it when the activity ends on its start day. Shared by clean() and the import."""
        errors = {}
        if self.end_time and not self.start_time:
            errors["start_time"] = _("Ange en starttid när du anger en sluttid.")
        elif (
            self.start_time
            and self.end_time
            and (not self.end_date or self.end_date == self.date)
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("Sluttiden måste ligga efter starttiden.")
        return errors

    def target_errors(self) -> dict[str, str]:
        """Målgrupp is required for planned and done activities: the youth share depends on
        it (DESIGN "Everyday use"). The Excel import does not apply this rule (old files have
        empty Målgrupp cells); its preview warns about those rows instead."""
        if self.status in (Status.PLANNED, Status.DONE) and not self.target_bands:
            # At the first band's field: a model field, so the admin shows it too; the
            # activity forms show it at their Målgrupp field.
            return {
                TARGET_FIELDS[AGE_BANDS[0]]: _(
                    "Välj målgrupp: en eller flera åldersgrupper, eller Alla åldrar. Andelen "
                    "aktiviteter för unga räknas från målgruppen."
                )
            }
        return {}

    def clean(self):
        errors = {}
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("Slutdatum kan inte ligga före startdatum.")
        errors.update(self.participant_errors())
        errors.update(self.time_errors())
        errors.update(self.target_errors())
        if self.priority_area_id and self.date and self.unit_id:
            plan = plan_in_force(unit=self.unit, year=self.date.year)
            if plan is None or self.priority_area.plan_id != plan.pk:
                errors["priority_area"] = _(
                    "Området hör inte till den kulturplan som gäller för enheten %(year)s."
                ) % {"year": self.date.year}
        if self.date and self.unit_id:
            try:
                self.check_not_locked()
            except MonthLockedError as error:
                errors["date"] = error.messages[0]
        if errors:
            raise ValidationError(errors)

    def _stored_arrangement(self) -> tuple[datetime.date | None, list[Unit]]:
        """The stored date and the units that count the stored activity (owner first, then
        its co-arrangers), read from the database; (None, []) for an unsaved one. Also
        remembers the stored version, so that save() counts on from it even for an instance
        rebuilt from an old history record (an admin revert)."""
        if self.pk is None:
            return None, []
        old = Activity.objects.filter(pk=self.pk).values_list("date", "unit_id", "version").first()
        if old is None:
            return None, []
        self._stored_version = old[2]
        owner = self.unit if old[1] == self.unit_id else Unit.objects.get(pk=old[1])
        co_arrangers = list(Unit.objects.filter(co_arranged_activities=self.pk))
        return old[0], [owner, *co_arrangers]

    def _months_touched(self, co_arrangers=None) -> set[tuple[Unit, int, int]]:
        """(unit, year, month) for every unit that counts the activity, before and after the
        write: the owner and each co-arranger of the new values (`co_arrangers` when they are
        being set, else the stored ones) and of the stored ones. Moving an activity to another
        unit or month, or adding or removing a co-arranger, changes each of these units'
        figures of the month."""
        old_date, old_units = self._stored_arrangement()
        months = set()
        if old_date:
            months = {(unit, old_date.year, old_date.month) for unit in old_units}
        if self.date and self.unit_id:
            if co_arrangers is None:
                co_arrangers = old_units[1:]
            for unit in [self.unit, *co_arrangers]:
                months.add((unit, self.date.year, self.date.month))
        return months

    def check_not_locked(self, *, co_arrangers=None) -> None:
        """The month lock (DESIGN "VEPAQ": an approved month is locked). Refuse any write that
        would change a month closed (approved) for any unit that counts the activity: its
        owner and each co-arranger, before and after the write. `co_arrangers` are the units
        about to be set (else the stored ones stay). Every write path ends here: save(),
        delete(), the services, the Excel import, the admin and the m2m signal of
        co-arrangers (activities.locks)."""
        closed = ClosedMonth.closing(self._months_touched(co_arrangers))
        if closed is not None:
            raise MonthLockedError(year=closed.year, month=closed.month, unit=closed.unit)

    def save(self, *args, **kwargs):
        self.check_not_locked()
        if self.pk is not None and not self._state.adding:
            stored = getattr(self, "_stored_version", None)
            self.version = max(self.version or 0, stored or 0) + 1
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.check_not_locked()
        return super().delete(*args, **kwargs)

    def validate_goals(self, goals) -> None:
        """An activity's goals (inriktningsmål) are goals of its own priority area, and so of
        the plan in force at its date. One rule for the form, the services and the Excel import:
        a row's `Prioriterat område` and its `Inriktningsmål` codes must agree, so that an
        export always imports again unchanged."""
        goals = list(goals)
        if not goals:
            return
        if not self.priority_area_id:
            raise ValidationError(
                {"priority_area": _("Välj det prioriterade område som målen hör till.")}
            )
        bad = [goal.code for goal in goals if goal.area_id != self.priority_area_id]
        if bad:
            raise ValidationError(
                {
                    "goals": _(
                        "Målen %(codes)s hör inte till område %(area)s. Välj mål inom det "
                        "valda området."
                    )
                    % {"codes": ", ".join(bad), "area": self.priority_area.number}
                }
            )

    def validate_co_arrangers(self, units) -> None:
        """Co-arrangers are other units of the owner's municipality (the root of its tree).
        One rule for the form, the services, the admin and the Excel import."""
        units = list(units)
        if not units or not self.unit_id:
            return
        municipality = self.unit.ancestor_slugs()[0]
        if any(unit.pk == self.unit_id for unit in units):
            raise ValidationError(
                {"co_arrangers": _("Den egna enheten kan inte också vara medarrangör.")}
            )
        foreign = [unit.name for unit in units if unit.ancestor_slugs()[0] != municipality]
        if foreign:
            raise ValidationError(
                {
                    "co_arrangers": _(
                        "Medarrangörer måste höra till samma kommun som enheten: %(names)s."
                    )
                    % {"names": ", ".join(foreign)}
                }
            )


def locked_message(*, unit, year: int, month: int) -> str:
    """'Kulturenheten har godkänt oktober 2026 (2026-10) …': names the unit whose month is
    closed, so that someone of another unit knows whom to ask."""
    if unit is None:
        return _("%(period)s är godkänd och låst. En chef måste öppna månaden igen först.") % {
            "period": f"{year}-{month:02d}"
        }
    return _(
        "%(unit)s har godkänt %(month)s %(year)s (%(period)s), och månaden är låst. En chef "
        "för %(unit)s måste öppna månaden igen först."
    ) % {
        "unit": unit.name,
        "month": MONTHS[month],
        "year": year,
        "period": f"{year}-{month:02d}",
    }


class MonthLockedError(ValidationError):
    """Raised by every write path that would change an activity in an approved month;
    `unit` is the unit that approved (closed) it."""

    def __init__(self, *, year: int, month: int, unit=None):
        self.year, self.month, self.unit = year, month, unit
        super().__init__(locked_message(unit=unit, year=year, month=month), code="month_locked")


class ClosedMonth(models.Model):
    """A month whose activities are locked because its monthly report was approved.

    Written only by the follow-up workflow; checked by every write path for activities
    (model save/delete, services, the import, the admin).
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="closed_months")
    year = models.PositiveIntegerField()
    month = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    closed_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("låst månad")
        verbose_name_plural = _("låsta månader")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month"], name="closedmonth_unique_unit_month"
            )
        ]

    def __str__(self):
        return f"{self.unit} {self.year}-{self.month:02d}"

    @classmethod
    def is_closed(cls, *, unit, year: int, month: int) -> bool:
        """A month is closed for a unit when it or any unit above it approved that month."""
        return cls.objects.filter(
            unit__slug__in=unit.ancestor_slugs(), year=year, month=month
        ).exists()

    @classmethod
    def closing(cls, months) -> ClosedMonth | None:
        """Of (unit, year, month) triples, the first closed one (for that unit or one above
        it) as its ClosedMonth row (its `unit` is the one that approved), else None. One
        query for all."""
        wanted = {
            (slug, year, month) for unit, year, month in months for slug in unit.ancestor_slugs()
        }
        if not wanted:
            return None
        condition = models.Q()
        for year, month in {(year, month) for _slug, year, month in wanted}:
            slugs = sorted(slug for slug, y, m in wanted if (y, m) == (year, month))
            condition |= models.Q(year=year, month=month, unit__slug__in=slugs)
        return (
            cls.objects.filter(condition)
            .select_related("unit")
            .order_by("year", "month", "unit__path")
            .first()
        )


class MonthLocks:
    """The closed months of some units (and of the units above them), read in one query, so
    that the Excel import checks every row, its owner and its co-arrangers, without a query
    per row. The same rule as Activity.check_not_locked."""

    def __init__(self, units):
        slugs = {slug for unit in units for slug in unit.ancestor_slugs()}
        self._closed = {
            (row.unit.slug, row.year, row.month): row.unit
            for row in ClosedMonth.objects.filter(unit__slug__in=slugs).select_related("unit")
        }

    def closing(self, units, *, year: int, month: int) -> Unit | None:
        """The unit that closed (approved) this month for the first of `units` for which it
        is closed, else None."""
        for unit in units:
            for slug in unit.ancestor_slugs():
                closer = self._closed.get((slug, year, month))
                if closer is not None:
                    return closer
        return None


class ImportUpload(models.Model):
    """An uploaded Excel file waiting between preview and confirmation.

    The bytes live in Django's storage (settings.STORAGES["default"]) under `stored_name`, so
    that several app servers share them; `claimed_at` is set by exactly one confirmation (an
    atomic UPDATE … WHERE claimed_at IS NULL), so a double click imports once. Not user
    data: no history.
    """

    token = models.CharField(max_length=64, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255, blank=True)
    stored_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uppladdad importfil")
        verbose_name_plural = _("uppladdade importfiler")

    def __str__(self):
        return f"{self.unit} {self.name}"


# --- Summaries (issue 17 "Scale") ---------------------------------------------------------
# Pre-summed figures, kept current by activities.summaries in the same transaction as every
# write. A unit's figures are the sum of the rows of the units on its path and below (roll-up
# by unit path, `unit__path__startswith`). An activity adds weight +1 to its arranger's row;
# one arranged by several units of one branch adds 1 at each arranger and 1 - k at a unit
# where k arranging branches meet, so that every sum over a subtree counts it once.


def summary_count(verbose_name):
    return models.BigIntegerField(verbose_name, default=0)


class ActivityMonthSummary(models.Model):
    """Sums of a unit's activities of one month and one status (weighted, see above)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices)
    activities = summary_count("aktiviteter")
    co_arranged = summary_count("med medarrangör")
    youth_targeted = summary_count("riktade till unga")
    girls = summary_count("flickor")
    boys = summary_count("pojkar")
    other_gender = summary_count("annat/ej angivet")
    unique_participants = summary_count("unika deltagare")
    age_0_5 = summary_count("0–5")
    age_6_9 = summary_count("6–9")
    age_10_12 = summary_count("10–12")
    age_13_15 = summary_count("13–15")
    age_16_19 = summary_count("16–19")
    age_20_25 = summary_count("20–25")
    age_26_64 = summary_count("26–64")
    age_65_plus = summary_count("65+")
    target_0_5 = summary_count("målgrupp 0–5")
    target_6_9 = summary_count("målgrupp 6–9")
    target_10_12 = summary_count("målgrupp 10–12")
    target_13_15 = summary_count("målgrupp 13–15")
    target_16_19 = summary_count("målgrupp 16–19")
    target_20_25 = summary_count("målgrupp 20–25")
    target_26_64 = summary_count("målgrupp 26–64")
    target_65_plus = summary_count("målgrupp 65+")
    kind_culture = summary_count("kultur")
    kind_art = summary_count("konst")
    kind_dialogue = summary_count("dialog")
    collab_own = summary_count("egen regi")
    collab_internal = summary_count("intern samverkan")
    collab_external = summary_count("extern samverkan")
    survey_answers = summary_count("enkätsvar (med medelbetyg)")
    survey_weighted = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    cost_kr = models.DecimalField(max_digits=20, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("månadssummering")
        verbose_name_plural = _("månadssummeringar")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month", "status"], name="month_summary_unique"
            )
        ]
        indexes = [models.Index(fields=["year", "month"], name="month_summary_period")]

    def __str__(self):
        return f"{self.unit_id} {self.year}-{self.month:02d} {self.status}"


class GoalMonthSummary(models.Model):
    """Done activities of a unit linked to one goal in one month (weighted, see above): the
    implementation matrix and activities per goal."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    done = summary_count("genomförda")

    class Meta:
        verbose_name = _("målsummering")
        verbose_name_plural = _("målsummeringar")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "goal", "year", "month"], name="goal_summary_unique"
            )
        ]
        indexes = [models.Index(fields=["goal", "year"], name="goal_summary_goal_year")]

    def __str__(self):
        return f"{self.unit_id} {self.goal_id} {self.year}-{self.month:02d}"


class GoalYearSummary(models.Model):
    """GoalMonthSummary summed over the year: the implementation matrix (goals × years) reads
    twelve times fewer rows."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    done = summary_count("genomförda")

    class Meta:
        verbose_name = _("målsummering per år")
        verbose_name_plural = _("målsummeringar per år")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "goal", "year"], name="goal_year_summary_unique"
            )
        ]
        indexes = [models.Index(fields=["goal", "year"], name="goal_year_summary_goal_year")]

    def __str__(self):
        return f"{self.unit_id} {self.goal_id} {self.year}"


class DataVersion(models.Model):
    """A random token per unit and year, replaced by every write that changes what the
    pages of that unit and year show (the summary rows, the activities, the monthly report):
    the key under which computed figures and rendered fragments are cached
    (activities.versions). Unit 0 and year 0 are "every unit" and "every year" (the plan,
    the tree of units). Tokens, not counters: a rolled-back write cannot bring back a
    version whose cached values were computed from data that was never committed."""

    unit_key = models.BigIntegerField()
    year = models.PositiveSmallIntegerField()
    token_a = models.BigIntegerField(default=0)
    token_b = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dataversion")
        verbose_name_plural = _("dataversioner")
        constraints = [
            models.UniqueConstraint(fields=["unit_key", "year"], name="data_version_unique")
        ]

    def __str__(self):
        return f"{self.unit_key} {self.year}"
