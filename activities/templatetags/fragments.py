"""Rendered fragments, cached under the data versions they are made of: the one fragment cache
of every page (activity list, form and plan, follow-up pages, start page).

``{% fragment key [part …] %}…{% endfragment %}`` renders its body once per `key`, `part`s
and language and serves the stored HTML afterwards, like Django's ``{% cache %}`` tag, with
two differences:

- `key` comes from the page selector (``activities.versions.cache_key``, or
  ``followup.cache.fragment_key`` for figures of unit subtrees): the data version of
  the unit subtrees and years the fragment shows, and whatever else it depends on (the
  reader's role, the month, the page number). A `key` of None renders the body uncached (a
  form bound to posted data, a page whose parts are not versioned).
- The scroll regions of tables (``{% table_region %}``) are numbered per request; the
  fragment stores how many it opened and where the numbering stood, so a hit advances the
  count as the rendering did and the page is the same bytes either way.

The body's variables are resolved only on a miss, so a page selector hands them over lazily
(``django.utils.functional.SimpleLazyObject``) and a hit computes none of them. Never put a
CSRF token inside: it differs per session.
"""

from __future__ import annotations

import hashlib

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from activities import versions

register = template.Library()

_MISSING = object()


class FragmentNode(template.Node):
    def __init__(self, nodelist, key: template.base.FilterExpression, parts):
        self.nodelist = nodelist
        self.key = key
        self.parts = parts

    def render(self, context):
        key = self.key.resolve(context)
        if key is None:
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        request = context.get("request")
        regions = getattr(request, "_table_regions", 0) if request is not None else 0
        described = "|".join([str(key), *parts, get_language() or "", str(regions)])
        digest = hashlib.blake2b(described.encode(), digest_size=16).hexdigest()
        cache_key = f"kp:fragment:{digest}"
        found = cache.get(cache_key, _MISSING)
        if found is not _MISSING:
            html, opened = found
            if request is not None:
                request._table_regions = regions + opened
            return mark_safe(html)  # noqa: S308 (our own template's output, stored as rendered)
        html = self.nodelist.render(context)
        opened = (getattr(request, "_table_regions", 0) - regions) if request is not None else 0
        cache.set(cache_key, (str(html), opened), versions.TIMEOUT)
        return html


@register.tag("fragment")
def fragment(parser, token):
    """``{% fragment key [part …] %}…{% endfragment %}``: the body cached under `key` and
    the `part`s (see above)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment key [part …] %} takes a key")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    parts = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), parts)
