"""Words shared by several apps, kept here so that every app can use them without importing
the apps above it (arrows one way: followup and internal_control → culture_plan)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Light(models.TextChoices):
    """The follow-up's status light, in the same words wherever a status is judged
    (the VEPAQ dimensions, the internal control report)."""

    GREEN = "green", _("Grön – enligt plan")
    YELLOW = "yellow", _("Gul – risk för avvikelse")
    RED = "red", _("Röd – avvikelse, åtgärd krävs")


LIGHT_SHORT = {Light.GREEN: _("Grön"), Light.YELLOW: _("Gul"), Light.RED: _("Röd")}
