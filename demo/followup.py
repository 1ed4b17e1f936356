"""The follow-up of the demo: the population 10–25, Kulturenhetens VEPAQ reports through the
workflow services, the implementation matrix and the assessed focus items."""

from __future__ import annotations

from decimal import Decimal

from activities.models import (
    Activity,
    Status,
)
from culture_plan.models import (
    FocusItem,
    Goal,
    PriorityArea,
    Unit,
    YearPlan,
)
from demo.common import upsert
from demo.data import flen
from demo.data import flen_followup as followup_data
from followup import figures, services
from followup.models import (
    DIMENSIONS,
    MatrixAssessment,
    MonthlyReport,
    PublishedReport,
    TargetPopulation,
)
from followup.services import (
    focus_item_assessment_set,
    matrix_assessment_set,
    report_approve,
    report_get_or_create,
    report_return,
    report_submit,
    report_update,
)


def seed_target_population(*, units: dict[str, Unit]) -> None:
    for slug in ("flens-kommun", "kulturenheten"):
        for year, population in flen.TARGET_POPULATION.items():
            upsert(
                TargetPopulation,
                lookup={"unit": units[slug], "year": year},
                values={"population_10_25": population},
            )


def report_values(year: int, month: int, *, state: str) -> dict:
    """The manager's judgement for one month (the VEPAQ input fields). A draft is half done:
    V and E are written, the rest waits."""
    budget = followup_data.BUDGET_KR[year]
    factor, forecast = followup_data.SPENDING[year][month]
    periodised = budget * sum(followup_data.MONTH_SPEND[:month]) / 12
    values: dict = {}
    for dim in DIMENSIONS:
        yellow = followup_data.YELLOW.get((year, dim, month))
        if dim == "V":
            comment = followup_data.V_COMMENTS[month]
            if yellow:
                comment = f"{comment} {yellow[0]}"
        else:
            comment = yellow[0] if yellow else followup_data.GREEN_TEXT[dim]
        values[f"{dim.lower()}_status"] = "yellow" if yellow else "green"
        values[f"{dim.lower()}_comment"] = comment
        values[f"{dim.lower()}_actions"] = yellow[1] if yellow else ""
    if year == 2026 and month in (6, 7, 8):
        values["e_comment"] += " Budgetnivå som 2024 (3 022 tkr), ingen verksamhetsplan för 2026."
    values["e_outcome_ytd_kr"] = Decimal(round(periodised * factor / 1000) * 1000)
    values["e_forecast_kr"] = Decimal(forecast)
    short, long = followup_data.SICK_LEAVE.get(year, {}).get(
        month, followup_data.DEFAULT_SICK_LEAVE
    )
    values["p_actual_fte"] = Decimal(followup_data.ACTUAL_FTE.get(year, {}).get(month, "2.50"))
    values["p_sick_leave_short"] = Decimal(str(short))
    values["p_sick_leave_long"] = Decimal(str(long))
    workload = followup_data.WORKLOAD.get(year, {}).get(month, 3)
    values["a_workload"] = workload
    values["a_risks"] = followup_data.RISKS[workload]
    if state == MonthlyReport.State.DRAFT:
        keep = {"v_status", "v_comment", "v_actions", "e_status", "e_comment", "e_actions"}
        keep |= {"e_outcome_ytd_kr", "e_forecast_kr"}
        values = {name: (value if name in keep else _empty(name)) for name, value in values.items()}
    return values


def _empty(name: str):
    field = MonthlyReport._meta.get_field(name)
    return None if field.null else ""


