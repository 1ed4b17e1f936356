"""Flens kommun as the demo: units, steering documents, the culture plan 2022–2025 and
Kulturenhetens verksamhetsplan 2024, copied from the seed document
(shared/seeds/000_*.txt, "Kulturenhetens verksamhetsplan 2024"). Texts stay verbatim."""

# (slug, name, kind, parent slug)
UNITS: list[tuple[str, str, str, str | None]] = [
    ("flens-kommun", "Flens kommun", "municipality", None),
    (
        "barn-utbildnings-och-kulturforvaltningen",
        "Barn-, utbildnings- och kulturförvaltningen",
        "administration",
        "flens-kommun",
    ),
    ("kulturenheten", "Kulturenheten", "unit", "barn-utbildnings-och-kulturforvaltningen"),
    ("bibliotek", "Bibliotek", "unit", "barn-utbildnings-och-kulturforvaltningen"),
    ("kulturskolan", "Kulturskolan", "unit", "barn-utbildnings-och-kulturforvaltningen"),
    ("fritidsgardar", "Fritidsgårdar", "unit", "barn-utbildnings-och-kulturforvaltningen"),
]

STRATEGIC_PLAN = {
    "slug": "flen-strategisk-plan-2024-2027",
    "name": "Flens kommuns strategiska plan 2024–2027",
    "description": (
        "I Flens kommuns strategiska plan för kommande år är tre områden prioriterade. "
        "Planens tre strategiska områden är kopplade till tre specifika Agenda 2030-mål från "
        "hållbarhetsprogrammet som fokus.\n"
        "Flen – En tillväxtkommun: Agenda 2030 mål 8, Anständiga arbetsvillkor och ekonomisk "
        "tillväxt.\n"
        "Flen – Där människor får ta plats och växa: Agenda 2030 mål 16, Fredliga och "
        "inkluderande samhällen.\n"
        "Flen – För trygghet genom hela livet: Agenda 2030 mål 3, God hälsa och välbefinnande.\n"
        "Planen bygger på ett mål och en vision om en ökad befolkning och fler invånare i arbete."
    ),
    # (code, name, the Agenda 2030 goal the seed pairs it with)
    "goals": [
        ("1", "Flen – En tillväxtkommun", 8),
        ("2", "Flen – Där människor får ta plats och växa", 16),
        ("3", "Flen – För trygghet genom hela livet", 3),
    ],
}

BOARD_PLAN = {
    "slug": "bukn-namndplan-2024",
    "name": "Nämndplan för Barn-, utbildnings- och kulturnämnden 2024",
    "description": (
        "I nämndplanen lyfts alla områden nämnden ansvarar för utifrån kommunens övergripande "
        "strategiska plan med fokus på tillväxt, att komma till egen försörjning samt trygghet. "
        "Kulturens betydelse lyfts bland annat under tillväxtmålet samt avseende förutsättningar "
        "och alla barns lika möjlighet att ta del av utbudet."
    ),
    "goals": [
        (
            "U",
            "Perspektiv unga: verksamheterna fungerar som möjliggörare för barn och unga med "
            "syfte att skapa en meningsfull fritid",
        ),
    ],
}

PLAN = {
    "name": "Kulturplan för Flens kommun 2022–2025",
    "start_year": 2022,
    "end_year": 2025,
    "description": (
        "Under våren 2022 antogs en ny reviderad Kulturplan för Flens kommun för åren "
        "2022-2025. Planen är ett kulturpolitiskt dokument som anger förutsättningar och valda "
        "inriktningar för perioden och berör kommunens alla förvaltningar och bolag, på olika "
        "sätt och i olika grad. Ansvar för uppföljning av planen har Kommunstyrelsen."
    ),
    # Agenda 2030 goals of "Flens hållbarhetsprogram med anknytning till Kulturplanen".
    "agenda2030": [1, 3, 4, 5, 8, 10, 11, 15, 16],
}

