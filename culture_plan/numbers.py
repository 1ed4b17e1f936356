"""Numbers and names as the municipality writes them, in one place for pages, charts, e-mails
and PDFs: "24 104", "3 022 000 kr", "187 700,50 kr", "43,6", "Karin Lindqvist".

The template filters of `plan_format` call these; so do followup.charts and the reports.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def number(value) -> str:
    """A number with a (non-breaking) thousands space and decimal comma, without trailing
    zeros: 24104 → "24 104", 2.50 → "2,5"; None → "–"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    normalized = amount.normalize()
    places = max(0, -normalized.as_tuple().exponent)
    return number_format(normalized, decimal_pos=places, use_l10n=True, force_grouping=True)


def as_given(value) -> str:
    """A number with the decimals it was given ("43,6", "50,0", "2,50"), grouped, except that
    zero öre are left out ("187 700", not "187 700,00"); None → "–"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    places = max(0, -amount.as_tuple().exponent)
    if places == 2 and amount == amount.to_integral_value():
        places = 0
    return number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)


def whole(amount) -> str:
    amount = _decimal(amount) or Decimal(0)
    rounded = amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=0, use_l10n=True, force_grouping=True)


def kr(value) -> str:
    """Kronor: whole kronor unless the amount has öre: 187700.00 → "187 700 kr",
    187700.5 → "187 700,50 kr"; None → "–"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    if amount == amount.to_integral_value():
        return f"{whole(amount)} kr"
    cents = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number_format(cents, decimal_pos=2, use_l10n=True, force_grouping=True)} kr"


def tkr(value) -> str:
    """Thousands of kronor, rounded half up: 3022000 → "3 022 tkr"."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    return f"{whole(amount / 1000)} tkr"


def person(user) -> str:
    """A person's full name, the username only when no name is known; None → "–"."""
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()
