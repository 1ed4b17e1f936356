"""The open statistics as a Frictionless Data Package (datapackage.json): what the files hold,
their fields and types, and their licence, CC0 1.0, in a form a program can read.

One description of the columns serves the descriptor and /oppna-data/ (STATISTICS_KEYS gives
the order); the licence URL also goes into each file's `Link: <…>; rel="license"` header.
"""

from __future__ import annotations

from public.selectors import STATISTICS_KEYS

LICENSE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENSE = {
    "name": "CC0-1.0",
    "path": LICENSE_URL,
    "title": "Creative Commons Zero v1.0 Universal",
}

# key → (type, description). Every count is a whole number, never negative.
FIELDS = {
    "unit": ("string", "Enhetens kortnamn (slug), t.ex. kulturenheten"),
    "year": ("integer", "År"),
    "month": ("integer", "Månad 1–12"),
    "done": ("integer", "Genomförda aktiviteter i månaden"),
    "planned": ("integer", "Aktiviteter som fortfarande är planerade"),
    "cancelled": ("integer", "Inställda aktiviteter"),
    "participants": ("integer", "Deltagare (besök, inte unika personer) i genomförda aktiviteter"),
    "girls": ("integer", "Varav flickor"),
    "boys": ("integer", "Varav pojkar"),
    "other": ("integer", "Varav annat eller ej angivet kön"),
    "young_10_25": ("integer", "Deltagare 10–25 år"),
    "youth_targeted": (
        "integer",
        "Genomförda aktiviteter riktade till unga: alla målgrupper inom 10–25 år",
    ),
}


def _field(key: str) -> dict:
    kind, description = FIELDS[key]
    field = {"name": key, "type": kind, "description": description}
    if key == "unit":
        field["constraints"] = {"required": True, "pattern": "[-a-zA-Z0-9_]+"}
    elif key == "month":
        field["constraints"] = {"required": True, "minimum": 1, "maximum": 12}
    elif key == "year":
        field["constraints"] = {"required": True, "minimum": 2000, "maximum": 2100}
    else:
        field["constraints"] = {"required": True, "minimum": 0}
    return field


def table_schema() -> dict:
    return {
        "fields": [_field(key) for key in STATISTICS_KEYS],
        "primaryKey": ["unit", "year", "month"],
    }


def descriptor(*, homepage: str) -> dict:
    """The package: one resource per file, paths relative to datapackage.json (both lie in
    /oppna-data/), so the same descriptor holds on every host name."""
    schema = table_schema()
    common = {"licenses": [LICENSE], "encoding": "utf-8", "schema": schema}
    return {
        "profile": "tabular-data-package",
        "name": "kulturplan-statistik",
        "title": "Kulturverksamhetens statistik per enhet och månad",
        "description": (
            "Avslutade månader (godkänd månadsrapport) per enhet: aktiviteter, deltagare "
            "(besök) och aktiviteter riktade till unga. Inga personuppgifter."
        ),
        "homepage": homepage,
        "licenses": [LICENSE],
        "resources": [
            {
                "name": "statistik-csv",
                "path": "statistik.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "dialect": {"delimiter": ",", "header": True},
                **common,
            },
            {
                "name": "statistik-json",
                "path": "statistik.json",
                "profile": "tabular-data-resource",
                "format": "json",
                "mediatype": "application/json",
                **common,
            },
        ],
    }
