"""The evaluation's figures: the one rule that combines paper and online answers, and the
channels and age bands of the answers ("Så fick besökarna veta")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

TWO_DECIMALS = Decimal("0.01")


def combined_survey(
    *,
    paper_answers: int | None,
    paper_mean: Decimal | None,
    online_answers: int,
    online_sum: int,
) -> tuple[int | None, Decimal | None]:
    """An activity's `survey_answers` and `survey_mean` (DESIGN "Evaluation"): the answers
    typed in by hand (paper) and those given online summed, their mean weighted by the number
    of answers, two decimals rounded half up. Paper answers without a mean count for nothing,
    as in every report. No answers at all → (None, None), as before any survey."""
    paper = paper_answers or 0
    if paper_mean is None:
        paper = 0
    answers = paper + online_answers
    if not answers:
        return (paper_answers if paper_mean is None else None), None
    weighted = Decimal(paper) * Decimal(paper_mean or 0) + Decimal(online_sum)
    return answers, (weighted / answers).quantize(TWO_DECIMALS, rounding=ROUND_HALF_UP)
