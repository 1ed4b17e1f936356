"""Names of the Kolada municipality ids the app shows (Södermanland and nearby municipalities
of Flen's size). An id not listed here is shown as its code."""

NAMES = {
    "0428": "Vingåker",
    "0461": "Gnesta",
    "0480": "Nyköping",
    "0481": "Oxelösund",
    "0482": "Flen",
    "0483": "Katrineholm",
    "0484": "Eskilstuna",
    "0486": "Strängnäs",
    "0488": "Trosa",
    "1861": "Hallsberg",
    "1882": "Askersund",
    "1961": "Hallstahammar",
    "1984": "Arboga",
    "2029": "Leksand",
    "0180": "Stockholm",
}


def name(kolada_id: str) -> str:
    return NAMES.get(kolada_id, kolada_id)