def seed_reports(*, unit: Unit, by) -> None:
    """The VEPAQ reports through the workflow services. An approved report (and its closed
    month) is never touched again; others are written only when they differ."""
    existing = {
        (report.year, report.month): report
        for report in MonthlyReport.objects.filter(unit=unit, year__in=followup_data.REPORT_STATES)
    }
    order = [MonthlyReport.State.DRAFT, MonthlyReport.State.SUBMITTED]
    order.append(MonthlyReport.State.APPROVED)
    for year, months in sorted(followup_data.REPORT_STATES.items()):
        for month, state in sorted(months.items()):
            report = existing.get((year, month))
            if report is not None and report.state == MonthlyReport.State.APPROVED:
                continue
            if report is None:
                report = report_get_or_create(unit=unit, year=year, month=month)
            values = report_values(year, month, state=state)
            if any(getattr(report, name) != value for name, value in values.items()):
                if report.state == MonthlyReport.State.SUBMITTED and state == "draft":
                    report = report_return(report=report, by=by)
                report = report_update(report=report, data=values, by=by)
            if order.index(report.state) < order.index(state):
                if report.state == MonthlyReport.State.DRAFT:
                    report = report_submit(report=report, by=by)
                if state == MonthlyReport.State.APPROVED:
                    report = report_approve(report=report, by=by)


def seed_matrix(*, unit: Unit, goals: dict[str, Goal], year_plan: YearPlan, by) -> None:
    existing = {
        (item.goal_id, item.year): item
        for item in MatrixAssessment.objects.filter(unit=unit, goal__in=goals.values())
    }
    for code, cells in followup_data.MATRIX.items():
        for year, (assessment, comment) in zip(followup_data.MATRIX_YEARS, cells, strict=True):
            item = existing.get((goals[code].pk, year))
            if item is not None and (item.assessment, item.comment) == (assessment, comment):
                continue
            matrix_assessment_set(
                unit=unit, goal=goals[code], year=year, assessment=assessment, comment=comment,
                by=by,
            )  # fmt: skip
    focus_items = (
        FocusItem.objects.filter(area_year_plan__year_plan=year_plan)
        .select_related("area_year_plan__area", "assessment")
        .order_by("area_year_plan__area__number", "order")
    )
    by_area: dict[int, list[FocusItem]] = {}
    for item in focus_items:
        by_area.setdefault(item.area_year_plan.area.number, []).append(item)
    for number, rows in followup_data.FOCUS_2024.items():
        for item, (assessment, effect, development) in zip(by_area[number], rows, strict=True):
            current = getattr(item, "assessment", None)
            if current is not None and (
                current.assessment,
                current.effect,
                current.development,
            ) == (assessment, effect, development):
                continue
            focus_item_assessment_set(
                focus_item=item,
                assessment=assessment,
                effect=effect,
                development=development,
                by=by,
            )


# --- the published annual report 2024 -------------------------------------------------------

