"""The 17 goals of Agenda 2030 with their official Swedish names (Regeringskansliet,
globalamalen.se). Shipped as data so that every plan can link to them."""

FRAMEWORK = {
    "slug": "agenda-2030",
    "name": "Agenda 2030 – de globala målen för hållbar utveckling",
    "description": (
        "FN:s 17 globala mål för hållbar utveckling. Flens kommuns hållbarhetsprogram utgår "
        "från dem."
    ),
}

GOALS: list[tuple[int, str]] = [
    (1, "Ingen fattigdom"),
    (2, "Ingen hunger"),
    (3, "God hälsa och välbefinnande"),
    (4, "God utbildning för alla"),
    (5, "Jämställdhet"),
    (6, "Rent vatten och sanitet för alla"),
    (7, "Hållbar energi för alla"),
    (8, "Anständiga arbetsvillkor och ekonomisk tillväxt"),
    (9, "Hållbar industri, innovationer och infrastruktur"),
    (10, "Minskad ojämlikhet"),
    (11, "Hållbara städer och samhällen"),
    (12, "Hållbar konsumtion och produktion"),
    (13, "Bekämpa klimatförändringarna"),
    (14, "Hav och marina resurser"),
    (15, "Ekosystem och biologisk mångfald"),
    (16, "Fredliga och inkluderande samhällen"),
    (17, "Genomförande och globalt partnerskap"),
]
