"""Report documents for politicians: the tertial engine, publishing (frozen versions), the
PDF (tagged, A4, cover, page numbers), the two-page VEPAQ month, and who may download."""

import datetime
import io
import json
import subprocess

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import summaries
from activities.models import Activity, Status
from culture_plan.models import Indicator
from followup import rendering, reports, services
from followup.models import ImmutableError, MonthlyReport, PublishedReport, ReportDocument
from tests.factories import GoalFactory, IndicatorFactory, PriorityAreaFactory, approve_document
from tests.followup.test_figures import activity, youth
from tests.followup.test_page_query_counts import add_activities
from tests.followup.test_query_counts import ANNUAL_QUERIES


@pytest.fixture
def culture(tree):
    """Kulturenheten: activities on both sides of each tertial's end, and last year's."""
    unit = tree["culture"]
    youth(unit, date=datetime.date(2026, 1, 10), girls=4, age_13_15=4)
    activity(unit, date=datetime.date(2026, 4, 30), bands=["26-64"], boys=3)
    youth(unit, date=datetime.date(2026, 5, 1), girls=2, age_16_19=2)
    activity(unit, date=datetime.date(2026, 8, 31), bands=["65+"], other_gender=1)
    youth(unit, date=datetime.date(2026, 9, 1), girls=7, age_10_12=7)
    activity(unit, date=datetime.date(2026, 3, 3), status=Status.PLANNED)
    activity(unit, date=datetime.date(2026, 6, 3), status=Status.CANCELLED)
    youth(unit, date=datetime.date(2025, 2, 1))
    activity(unit, date=datetime.date(2025, 7, 1))
    return unit


def test_tertial_figures_are_april_and_august_year_to_date(culture):
    t1 = reports.tertial_report(unit=culture, year=2026, tertial=1)
    t2 = reports.tertial_report(unit=culture, year=2026, tertial=2)
    assert t1["period"] == {"start": "2026-01-01", "end": "2026-04-30"}
    assert t2["period"] == {"start": "2026-01-01", "end": "2026-08-31"}
    assert t1["activities"] == {"done": 2, "planned": 1, "cancelled": 0}
    assert t2["activities"] == {"done": 4, "planned": 1, "cancelled": 1}
    assert t1["participants"]["total"] == 7 and t2["participants"]["total"] == 10
    assert t1["youth_share"]["period"] == {"youth": 1, "total": 2, "percent": "50.0"}
    assert t2["youth_share"]["period"] == {"youth": 2, "total": 4, "percent": "50.0"}
    # Same period last year: T1 has only the February youth activity, T2 also July's.
    assert t1["youth_share"]["previous_year_period"]["percent"] == "100.0"
    assert t2["youth_share"]["previous_year_period"]["percent"] == "50.0"
    # The same engine as the VEPAQ year to date of April and August.
    for tertial, month in ((t1, 4), (t2, 8)):
        vepaq = reports.vepaq_report(unit=culture, year=2026, month=month)
        assert tertial["activities"] == vepaq["activities"]["ytd"]
        assert tertial["participants"] == vepaq["participants"]["ytd"]
        assert tertial["youth_share"]["period"] == vepaq["youth_share"]["ytd"]
        assert (
            tertial["youth_share"]["previous_year_period"]
            == (vepaq["youth_share"]["ytd_previous_year"])
        )
    assert len(t1["young_participants_by_month"]["year"]) == 4
    assert t1["by_kind"]["culture"]["count"] == 2
    assert list(t1)[:8] == [
        "unit",
        "unit_name",
        "year",
        "tertial",
        "period",
        "activities",
        "participants",
        "youth_share",
    ]
    assert {"age_bands", "by_kind", "by_collaboration"} <= set(t1)


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_tertial_command_and_published(culture, users):
    data = json.loads(run("tertial", "--unit", "kulturenheten", "--year", "2026", "--tertial", "2"))
    assert data["tertial"] == 2 and data["activities"]["done"] == 4
    with pytest.raises(CommandError, match="kräver --tertial"):
        run("tertial", "--unit", "kulturenheten", "--year", "2026")
    with pytest.raises(CommandError, match="ingen fastställd"):
        run("tertial", "--unit", "kulturenheten", "--year", "2026", "--tertial", "1", "--published")
    document = services.document_get_or_create(unit=culture, year=2026, kind="tertial", tertial=1)
    published = approve_document(document=document, by=users["manager"])
    text = run(
        "tertial", "--unit", "kulturenheten", "--year", "2026", "--tertial", "1", "--published"
    )
    assert text == published.json_text