# number, name, Agenda 2030 goals ("Koppling till hållbarhetsmål"), strategic-plan area
# codes, board-plan goal codes, goals (code, text).
AREAS = [
    {
        "number": 1,
        "name": "Främja kultur av och med barn och unga",
        "agenda2030": [1, 3, 5, 10],
        "strategic": ["2", "3"],
        "board": ["U"],
        "goals": [
            (
                "1.1",
                "Samordnade lov- och fritidsaktiviteter för barn och unga ska säkerställas med "
                "god framförhållning.",
            ),
            ("1.2", "Utveckla utbudet i samverkan med externa aktörer."),
            ("1.3", "Stärka barn och ungas möjligheter att påverka utbudet."),
            (
                "1.4",
                "Stärka barn och ungas lärande utifrån kulturverksamheternas potential och "
                "verktyg.",
            ),
        ],
    },
    {
        "number": 2,
        "name": "Synliggöra kulturen i Flens kommun",
        "agenda2030": [1, 3, 5, 8, 10],
        "strategic": ["1"],
        "board": [],
        "goals": [
            ("2.1", "Flens kommun och kulturenheten ska agera professionellt med hög ambition."),
            (
                "2.2",
                "Fortsätta föra samtal och dialog som stärker samverkan och ökar kulturens "
                "värden internt och externt.",
            ),
            (
                "2.3",
                "Stödja KKN-området; synliggöra, tillgängliggöra, branschutveckling, "
                "arbetstillfällen.",
            ),
            ("2.4", "Uppmärksamma de nationella minoriteternas kultur."),
        ],
    },
    {
        "number": 3,
        "name": "Synliggöra konsten i Flens kommun",
        "agenda2030": [3, 4, 5, 8, 10, 11],
        "strategic": ["1", "2"],
        "board": [],
        "goals": [
            ("3.1", "Säker förvaring och hantering av kommunens konst."),
            (
                "3.2",
                "Invånare och besökares möjligheter att ta del av och vara delaktiga i "
                "konstnärliga processer ska öka.",
            ),
            (
                "3.3",
                "Konstnärliga inslag i offentliga miljöer ska öka - enligt policy för offentlig "
                "konst.",
            ),
        ],
    },
    {
        "number": 4,
        "name": "Tillgängliggöra mötesplatser och möten för och med kultur",
        "agenda2030": [8, 10, 11, 15, 16],
        "strategic": ["1", "3"],
        "board": [],
        "goals": [
            (
                "4.1",
                "Fler platser för kulturella upplevelser ska genom samverkan förstärkas och få "
                "ökad tillgänglighet.",
            ),
            (
                "4.2",
                "Ett nämndöverripande arbete ska genomföras i dialog med invånare för att "
                "utveckla Flens tätort som knutpunkt för konst och kultur.",
            ),
        ],
    },
]

