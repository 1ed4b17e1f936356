"""The plan side of Kulturplan: units and roles, steering documents, plans and indicators."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.dispatch import Signal
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from culture_plan.guards import GuardedDeleteMixin
from culture_plan.validators import CleanTextMixin

# Sent when a unit's path has changed and its subtree's paths with it (after save): the
# summaries of activities.summaries re-weigh the co-arranged activities then.
unit_moved = Signal()


def covering(paths) -> list[str]:
    """The paths not below another of them (their subtrees cover the rest), sorted."""
    tops: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(top) for top in tops):
            tops.append(path)
    return tops


def paths_above(paths) -> set[str]:
    """The paths of the units above those at `paths` (not those units themselves), read off
    the paths without a query: the units whose plan can be in force below."""
    return {
        "/" + "/".join(slugs[:depth]) + "/"
        for slugs in (path.strip("/").split("/") for path in paths)
        for depth in range(1, len(slugs))
    }


class Unit(GuardedDeleteMixin, CleanTextMixin, models.Model):
    """A node in the municipality's tree; a role on a unit covers every unit below it.

    `path` is a materialised path of slugs ("/flens-kommun/bukf/kulturenheten/") so that
    "this unit and all below it" is one indexed prefix filter, not a recursive walk.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommun")
        ADMINISTRATION = "administration", _("Förvaltning")
        UNIT = "unit", _("Enhet")

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=100, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices, default=Kind.UNIT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnad"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=1000, editable=False, db_index=True)
    kolada_id = models.CharField(
        _("kommunkod i Kolada"),
        max_length=4,
        blank=True,
        validators=[
            RegexValidator(r"^\d{4}$", _("Ange kommunkoden med fyra siffror, t.ex. 0482."))
        ],
        help_text=_("Kommunens fyrsiffriga kod, t.ex. 0482 för Flens kommun."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["path"]

    def __str__(self):
        return self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("En enhet kan inte ligga under sig själv.")})
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = f"{self.parent.path if self.parent else '/'}{self.slug}/"
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            # A moved or renamed unit carries its subtree with it.
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child.path = self.path + child.path[len(old_path) :]
                Unit.objects.filter(pk=child.pk).update(path=child.path)
            unit_moved.send(sender=Unit, instance=self)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestor_slugs(self) -> list[str]:
        """Slugs from the root down to and including this unit."""
        return [part for part in self.path.split("/") if part]

    def ancestors_and_self(self):
        return Unit.objects.filter(slug__in=self.ancestor_slugs())

    def subtree(self):
        """This unit and every unit below it."""
        return Unit.objects.filter(path__startswith=self.path)

    def get_absolute_url(self):
        return reverse("unit_detail", kwargs={"slug": self.slug})

    def municipality_kolada_id(self) -> str:
        """The Kolada id of this unit or of its nearest ancestor that has one ("" if none)."""
        if self.kolada_id:
            return self.kolada_id
        ancestors = {unit.slug: unit for unit in self.ancestors_and_self()}
        for slug in reversed(self.ancestor_slugs()):
            if ancestors[slug].kolada_id:
                return ancestors[slug].kolada_id
        return ""


class Role(models.TextChoices):
    STAFF = "staff", _("Medarbetare")
    MANAGER = "manager", _("Chef")
    VIEWER = "viewer", _("Förtroendevald")
    ADMIN = "admin", _("Administratör")


class Membership(CleanTextMixin, models.Model):
    """A user's role on a unit; it covers the unit's children."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"], name="membership_unique_user_unit_role"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


class Framework(CleanTextMixin, models.Model):
    """A steering document whose goals plans link to (Agenda 2030, a strategic plan, …)."""

    class Kind(models.TextChoices):
        AGENDA_2030 = "agenda2030", _("Agenda 2030")
        STRATEGIC_PLAN = "strategic", _("Strategisk plan")
        BOARD_PLAN = "board", _("Nämndplan")
        OTHER = "other", _("Annat styrdokument")

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(_("kortnamn"), max_length=100, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("beskrivning"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("styrdokument")
        verbose_name_plural = _("styrdokument")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class FrameworkLevel(models.Model):
    """The name of one level of a framework's goal tree ("KF:s inriktningsmål", "Nämndmål").

    `depth` 0 names the top-level goals, 1 their children, and so on."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("styrdokument"), on_delete=models.CASCADE, related_name="levels"
    )
    depth = models.PositiveSmallIntegerField(_("nivå"), default=0)
    name = models.CharField(_("namn"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målnivå")
        verbose_name_plural = _("målnivåer")
        ordering = ["framework", "depth"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "depth"], name="frameworklevel_unique_depth"
            )
        ]

    def __str__(self):
        return self.name


