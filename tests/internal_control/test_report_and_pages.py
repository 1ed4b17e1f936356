"""The report's JSON shape (command), the tagged PDF, Excel, the permission matrix of every
internal control URL, the forms, and query counts at 10 and 1 000 risks."""

import datetime
import io
import json
from io import StringIO

import pikepdf
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from internal_control import rendering, selectors
from internal_control.models import Action, Control, ControlResult, InternalControlPlan, Risk


@pytest.mark.django_db
def test_report_json_has_the_design_shape(ic):
    out = StringIO()
    call_command(
        "report", "internal_control", "--unit", "kulturenheten", "--year", "2024",
        "--format", "json", stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue())
    assert {"unit", "year", "state", "risks", "matrix"} <= set(data)
    assert (data["unit"], data["year"], data["state"]) == ("kulturenheten", 2024, "adopted")
    assert data["matrix"] == [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0]]
    risk = data["risks"][0]
    assert {k: risk[k] for k in ("title", "likelihood", "consequence", "value", "handling")} == {
        "title": "För svag bredd i kultur- och fritidsaktiviteter",
        "likelihood": 4,
        "consequence": 3,
        "value": 12,
        "handling": "Hanteras snarast",
    }
    assert risk["decision"] == "control"
    control = risk["controls"][0]
    assert {"title", "method", "frequency", "responsible", "results"} <= set(control)
    assert control["results"] == [
        {
            "date": "2024-04-30",
            "outcome": "deviation",
            "comment": "Tre orter saknade aktiviteter.",
            "actions": control["results"][0]["actions"],
        }
    ]
    assert data["summary"]["open_actions"] == 1


@pytest.mark.django_db
def test_report_of_a_tertial_counts_only_its_results(ic):
    ControlResult.objects.create(
        control=ic["control"], date=datetime.date(2024, 6, 1), outcome="ok"
    )
    t1 = selectors.report(unit=ic["unit"], year=2024, tertial=1)
    year = selectors.report(unit=ic["unit"], year=2024)
    assert t1["period"] == {"start": "2024-01-01", "end": "2024-04-30"}
    assert (t1["summary"]["results"], year["summary"]["results"]) == (1, 2)


@pytest.mark.django_db
def test_no_plan_gives_an_empty_report(tree):
    data = selectors.report(unit=tree["library"], year=2024)
    assert (data["state"], data["risks"], data["matrix"]) == (None, [], [[0] * 4] * 4)


@pytest.mark.django_db
def test_pdf_is_tagged_a4_swedish_and_titled(ic):
    pdf = pikepdf.open(
        io.BytesIO(rendering.render_pdf(selectors.report(unit=ic["unit"], year=2024)))
    )
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked)
    assert str(root.Lang) == "sv"
    assert "Internkontroll Kulturenheten 2024" in str(pdf.docinfo["/Title"])
    width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
    assert (round(width), round(height)) == (595, 842)


@pytest.mark.django_db
def test_excel_keeps_user_text_from_becoming_formulas(ic):
    risk = ic["risk"]
    risk.title = '=HYPERLINK("http://x")'
    risk.save()
    book = load_workbook(
        io.BytesIO(rendering.render_xlsx(selectors.report(unit=ic["unit"], year=2024)))
    )
    assert book.sheetnames == ["Risker", "Kontrollmoment", "Resultat", "Åtgärder", "Riskmatris"]
    cell = book["Risker"]["A2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
    assert book["Risker"]["G2"].value == 12
    assert [c.value for c in book["Riskmatris"][2]] == ["4 Stor", 0, 0, 1, 0]


def _urls(ic):
    plan, risk, control, result = ic["plan"], ic["risk"], ic["control"], ic["result"]
    return {
        "unit": ("internal_control:unit", {"slug": "kulturenheten"}),
        "report": ("internal_control:report", {"slug": "kulturenheten", "year": 2024}),
        "report_pdf": (
            "internal_control:report_download",
            {"slug": "kulturenheten", "year": 2024, "fmt": "pdf"},
        ),
        "plan_detail": ("internal_control:plan_detail", {"pk": plan.pk}),
        "plan_excel": ("internal_control:plan_excel", {"pk": plan.pk}),
        "risk_detail": ("internal_control:risk_detail", {"pk": risk.pk}),
    }, {
        "plan_create": ("internal_control:plan_create", {"slug": "kulturenheten"}),
        "plan_update": ("internal_control:plan_update", {"pk": plan.pk}),
        "risk_create": ("internal_control:risk_create", {"pk": plan.pk}),
        "risk_update": ("internal_control:risk_update", {"pk": risk.pk}),
        "control_create": ("internal_control:control_create", {"pk": risk.pk}),
        "control_update": ("internal_control:control_update", {"pk": control.pk}),
        "result_create": ("internal_control:result_create", {"pk": control.pk}),
        "result_update": ("internal_control:result_update", {"pk": result.pk}),
        "action_create": ("internal_control:action_create", {"pk": result.pk}),
        "action_update": ("internal_control:action_update", {"pk": ic["action"].pk}),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("manager", 200, 200),
        ("admin", 200, 200),
        ("staff", 200, 403),
        ("viewer", 200, 403),
        ("other_manager", 404, 404),
    ],
)
def test_permission_matrix(client, ic, users, role, read, write):
    client.force_login(users[role])
    reads, writes = _urls(ic)
    for name, (url_name, kwargs) in reads.items():
        assert client.get(reverse(url_name, kwargs=kwargs)).status_code == read, name
    for name, (url_name, kwargs) in writes.items():
        assert client.get(reverse(url_name, kwargs=kwargs)).status_code == write, name
    adopt = reverse("internal_control:plan_adopt", kwargs={"pk": ic["plan"].pk})
    assert client.post(adopt).status_code == (302 if write == 200 else write)