YEAR_PLAN_2024 = {
    "year": 2024,
    "budget_kr": 3_022_000,
    "staffing_fte": "2.50",
    "functions": "Enhetschef\nKulturproducent\nKonstutvecklare-bildpedagog",
    "introduction": (
        "Flens strategiska plan ligger till grund för nämndplan och verksamhetsmål. Alla planer "
        "utformas utifrån det kvalitetsarbete och de utvecklingsområden som föreligger. "
        "Nationell och regional kulturpolitik utgör ytterligare plattform tillsammans med den "
        "lokalt antagna Kulturplanen.\n\n"
        "Verksamhetsplanen för år 2024 utgår från Flens kommuns strategiska plan, "
        "hållbarhetsprogram, tillgänglighetsfaktorer, nämndplan och kulturplanens fyra "
        "prioriterade områden. Under varje område beskrivs årets förutsättningar och mål. "
        "Utöver denna översiktliga verksamhetsplan arbetas en aktivitetsplan fram med årets "
        "samtliga aktiviteter månadsvis. Uppföljning sker månadsvis."
    ),
    "preconditions": (
        "- Besparingar och lågkonjunktur.\n"
        "- Liten enhet med få medarbetare gör verksamheten sårbar.\n"
        "- En balanserad planering där vi hjälps åt är förutsättning för en god arbetsmiljö.\n"
        "- Förväntningar i förhållande till resurser. 2024 års budget: 3 022 tKr.\n"
        "- Kulturenhetens verksamheter är ej lagstadgade."
    ),
    "analysis": (
        "Kulturenheten har bidragit till ett stort antal händelser under 2023. Enheten "
        "initierar, samordnar och samverkar. Mycket tid läggs på kommunikation och "
        "marknadsföringsåtgärder i kommunens olika kanaler. En utmaning är att prioritera, ha "
        "god framförhållning och att få bra arbetsrutiner, vilket ständigt utvecklas. Inför "
        "2024 ska varje insats värderas och prioriteras för att nå verksamhetens mål och syften "
        "utifrån de förutsättningar som råder. Enhetens inriktning är att möjliggöra, "
        "synliggöra, främja, samverka och skapa värden hos mottagaren."
    ),
    # Per area number: förutsättningar, nämndmål, focus items (heading, text), metod, uppföljning
    "areas": {
        1: {
            "preconditions": (
                "Omorganisation, besparingar, flytt av bibliotek och förändringar för gymnasiet, "
                "oro."
            ),
            "board_goal": (
                "Perspektiv unga\n"
                "Verksamheterna bibliotek, ungdomsgårdar, allmänskultur och kulturskolan i Flens "
                "kommun fungerar som möjliggörare för barn och unga med syfte att skapa en för "
                "dem en meningsfull fritid.\n"
                "Detta görs inom verksamhetens befintliga budget.\n"
                "Koppling till hållbarhetsmål: 1, 3, 5, 10 samt Barnkonventionen."
            ),
            "focus": [
                (
                    "",
                    "Erbjuder verksamhet på sport-, påsk-, sommar-, samt höstlov på olika "
                    "platser och orter.",
                ),
                (
                    "",
                    "Samverka runt UNG360 och i samverkan med elevråd och andra ordna aktiviteter "
                    "på tisdagar och torsdagar under läsåret 2023-2024.",
                ),
                ("", "Genomföra en Ungdomsyra i samverkan med fritidsgårdarna."),
                (
                    "",
                    "Presentera aktiviteter för förskola och familj med syfte att inspirera och "
                    "synliggöra kulturens möjligheter.",
                ),
            ],
            "method": (
                "Sträva efter samarbete med föreningsliv, fria aktörer och internt med övriga "
                "kommunala verksamheter."
            ),
            "followup": "VEPAQ",
        },
        2: {
            "preconditions": (
                "Kulturenheten fortsätter arbetet med att etablera konst- och kulturområdet "
                "genom att kontinuerligt beskriva och marknadsföra händelser samt aktivt söka "
                "samverkan både internt och externt."
            ),
            "board_goal": "",
            "focus": [
                (
                    "",
                    "Utveckla kommunikationsinsatser med syfte att förbättra framförhållning och "
                    "tydlighet.",
                ),
                (
                    "",
                    "Utveckla ortsdialoger till färre träffar med tydligare agenda att genomföra "
                    "kommundemensamma händelser.",
                ),
                (
                    "",
                    "Delta i nätverk och arbetsgrupper i syfte att skapa möjligheter till "
                    "utveckling och fler kulturhändelser.",
                ),
                (
                    "",
                    "Erbjuda arbetstillfällen för KKN-aktörer och samverka för utvecklingen av "
                    "området.",
                ),
            ],
            "method": (
                "Samarbeta och samverka internt samt med ideella sektorn, studieförbund, "
                "regionala institutioner och fria aktörer."
            ),
            "followup": "VEPAQ",
        },
        3: {
            "preconditions": (
                "Konstområdet är inskrivet i Kulturplanen från 2022. Detta innebär nytt "
                "utgångsläge utifrån planens nya perspektiv runt tillgänglighet, delaktighet, "
                "nationella minoriteter och förhållningssätt till social hållbarhet."
            ),
            "board_goal": "",
            "focus": [
                ("Synliggöra", "Skapa synergieffekter mellan konst och andra kulturuttryck."),
                ("Barn/Unga", "Ge barn och unga möjlighet att uttrycka sig kreativt."),
                (
                    'Fler "möten och upplevelser" och platser för möten',
                    "Genomföra kontinuerliga utställningar och händelser i konstgallerierna.",
                ),
                ('Fler "möten och upplevelser" och platser för möten', "Aktivera kommunens konst."),
                (
                    'Fler "möten och upplevelser" och platser för möten',
                    "Bygga upp det nya systemet för kommunens konstinnehav.",
                ),
                (
                    "Övriga uppdrag",
                    "Bilda en arbetsgrupp för kommunal offentlig gestaltning (utifrån Policyn).",
                ),
            ],
            "method": "Samverkan i alla skeden där aktiviteter genomförs.",
            "followup": "VEPAQ",
        },
        4: {
            "preconditions": (
                "För att kommunen ska upplevas som välkomnande behöver det finnas olika platser "
                "och möjligheter till kulturella upplevelser tillgängliga och öppna för alla, "
                "oavsett kön, ålder, sexuell läggning, könsidentitet eller uttryck, etnisk "
                "tillhörighet, funktionsnedsättning, religion eller annan trosuppfattning, och "
                "oberoende av socioekonomiska förutsättningar.\n"
                "Omorganisation oroar inom förvaltningen."
            ),
            "board_goal": "",
            "focus": [
                (
                    "",
                    "Samverka med turism & näringsliv, bygdenätverk med flera i syfte att "
                    "genomföra kommunangelägna händelser med fokus: Besöksnäring, kultur och "
                    "kulturhistoria samt matupplevelser.",
                ),
                ("", "Synliggöra och bidra till fler händelser i Flens stad."),
                ("", "Fortsätta att utveckla Kultur- och litteraturfestivalen."),
            ],
            "method": "Samverka internt samt med föreningsliv, studieförbund, orter och aktörer",
            "followup": "VEPAQ",
        },
    },
}

