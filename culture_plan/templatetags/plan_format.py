"""Numbers as the municipality writes them: "3 022 000 kr", "3 022 tkr", "2,5 årsverken"."""

import itertools
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def number(value):
    """A number with Swedish grouping and decimal comma, without trailing zeros."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    normalized = amount.normalize()
    places = max(0, -normalized.as_tuple().exponent)
    return number_format(normalized, decimal_pos=places, use_l10n=True, force_grouping=True)


def _whole(amount: Decimal) -> str:
    whole = amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return number_format(whole, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def kr(value):
    """Whole kronor: 3022000 → "3 022 000 kr"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    return f"{_whole(amount)} kr"


@register.filter
def tkr(value):
    """Thousands of kronor, rounded half up: 3022000 → "3 022 tkr"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    return f"{_whole(amount / 1000)} tkr"


# Tables that may not fit a phone ------------------------------------------------------------

_regions = itertools.count(1)


@register.simple_tag(takes_context=True)
def table_region(context):
    """Opens a table's scroll region: focusable (keyboard users can scroll it), named by the
    table's caption (`{% table_caption_id %}` on the caption) and with a visible hint that
    shows when the table is wider than the screen. Close it with </div>."""
    request = context.get("request")
    number = next(_regions)
    if request is not None:
        number = getattr(request, "_table_regions", 0) + 1
        request._table_regions = number
    context["_table_caption_id"] = f"table-caption-{number}"
    return format_html(
        '<div class="table-wrap" role="region" tabindex="0" aria-labelledby="{}" data-hint="{}">',
        f"table-caption-{number}",
        gettext("Tabellen är bredare än skärmen: svep i sidled för att se alla kolumner."),
    )


@register.simple_tag(takes_context=True)
def table_caption_id(context):
    return context.get("_table_caption_id", "")
