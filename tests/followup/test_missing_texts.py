"""Publishing asks for the missing texts (issue 24): a document for politicians never shows a
placeholder; a text the manager confirms empty shows only its figures."""

import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from followup import services
from followup.models import ReportDocument
from followup.selectors import document_missing_texts

PLACEHOLDER = "Ingen text skriven ännu"
TEXTS = {
    "summary": "Året i korthet.",
    "economy": "Budgeten höll.",
    "personnel": "Stabil bemanning.",
    "outlook": "Fler unga nästa år.",
}


@pytest.fixture
def document(tree, plan_goals, users):
    document = services.document_get_or_create(unit=tree["culture"], year=2024, kind="annual")
    area1 = plan_goals["areas"][0]
    services.document_save_texts(
        document=document,
        texts=TEXTS,
        analyses={area1.pk: "Lovverksamheten nådde fler unga."},
        good_examples=[],
        by=users["manager"],
    )
    document.refresh_from_db()
    return document


def test_missing_texts_are_listed_in_the_documents_order(document):
    missing = document_missing_texts(unit=document.unit, year=2024, document=document)
    assert [text["key"] for text in missing] == ["area-2"]
    assert missing[0]["label"] == "Analys: 2. Kultur i hela kommunen"


def test_approving_refuses_an_unconfirmed_missing_text(document, users):
    with pytest.raises(ValidationError) as error:
        services.document_approve(document=document, by=users["manager"])
    assert "Texter saknas: Analys: 2. Kultur i hela kommunen" in error.value.messages[0]
    document.refresh_from_db()
    assert document.state == ReportDocument.State.DRAFT
    assert not document.published_versions.exists()


def test_a_confirmed_empty_area_shows_only_its_figures(document, users, tmp_path):
    published = services.document_approve(
        document=document, by=users["manager"], left_empty=["area-2"]
    )
    document.refresh_from_db()
    assert document.left_empty == ["area-2"]
    assert published.data["document"]["left_empty"] == ["area-2"]
    path = tmp_path / "annual.pdf"
    path.write_bytes(bytes(published.pdf))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert PLACEHOLDER not in text
    assert "Lovverksamheten nådde fler unga." in text
    assert "Kultur i hela kommunen" in text  # the area is there, with its figures
    assert "Genomförda aktiviteter per mål 2024" in text


def test_the_page_asks_for_each_missing_text_with_a_checkbox(document, client_for):
    url = reverse("followup:annual", args=["kulturenheten", 2024])
    html = client_for("manager").get(url).content.decode()
    assert "Texter som saknas" in html
    assert 'name="left_empty" value="area-2"' in html
    assert "Analys: 2. Kultur i hela kommunen: lämnas utan text" in html
    approve = reverse("followup:document_approve", args=["kulturenheten", "annual", 2024, 0])
    response = client_for("manager").post(approve, follow=True)
    assert "Texter saknas" in response.content.decode()
    document.refresh_from_db()
    assert document.state == ReportDocument.State.DRAFT
    client_for("manager").post(approve, {"left_empty": ["area-2"]})
    document.refresh_from_db()
    assert document.state == ReportDocument.State.APPROVED
