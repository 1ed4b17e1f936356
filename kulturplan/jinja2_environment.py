"""The Jinja2 environment of the hot fragments (jinja2/): the rows the activity plan and list
repeat per activity and the choices of checkbox and radio lists, which Django's template
engine renders several times slower (README, "Architecture notes").

The fragments must give the same bytes as the Django templates they replaced, so every
expression is escaped as Django escapes (``&#x27;``, ``&quot;``; markupsafe writes ``&#39;``
and ``&#34;``): `finalize` hands Jinja2 Django's conditional_escape of each value, which
Jinja2's autoescape then leaves alone. Translations are Django's gettext.
"""

from __future__ import annotations

from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from markupsafe import Markup

from culture_plan import numbers
from jinja2 import Environment


def _finalize(value):
    return Markup(conditional_escape(value))


def escape_as_django(value) -> Markup:
    """A value escaped as Django escapes, for the variables of a {% trans %} block."""
    return Markup(conditional_escape(value))


def input_attributes(data: dict) -> SafeString:
    """The attributes of one choice's <input>, as Django's widget template writes them."""
    attrs = {"type": data["type"], "name": data["name"]}
    if data["value"] is not None:
        attrs["value"] = str(data["value"])
    attrs.update(data["attrs"])
    return flatatt(attrs)


def environment(**options) -> Environment:
    options.setdefault("extensions", []).append("jinja2.ext.i18n")
    env = Environment(finalize=_finalize, **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    env.globals.update(url=reverse, input_attributes=input_attributes)
    env.filters.update(localize=localize, number=numbers.number, esc=escape_as_django)
    return env
