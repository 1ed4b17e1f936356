"""Internal control (DESIGN "Internal control (internkontroll)"): a unit's plan per year, its
risks on the 4 × 4 likelihood × consequence scale, the controls that check them, the results
of each occasion, and the actions that deviations get.

The scale's words and the handling rule are the contract: value = likelihood × consequence
(1–16); by default 1–3 Ingen åtgärd, 4–6 Bevakas, 8–9 Åtgärdas, 12–16 Hanteras snarast, with
the bounds kept on each plan.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from culture_plan.models import Goal, Unit

SCALE = (1, 2, 3, 4)


class Likelihood(models.IntegerChoices):
    LOW = 1, _("Liten")
    POSSIBLE = 2, _("Möjlig")
    PROBABLE = 3, _("Sannolik")
    HIGH = 4, _("Stor")


LIKELIHOOD_DESCRIPTIONS = {
    1: _("kan inträffa någon gång på flera år"),
    2: _("kan inträffa varje år"),
    3: _("kan inträffa varje månad"),
    4: _("kan inträffa varje vecka"),
}


class Consequence(models.IntegerChoices):
    NEGLIGIBLE = 1, _("Försumbar")
    MINOR = 2, _("Lindrig")
    NOTICEABLE = 3, _("Kännbar")
    SERIOUS = 4, _("Allvarlig")


# DESIGN gives Kännbar's description; the others follow the common municipal template.
CONSEQUENCE_DESCRIPTIONS = {
    1: _("obetydlig för intressenter och kommunen"),
    2: _("liten för intressenter och kommunen"),
    3: _("besvärande för intressenter och/eller kommunen"),
    4: _("kan inte accepteras av intressenter och/eller kommunen"),
}


class Handling(models.TextChoices):
    """What a risk's value calls for (DESIGN's words)."""

    NONE = "none", _("Ingen åtgärd")
    MONITOR = "monitor", _("Bevakas")
    ACT = "act", _("Åtgärdas")
    URGENT = "urgent", _("Hanteras snarast")


def _value_validators():
    return [MinValueValidator(2), MaxValueValidator(16)]


class InternalControlPlan(models.Model):
    """A unit's internal control plan for one year: draft until it is adopted (by whom, when).

    The handling bounds are the lowest values of Bevakas, Åtgärdas and Hanteras snarast; a
    value below `monitor_from` calls for no action.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Antagen")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("enhet"),
        on_delete=models.PROTECT,
        related_name="internal_control_plans",
    )
    year = models.PositiveIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("antagen av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adopted_at = models.DateTimeField(_("antagen"), null=True, blank=True)
    monitor_from = models.PositiveSmallIntegerField(
        _("Bevakas från värde"), default=4, validators=_value_validators()
    )
    act_from = models.PositiveSmallIntegerField(
        _("Åtgärdas från värde"), default=8, validators=_value_validators()
    )
    urgent_from = models.PositiveSmallIntegerField(
        _("Hanteras snarast från värde"), default=12, validators=_value_validators()
    )
    notes = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("internkontrollplan")
        verbose_name_plural = _("internkontrollplaner")
        ordering = ["unit__path", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="internalcontrolplan_unique_unit_year"
            )
        ]

    def __str__(self):
        return _("Internkontrollplan %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("internal_control:plan_detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if None not in (self.monitor_from, self.act_from, self.urgent_from) and not (
            self.monitor_from < self.act_from < self.urgent_from
        ):
            errors["act_from"] = _("Gränserna måste öka: Bevakas < Åtgärdas < Hanteras snarast.")
        if self.state == self.State.ADOPTED and (
            self.adopted_by_id is None or self.adopted_at is None
        ):
            errors["state"] = _("En antagen plan måste ha uppgift om vem som antog den och när.")
        if self.state == self.State.DRAFT and (self.adopted_by_id or self.adopted_at):
            errors["state"] = _("Ett utkast kan inte ha ett antagandedatum.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_adopted(self) -> bool:
        return self.state == self.State.ADOPTED

    def handling_for(self, value: int) -> str:
        """The handling a value calls for under this plan's bounds (a Handling value)."""
        return handling_for(
            value,
            monitor_from=self.monitor_from,
            act_from=self.act_from,
            urgent_from=self.urgent_from,
        )


def handling_for(value: int, *, monitor_from: int = 4, act_from: int = 8, urgent_from: int = 12):
    """DESIGN's handling rule: below `monitor_from` Ingen åtgärd, below `act_from` Bevakas,
    below `urgent_from` Åtgärdas, else Hanteras snarast (defaults 4, 8, 12)."""
    if value >= urgent_from:
        return Handling.URGENT
    if value >= act_from:
        return Handling.ACT
    if value >= monitor_from:
        return Handling.MONITOR
    return Handling.NONE


class RiskQuerySet(models.QuerySet):
    def with_value(self):
        """Annotates `score` = likelihood × consequence, computed by the database."""
        return self.annotate(score=F("likelihood") * F("consequence"))

    def by_value(self):
        """Highest value first; at equal value the graver consequence first."""
        return self.with_value().order_by("-score", "-consequence", "order", "pk")


class Risk(models.Model):
    """A risk in a plan: what can go wrong in which process, what follows, which goals it
    threatens, how likely and how grave (1–4 each), and what is decided about it."""

    class Decision(models.TextChoices):
        CONTROL = "control", _("Kontroll")
        ACTION = "action", _("Åtgärd")
        ACCEPT = "accept", _("Accepteras")

    plan = models.ForeignKey(
        InternalControlPlan,
        verbose_name=_("internkontrollplan"),
        on_delete=models.CASCADE,
        related_name="risks",
    )
    process = models.CharField(_("process eller område"), max_length=200)
    title = models.CharField(_("risk – vad kan gå fel"), max_length=300)
    consequence_text = models.TextField(_("konsekvens – vad det leder till"), blank=True)
    goals = models.ManyToManyField(
        Goal, verbose_name=_("hotade mål"), blank=True, related_name="risks"
    )
    likelihood = models.PositiveSmallIntegerField(_("sannolikhet"), choices=Likelihood.choices)
    consequence = models.PositiveSmallIntegerField(_("konsekvens"), choices=Consequence.choices)
    decision = models.CharField(_("beslut"), max_length=20, choices=Decision.choices)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords(m2m_fields=[goals])

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risker")
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=4),
                name="risk_likelihood_1_4",
            ),
            models.CheckConstraint(
                condition=models.Q(consequence__gte=1, consequence__lte=4),
                name="risk_consequence_1_4",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("internal_control:risk_detail", kwargs={"pk": self.pk})

    @property
    def value(self) -> int:
        """likelihood × consequence, 1–16."""
        return self.likelihood * self.consequence

    @property
    def handling(self) -> str:
        return self.plan.handling_for(self.value)

    def get_handling_display(self) -> str:
        return Handling(self.handling).label

    def clean(self):
        if self.likelihood not in SCALE:
            raise ValidationError({"likelihood": _("Välj en sannolikhet 1–4.")})
        if self.consequence not in SCALE:
            raise ValidationError({"consequence": _("Välj en konsekvens 1–4.")})


class Control(models.Model):
    """A kontrollmoment: what is checked, how, how often, by whom, and to whom it is reported."""

    class Method(models.TextChoices):
        SAMPLE = "sample", _("Stickprov")
        REVIEW = "review", _("Genomgång")
        RECONCILIATION = "reconciliation", _("Avstämning")
        ANALYSIS = "analysis", _("Analys av statistik")
        SURVEY = "survey", _("Enkät")
        OTHER = "other", _("Annat")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Varje månad")
        QUARTERLY = "quarterly", _("Varje kvartal")
        TERTIAL = "tertial", _("Varje tertial")
        HALF_YEARLY = "half_yearly", _("Varje halvår")
        YEARLY = "yearly", _("En gång per år")
        ONGOING = "ongoing", _("Löpande")

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="controls"
    )
    title = models.CharField(_("kontrollmoment – vad kontrolleras"), max_length=300)
    method = models.CharField(_("metod"), max_length=20, choices=Method.choices)
    frequency = models.CharField(_("frekvens"), max_length=20, choices=Frequency.choices)
    responsible = models.CharField(_("ansvarig"), max_length=200)
    reported_to = models.CharField(_("rapporteras till"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontrollmoment")
        verbose_name_plural = _("kontrollmoment")
        ordering = ["risk", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.risk.get_absolute_url() + f"#kontroll-{self.pk}"


class ControlResult(models.Model):
    """The result of one control occasion: ok or a deviation, with a comment. Only an adopted
    plan's controls have results, and they lie in the plan's year."""

    class Outcome(models.TextChoices):
        OK = "ok", _("Utan anmärkning")
        DEVIATION = "deviation", _("Avvikelse")

    control = models.ForeignKey(
        Control, verbose_name=_("kontrollmoment"), on_delete=models.CASCADE, related_name="results"
    )
    date = models.DateField(_("datum"))
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices)
    comment = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontrollresultat")
        verbose_name_plural = _("kontrollresultat")
        ordering = ["control", "date", "pk"]

    def __str__(self):
        return f"{self.date}: {self.get_outcome_display()}"

    def get_absolute_url(self):
        return self.control.risk.get_absolute_url() + f"#resultat-{self.pk}"

    def clean(self):
        if not self.control_id:
            return
        plan = self.control.risk.plan
        if not plan.is_adopted:
            raise ValidationError(
                _("Planen måste vara antagen innan resultat av kontrollerna kan registreras.")
            )
        if isinstance(self.date, datetime.date) and self.date.year != plan.year:
            raise ValidationError(
                {"date": _("Datumet måste ligga i planens år, %(year)s.") % {"year": plan.year}}
            )
        if (
            self.pk
            and self.outcome == self.Outcome.OK
            and Action.objects.filter(result_id=self.pk).exists()
        ):
            raise ValidationError(
                {"outcome": _("Resultatet har åtgärder och måste därför vara en avvikelse.")}
            )


class Action(models.Model):
    """What is done about a deviation: what, who, by when, and how far it has come."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerad")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Klar")

    result = models.ForeignKey(
        ControlResult,
        verbose_name=_("kontrollresultat"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    title = models.CharField(_("åtgärd"), max_length=300)
    responsible = models.CharField(_("ansvarig"), max_length=200)
    due_date = models.DateField(_("klar senast"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.result.control.risk.get_absolute_url() + f"#atgard-{self.pk}"

    def clean(self):
        if self.result_id and self.result.outcome != ControlResult.Outcome.DEVIATION:
            raise ValidationError(_("Bara en avvikelse kan få åtgärder."))
        if (
            isinstance(self.due_date, datetime.date)
            and self.result_id
            and isinstance(self.result.date, datetime.date)
            and self.due_date < self.result.date
        ):
            raise ValidationError(
                {"due_date": _("Åtgärden kan inte vara klar före avvikelsen upptäcktes.")}
            )
        if isinstance(self.due_date, datetime.date) and not 2000 <= self.due_date.year <= 2100:
            raise ValidationError({"due_date": _("Datumet måste ligga mellan år 2000 och 2100.")})

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.DONE
