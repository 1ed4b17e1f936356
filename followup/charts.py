"""Diagrams as SVG made on the server, so the page and the PDF show the same chart.

No script, no external library, no style attributes (the CSP forbids inline styles): only
SVG presentation attributes. Every chart has a <title> and <desc> and is labelled by them
(role="img"); callers show the numbers as a table next to it (see `chart_table`).
Series are told apart without colour: solid bars against light dashed bars, with a legend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from activities.models import AGE_BANDS, Collaboration, Kind
from culture_plan import numbers, periods
from followup import figures

INK = "#1b1b1f"
BAR = "#3b1f6e"
BAR_LIGHT = "#d9cff0"
GRID = "#b8b8c2"
FONT = "system-ui, DejaVu Sans, sans-serif"
MONTHS_SHORT = [
    "jan",
    "feb",
    "mar",
    "apr",
    "maj",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
]


def _open_svg(*, chart_id: str, width: int, height: int, title: str, description: str) -> str:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="{FONT}" font-size="14" '
        f'fill="{INK}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
    )


def _number(value) -> str:
    """The app's one number format (culture_plan.numbers): "24 104"; None → "–"."""
    return numbers.number(value)


def nice_ticks(largest: float, *, count: int = 4) -> list[int]:
    """Axis ticks from 0 at a round step (1, 2 or 5 × 10^n) covering `largest` in about
    `count` steps: 509 → 0, 200, 400, 600 (never 127, 254, 382, 509)."""
    if largest <= 0:
        return [0, 1]
    raw = largest / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    top = step * math.ceil(largest / step)
    return list(range(0, top + 1, step))


def _pct(value) -> str:
    """A percent string from figures ("43.6") as Swedish text ("43,6"); None → "–"."""
    if value is None:
        return "–"
    return number_format(Decimal(str(value)), decimal_pos=1, use_l10n=True)


def bar_chart(
    *,
    title: str,
    description: str,
    items: Sequence[tuple[str, float | int, str | None]],
    chart_id: str | None = None,
) -> SafeString:
    """Horizontal bars, one per (label, value, percent); the bar length is the percent
    when given (shares), else the value relative to the largest one."""
    chart_id = chart_id or f"chart-{slugify(title)}"
    # The label column fits the longest label (about 8 px a character at 14 px type), so the
    # chart stays readable when a phone scales it down.
    longest = max((len(str(label)) for label, _value, _pct in items), default=4)
    label_width, bar_width, value_width = 8 * longest + 16, 280, 110
    row, top = 34, 10
    width = label_width + bar_width + value_width
    height = top * 2 + row * max(len(items), 1)
    largest = max((float(value or 0) for _label, value, _pct in items), default=0)
    parts = [
        _open_svg(
            chart_id=chart_id, width=width, height=height, title=title, description=description
        )
    ]
    parts.append(
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    for index, (label, value, pct) in enumerate(items):
        y = top + index * row
        if pct is not None:
            share = float(pct) / 100
        else:
            share = float(value or 0) / largest if largest else 0
        length = round(bar_width * min(max(share, 0), 1), 1)
        text = _number(value) if pct is None else f"{_number(value)} ({_pct(pct)} %)"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row / 2 + 5}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 6}" width="{length}" height="{row - 12}" '
            f'fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6}" y="{y + row / 2 + 5}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def two_series_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    chart_id: str | None = None,
) -> SafeString:
    """Vertical grouped bars for two series (e.g. this year and last year) per label.
    The first series is solid, the second light with a dashed outline; a legend says which."""
    chart_id = chart_id or f"chart-{slugify(title)}"
    left, right, top, bottom, legend = 50, 10, 40, 30, 0
    group = 50
    width = left + right + group * len(labels)
    height = 300
    plot_height = height - top - bottom - legend
    largest = max((float(v or 0) for _name, values in series for v in values), default=0)
    ticks = nice_ticks(largest)
    scale = plot_height / ticks[-1]
    baseline = top + plot_height
    parts = [
        _open_svg(
            chart_id=chart_id, width=width, height=height, title=title, description=description
        )
    ]
    # Legend on top: a solid and a dashed swatch with the series' names.
    styles = [
        {"fill": BAR, "stroke": BAR, "extra": ""},
        {"fill": BAR_LIGHT, "stroke": INK, "extra": ' stroke-dasharray="4 2"'},
    ]
    x = left
    for (name, _values), style in zip(series, styles, strict=False):
        parts.append(
            f'<rect x="{x}" y="8" width="16" height="16" fill="{style["fill"]}" '
            f'stroke="{style["stroke"]}" stroke-width="1.5"{style["extra"]}/>'
        )
        parts.append(f'<text x="{x + 22}" y="21">{escape(name)}</text>')
        x += 22 + 9 * len(str(name)) + 24
    # Axis and a few grid lines with values.
    for value in ticks:
        y = round(baseline - value * scale, 1)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="12">'
            f"{_number(value)}</text>"
        )
    bar = (group - 12) / max(len(series), 1)
    for index, label in enumerate(labels):
        gx = left + index * group + 6
        for number, ((_name, values), style) in enumerate(zip(series, styles, strict=False)):
            value = float(values[index] or 0) if index < len(values) else 0
            bar_height = round(value * scale, 1)
            parts.append(
                f'<rect x="{round(gx + number * bar, 1)}" y="{round(baseline - bar_height, 1)}" '
                f'width="{round(bar - 2, 1)}" height="{bar_height}" fill="{style["fill"]}" '
                f'stroke="{style["stroke"]}" stroke-width="1.5"{style["extra"]}/>'
            )
        parts.append(
            f'<text x="{gx + (group - 12) / 2}" y="{height - 10}" text-anchor="middle" '
            f'font-size="12">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{baseline}" x2="{width - right}" y2="{baseline}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# Ready-made charts from the figure dicts of followup.figures -------------------------------


def _distribution_block(*, chart_id, title, description, labels, distribution) -> dict:
    items = [
        (label, distribution.get(key, {}).get("count", 0), distribution.get(key, {}).get("percent"))
        for key, label in labels
    ]
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "svg": bar_chart(title=title, description=description, items=items, chart_id=chart_id),
        "headers": [_("Grupp"), _("Antal aktiviteter"), _("Andel (%)")],
        "rows": [[label, count, _pct(pct)] for label, count, pct in items],
    }


