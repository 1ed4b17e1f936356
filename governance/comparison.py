"""The arithmetic of comparing a municipality with its group (DESIGN: targets relative to
other municipalities). Plain functions on plain values, so they are tested on hand-made numbers.

- The average is over the members that have a value.
- Rank 1 is the best in the KPI's good direction; ties share a rank (1, 2, 2, 4).
- Quartile 1 is the best quarter: rank r of n is in quartile 4 × (r − 1) // n + 1.
- For the direction "keep" there is no better or worse, so no rank, quartile or group target.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

INCREASE, DECREASE, KEEP = "increase", "decrease", "keep"
ONE_DECIMAL = Decimal("0.1")


def one_decimal(value) -> str | None:
    """A number as a string with one decimal, rounded half up (5.85 → "5.9"); None stays None."""
    if value is None:
        return None
    return str(Decimal(str(value)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP))


def direction_word(direction: str) -> str:
    """Indicator.Direction ("maintain") in the report's words ("keep")."""
    return KEEP if direction == "maintain" else direction


def _with_values(values: dict[str, Decimal | None]) -> dict[str, Decimal]:
    return {member: value for member, value in values.items() if value is not None}


def average(values: dict[str, Decimal | None]) -> Decimal | None:
    known = _with_values(values)
    if not known:
        return None
    return sum(known.values(), Decimal(0)) / len(known)


def _better(a: Decimal, b: Decimal, direction: str) -> bool:
    return a > b if direction == INCREASE else a < b


def rank(values: dict[str, Decimal | None], member: str, direction: str) -> int | None:
    """1 + the number of members strictly better than `member`; None without a value."""
    direction = direction_word(direction)
    known = _with_values(values)
    if member not in known or direction == KEEP:
        return None
    own = known[member]
    return 1 + sum(1 for value in known.values() if _better(value, own, direction))


def quartile(rank_: int | None, of: int) -> int | None:
    if rank_ is None or not of:
        return None
    return 4 * (rank_ - 1) // of + 1


def best_quartile_threshold(values: dict[str, Decimal | None], direction: str) -> Decimal | None:
    """The weakest value that still lies in the best quartile: the value at position
    (n − 1) // 4 + 1 counted from the best."""
    direction = direction_word(direction)
    known = sorted(_with_values(values).values(), reverse=direction == INCREASE)
    if not known or direction == KEEP:
        return None
    return known[(len(known) - 1) // 4]


def compare(values: dict[str, Decimal | None], member: str, direction: str) -> dict:
    """Average, rank, of and quartile of `member` among `values` (raw Decimals)."""
    rank_ = rank(values, member, direction)
    of = len(_with_values(values))
    return {
        "average": average(values),
        "rank": rank_,
        "of": of,
        "quartile": quartile(rank_, of),
        "quartile_threshold": best_quartile_threshold(values, direction),
    }


def target_met(
    *, kind: str, direction: str, value, target, rank_: int | None = None, of: int = 0
) -> bool | None:
    """Whether `value` meets the target of `kind`; None when something needed is unknown.

    absolute: at least (increase), at most (decrease) or equal to (keep) the target value.
    previous_year: better than last year's value (keep: the same).
    group_average: better than the group's average (keep: unknown).
    group_quartile: in the best quartile (keep: unknown)."""
    direction = direction_word(direction)
    if value is None:
        return None
    value = Decimal(str(value))
    if kind == "group_quartile":
        if rank_ is None or not of:
            return None
        return quartile(rank_, of) == 1
    if target is None:
        return None
    target = Decimal(str(target))
    if kind == "absolute":
        if direction == INCREASE:
            return value >= target
        if direction == DECREASE:
            return value <= target
        return value == target
    if kind == "previous_year":
        if direction == KEEP:
            return value == target
        return _better(value, target, direction)
    if kind == "group_average":
        if direction == KEEP:
            return None
        return _better(value, target, direction)
    raise ValueError(kind)
