"""Follow-up demo data for Kulturenheten in Flen: the monthly VEPAQ judgements, the
implementation matrix 2022–2024, the assessed focus items of 2024 and a draft of the next plan.

Demo data written for the app, in the spirit of the seed's verksamhetsplan 2024 (budget
3 022 tkr, 2,5 årsverken). demo/followup.py writes it through followup/services.py.
"""

# The budget the E dimension is judged against. There is no year plan for 2026 (the plan
# covers 2022–2025), so 2026 is judged against the same level as the 2024 budget.
BUDGET_KR = {2024: 3_022_000, 2026: 3_022_000}

# Share of the year's spending that falls in each month (sums to 12): the holidays cost more.
MONTH_SPEND = [0.9, 1.0, 1.0, 0.95, 1.15, 1.25, 0.6, 0.85, 1.0, 1.05, 1.05, 1.2]

# Months per year and the state each report ends in.
REPORT_STATES = {
    2024: dict.fromkeys(range(1, 13), "approved"),
    2026: {**dict.fromkeys(range(1, 10), "approved"), 10: "submitted", 11: "draft"},
}

# Outcome YTD as a factor of the periodised budget, and the year-end forecast, per month.
# 2024 stays on budget; 2026 runs a little over from the summer (Sommarscen cost more).
SPENDING = {
    2024: dict.fromkeys(range(1, 13), (1.0, 3022000)) | {6: (1.01, 3_035_000), 7: (1.0, 3_030_000)},
    2026: dict.fromkeys(range(1, 6), (1.0, 3022000))
    | {6: (1.03, 3_065_000), 7: (1.03, 3_070_000), 8: (1.025, 3_060_000)}
    | {9: (1.02, 3_050_000), 10: (1.015, 3_045_000), 11: (1.01, 3_035_000)},
}

# What happened in the month (V), the same rhythm every year.
V_COMMENTS = {
    1: "Lugn start efter jullovet. Sportlovsprogrammet är planerat och Skapande skola har "
    "startat i årskurs 4–6.",
    2: "Sportlovsprogrammet genomfördes i Flen, Malmköping och Hälleforsnäs med god uppslutning "
    "bland 10–15-åringar.",
    3: "Utställningsperiod i konsthallen och läsfrämjande insatser tillsammans med biblioteket. "
    "Påsklovet är planerat.",
    4: "Påsklovsaktiviteterna genomförda. En workshop ställdes in när kursledaren blev sjuk.",
    5: "Intensiv månad med Kulturnatt och skolavslutningsprojekt. Ungdomsrådet var med och "
    "planerade sommaren.",
    6: "Sommarlovsprogrammet startade: Sommarscen i Flen och prova-på-verkstäder på "
    "fritidsgårdarna.",
    7: "Semesterperiod med färre aktiviteter. Sommarlovsverksamheten bemannad med feriearbetare.",
    8: "Sommarlovet avslutat och utvärderat med fritidsgårdarna. Hösten planerad med föreningarna.",
    9: "Terminsstart: konstpedagogik i skolorna och samverkan med kulturskolan i gång. "
    "Kulturarvsdagen genomförd.",
    10: "Höstlovsprogram med fokus på 13–19-åringar. Nationella minoriteternas kultur "
    "uppmärksammad under Meänkielidagarna.",
    11: "Adventsarrangemangen förbereds. Några aktiviteter är genomförda men ännu inte "
    "avrapporterade.",
    12: "Luciafirande och julmarknad i Malmköping genomförda. Året sammanfattas i "
    "verksamhetsberättelsen.",
}

# Months with a yellow light in a dimension, with the comment and the action that explain it.
YELLOW = {
    (2024, "P", 2): (
        "Korttidsfrånvaro under influensaperioden; sportlovet genomfördes med inhyrda ledare.",
        "Omfördela uppgifter inom enheten och boka vikarier i god tid inför påsklovet.",
    ),
    (2024, "A", 6): (
        "Hög arbetsbelastning under sommarlovets första veckor.",
        "Lägga in återhämtning i schemat i augusti.",
    ),
    (2024, "V", 4): (
        "Färre deltagare än planerat på påsklovet; en workshop ställdes in.",
        "Marknadsföra lovprogrammet via skolornas lärplattform tre veckor före lovet.",
    ),
    (2026, "E", 6): (
        "Sommarscenen kostade mer än beräknat (teknik och arvoden). Prognosen visar ett litet "
        "underskott.",
        "Se över inköp och externa arvoden under hösten; inga nya åtaganden utan finansiering.",
    ),
    (2026, "E", 7): (
        "Underskottet från sommarscenen kvarstår i prognosen.",
        "Skjuta en av höstens utställningar till våren 2027.",
    ),
    (2026, "E", 8): (
        "Prognosen förbättrad efter omplanering, men fortfarande över budgetnivån.",
        "Fortsatt återhållsamhet med inköp.",
    ),
    (2026, "P", 3): (
        "En medarbetare sjukskriven på deltid sedan februari.",
        "Rehabiliteringsplan upprättad tillsammans med HR; uppgifter omfördelade.",
    ),
    (2026, "P", 4): (
        "Deltidssjukskrivningen fortsätter; bemanningen räcker men marginalerna är små.",
        "Stämma av rehabiliteringsplanen varannan vecka.",
    ),
    (2026, "A", 5): (
        "Många kvällsarrangemang i maj gav hög arbetsbelastning.",
        "Dubbelbemanning vid sena arrangemang och kompensationsledigt i juni.",
    ),
    (2026, "A", 10): (
        "Höstlovet och förberedelserna inför advent sammanföll.",
        "Tidigarelägga adventsplaneringen nästa år.",
    ),
    (2026, "V", 11): (
        "Flera planerade aktiviteter från november saknar ännu utfall.",
        "Påminna om att markera genomförda aktiviteter inom en vecka.",
    ),
}

