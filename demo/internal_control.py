"""Demo data for internal control: Kulturenhetens adopted internal control plan 2024 with
Lindesberg's risk (seed 001: "för svag bredd i kultur- och fritidsaktiviteter", sannolikhet
stor × konsekvens kännbar = 12, hanteras snarast) and five more risks of a culture unit, their
controls, the results of 2024 and the actions two deviations got. The texts beyond seed 001's
risk are demo data.

Safe to run again: rows are keyed naturally (plan by unit and year, risk by plan and title,
control by risk and title, result by control and date, action by result and title) and saved
only when missing or different, so a second run writes nothing and adds no history.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from culture_plan.models import Goal, Unit
from demo.common import upsert
from internal_control.models import Action, Control, ControlResult, InternalControlPlan, Risk

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ADOPTED_AT = datetime.datetime(2024, 2, 20, 14, 0, tzinfo=STOCKHOLM)

D = datetime.date

RISKS = [
    {
        "process": "Kultur- och fritidsutbud",
        "title": "För svag bredd i kultur- och fritidsaktiviteter",
        "consequence_text": (
            "Offentligt finansierade medel fördelas ojämnt: delar av kommunen och vissa "
            "åldersgrupper nås inte av utbudet (Lindesbergs kommuns riskbedömning)."
        ),
        "likelihood": 4,
        "consequence": 3,
        "decision": Risk.Decision.CONTROL,
        "goals": ["1.1", "1.2", "4.1"],
        "controls": [
            {
                "title": "Aktiviteternas spridning på orter och åldersgrupper",
                "method": Control.Method.ANALYSIS,
                "frequency": Control.Frequency.TERTIAL,
                "responsible": "Enhetschef kultur",
                "reported_to": "Barn- och utbildningsnämnden",
                "results": [
                    {
                        "date": D(2024, 4, 30),
                        "outcome": ControlResult.Outcome.DEVIATION,
                        "comment": "Tre av sex orter saknade aktiviteter för 16–19 år under "
                        "tertial 1.",
                        "actions": [
                            {
                                "title": "Samverkansarena med föreningar i Malmköping och "
                                "Sparreholm för lovaktiviteter 16–19 år",
                                "responsible": "Kulturutvecklare barn och unga",
                                "due_date": D(2024, 8, 31),
                                "status": Action.Status.DONE,
                            }
                        ],
                    },
                    {
                        "date": D(2024, 8, 31),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "Sommarlovsaktiviteter på alla orter, även för 16–19 år.",
                    },
                    {
                        "date": D(2024, 12, 20),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "Utbudet under hösten nådde alla orter och åldersgrupper.",
                    },
                ],
            }
        ],
    },
    {
        "process": "Konstsamlingen",
        "title": "Konstverk i kommunens samling skadas eller försvinner",
        "consequence_text": "Kulturarv och värden går förlorade; förtroendet för kommunen "
        "som förvaltare skadas.",
        "likelihood": 2,
        "consequence": 3,
        "decision": Risk.Decision.CONTROL,
        "goals": ["3.1"],
        "controls": [
            {
                "title": "Inventering av konstverk mot konstregistret (stickprov 10 %)",
                "method": Control.Method.SAMPLE,
                "frequency": Control.Frequency.YEARLY,
                "responsible": "Konstintendent",
                "reported_to": "Barn- och utbildningsnämnden",
                "results": [
                    {
                        "date": D(2024, 10, 15),
                        "outcome": ControlResult.Outcome.DEVIATION,
                        "comment": "3 av 40 kontrollerade verk kunde inte lokaliseras; de "
                        "flyttades vid en ombyggnad.",
                        "actions": [
                            {
                                "title": "Eftersök verken och uppdatera konstregistret; rutin "
                                "för flytt av konst vid ombyggnader",
                                "responsible": "Konstintendent",
                                "due_date": D(2025, 3, 31),
                                "status": Action.Status.ONGOING,
                            }
                        ],
                    }
                ],
            }
        ],
    },
    {
        "process": "Inköp och avtal",
        "title": "Uppdrag till fria aktörer och KKN-företag ges utan skriftligt avtal",
        "consequence_text": "Brott mot upphandlingsregler och otydliga villkor för "
        "ersättning och ansvar.",
        "likelihood": 2,
        "consequence": 4,
        "decision": Risk.Decision.CONTROL,
        "goals": ["2.1", "2.3"],
        "controls": [
            {
                "title": "Genomgång av inköp över 50 000 kr mot avtal",
                "method": Control.Method.REVIEW,
                "frequency": Control.Frequency.TERTIAL,
                "responsible": "Enhetschef kultur",
                "reported_to": "Förvaltningens ekonomichef",
                "results": [
                    {
                        "date": D(2024, 4, 30),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "Alla fem inköp hade avtal.",
                    },
                    {
                        "date": D(2024, 8, 31),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "",
                    },
                    {
                        "date": D(2024, 12, 20),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "Inga avvikelser under året.",
                    },
                ],
            }
        ],
    },
    {
        "process": "Uppföljning och statistik",
        "title": "Samma evenemang räknas flera gånger i deltagarstatistiken",
        "consequence_text": "Kommunens siffror överskattar hur många som nås; beslut fattas "
        "på felaktigt underlag.",
        "likelihood": 3,
        "consequence": 2,
        "decision": Risk.Decision.CONTROL,
        "goals": ["2.1"],
        "controls": [
            {
                "title": "Avstämning av samarrangerade aktiviteter före månadsrapporten",
                "method": Control.Method.RECONCILIATION,
                "frequency": Control.Frequency.MONTHLY,
                "responsible": "Kulturutvecklare",
                "reported_to": "Enhetschef kultur",
                "results": [
                    {
                        "date": D(2024, 6, 30),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "Inga dubbletter i första halvårets rapporter.",
                    },
                    {
                        "date": D(2024, 11, 30),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "",
                    },
                ],
            }
        ],
    },
    {
        "process": "Evenemang",
        "title": "Brister i säkerheten vid större evenemang",
        "consequence_text": "Besökare eller medverkande kan skadas.",
        "likelihood": 1,
        "consequence": 4,
        "decision": Risk.Decision.CONTROL,
        "goals": ["4.1"],
        "controls": [
            {
                "title": "Genomgång av säkerhetsplan före evenemang med fler än 500 besökare",
                "method": Control.Method.REVIEW,
                "frequency": Control.Frequency.ONGOING,
                "responsible": "Evenemangsansvarig",
                "reported_to": "Enhetschef kultur",
                "results": [
                    {
                        "date": D(2024, 6, 3),
                        "outcome": ControlResult.Outcome.OK,
                        "comment": "Säkerhetsplanen för nationaldagsfirandet genomgången "
                        "med räddningstjänsten.",
                    }
                ],
            }
        ],
    },
    {
        "process": "Dataskydd",
        "title": "Uppgifter om enskilda deltagare samlas in i anmälningslistor",
        "consequence_text": "Personuppgifter sparas längre än behövs.",
        "likelihood": 1,
        "consequence": 2,
        "decision": Risk.Decision.ACCEPT,
        "goals": [],
        "controls": [],
    },
]


def seed_internal_control(*, unit: Unit, goals: dict[str, Goal], by) -> InternalControlPlan:
    """Kulturenhetens internal control plan 2024, adopted by `by` (the demo's chef)."""
    plan = upsert(
        InternalControlPlan,
        lookup={"unit": unit, "year": 2024},
        values={
            "state": InternalControlPlan.State.ADOPTED,
            "adopted_by": by,
            "adopted_at": ADOPTED_AT,
            "notes": "Antagen av barn- och utbildningsnämnden. Resultaten redovisas i "
            "tertialrapporterna och i verksamhetsberättelsen.",
        },
        by=by,
    )
    for order, spec in enumerate(RISKS, start=1):
        risk = upsert(
            Risk,
            lookup={"plan": plan, "title": spec["title"]},
            values={
                "process": spec["process"],
                "consequence_text": spec["consequence_text"],
                "likelihood": spec["likelihood"],
                "consequence": spec["consequence"],
                "decision": spec["decision"],
                "order": order,
            },
            by=by,
        )
        wanted = [goals[code] for code in spec["goals"]]
        if {goal.pk for goal in wanted} != set(risk.goals.values_list("pk", flat=True)):
            risk.goals.set(wanted)
        for control_spec in spec["controls"]:
            control = upsert(
                Control,
                lookup={"risk": risk, "title": control_spec["title"]},
                values={
                    name: control_spec[name]
                    for name in ("method", "frequency", "responsible", "reported_to")
                },
                by=by,
            )
            for result_spec in control_spec["results"]:
                result = upsert(
                    ControlResult,
                    lookup={"control": control, "date": result_spec["date"]},
                    values={
                        "outcome": result_spec["outcome"],
                        "comment": result_spec["comment"],
                    },
                    by=by,
                )
                for action_spec in result_spec.get("actions", []):
                    upsert(
                        Action,
                        lookup={"result": result, "title": action_spec["title"]},
                        values={
                            name: action_spec[name]
                            for name in ("responsible", "due_date", "status")
                        },
                        by=by,
                    )
    return plan
