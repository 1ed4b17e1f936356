"""Demo data of the follow-up's report documents: Kulturenheten's annual report 2024,
published (fastställd) by `chef`, with texts from the source document (seed 000, Kulturenhetens
verksamhetsplan 2024). Called from culture_plan.demo.seed_demo; idempotent: once a version is
published it is left as it is (a published version never changes)."""

from __future__ import annotations

from activities.models import Activity, Status
from culture_plan.models import PriorityArea, Unit
from followup import figures, services
from followup.models import PublishedReport

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
AREA_ANALYSIS = (
    "Allmänkulturen strävar efter att samverka, samarbeta och bidra, vilket görs i hög "
    "utsträckning: i 85–90 % av all verksamhet. Det innebär att kollegor och interna "
    "samverkansparter kan rapportera samma händelser ur sina perspektiv, vilket kan vilseleda "
    "tolkningen av resultatet och av antalet personer som nås."
)
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
        analyses={area.pk: AREA_ANALYSIS for area in areas[:1]},
        good_examples=examples,
        by=by,
    )
    return services.document_approve(document=document, by=by)
