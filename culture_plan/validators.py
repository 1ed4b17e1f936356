"""Limits on what users type, shared by every model, form and the Excel import (DESIGN "Trust:
integrity, limits and sign-in"): counts are whole numbers 0–100 000, dates lie in 2000–2100,
text holds no control characters other than tab and newline.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COUNT = 100_000
MIN_DATE = datetime.date(2000, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)
MIN_YEAR, MAX_YEAR = MIN_DATE.year, MAX_DATE.year

# C0 controls except tab (\t), newline (\n) and carriage return (\r, half of a browser's line
# break), DEL, and the C1 controls. Excel refuses most of them, screen readers say nothing.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def count_validators() -> list:
    return [MinValueValidator(0), MaxValueValidator(MAX_COUNT)]


def validate_no_control_characters(value) -> None:
    """Refuse text with control characters (other than tab and line breaks)."""
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _(
                "Texten innehåller osynliga styrtecken (till exempel från en kopierad text). "
                "Ta bort dem och försök igen."
            ),
            code="control_characters",
        )


def strip_control_characters(value: str) -> str:
    """For output only (Excel, PDF): text stored before the rule existed is shown without them."""
    return CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


def validate_date_range(value) -> None:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date) and not MIN_DATE <= value <= MAX_DATE:
        raise ValidationError(
            _("Datumet måste ligga mellan %(min)s och %(max)s.")
            % {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()},
            code="date_range",
        )


class CleanTextMixin:
    """Runs validate_no_control_characters on every CharField and TextField in clean_fields,
    so that every model form, service (full_clean) and the import (clean_fields) refuses them
    without a validator on each field."""

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if exclude and field.name in exclude:
                continue
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.name in errors:
                continue
            try:
                validate_no_control_characters(getattr(self, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)
