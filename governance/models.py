"""Governance beyond the own plan: commitments (åtaganden) under any goal of a goal chain,
their assessments, service offers, comparison groups and values fetched from Kolada.

Arrows: governance → activities, culture_plan. Nothing in those apps imports governance.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models import Activity
from culture_plan.models import FrameworkGoal, Goal, Indicator, Unit

KOLADA_ID = RegexValidator(r"^\d{4}$", _("Ange kommunkoden med fyra siffror, t.ex. 0482."))


class Light(models.TextChoices):
    """The same words as the goal follow-up's status lights (followup: Light)."""

    GREEN = "green", _("Grön – enligt plan")
    YELLOW = "yellow", _("Gul – risk för avvikelse")
    RED = "red", _("Röd – avvikelse, åtgärd krävs")


class Period(models.IntegerChoices):
    """When a commitment is assessed: at each tertial and at the year end."""

    TERTIAL_1 = 1, _("Tertial 1")
    TERTIAL_2 = 2, _("Tertial 2")
    YEAR_END = 3, _("Helår")


class Commitment(models.Model):
    """A unit's åtagande for one year under a goal of a steering document or of the plan."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="commitments"
    )
    year = models.PositiveIntegerField(_("år"))
    framework_goal = models.ForeignKey(
        FrameworkGoal,
        verbose_name=_("mål i styrdokument"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    plan_goal = models.ForeignKey(
        Goal,
        verbose_name=_("inriktningsmål i kulturplanen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    title = models.CharField(_("åtagande"), max_length=300)
    expected_result = models.TextField(_("förväntat resultat"), blank=True)
    way_of_working = models.TextField(_("arbetssätt"), blank=True)
    follow_up = models.TextField(_("uppföljning"), blank=True)
    resources = models.TextField(_("resursanvändning"), blank=True)
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("slutdatum"), null=True, blank=True)
    activities = models.ManyToManyField(
        Activity, verbose_name=_("aktiviteter"), blank=True, related_name="commitments"
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indikatorer"), blank=True, related_name="commitments"
    )
    history = HistoricalRecords(m2m_fields=[activities, indicators])

    class Meta:
        verbose_name = _("åtagande")
        verbose_name_plural = _("åtaganden")
        ordering = ["-year", "unit__path", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "title"], name="commitment_unique_title_per_unit_year"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if (self.framework_goal_id is None) == (self.plan_goal_id is None):
            errors["framework_goal"] = _(
                "Välj ett mål i ett styrdokument eller ett inriktningsmål i kulturplanen, "
                "inte båda."
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Slutdatumet kan inte ligga före startdatumet.")
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = _("Året måste ligga mellan 2000 och 2100.")
        if errors:
            raise ValidationError(errors)

    @property
    def goal(self):
        return self.framework_goal or self.plan_goal

    def get_absolute_url(self):
        return reverse("governance:commitment_detail", kwargs={"pk": self.pk})


class CommitmentAssessment(models.Model):
    """The unit's own judgement of a commitment at a tertial or at the year end."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("åtagande"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    period = models.PositiveSmallIntegerField(_("period"), choices=Period.choices)
    status = models.CharField(_("status"), max_length=10, choices=Light.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning av åtagande")
        verbose_name_plural = _("bedömningar av åtaganden")
        ordering = ["commitment", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "period"], name="commitmentassessment_unique_period"
            )
        ]

    def __str__(self):
        return f"{self.commitment} – {self.get_period_display()}: {self.get_status_display()}"


class ServiceOffer(models.Model):
    """A unit's promise to the public (serviceerbjudande) and the indicator (in percent) of how
    often it was kept."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="service_offers"
    )
    promise = models.CharField(
        _("löfte"),
        max_length=300,
        help_text=_("Till exempel: Frågor till biblioteket besvaras inom 5 arbetsdagar."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    indicator = models.OneToOneField(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.PROTECT,
        related_name="service_offer",
        editable=False,
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("serviceerbjudande")
        verbose_name_plural = _("serviceerbjudanden")
        ordering = ["unit__path", "order", "promise"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "promise"], name="serviceoffer_unique_promise_per_unit"
            )
        ]

    def __str__(self):
        return self.promise

    def get_absolute_url(self):
        return reverse("governance:service_offers", kwargs={"slug": self.unit.slug})


class ComparisonGroup(models.Model):
    """A named list of Kolada municipality ids that includes the municipality itself."""

    owner = models.ForeignKey(
        Unit, verbose_name=_("ägs av"), on_delete=models.CASCADE, related_name="comparison_groups"
    )
    name = models.CharField(_("namn"), max_length=200)
    members = models.JSONField(
        _("kommuner"), default=list, help_text=_("Kommunkoderna i Kolada, t.ex. 0482.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jämförelsegrupp")
        verbose_name_plural = _("jämförelsegrupper")
        ordering = ["owner__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="comparisongroup_unique_name")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        members = self.members if isinstance(self.members, list) else None
        if not members or not all(isinstance(m, str) for m in members):
            raise ValidationError({"members": _("Ange minst en kommunkod.")})
        for member in members:
            KOLADA_ID(member)
        if len(set(members)) != len(members):
            raise ValidationError({"members": _("En kommun står med två gånger.")})
        own = self.owner.municipality_kolada_id() if self.owner_id else ""
        if own and own not in members:
            raise ValidationError(
                {"members": _("Gruppen måste innehålla den egna kommunen (%(id)s).") % {"id": own}}
            )


class IndicatorComparison(models.Model):
    """The comparison group an indicator is set against."""

    indicator = models.OneToOneField(
        Indicator,
        verbose_name=_("indikator"),
        on_delete=models.CASCADE,
        related_name="comparison",
    )
    group = models.ForeignKey(
        ComparisonGroup,
        verbose_name=_("jämförelsegrupp"),
        on_delete=models.PROTECT,
        related_name="indicator_links",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jämförelse")
        verbose_name_plural = _("jämförelser")

    def __str__(self):
        return f"{self.indicator} – {self.group}"


class KoladaKpi(models.Model):
    """A Kolada key figure as last fetched (its title can change in Kolada)."""

    kpi = models.CharField(_("nyckeltal"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    source = models.CharField(_("källa"), max_length=500)
    fetched_at = models.DateTimeField(_("hämtad"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nyckeltal i Kolada")
        verbose_name_plural = _("nyckeltal i Kolada")
        ordering = ["kpi"]

    def __str__(self):
        return f"{self.kpi} {self.title}".strip()


class KoladaValue(models.Model):
    """One value of a Kolada KPI for a municipality and year (gender "T", the total)."""

    kpi = models.CharField(_("nyckeltal"), max_length=20)
    municipality = models.CharField(_("kommun"), max_length=4, validators=[KOLADA_ID])
    year = models.PositiveIntegerField(_("år"))
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("källa"), max_length=500)
    fetched_at = models.DateTimeField(_("hämtad"))
    is_demo = models.BooleanField(_("demodata"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("värde från Kolada")
        verbose_name_plural = _("värden från Kolada")
        ordering = ["kpi", "year", "municipality"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "municipality", "year"], name="koladavalue_unique"
            )
        ]

    def __str__(self):
        return f"{self.kpi} {self.municipality} {self.year}: {self.value}"
