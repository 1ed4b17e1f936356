"""The calendar's filter form (GET): place (ort) and month."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class CalendarFilterForm(forms.Form):
    ort = forms.ChoiceField(label=_("Ort"), required=False)
    manad = forms.ChoiceField(label=_("Månad"), required=False)

    def __init__(self, *args, places: list[str], months: list[datetime.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ort"].choices = [("", _("Alla orter"))] + [(name, name) for name in places]
        self.fields["manad"].choices = [("", _("Kommande"))] + [
            (f"{month:%Y-%m}", formats.date_format(month, "F Y").capitalize()) for month in months
        ]

    def month(self) -> datetime.date | None:
        value = self.cleaned_data.get("manad") if self.is_valid() else ""
        if not value:
            return None
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1)

    def place(self) -> str:
        return (self.cleaned_data.get("ort") or "") if self.is_valid() else ""