GREEN_TEXT = {
    "E": "Utfallet följer budgeten. Aktivitetskostnaderna ligger i nivå med periodiseringen.",
    "P": "Full bemanning med kulturproducent, konstutvecklare och enhetschef.",
    "A": "Arbetsbelastningen är hanterbar. Arbetsplatsträff genomförd.",
    "Q": "Snabbenkäterna visar hög nöjdhet (medelbetyg över 4). Aktiviteterna når målen inom "
    "område 1 och 4.",
}

# Sick leave (short, long) in percent and actual årsverken per month; the rest is 2.5 fte.
SICK_LEAVE = {
    2024: {2: (4.8, 0.0), 3: (2.9, 0.0)},
    2026: {2: (3.1, 0.0), 3: (2.4, 10.0), 4: (1.8, 10.0), 5: (2.0, 0.0)},
}
DEFAULT_SICK_LEAVE = (1.6, 0.0)
ACTUAL_FTE = {2026: {3: "2.25", 4: "2.25"}, 2024: {7: "2.00"}}
WORKLOAD = {2024: {2: 4, 5: 4, 6: 4, 10: 4}, 2026: {2: 4, 5: 4, 6: 4, 10: 4}}
RISKS = {
    4: "Ensamarbete vid kvällsarrangemang.",
    3: "",
}

# The implementation matrix 2022–2024: per goal the assessment each year and a short comment.
MATRIX = {
    "1.1": [
        ("started", "Lovprogram för sport- och sommarlov; samordning med fritidsgårdarna."),
        ("partly_done", "Alla fyra loven har program; framförhållningen är fortfarande kort."),
        ("done", "Lovprogrammen planeras en termin i förväg tillsammans med fritidsgårdarna."),
    ],
    "1.2": [
        ("started", "Första avtalen med studieförbund och föreningar."),
        ("partly_done", "Fler externa aktörer, bland annat Länsteatern och Sörmlands museum."),
        ("partly_done", "Samverkan breddad; KKN-aktörer anlitas i lovverksamheten."),
    ],
    "1.3": [
        ("not_started", "Ingen form för ungas inflytande ännu."),
        ("started", "Ungdomsråd via UNG360 bildat."),
        ("partly_done", "Ungdomsrådet planerade delar av sommarlovet och Ungdomsyran."),
    ],
    "1.4": [
        ("started", "Skapande skola i två skolor."),
        ("partly_done", "Konstpedagogik i alla F–6-skolor."),
        ("partly_done", "Förskolan och familjer nås med läsfrämjande; högstadiet återstår."),
    ],
    "2.1": [
        ("partly_done", "Rutiner för arrangemang och avtal ses över."),
        ("partly_done", "Gemensam mall för avtal och riskbedömning."),
        ("done", "Rutinerna används i alla arrangemang."),
    ],
    "2.2": [
        ("started", "Ortsdialoger i Malmköping och Hälleforsnäs."),
        ("partly_done", "Dialog med föreningslivet två gånger per år."),
        ("partly_done", "Färre men tydligare ortsdialoger; internt nätverk med skolan."),
    ],
    "2.3": [
        ("not_started", "Ingen samlad insats för KKN-området ännu."),
        ("started", "Nätverksträffar för KKN-aktörer tillsammans med näringslivsenheten."),
        ("partly_done", "KKN-aktörer anlitas i lov- och skolverksamhet."),
    ],
    "2.4": [
        ("started", "Sverigefinnarnas dag uppmärksammad."),
        ("partly_done", "Alla fem minoriteters högtidsdagar uppmärksammade."),
        ("done", "Återkommande program med biblioteket för samtliga minoriteter."),
    ],
    "3.1": [
        ("started", "Inventering av konstsamlingen påbörjad."),
        ("partly_done", "Halva samlingen registrerad; nytt magasin utrett."),
        ("partly_done", "Samlingen registrerad; magasinsfrågan ännu inte löst."),
    ],
    "3.2": [
        ("started", "Öppna verkstäder i konsthallen."),
        ("partly_done", "Konstvandringar och verkstäder på tre orter."),
        ("done", "Delaktighetsprojekt med invånare i alla kommundelar."),
    ],
    "3.3": [
        ("not_started", "Policy för offentlig konst under beredning."),
        ("started", "Policyn antagen; första gestaltningsuppdraget upphandlat."),
        ("partly_done", "Två nya verk i offentlig miljö i Flen och Sparreholm."),
    ],
    "4.1": [
        ("started", "Kultur på bibliotek och fritidsgårdar i tre orter."),
        ("partly_done", "Mötesplatser i alla kommundelar genom samverkan med bygdegårdar."),
        ("partly_done", "Tillgänglighetsanpassning av två lokaler återstår."),
    ],
    "4.2": [
        ("not_started", "Uppdraget ännu inte påbörjat."),
        ("started", "Dialog med invånare om Flens centrum."),
        ("started", "Gemensam arbetsgrupp med samhällsbyggnad; Kultur- och litteraturfestivalen "
         "som knutpunkt."),
    ],
}  # fmt: skip
MATRIX_YEARS = [2022, 2023, 2024]

