"""Quick surveys at events (snabbenkät) and partner surveys after a collaboration (enkät
samverkan). Answers are anonymous: a score, how the visitor heard of the activity and an
optional age band; no personal data about participants is ever stored, not even an address.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.models import AGE_BANDS, Activity, Partner

MAX_TEXT = 500
DEFAULT_OPEN_DAYS = 14
SCORES = [(n, str(n)) for n in range(1, 6)]


def new_token() -> str:
    """An unguessable public key for a survey's link (about 190 bits)."""
    return secrets.token_urlsafe(24)


def score_field(label):
    return models.PositiveSmallIntegerField(
        label, choices=SCORES, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Channel(models.TextChoices):
    """Hur fick du veta om aktiviteten? (the plan's marketing question)"""

    POSTER = "poster", _("Affisch")
    SOCIAL = "social", _("Sociala medier")
    SCHOOL = "school", _("Skolan")
    FRIENDS = "friends", _("Vän eller familj")
    WEBSITE = "website", _("Kommunens webbplats")
    OTHER = "other", _("Annat")


AGE_BAND_CHOICES = [(band, band) for band in AGE_BANDS]


class Survey(models.Model):
    """An activity's quick survey: a public link (and QR code) that visitors answer on a phone.
    Its answers are summed with the answers typed in by hand (`paper_answers`/`paper_mean`)
    into the activity's `survey_answers`/`survey_mean` (evaluation.figures.combined_survey)."""

    activity = models.OneToOneField(
        Activity, verbose_name=_("aktivitet"), on_delete=models.CASCADE, related_name="survey"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    closes_on = models.DateField(_("sista svarsdag"))
    paper_answers = models.PositiveIntegerField(
        _("enkätsvar på papper"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    paper_mean = models.DecimalField(
        _("medelbetyg på papper"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    # Kept with each answer in the same transaction (the survey row locked).
    online_answers = models.PositiveIntegerField(default=0, editable=False)
    online_sum = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("snabbenkät")
        verbose_name_plural = _("snabbenkäter")

    def __str__(self):
        return f"{self.activity}"

    @staticmethod
    def default_closing(activity: Activity) -> datetime.date:
        """Default closing date: 14 days after the activity (after its end when it has one)."""
        return (activity.end_date or activity.date) + datetime.timedelta(days=DEFAULT_OPEN_DAYS)

    def is_open(self, today: datetime.date) -> bool:
        return today <= self.closes_on


class Answer(models.Model):
    """One visitor's anonymous answer. The text is shown only to the unit's managers, never in
    reports, open data or the API."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    betyg = score_field(_("betyg"))
    channel = models.CharField(
        _("Hur fick du veta om aktiviteten?"), max_length=20, choices=Channel.choices, blank=True
    )
    age_band = models.CharField(_("ålder"), max_length=10, choices=AGE_BAND_CHOICES, blank=True)
    text = models.TextField(
        _("övriga synpunkter"), blank=True, validators=[MaxLengthValidator(MAX_TEXT)]
    )
    answered_on = models.DateField(_("svarsdag"))

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(betyg__gte=1, betyg__lte=5), name="answer_betyg_1_5"
            )
        ]

    def __str__(self):
        return f"{self.survey}: {self.betyg}"


class PartnerSurvey(models.Model):
    """The survey a manager sends to a partner's contact after a collaboration (enkät
    samverkan): roles and responsibilities, budget, communication (1–5) and lessons."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("aktivitet"),
        on_delete=models.CASCADE,
        related_name="partner_surveys",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("samverkanspart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("kontaktpersonens e-post"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    closes_on = models.DateField(_("sista svarsdag"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("enkät till samverkanspart")
        verbose_name_plural = _("enkäter till samverkansparter")

    def __str__(self):
        return f"{self.activity} – {self.partner or self.contact_email}"


class PartnerAnswer(models.Model):
    survey = models.OneToOneField(PartnerSurvey, on_delete=models.CASCADE, related_name="answer")
    roles = score_field(_("roller och ansvar"))
    budget = score_field(_("budget"))
    communication = score_field(_("kommunikation"))
    lessons = models.TextField(
        _("lärdomar att ta med"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    answered_on = models.DateField(_("svarsdag"))

    class Meta:
        verbose_name = _("svar från samverkanspart")
        verbose_name_plural = _("svar från samverkansparter")

    def __str__(self):
        return f"{self.survey}"