def age_band_chart(*, distribution: dict, year: int) -> dict:
    """Share of done activities per target age span (an activity counts in several spans)."""
    return _distribution_block(
        chart_id="chart-age-bands",
        title=_("Andel aktiviteter per åldersspann %(year)s") % {"year": year},
        description=_(
            "Liggande staplar: andelen genomförda aktiviteter som riktar sig till varje "
            "åldersspann. En aktivitet kan räknas i flera spann."
        ),
        labels=[(band, band.replace("-", "–")) for band in AGE_BANDS],
        distribution=distribution,
    )


def kind_chart(*, distribution: dict, year: int) -> dict:
    return _distribution_block(
        chart_id="chart-kind",
        title=_("Aktiviteter per typ %(year)s") % {"year": year},
        description=_("Liggande staplar: andelen genomförda aktiviteter av varje typ."),
        labels=[(value, str(label)) for value, label in Kind.choices],
        distribution=distribution,
    )


def collaboration_chart(*, distribution: dict, year: int) -> dict:
    return _distribution_block(
        chart_id="chart-collaboration",
        title=_("Aktiviteter per samverkansform %(year)s") % {"year": year},
        description=_("Liggande staplar: andelen genomförda aktiviteter per samverkansform."),
        labels=[(value, str(label)) for value, label in Collaboration.choices],
        distribution=distribution,
    )


def young_by_month_chart(*, year: int, values: Sequence[int], previous: Sequence[int]) -> dict:
    """Young participants (visits by 10–25-year-olds) month by month, against last year."""
    title = _("Deltagare 10–25 år per månad, %(year)s mot %(previous)s") % {
        "year": year,
        "previous": year - 1,
    }
    description = _(
        "Stående staplar per månad: %(year)s som fyllda staplar, %(previous)s som ljusa "
        "streckade staplar. Deltagare räknas som besök, inte unika personer."
    ) % {"year": year, "previous": year - 1}
    chart_id = "chart-young-by-month"
    return {
        "id": chart_id,
        "title": title,
        "description": description,
        "svg": two_series_chart(
            title=title,
            description=description,
            labels=MONTHS_SHORT[: len(values)],
            series=[(str(year), list(values)), (str(year - 1), list(previous))],
            chart_id=chart_id,
        ),
        "headers": [_("Månad"), str(year), str(year - 1)],
        "rows": [
            [MONTHS_SHORT[index], values[index], previous[index]] for index in range(len(values))
        ],
    }


def report_charts(report: dict) -> list[dict]:
    """The same four diagrams from a period report's JSON (annual or tertial), so that a
    published version draws its charts from its frozen figures, never from today's rows."""
    year = report["year"]
    months = report["young_participants_by_month"]
    return [
        age_band_chart(distribution=report["age_bands"], year=year),
        kind_chart(distribution=report["by_kind"], year=year),
        collaboration_chart(distribution=report["by_collaboration"], year=year),
        young_by_month_chart(year=year, values=months["year"], previous=months["previous_year"]),
    ]


def year_charts(*, unit, year: int) -> list[dict]:
    """The four yearly diagrams of DESIGN (age spans, kind, collaboration, young participants
    per month against last year): one source for the chart page and the annual report, so the
    page and the PDF show the same charts."""
    start, end = periods.year_period(year)
    return [
        age_band_chart(
            distribution=figures.age_band_distribution(unit=unit, start=start, end=end), year=year
        ),
        kind_chart(
            distribution=figures.kind_distribution(unit=unit, start=start, end=end), year=year
        ),
        collaboration_chart(
            distribution=figures.collaboration_distribution(unit=unit, start=start, end=end),
            year=year,
        ),
        young_by_month_chart(
            year=year,
            values=figures.young_participants_by_month(unit=unit, year=year),
            previous=figures.young_participants_by_month(unit=unit, year=year - 1),
        ),
    ]
