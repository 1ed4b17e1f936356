"""Numbers as the municipality writes them: "3 022 000 kr", "3 022 tkr", "2,5 årsverken"."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

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