class FrameworkGoal(CleanTextMixin, models.Model):
    """A goal of a steering document; goals form a tree of any depth through `parent`."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("styrdokument"), on_delete=models.CASCADE, related_name="goals"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnat mål"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.CharField(_("nummer"), max_length=20)
    name = models.CharField(_("namn"), max_length=300)
    order = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål i styrdokument")
        verbose_name_plural = _("mål i styrdokument")
        ordering = ["framework__kind", "framework__name", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="frameworkgoal_unique_code_per_framework"
            )
        ]

    def __str__(self):
        if self.framework.kind == Framework.Kind.AGENDA_2030:
            return _("Mål %(code)s: %(name)s") % {"code": self.code, "name": self.name}
        return f"{self.code} {self.name}".strip()

    def clean(self):
        if self.parent_id is None:
            return
        if self.framework_id and self.parent.framework_id != self.framework_id:
            raise ValidationError(
                {"parent": _("Det överordnade målet måste höra till samma styrdokument.")}
            )
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("Ett mål kan inte ligga under sig självt.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def ancestors(self) -> list["FrameworkGoal"]:
        """From the top goal down to the parent of this one."""
        chain, ancestor, seen = [], self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            chain.append(ancestor)
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return list(reversed(chain))


class Plan(GuardedDeleteMixin, CleanTextMixin, models.Model):
    """A culture plan for a period of years, owned by a unit.

    `steward` is the unit that keeps the plan up to date (Flen's plan belongs to the
    municipality and is kept by Kulturenheten); its managers may edit the plan.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Antagen")
        ARCHIVED = "archived", _("Arkiverad")

    unit = models.ForeignKey(
        Unit, verbose_name=_("ägs av"), on_delete=models.PROTECT, related_name="plans"
    )
    steward = models.ForeignKey(
        Unit,
        verbose_name=_("förvaltas av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stewarded_plans",
        help_text=_("Enheten vars chefer håller planen aktuell."),
    )
    name = models.CharField(_("namn"), max_length=200)
    start_year = models.PositiveIntegerField(_("från år"), validators=[MinValueValidator(2000)])
    end_year = models.PositiveIntegerField(_("till år"), validators=[MinValueValidator(2000)])
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(_("antagen"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    framework_goals = models.ManyToManyField(
        FrameworkGoal, verbose_name=_("kopplade mål"), blank=True, related_name="plans"
    )
    history = HistoricalRecords(m2m_fields=[framework_goals])

    class Meta:
        verbose_name = _("kulturplan")
        verbose_name_plural = _("kulturplaner")
        ordering = ["-start_year", "name"]

    def in_force_for_year_plan(self, year: int) -> bool:
        """Whether a year plan of `year` may belong to this plan: a year of its period, or a
        later year before the owner adopts a plan that starts by then (DESIGN "The plan in
        force": a plan stays in force until the next is adopted)."""
        if year < self.start_year:
            return False
        if year <= self.end_year:
            return True
        return not Plan.objects.filter(
            unit_id=self.unit_id,
            status=Plan.Status.ADOPTED,
            start_year__gt=self.start_year,
            start_year__lte=year,
        ).exists()

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Slutåret kan inte ligga före startåret.")})

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def get_absolute_url(self):
        return reverse("plan_detail", kwargs={"pk": self.pk})


class PriorityArea(GuardedDeleteMixin, CleanTextMixin, models.Model):
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="areas"
    )
    number = models.PositiveIntegerField(_("nummer"), validators=[MinValueValidator(1)])
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    framework_goals = models.ManyToManyField(
        FrameworkGoal, verbose_name=_("kopplade mål"), blank=True, related_name="areas"
    )
    history = HistoricalRecords(m2m_fields=[framework_goals])

    class Meta:
        verbose_name = _("prioriterat område")
        verbose_name_plural = _("prioriterade områden")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="area_unique_number_per_plan")
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Goal(GuardedDeleteMixin, CleanTextMixin, models.Model):
    """An inriktningsmål. Its code ("1.2") is unique within the plan, enforced by the database
    through `plan`, which always follows the area."""

    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("prioriterat område"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals", editable=False)
    code = models.CharField(_("nummer"), max_length=20, help_text=_("Till exempel 1.2"))
    text = models.TextField(_("mål"))
    order = models.PositiveIntegerField(_("ordning"), default=0)
    framework_goals = models.ManyToManyField(
        FrameworkGoal, verbose_name=_("kopplade mål"), blank=True, related_name="plan_goals"
    )
    history = HistoricalRecords(m2m_fields=[framework_goals])

    class Meta:
        verbose_name = _("inriktningsmål")
        verbose_name_plural = _("inriktningsmål")
        ordering = ["area__number", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="goal_unique_code_per_plan")
        ]

    def __str__(self):
        return f"{self.code} {self.text}"

    def clean(self):
        if self.area_id:
            duplicate = (
                Goal.objects.filter(plan_id=self.area.plan_id, code=self.code)
                .exclude(pk=self.pk)
                .exists()
            )
            if duplicate:
                raise ValidationError(
                    {
                        "code": _("Det finns redan ett mål med nummer %(code)s i planen.")
                        % {"code": self.code}
                    }
                )

    def save(self, *args, **kwargs):
        self.plan_id = self.area.plan_id
        super().save(*args, **kwargs)


class YearPlan(CleanTextMixin, models.Model):
    """A unit's verksamhetsplan for one year within a plan's period."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="year_plans"
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("kulturplan"), on_delete=models.PROTECT, related_name="year_plans"
    )
    year = models.PositiveIntegerField(_("år"))
    status = models.CharField(
        _("status"), max_length=20, choices=Plan.Status.choices, default=Plan.Status.DRAFT
    )
    budget_kr = models.DecimalField(
        _("budget (kr)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    staffing_fte = models.DecimalField(
        _("årsverken"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    functions = models.TextField(_("funktioner"), blank=True, help_text=_("En funktion per rad."))
    introduction = models.TextField(_("inledning"), blank=True)
    preconditions = models.TextField(_("enhetens förutsättningar"), blank=True)
    analysis = models.TextField(_("analys och förbättringsområden"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="yearplan_unique_unit_year")
        ]

    def __str__(self):
        return _("Verksamhetsplan %(year)s – %(unit)s") % {"year": self.year, "unit": self.unit}

    def clean(self):
        if self.plan_id and self.year and not self.plan.in_force_for_year_plan(self.year):
            raise ValidationError(
                {
                    "year": _("Året måste ligga inom planens period %(start)s–%(end)s.")
                    % {"start": self.plan.start_year, "end": self.plan.end_year}
                }
            )

    @property
    def function_list(self) -> list[str]:
        return [line.strip() for line in self.functions.splitlines() if line.strip()]

    def get_absolute_url(self):
        return reverse("yearplan_detail", kwargs={"pk": self.pk})


class AreaYearPlan(CleanTextMixin, models.Model):
    """What a unit plans for one priority area in one year."""

    year_plan = models.ForeignKey(
        YearPlan,
        verbose_name=_("verksamhetsplan"),
        on_delete=models.CASCADE,
        related_name="area_plans",
    )
    area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("prioriterat område"),
        on_delete=models.PROTECT,
        related_name="year_plans",
    )
    preconditions = models.TextField(_("förutsättningar"), blank=True)
    board_goal = models.TextField(_("nämndmål"), blank=True)
    method = models.TextField(_("metod"), blank=True)
    followup = models.TextField(_("uppföljning"), blank=True)
    framework_goals = models.ManyToManyField(
        FrameworkGoal,
        verbose_name=_("koppling till hållbarhetsmål"),
        blank=True,
        related_name="area_year_plans",
    )
    history = HistoricalRecords(m2m_fields=[framework_goals])

    class Meta:
        verbose_name = _("områdesplan")
        verbose_name_plural = _("områdesplaner")
        ordering = ["year_plan", "area__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year_plan", "area"], name="areayearplan_unique_area_per_yearplan"
            )
        ]

    def __str__(self):
        return f"{self.year_plan.year} – {self.area}"

    def clean(self):
        if self.year_plan_id and self.area_id and self.area.plan_id != self.year_plan.plan_id:
            raise ValidationError(
                {"area": _("Området måste höra till verksamhetsplanens kulturplan.")}
            )


class FocusItem(CleanTextMixin, models.Model):
    """One line of verksamhetsinriktning; assessed yearly for effect and development."""

    area_year_plan = models.ForeignKey(
        AreaYearPlan,
        verbose_name=_("områdesplan"),
        on_delete=models.CASCADE,
        related_name="focus_items",
    )
    heading = models.CharField(_("rubrik"), max_length=200, blank=True)
    text = models.TextField(_("inriktning"))
    order = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verksamhetsinriktning")
        verbose_name_plural = _("verksamhetsinriktningar")
        ordering = ["area_year_plan", "order", "pk"]

    def __str__(self):
        return self.text


class TargetKind(models.TextChoices):
    """What an indicator's target is measured against (DESIGN: targets relative to others)."""

    ABSOLUTE = "absolute", _("Målvärde")
    PREVIOUS_YEAR = "previous_year", _("Bättre än föregående år")
    GROUP_AVERAGE = "group_average", _("Över gruppens medelvärde")
    GROUP_QUARTILE = "group_quartile", _("I gruppens bästa kvartil")


class Indicator(CleanTextMixin, models.Model):
    """An indicator (nyckeltal): computed from activities or entered by hand, or taken from
    Kolada by KPI id (`kolada_kpi`)."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Öka")
        DECREASE = "decrease", _("Minska")
        MAINTAIN = "maintain", _("Bibehålla")

    class Frequency(models.TextChoices):
        MONTH = "month", _("Månad")
        TERTIAL = "tertial", _("Tertial")
        YEAR = "year", _("År")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Inmatad")
        YOUTH_TARGETED = "youth_targeted", _("Beräknad: aktiviteter för 10–25 år")
        YOUTH_SHARE = "youth_share", _("Beräknad: andel aktiviteter för 10–25 år (%)")
        YOUNG_PARTICIPANTS = "young_participants", _("Beräknad: deltagare 10–25 år")
        YOUNG_POPULATION_SHARE = (
            "young_population_share",
            _("Beräknad: deltagare 10–25 år, % av målgruppen"),
        )
        DONE_ACTIVITIES = "done_activities", _("Beräknad: genomförda aktiviteter")

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), on_delete=models.CASCADE, related_name="indicators"
    )
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("kulturplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("inriktningsmål"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
    )
    name = models.CharField(_("namn"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    unit_of_measure = models.CharField(_("enhet för måttet"), max_length=50, default="antal")
    direction = models.CharField(
        _("önskad riktning"),
        max_length=20,
        choices=Direction.choices,
        default=Direction.INCREASE,
    )
    frequency = models.CharField(
        _("frekvens"), max_length=20, choices=Frequency.choices, default=Frequency.YEAR
    )
    source = models.CharField(
        _("källa"), max_length=40, choices=Source.choices, default=Source.MANUAL
    )
    baseline_year = models.PositiveIntegerField(_("basår"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("basvärde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    kolada_kpi = models.CharField(
        _("nyckeltal i Kolada"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]\d{5}$", _("Ange nyckeltalets id, t.ex. N09801."))],
        help_text=_(
            "Värdena hämtas från Kolada, t.ex. N09801 (lån på folkbibliotek per invånare)."
        ),
    )
    target_kind = models.CharField(
        _("typ av mål"),
        max_length=20,
        choices=TargetKind.choices,
        default=TargetKind.ABSOLUTE,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["unit__path", "order", "name"]

    def __str__(self):
        return self.name

    @property
    def is_computed(self) -> bool:
        return self.source != self.Source.MANUAL

    def get_absolute_url(self):
        return reverse("indicator_detail", kwargs={"pk": self.pk})


class IndicatorTarget(CleanTextMixin, models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveIntegerField(_("år"))
    value = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="indicatortarget_unique_year"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class IndicatorValue(CleanTextMixin, models.Model):
    """An entered (or recorded) value for a period: `period` is the month (1–12) for monthly
    indicators, the tertial (1–3) for tertial ones and 0 for a whole year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indikator"), on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveIntegerField(_("år"))
    period = models.PositiveSmallIntegerField(_("period"), default=0)
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("kommentar"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")
        ordering = ["indicator", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="indicatorvalue_unique_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}/{self.period}: {self.value}"

    def clean(self):
        limits = {
            Indicator.Frequency.MONTH: (1, 12),
            Indicator.Frequency.TERTIAL: (1, 3),
            Indicator.Frequency.YEAR: (0, 0),
        }
        if self.indicator_id:
            low, high = limits[self.indicator.frequency]
            if not low <= self.period <= high:
                raise ValidationError(
                    {
                        "period": _("Perioden ska vara %(low)s–%(high)s för den här frekvensen.")
                        % {"low": low, "high": high}
                    }
                )