# Shorter year plans for the earlier plan years (demo data written for the app, not from
# the seed), so that the implementation matrix has more than one year.
EARLIER_YEAR_PLANS = {
    2022: {
        "budget_kr": 2_950_000,
        "staffing_fte": "2.50",
        "introduction": (
            "Första året med den reviderade Kulturplanen 2022–2025. Verksamhetsplanen utgår "
            "från planens fyra prioriterade områden."
        ),
        "preconditions": (
            "- Ny kulturplan antagen under våren.\n"
            "- Enheten flyttar in i nyrenoverade lokaler i centrala Flen."
        ),
        "analysis": (
            "Kulturområdet bidrog till 23 händelser för unga i åldrarna 10-25 år, vilket "
            "motsvarar 36 % av Allmänkulturens händelser."
        ),
        "focus": {
            1: ["Erbjuda lovaktiviteter på flera orter.", "Starta samverkan med fritidsgårdarna."],
            2: ["Genomföra ortsdialoger i kommunens orter.", "Bygga upp kulturkalendern."],
            3: ["Inventera kommunens konstsamling.", "Visa utställningar i konstgalleriet."],
            4: ["Genomföra Kultur- och litteraturfestivalen."],
        },
    },
    2023: {
        "budget_kr": 3_010_000,
        "staffing_fte": "2.50",
        "introduction": (
            "Verksamhetsplanen för 2023 fortsätter arbetet med Kulturplanens inriktningsmål "
            "och utvecklar samverkan internt och externt."
        ),
        "preconditions": (
            "- Ett helt verksamhetsår i de nya lokalerna, samlokaliserade med Flens gymnasium.\n"
            "- Osäkert ekonomiskt läge."
        ),
        "analysis": (
            "44 av Allmänkulturens 101 händelser riktades till 10-25 år (43,5 % enligt "
            "bokslutet). Samverkan sker i 85-90 % av all verksamhet."
        ),
        "focus": {
            1: ["Fler lovaktiviteter i samverkan.", "Aktiviteter tisdagar och torsdagar (UNG360)."],
            2: ["Färre men tydligare ortsdialoger.", "Nätverk för KKN-aktörer."],
            3: ["Kontinuerliga utställningar i konstgalleriet.", "Offentlig konst enligt policyn."],
            4: ["Utveckla Kultur- och litteraturfestivalen.", "Fler händelser i Flens stad."],
        },
    },
}

# Target population 10–25 (demo figures, not from the seed).
TARGET_POPULATION = {2022: 3100, 2023: 3090, 2024: 3120}

# The seed's "Utvärdering": indicators and comparison figures (Siffror från bokslut).
INDICATORS = [
    {
        "key": "young_participants",
        "name": (
            "Verksamheterna ska ha flera aktiva 10–25-åringar i december 2023 än december 2022, "
            "antal"
        ),
        "source": "young_participants",
        "frequency": "month",
        "unit_of_measure": "antal",
    },
    {
        "key": "young_population_share",
        "name": (
            "Verksamheterna ska ha flera aktiva 10–25-åringar i december 2023 än december 2022, "
            "% av totala antalet i målgruppen"
        ),
        "source": "young_population_share",
        "frequency": "month",
        "unit_of_measure": "%",
    },
    {
        "key": "youth_targeted",
        "name": "Antal aktiviteter riktade till 10–25 år",
        "source": "youth_targeted",
        "frequency": "year",
        "unit_of_measure": "antal",
        "baseline": "23",
        "values": {
            2022: ("23", "Siffror från bokslut 2022: 23 händelser för unga i åldrarna 10-25 år."),
            2023: ("44", "Siffror från bokslut 2023: 44 händelser för unga i åldrarna 10-25 år."),
        },
        "targets": {2024: "46", 2025: "50"},
    },
    {
        "key": "youth_share",
        "name": "Andel aktiviteter riktade till 10–25 år",
        "source": "youth_share",
        "frequency": "year",
        "unit_of_measure": "%",
        "baseline": "36",
        "values": {
            2022: ("36", "Siffror från bokslut 2022: 23 händelser, 36 %."),
            2023: (
                "43.5",
                "Siffror från bokslut 2023: 44 av 101 händelser, 43,5 %. Beräknat med "
                "avrundning till en decimal blir det 43,6 %.",
            ),
        },
        "targets": {2024: "45", 2025: "50"},
    },
]