def test_published_version_never_changes(culture, users, tmp_path):
    chef = users["manager"]
    document = services.document_get_or_create(unit=culture, year=2026, kind="annual")
    example = culture.activities.get(date=datetime.date(2026, 5, 1))
    services.document_save_texts(
        document=document,
        texts={"summary": "Ett bra år.", "economy": "", "personnel": "", "outlook": ""},
        analyses={},
        good_examples=[example],
        by=chef,
    )
    first = approve_document(document=document, by=chef)
    pdf, json_text = bytes(first.pdf), first.json_text
    assert first.data["document"]["good_examples"][0]["title"] == example.title
    with pytest.raises(ValidationError):
        services.document_save_texts(
            document=document, texts={"summary": "x"}, analyses={}, good_examples=[], by=chef
        )
    # Activities change afterwards: the published version stays byte for byte the same.
    example.girls = 500
    example.save()
    activity(culture, date=datetime.date(2026, 10, 1))
    stored = PublishedReport.objects.get(pk=first.pk)
    assert bytes(stored.pdf) == pdf and stored.json_text == json_text
    target = tmp_path / "published.pdf"
    run(
        "annual",
        "--unit",
        "kulturenheten",
        "--year",
        "2026",
        "--published",
        "--format",
        "pdf",
        "-o",
        target,
    )
    assert target.read_bytes() == pdf
    with pytest.raises(ImmutableError):
        stored.save()
    with pytest.raises(ImmutableError):
        stored.delete()
    with pytest.raises(ImmutableError):
        PublishedReport.objects.filter(pk=first.pk).update(json_text="{}")
    # Reopening makes a draft and keeps every version; approving again adds version 2.
    services.document_reopen(document=document, by=chef)
    document.refresh_from_db()
    assert document.state == ReportDocument.State.DRAFT
    second = approve_document(document=document, by=chef)
    assert second.version == 2 and second.data["activities"]["done"] == 6
    assert PublishedReport.objects.get(pk=first.pk).json_text == json_text
    assert document.history.count() >= 3


def pdf_text(path, *pages) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True).stdout


def test_document_pdf_is_tagged_a4_with_cover_and_page_numbers(culture, users, tmp_path):
    document = services.document_get_or_create(unit=culture, year=2026, kind="annual")
    published = approve_document(document=document, by=users["manager"])
    path = tmp_path / "annual.pdf"
    path.write_bytes(bytes(published.pdf))
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "sv"
        assert "Verksamhetsberättelse 2026" in str(pdf.docinfo["/Title"])
        for page in pdf.pages:
            assert [round(float(v)) for v in page.MediaBox] == [0, 0, 595, 842]
        pages = len(pdf.pages)
        for page in pdf.pages:  # fonts embedded
            for font in page.Resources.Font.values():
                descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    cover = pdf_text(path, 1)
    for text in ("Flens kommun", "Kulturenheten", "Verksamhetsberättelse", "2026"):
        assert text in cover
    assert "Fastställd" in cover and "av" in cover
    assert f"Sida 1 av {pages}" in cover
    contents = pdf_text(path, 2)
    assert "Innehåll" in contents and "1. Sammanfattning" in contents
    assert f"Sida {pages} av {pages}" in pdf_text(path, pages)
    # A draft says so on its cover; the archive copy is PDF/A.
    draft = rendering.render_pdf(
        kind="tertial", report=reports.tertial_report(unit=culture, year=2026, tertial=1)
    )
    (tmp_path / "draft.pdf").write_bytes(draft)
    assert "Utkast" in pdf_text(tmp_path / "draft.pdf", 1)
    archive = rendering.render_pdf(kind="annual", report=published.data, archive=True)
    with pikepdf.open(io.BytesIO(archive)) as pdf:
        assert b"pdfaid" in pdf.Root.Metadata.read_bytes()


def test_vepaq_month_of_demo_size_prints_on_two_tagged_pages(tree, flen_plan, tmp_path):
    culture = tree["culture"]
    for number in range(1, 5):
        area = PriorityAreaFactory(plan=flen_plan, number=number)
        for order in range(1, 4):
            GoalFactory(
                area=area,
                code=f"{number}.{order}",
                order=order,
                text="Stärka barn och ungas möjligheter att påverka utbudet och delta " * 2,
            )
    for name in ("Aktiva 10–25-åringar i december, antal", "Andel aktiviteter för unga"):
        IndicatorFactory(unit=culture, name=name, source=Indicator.Source.YOUTH_SHARE)
    for day in range(1, 16):
        status = [Status.DONE, Status.DONE, Status.PLANNED, Status.CANCELLED][day % 4]
        activity(
            culture,
            date=datetime.date(2026, 11, day),
            status=status,
            title=f"Ortsdialog och workshop nummer {day} på biblioteket i Malmköping",
            girls=5 if status == Status.DONE else 0,
        )
    pdf = rendering.render_pdf(
        kind="vepaq", report=reports.vepaq_report(unit=culture, year=2026, month=11)
    )
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 2
        assert "/StructTreeRoot" in document.Root
        assert str(document.Root.Lang) == "sv"
    (tmp_path / "vepaq.pdf").write_bytes(pdf)
    assert "Sida 1 av 2" in pdf_text(tmp_path / "vepaq.pdf", 1)


