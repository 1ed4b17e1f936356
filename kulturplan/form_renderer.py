"""The form renderer: Django's own widget and form templates through Jinja2.

Django ships each of its form templates twice, for its own engine and for Jinja2, with the
same markup (only the blank lines between a select's options differ), escaped as Django
escapes through the environment of our own fragments (kulturplan/jinja2_environment.py:
``&quot;``, not markupsafe's ``&#34;``). Through Jinja2 the
filter form of a municipality's activity list (311 units, 600 partners and 600 places as
options) renders in half the CPU when its cached fragment is missing (1 000 000 activities:
136 → 63 ms, README "Pages at 1 000 000 activities"). A template only the Django engine has
(the admin's widget wrappers) is read from there.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FormRenderer(Jinja2):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "djangoforms",
                "OPTIONS": {"environment": "kulturplan.jinja2_environment.environment"},
            }
        )

    @cached_property
    def _django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._django.get_template(template_name)