SUMMARY = (
    "Kulturenheten bidrar genom samarbeten och samverkan till att kulturområdet utvecklas, att "
    "konst- och kulturhändelser genomförs på nya platser och att fler kulturella möten och "
    "upplevelser når allt fler invånare och besökare i Flens kommun. Verksamhetsidén är "
    "”Mer kultur till fler”.\n\n"
    "Enheten initierar, samordnar och samverkar. Inför 2024 skulle varje insats värderas och "
    "prioriteras för att nå verksamhetens mål och syften utifrån de förutsättningar som råder. "
    "Enhetens inriktning är att möjliggöra, synliggöra, främja, samverka och skapa värden hos "
    "mottagaren."
)
ECONOMY = (
    "Besparingar och lågkonjunktur präglar förutsättningarna. 2024 års budget var 3 022 tkr. "
    "Händelser i omvärlden och det kritiska ekonomiska läget påverkar kommunen i hög grad, "
    "vilket får konsekvenser för alla förvaltningar och verksamheter. Kulturenhetens "
    "verksamheter är inte lagstadgade."
)
PERSONNEL = (
    "Kulturenheten är en liten enhet med få medarbetare, vilket gör verksamheten sårbar. En "
    "balanserad planering där vi hjälps åt är en förutsättning för en god arbetsmiljö. "
    "Enheten arbetar utifrån Friska Flen och Sunt Arbetslivs friskfaktorer."
)
OUTLOOK = (
    "Att nå fler unga är ett mål som genomförs genom att erbjuda och bidra till fler "
    "aktiviteter. Att även undersöka i vilken grad aktiviteterna känns meningsfulla är något "
    "Kulturenheten avser att arbeta vidare med. Uppföljningen ska i högre grad och med större "
    "säkerhet mäta att Kulturplanens mål har genomförts och vilka effekter aktiviteterna har "
    "skapat, lyfta framgångsfaktorer, fånga upplevelser och förbättringsförslag och sträva "
    "efter högre grad av delaktighet."
)
# The analysis of each priority area (by number), from the seed's "Förutsättningar",
# "Verksamhetsinriktning" and "Analys" of 2024.
AREA_ANALYSES = {
    1: (
        "Allmänkulturen strävar efter att samverka, samarbeta och bidra, vilket görs i hög "
        "utsträckning: i 85–90 % av all verksamhet. Det innebär att kollegor och interna "
        "samverkansparter kan rapportera samma händelser ur sina perspektiv, vilket kan "
        "vilseleda tolkningen av resultatet och av antalet personer som nås.\n\n"
        "Lovverksamheten erbjöds på sport-, påsk-, sommar- och höstlov på olika orter, och "
        "aktiviteterna på tisdagar och torsdagar genomfördes i samverkan med UNG360 och elevråd, "
        "trots omorganisation, besparingar och flytten av biblioteket."
    ),
    2: (
        "Enheten har fortsatt att etablera konst- och kulturområdet genom att beskriva och "
        "marknadsföra händelser och söka samverkan internt och externt. Ortsdialogerna blev "
        "färre träffar med tydligare agenda, och KKN-aktörer erbjöds arbetstillfällen. "
        "Kommunikationen behöver bättre framförhållning för att nå fler."
    ),
    3: (
        "Konstområdet har sedan 2022 ett nytt utgångsläge med planens perspektiv på "
        "tillgänglighet, delaktighet och nationella minoriteter. Under året visades "
        "kontinuerliga utställningar i konstgallerierna, kommunens konst aktiverades och "
        "arbetet med det nya systemet för konstinnehavet fortsatte."
    ),
    4: (
        "Fler händelser genomfördes i Flens stad, i samverkan med turism och näringsliv och "
        "bygdenätverken, med fokus på besöksnäring, kulturhistoria och matupplevelser. Kultur- "
        "och litteraturfestivalen utvecklades vidare. Omorganisationen inom förvaltningen har "
        "skapat oro men inte stoppat arbetet med öppna mötesplatser."
    ),
}
YEAR = 2024
GOOD_EXAMPLES = 3


def seed_annual_report(*, unit: Unit, by) -> PublishedReport:
    """Kulturenheten's annual report 2024 with its texts, published once by `by`."""
    existing = PublishedReport.objects.filter(
        document__unit=unit, document__year=YEAR, document__kind="annual"
    ).first()
    if existing is not None:
        return existing
    document = services.document_get_or_create(unit=unit, year=YEAR, kind="annual")
    plan, _goals = figures.goals_in_force(unit=unit, year=YEAR)
    areas = PriorityArea.objects.filter(plan=plan).order_by("number") if plan else []
    done = Activity.objects.filter(unit=unit, status=Status.DONE, date__year=YEAR).select_related(
        "unit"
    )
    examples = list(done.exclude(lessons_learned="").order_by("date", "pk")[:GOOD_EXAMPLES])
    if len(examples) < GOOD_EXAMPLES:
        examples += list(done.exclude(pk__in=[a.pk for a in examples]).order_by("-girls", "pk"))[
            : GOOD_EXAMPLES - len(examples)
        ]
    services.document_save_texts(
        document=document,
        texts={
            "summary": SUMMARY,
            "economy": ECONOMY,
            "personnel": PERSONNEL,
            "outlook": OUTLOOK,
        },
        analyses={
            area.pk: AREA_ANALYSES[area.number] for area in areas if area.number in AREA_ANALYSES
        },
        good_examples=examples,
        by=by,
    )
    return services.document_approve(document=document, by=by)