# Assessment of the 2024 focus items, in order per area: (assessment, effect, development).
FOCUS_2024 = {
    1: [
        ("done", "Lovprogram på alla fyra loven med 10–15-åringar som största grupp.",
         "Samordna anmälan med fritidsgårdarna i en gemensam kalender."),
        ("partly_done", "Elevråd och UNG360 gav förslag till sommarens program.",
         "Ge ungdomsrådet en egen budget för ett arrangemang."),
        ("done", "Ungdomsyran samlade drygt 300 besökare.", "Upprepa på hösten i Malmköping."),
        ("partly_done", "Familjeföreställningar på biblioteken nådde nya familjer.",
         "Fler aktiviteter för förskolan under våren."),
    ],
    2: [
        ("partly_done", "Gemensam evenemangskalender på webben.", "Nyhetsbrev till föreningar."),
        ("done", "Tre ortsdialoger med tydlig agenda i stället för sex.", "Behåll formen."),
        ("partly_done", "Deltar i regionala nätverk för kulturplaner.",
         "Söka regionala utvecklingsmedel 2025."),
        ("started", "Fyra KKN-aktörer fick uppdrag.", "Ramavtal för kulturtjänster."),
    ],
    3: [
        ("partly_done", "Konsten syns i kommunens kanaler varje månad.", "Digital konstkarta."),
        ("done", "Konstpedagogik i alla F–6-skolor.", "Utöka till högstadiet."),
        ("partly_done", "Konstvandringar i tre orter.", "Fler orter 2025."),
        ("started", "Utställning i Hälleforsnäs planerad.", "Samverkan med bruksmuseet."),
        ("partly_done", "Verkstäder i konsthallen varje lov.", "Prova kvällsöppet."),
        ("partly_done", "Inventeringen av samlingen fortsatt.", "Lösa magasinsfrågan."),
    ],
    4: [
        ("partly_done", "Samarbete med turism kring sommarens evenemang.", "Sommarfolder."),
        ("done", "Fler arrangemang på torget i Flen.", "Fortsätta med Sommarscen."),
        ("done", "Kultur- och litteraturfestivalen växte till två dagar.",
         "Involvera skolorna i festivalen."),
    ],
}  # fmt: skip

# A draft of the next plan, kept by Kulturenheten; only those working with it may read it.
DRAFT_PLAN = {
    "name": "Kulturplan för Flens kommun 2026–2029 (utkast)",
    "start_year": 2026,
    "end_year": 2029,
    "description": "Utkast till ny kulturplan, under arbete i dialog med förvaltningarna. "
    "Bygger på uppföljningen av Kulturplan 2022–2025.",
    "areas": [
        (
            1,
            "Barn och unga som medskapare",
            [
                ("1.1", "Unga ska vara med och forma lovverksamheten i hela kommunen."),
                ("1.2", "Alla elever ska möta professionell konst och kultur varje läsår."),
            ],
        ),
        (
            2,
            "Kultur i hela kommunen",
            [
                ("2.1", "Fler mötesplatser för kultur i kommundelarna."),
                ("2.2", "Stärka föreningslivet och de kulturella och kreativa näringarna."),
                ("2.3", "Konsten ska synas i offentliga miljöer."),
            ],
        ),
    ],
}