DOWNLOADERS = {"staff", "manager", "viewer", "admin"}


@pytest.mark.parametrize(
    "role", ["anonymous", "staff", "manager", "viewer", "admin", "other_manager"]
)
def test_downloads_for_everyone_who_reads_the_unit_and_nobody_else(
    culture, users, client_for, role
):
    published = approve_document(
        document=services.document_get_or_create(unit=culture, year=2026, kind="annual"),
        by=users["manager"],
    )
    client = client_for(role)
    urls = [
        reverse("followup:download", args=["kulturenheten", "vepaq", 2026, 11, "xlsx"]),
        reverse("followup:download", args=["kulturenheten", "tertial", 2026, 1, "xlsx"]),
        reverse("followup:download", args=["kulturenheten", "annual", 2026, 0, "xlsx"]),
        reverse("followup:published_pdf", args=["kulturenheten", published.pk]),
        reverse("followup:annual", args=["kulturenheten", 2026]),
        reverse("followup:tertial", args=["kulturenheten", 2026, 2]),
    ]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, url
        elif role in DOWNLOADERS:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 404, url
    if role in DOWNLOADERS:
        assert client.get(urls[3]).content == bytes(published.pdf)
        page = client.get(urls[4]).content.decode()
        assert published.approved_by_name in page
        assert urls[3] in page


def test_manager_writes_and_approves_in_the_browser_viewer_may_not(culture, client_for):
    url = reverse("followup:document_save", args=["kulturenheten", "tertial", 2026, 2])
    approve = reverse("followup:document_approve", args=["kulturenheten", "tertial", 2026, 2])
    viewer = client_for("viewer")
    assert viewer.post(url, {"summary": "x"}).status_code == 403
    assert viewer.post(approve).status_code == 403
    manager = client_for("manager")
    outside = culture.activities.get(date=datetime.date(2026, 9, 1))
    response = manager.post(url, {"summary": "Vår text", "good_examples": [outside.pk]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vår text" in page and "Det finns fel att rätta" in page
    inside = culture.activities.get(date=datetime.date(2026, 5, 1))
    response = manager.post(url, {"summary": "Vår text", "good_examples": [inside.pk]})
    assert response.status_code == 302
    # Publishing asks for the texts still missing; the manager confirms them empty.
    response = manager.post(approve, follow=True)
    assert "Texter saknas: Ekonomi, Personal, Framåtblick." in response.content.decode()
    left_empty = ["economy", "personnel", "outlook"]
    response = manager.post(approve, {"left_empty": left_empty}, follow=True)
    assert "Rapporten är fastställd och publicerad som version 1." in response.content.decode()
    version = PublishedReport.objects.get()
    assert version.data["document"]["summary"] == "Vår text"
    assert version.data["document"]["good_examples"][0]["title"] == inside.title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("manager", "annual"),
        ("manager", "tertial"),
        ("viewer", "annual"),
        ("viewer", "home"),
        ("viewer", "download_xlsx"),
        ("viewer", "published_pdf"),
    ],
)
@pytest.mark.usefixtures("figures_computed")
def test_new_pages_take_as_many_queries_at_10_and_1000_activities(
    client_for, tree, plan_goals, year_plan, users, role, page
):
    area = plan_goals["areas"][0]
    goals = [plan_goals["goals"]["1.1"], plan_goals["goals"]["1.2"]]
    published = approve_document(
        document=services.document_get_or_create(unit=tree["culture"], year=2024, kind="annual"),
        by=users["manager"],
    )
    url = {
        "annual": reverse("followup:annual", args=["kulturenheten", 2024]),
        "tertial": reverse("followup:tertial", args=["kulturenheten", 2024, 2]),
        "home": reverse("home"),
        "download_xlsx": reverse(
            "followup:download", args=["kulturenheten", "annual", 2024, 0, "xlsx"]
        ),
        "published_pdf": reverse("followup:published_pdf", args=["kulturenheten", published.pk]),
    }[page]
    client = client_for(role)
    add_activities(unit=tree["culture"], area=area, goals=goals, count=10)
    with CaptureQueriesContext(connection) as at_10:
        assert client.get(url).status_code == 200
    add_activities(unit=tree["culture"], area=area, goals=goals, count=990, offset=10)
    with CaptureQueriesContext(connection) as at_1000:
        assert client.get(url).status_code == 200
    assert len(at_1000.captured_queries) == len(at_10.captured_queries), page