@pytest.mark.django_db
def test_manager_records_a_deviation_with_an_action_in_one_form(client, ic, users):
    client.force_login(users["manager"])
    url = reverse("internal_control:result_create", kwargs={"pk": ic["control"].pk})
    # An action without its date: nothing is saved and what was typed stays.
    response = client.post(
        url,
        {"date": "2024-09-10", "outcome": "deviation", "comment": "Inget för 16–19 år",
         "action_title": "Ny lovaktivitet", "action_responsible": "Kulturutvecklare"},
    )  # fmt: skip
    content = response.content.decode()
    assert response.status_code == 200
    assert "Det finns fel att rätta" in content and "Ange när åtgärden ska vara klar." in content
    assert 'value="Ny lovaktivitet"' in content
    assert ControlResult.objects.count() == 1
    response = client.post(
        url,
        {"date": "2024-09-10", "outcome": "deviation", "comment": "Inget för 16–19 år",
         "action_title": "Ny lovaktivitet", "action_responsible": "Kulturutvecklare",
         "action_due_date": "2024-10-31"},
    )  # fmt: skip
    assert response.status_code == 302
    result = ControlResult.objects.get(date=datetime.date(2024, 9, 10))
    assert result.actions.get().title == "Ny lovaktivitet"
    assert result.history.first().history_user == users["manager"]


@pytest.mark.django_db
def test_risk_form_shows_swedish_errors_and_saves(client, ic, users):
    client.force_login(users["manager"])
    url = reverse("internal_control:risk_create", kwargs={"pk": ic["plan"].pk})
    response = client.post(url, {"process": "Ekonomi", "title": "Budgeten överskrids"})
    content = response.content.decode()
    assert "Det finns fel att rätta" in content and 'value="Budgeten överskrids"' in content
    response = client.post(
        url,
        {"process": "Ekonomi", "title": "Budgeten överskrids", "likelihood": "3",
         "consequence": "4", "decision": "control", "goals": [ic["goal"].pk]},
    )  # fmt: skip
    assert response.status_code == 302
    risk = Risk.objects.get(title="Budgeten överskrids")
    assert (risk.value, risk.get_handling_display()) == (12, "Hanteras snarast")
    assert list(risk.goals.all()) == [ic["goal"]]


def _many_risks(ic, n):
    plan = ic["plan"]
    Risk.objects.bulk_create(
        Risk(plan=plan, process="P", title=f"Risk {i}", likelihood=i % 4 + 1,
             consequence=(i // 4) % 4 + 1, decision="control", order=i)
        for i in range(n)
    )  # fmt: skip
    risks = list(Risk.objects.filter(plan=plan))

    controls = Control.objects.bulk_create(
        Control(risk=r, title="K", method="review", frequency="yearly", responsible="A",
                reported_to="B")
        for r in risks
    )  # fmt: skip
    results = ControlResult.objects.bulk_create(
        ControlResult(control=c, date=datetime.date(2024, 3, 1), outcome="deviation")
        for c in controls
    )
    Action.objects.bulk_create(
        Action(result=r, title="Å", responsible="A", due_date=datetime.date(2024, 12, 1))
        for r in results
    )


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as context:
        func()
    return len(context.captured_queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_risks(client, ic, users):
    client.force_login(users["manager"])
    page = reverse("internal_control:plan_detail", kwargs={"pk": ic["plan"].pk})

    def measure():
        report = _queries(lambda: selectors.report(unit=ic["unit"], year=2024))
        response = []
        pages = _queries(lambda: response.append(client.get(page)))
        assert response[0].status_code == 200
        return report, pages

    _many_risks(ic, 9)  # 10 risks
    at_10 = measure()
    _many_risks(ic, 990)  # 1 000 risks
    at_1000 = measure()
    assert Risk.objects.count() == 1000
    assert at_10 == at_1000
    assert at_10[0] <= 8


@pytest.mark.django_db
def test_a_second_plan_for_the_year_is_refused_and_a_new_one_adopted(client, ic, users):
    client.force_login(users["manager"])
    url = reverse("internal_control:plan_create", kwargs={"slug": "kulturenheten"})
    base = {"monitor_from": 4, "act_from": 8, "urgent_from": 12}
    response = client.post(url, {"year": 2024, **base})
    assert "har redan en internkontrollplan för 2024" in response.content.decode()
    response = client.post(url, {"year": 2025, **base})
    assert response.status_code == 302

    plan = InternalControlPlan.objects.get(year=2025)
    adopt = reverse("internal_control:plan_adopt", kwargs={"pk": plan.pk})
    client.post(adopt)
    plan.refresh_from_db()
    assert plan.state == "draft"  # no risks yet
    Risk.objects.create(
        plan=plan, process="P", title="R", likelihood=1, consequence=1, decision="accept"
    )
    client.post(adopt)
    plan.refresh_from_db()
    assert (plan.state, plan.adopted_by) == ("adopted", users["manager"])
