"""Follow-up: the monthly VEPAQ report, the implementation matrix, and the target population."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Light's words live in culture_plan (internal control uses them too); re-exported from here.
from culture_plan.choices import Light
from culture_plan.guards import GuardedDeleteMixin
from culture_plan.models import FocusItem, Goal, Unit
from culture_plan.validators import CleanTextMixin

DIMENSIONS = ["V", "E", "P", "A", "Q"]
DIMENSION_NAMES = {
    "V": _("Verksamhet"),
    "E": _("Ekonomi"),
    "P": _("Personal"),
    "A": _("Arbetsmiljö"),
    "Q": _("Kvalitet"),
}


def light_field():
    return models.CharField(_("status"), max_length=10, choices=Light.choices, blank=True)


class MonthlyReport(CleanTextMixin, models.Model):
    """One VEPAQ report per unit and month. The app computes the figures (followup.figures);
    the manager enters the judgement stored here."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickad")
        APPROVED = "approved", _("Godkänd")

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="monthly_reports"
    )
    year = models.PositiveIntegerField(_("år"))
    month = models.PositiveSmallIntegerField(
        _("månad"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    state = models.CharField(_("läge"), max_length=20, choices=State.choices, default=State.DRAFT)

    # V – Verksamhet
    v_status = light_field()
    v_comment = models.TextField(_("kommentar"), blank=True)
    v_actions = models.TextField(_("åtgärder"), blank=True)
    # E – Ekonomi
    e_status = light_field()
    e_comment = models.TextField(_("kommentar"), blank=True)
    e_actions = models.TextField(_("åtgärder"), blank=True)
    e_outcome_ytd_kr = models.DecimalField(
        _("utfall hittills i år (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    e_forecast_kr = models.DecimalField(
        _("helårsprognos (kr)"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    # P – Personal
    p_status = light_field()
    p_comment = models.TextField(_("kommentar"), blank=True)
    p_actions = models.TextField(_("åtgärder"), blank=True)
    p_actual_fte = models.DecimalField(
        _("faktiska årsverken"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    p_sick_leave_short = models.DecimalField(
        _("sjukfrånvaro kort (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    p_sick_leave_long = models.DecimalField(
        _("sjukfrånvaro lång (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # A – Arbetsmiljö
    a_status = light_field()
    a_comment = models.TextField(_("kommentar"), blank=True)
    a_actions = models.TextField(_("åtgärder"), blank=True)
    a_workload = models.PositiveSmallIntegerField(
        _("balans i arbetsbelastning (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    a_risks = models.TextField(_("risker"), blank=True)
    # Q – Kvalitet
    q_status = light_field()
    q_comment = models.TextField(_("kommentar"), blank=True)
    q_actions = models.TextField(_("åtgärder"), blank=True)

    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Raised by one on every save; the report form carries it (no lost updates).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("månadsrapport")
        verbose_name_plural = _("månadsrapporter")
        ordering = ["unit__path", "-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month"], name="monthlyreport_unique_unit_month"
            )
        ]

    def __str__(self):
        return f"VEPAQ {self.unit} {self.year}-{self.month:02d}"

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.APPROVED

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "followup:vepaq",
            kwargs={"slug": self.unit.slug, "year": self.year, "month": self.month},
        )


class MonthReopening(CleanTextMixin, models.Model):
    """The log of reopened approved months: who, when, why."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.CASCADE, related_name="reopenings")
    reason = models.TextField(_("skäl"))
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("återöppnad månad")
        verbose_name_plural = _("återöppnade månader")
        ordering = ["-reopened_at"]

    def __str__(self):
        return f"{self.report} – {self.reopened_at:%Y-%m-%d}"


class Assessment(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    STARTED = "started", _("Påbörjad")
    PARTLY_DONE = "partly_done", _("Delvis genomförd")
    DONE = "done", _("Genomförd")


class MatrixAssessment(GuardedDeleteMixin, CleanTextMixin, models.Model):
    """The manager's assessment of one goal in one year (genomförandematris)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="matrix_assessments"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("inriktningsmål"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    year = models.PositiveIntegerField(_("år"))
    assessment = models.CharField(
        _("bedömning"), max_length=20, choices=Assessment.choices, blank=True
    )
    comment = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning i genomförandematrisen")
        verbose_name_plural = _("bedömningar i genomförandematrisen")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "goal", "year"], name="matrixassessment_unique_goal_year"
            )
        ]

    def __str__(self):
        return f"{self.goal.code} {self.year}: {self.get_assessment_display()}"


class FocusItemAssessment(CleanTextMixin, models.Model):
    """A year's focus item assessed for effect and development."""

    focus_item = models.OneToOneField(
        FocusItem, on_delete=models.CASCADE, related_name="assessment"
    )
    assessment = models.CharField(
        _("bedömning"), max_length=20, choices=Assessment.choices, blank=True
    )
    effect = models.TextField(_("effekt"), blank=True)
    development = models.TextField(_("utveckling"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bedömning av verksamhetsinriktning")
        verbose_name_plural = _("bedömningar av verksamhetsinriktning")

    def __str__(self):
        return str(self.focus_item)


class TargetPopulation(CleanTextMixin, models.Model):
    """The number of inhabitants aged 10–25 that a unit serves in a year."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveIntegerField(_("år"))
    population_10_25 = models.PositiveIntegerField(_("invånare 10–25 år"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målgruppens storlek")
        verbose_name_plural = _("målgruppens storlek")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="targetpopulation_unique_year")
        ]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.population_10_25}"


# --- Report documents for politicians (DESIGN "Report documents for politicians") ----------


class ReportDocument(models.Model):
    """What the manager writes for an annual or tertial report: the summary, an analysis per
    priority area (ReportAreaText), economy, personnel and outlook, and the good examples
    picked among the period's done activities. Draft → approved; approving freezes a
    PublishedReport, reopening makes the document a draft again and keeps every version."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Verksamhetsberättelse")
        TERTIAL = "tertial", _("Tertialrapport")

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        APPROVED = "approved", _("Fastställd")

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="report_documents"
    )
    year = models.PositiveIntegerField(_("år"))
    kind = models.CharField(_("slag"), max_length=10, choices=Kind.choices)
    # 0 for the annual report, 1 (januari–april) or 2 (januari–augusti) for a tertial.
    tertial = models.PositiveSmallIntegerField(_("tertial"), default=0)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.DRAFT)
    summary = models.TextField(_("sammanfattning"), blank=True)
    economy = models.TextField(_("ekonomi"), blank=True)
    personnel = models.TextField(_("personal"), blank=True)
    outlook = models.TextField(_("framåtblick"), blank=True)
    # "Analys inför nästa år" (seed 000): what drove participation, beside the analysis figures.
    analysis = models.TextField(_("analys inför nästa år"), blank=True)
    # The texts the manager confirmed, when approving, to be left without text ("summary",
    # "economy", "personnel", "outlook", "area-N"): a published document then shows only the
    # figures there, never a placeholder.
    left_empty = models.JSONField(_("lämnas utan text"), default=list, blank=True)
    good_examples = models.ManyToManyField(
        "activities.Activity",
        verbose_name=_("goda exempel"),
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[good_examples])

    class Meta:
        verbose_name = _("rapportdokument")
        verbose_name_plural = _("rapportdokument")
        ordering = ["unit__path", "-year", "kind", "-tertial"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "tertial"], name="reportdocument_unique_period"
            ),
            models.CheckConstraint(
                condition=(models.Q(kind="annual", tertial=0))
                | (models.Q(kind="tertial", tertial__in=[1, 2])),
                name="reportdocument_tertial_fits_kind",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.year} – {self.unit}"

    @property
    def title(self) -> str:
        if self.kind == self.Kind.ANNUAL:
            return str(_("Verksamhetsberättelse"))
        return str(_("Tertialrapport") if self.tertial == 1 else _("Delårsrapport"))

    def clean(self):
        if self.kind == self.Kind.ANNUAL and self.tertial != 0:
            raise ValidationError(_("En verksamhetsberättelse gäller hela året, inte en tertial."))
        if self.kind == self.Kind.TERTIAL and self.tertial not in (1, 2):
            raise ValidationError({"tertial": _("Tertialen är 1 eller 2.")})

    def get_absolute_url(self):
        if self.kind == self.Kind.ANNUAL:
            return reverse("followup:annual", kwargs={"slug": self.unit.slug, "year": self.year})
        return reverse(
            "followup:tertial",
            kwargs={"slug": self.unit.slug, "year": self.year, "tertial": self.tertial},
        )


class ReportAreaText(models.Model):
    """The manager's analysis of one priority area in a report document."""

    document = models.ForeignKey(
        ReportDocument, on_delete=models.CASCADE, related_name="area_texts"
    )
    area = models.ForeignKey(
        "culture_plan.PriorityArea", on_delete=models.PROTECT, related_name="+"
    )
    analysis = models.TextField(_("analys"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("analys per prioriterat område")
        verbose_name_plural = _("analyser per prioriterat område")
        constraints = [
            models.UniqueConstraint(fields=["document", "area"], name="reportareatext_unique")
        ]

    def __str__(self):
        return f"{self.document} – {self.area}"


class ImmutableError(Exception):
    """A published version never changes and is never deleted."""


class PublishedReportQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableError("A published report never changes.")

    def delete(self):
        raise ImmutableError("A published report is never deleted.")


class PublishedReport(models.Model):
    """A frozen, published version of a report document: the JSON as it was approved (the
    period's figures plus the texts, exactly the bytes that were rendered) and its PDF. Never
    changes after it is written; the database row is refused on update and delete."""

    document = models.ForeignKey(
        ReportDocument, on_delete=models.PROTECT, related_name="published_versions"
    )
    version = models.PositiveIntegerField(_("version"))
    json_text = models.TextField(_("siffror och texter (JSON)"))
    pdf = models.BinaryField(_("PDF"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fastställd av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by_name = models.CharField(_("fastställd av (namn)"), max_length=300)
    approved_at = models.DateTimeField(_("fastställd"))

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("publicerad rapport")
        verbose_name_plural = _("publicerade rapporter")
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "version"], name="publishedreport_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.document} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ImmutableError("A published report never changes.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError("A published report is never deleted.")

    @property
    def data(self) -> dict:
        return json.loads(self.json_text)