@pytest.mark.usefixtures("figures_computed")
def test_tertial_report_takes_a_fixed_number_of_queries(
    culture, flen_plan, django_assert_num_queries
):
    # Two passes (the period, the year before) and the matrix (plan, goals, cells,
    # assessments): the annual report's fixed count (test_query_counts: 6 in a plan year,
    # one more after the plan's last year, when the plan in force is looked up further).

    GoalFactory(area=PriorityAreaFactory(plan=flen_plan, number=1), code="1.1")
    for year, expected in ((2025, ANNUAL_QUERIES), (2026, ANNUAL_QUERIES + 1)):
        with django_assert_num_queries(expected):
            reports.annual_report(unit=culture, year=year)
        for tertial in (1, 2):
            with django_assert_num_queries(expected):
                reports.tertial_report(unit=culture, year=year, tertial=tertial)


def test_viewers_see_a_months_lights_only_once_handed_in(culture, users, client_for):
    report = MonthlyReport.objects.create(
        unit=culture, year=2026, month=4, v_status="red", v_comment="Ont om tid"
    )
    url = reverse("followup:vepaq", args=["kulturenheten", 2026, 4])
    year_url = reverse("followup:vepaq_year", args=["kulturenheten", 2026])
    marker = "Röd – avvikelse, åtgärd krävs"
    assert marker in client_for("manager").get(url).content.decode()
    viewer = client_for("viewer")
    assert marker not in viewer.get(url).content.decode()
    assert "light--red" not in viewer.get(year_url).content.decode()
    assert "light--red" in client_for("staff").get(year_url).content.decode()
    report.state = MonthlyReport.State.SUBMITTED
    report.save()
    assert marker in viewer.get(url).content.decode()
    assert "light--red" in viewer.get(year_url).content.decode()


def test_start_page_shows_published_reports_and_key_figures_to_politicians(
    culture, users, client_for
):
    published = approve_document(
        document=services.document_get_or_create(unit=culture, year=2026, kind="annual"),
        by=users["manager"],
    )
    page = client_for("viewer").get(reverse("home")).content.decode()
    assert reverse("followup:published_pdf", args=["kulturenheten", published.pk]) in page
    assert "Verksamhetsberättelse 2026 – Kulturenheten" in page
    assert "Nyckeltal per enhet" in page
    other = client_for("other_manager").get(reverse("home")).content.decode()
    assert "Fastställda rapporter" not in other


def test_the_good_examples_offered_stay_few_and_a_search_finds_the_rest(culture, client_for):
    """Issue 17: a municipality's year has hundreds of thousands of done activities; the page
    offers the chosen ones and the 60 newest, and a search on the title finds any other."""
    made = Activity.objects.bulk_create(
        Activity(
            unit=culture,
            title=f"Sagostund {number}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 200),
            status=Status.DONE,
            target_0_5=True,
        )
        for number in range(150)
    )
    summaries.record_created(activity.pk for activity in made)
    oldest = min(made, key=lambda activity: (activity.date, activity.pk))
    manager = client_for("manager")
    url = reverse("followup:annual", args=["kulturenheten", 2026])
    form = manager.get(url).context["form"]
    assert len(form.fields["good_examples"].widget.choices) == 60
    assert (form.examples_shown, form.examples_total) == (60, 155)
    assert oldest.pk not in dict(form.fields["good_examples"].widget.choices)
    found = manager.get(url, {"exempel": oldest.title}).context["form"]
    assert dict(found.fields["good_examples"].widget.choices) == {
        oldest.pk: f"{oldest.date.isoformat()} {oldest.title}"
    }
    save = reverse("followup:document_save", args=["kulturenheten", "annual", 2026, 0])
    assert manager.post(save, {"summary": "Text", "good_examples": [oldest.pk]}).status_code == 302
    # Chosen, it is offered (and checked) even when it is not among the newest.
    form = manager.get(url).context["form"]
    choices = dict(form.fields["good_examples"].widget.choices)
    assert oldest.pk in choices and len(choices) == 61
    assert f'value="{oldest.pk}"' in manager.get(url).content.decode()
