"""The commitments section that the annual and tertial reports include (the lead wires it in):
`commitments_report_section` and `templates/governance/_report_section.html`."""

import datetime
import json

import pytest
from django.template.loader import render_to_string

from activities.models import Status
from governance.models import CommitmentAssessment
from governance.selectors import commitments_report_section
from tests.factories import ActivityFactory


@pytest.fixture
def assessed(chain, tree):
    commitment = chain["commitment"]
    ActivityFactory.create_batch(
        2, unit=tree["culture"], date=datetime.date(2024, 8, 1), status=Status.PLANNED
    )
    commitment.activities.add(
        ActivityFactory(unit=tree["culture"], date=datetime.date(2024, 9, 1), status=Status.PLANNED)
    )
    CommitmentAssessment.objects.create(
        commitment=commitment, period=1, status="yellow", comment="Sen start"
    )
    CommitmentAssessment.objects.create(commitment=commitment, period=3, status="green")
    return commitment


@pytest.mark.django_db
def test_the_section_per_period(assessed, tree):
    section = commitments_report_section(unit=tree["culture"], year=2024, tertial=1)
    json.dumps(section)  # plain data
    assert section["tertial"] == 1 and section["period_label"] == "Tertial 1"
    [row] = section["commitments"]
    assert row["title"] == "Kultur på loven"
    assert [link["code"] for link in row["chain"]] == ["1", "1.1", "1.1.1"]
    assert [link["level"] for link in row["chain"]] == [
        "KF:s inriktningsmål",
        "KF:s mål för verksamhetsområdet",
        "Nämndmål",
    ]
    assert row["activities"] == {"linked": 2, "done": 1}
    assert row["status"] == "yellow" and row["comment"] == "Sen start"
    year_end = commitments_report_section(unit=tree["culture"], year=2024)
    assert year_end["commitments"][0]["status"] == "green"
    assert (
        commitments_report_section(unit=tree["culture"], year=2024, tertial=2)["commitments"][0][
            "status"
        ]
        is None
    )
    # The municipality's section rolls up its units' commitments.
    rolled_up = commitments_report_section(unit=tree["municipality"], year=2024)
    assert {row["title"] for row in rolled_up["commitments"]} == {
        "Kultur på loven",
        "Läsfrämjande för unga",
    }


@pytest.mark.django_db
def test_the_template_renders_in_html_and_weasyprint(assessed, tree):
    section = commitments_report_section(unit=tree["culture"], year=2024, tertial=1)
    html = render_to_string("governance/_report_section.html", {"section": section})
    assert "Åtaganden 2024 – bedömning Tertial 1" in html
    assert "Gul – risk för avvikelse" in html and "1 genomförda av 2 kopplade" in html
    assert "style=" not in html
    from weasyprint import HTML  # noqa: PLC0415 (about a second to import; culture_plan.pdf)

    pdf = HTML(string=f'<html lang="sv"><body>{html}</body></html>').write_pdf()
    assert pdf.startswith(b"%PDF")
