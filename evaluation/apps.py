from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Evaluation (seed 000, "Uppföljningsmetoder"): quick surveys at events and the partner
    survey after a collaboration. Uses activities and culture_plan; followup's reports use it;
    it never imports followup."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "evaluation"
    verbose_name = _("Utvärdering")
