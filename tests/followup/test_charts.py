"""Charts are server-side SVG with a title, a description and the numbers as a table; no
style attributes (CSP), series told apart without colour."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from followup import charts
from tests.followup.conftest import YEAR

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def test_bar_chart_is_labelled_svg():
    with translation.override("sv"):
        svg = _bar()
    _check_labelled(svg)


def _bar():
    return charts.bar_chart(
        title="Aktiviteter per typ",
        description="Andel per typ",
        items=[("Kultur", 3, "60.0"), ("Konst", 2, "40.0"), ("Dialog", 0, None)],
        chart_id="typ",
    )


def _check_labelled(svg):
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "typ-title typ-desc"
    assert root.find(f"{SVG}title").text == "Aktiviteter per typ"
    assert root.find(f"{SVG}desc").text == "Andel per typ"
    assert "style=" not in svg
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(widths[1] * 1.5)  # 60 % against 40 %
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "3 (60,0 %)" in texts and "0" in texts


def test_bar_chart_escapes_labels_and_handles_no_data():
    svg = charts.bar_chart(title="<T>", description="a & b", items=[("<x>", 0, None)])
    root = parse(svg)  # still well-formed XML
    assert root.find(f"{SVG}title").text == "<T>"
    assert charts.bar_chart(title="Tom", description="Inget", items=[]).startswith("<svg")


def test_two_series_chart_differs_without_colour():
    svg = charts.two_series_chart(
        title="Unga per månad",
        description="I år mot förra året",
        labels=["jan", "feb"],
        series=[("2024", [5, 10]), ("2023", [2, 0])],
    )
    root = parse(svg)
    rects = list(root.iter(f"{SVG}rect"))
    dashed = [rect for rect in rects if rect.get("stroke-dasharray")]
    solid = [rect for rect in rects if not rect.get("stroke-dasharray")]
    assert dashed and solid  # last year is dashed, this year solid, legend included
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert "2024" in texts and "2023" in texts  # the legend names the series
    assert "style=" not in svg


def test_chart_blocks_carry_the_numbers():
    distribution = {
        "culture": {"count": 3, "percent": "60.0"},
        "art": {"count": 2, "percent": "40.0"},
        "dialogue": {"count": 0, "percent": "0.0"},
    }
    with translation.override("sv"):
        block = charts.kind_chart(distribution=distribution, year=2024)
    assert block["rows"] == [["Kultur", 3, "60,0"], ["Konst", 2, "40,0"], ["Dialog", 0, "0,0"]]
    months = charts.young_by_month_chart(year=2024, values=list(range(12)), previous=[0] * 12)
    assert months["rows"][11] == ["dec", 11, 0]
    assert months["headers"][1:] == ["2024", "2023"]


@pytest.mark.django_db
def test_chart_page_has_svg_desc_and_tables(client_for, tree, march):
    response = client_for("viewer").get(reverse("followup:charts", args=["kulturenheten", YEAR]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "style=" not in content
    assert content.count("<svg") == 4
    assert content.count("<title id=") == 4 and content.count("<desc id=") == 4
    assert content.count("<table") == 4
    assert content.count("<caption") == 4
    # Age bands 2024: two done activities; 13–15 is targeted by one of them → 50,0 %.
    table = re.search(
        r"Siffrorna i diagrammet: Andel aktiviteter per åldersspann.*?</table>", content, re.S
    ).group(0)
    assert '<th scope="row">13–15</th><td class="num">1</td><td class="num">50,0</td>' in table
    # Young participants: March 2024 = 5 + 5 + 3 = 13; March 2023 = 4.
    months = re.search(r"Siffrorna i diagrammet: Deltagare 10–25 år.*?</table>", content, re.S)
    assert '<th scope="row">mar</th><td class="num">13</td><td class="num">4</td>' in months.group(
        0
    )
