"""The report JSON contract (docs/report-json.md, DESIGN "Reports and interfaces") as OpenAPI
schemas, so that a client can check a report it is served. Every object admits more keys
(the contract adds keys, never renames them); the keys named here are required.
"""

from __future__ import annotations

AGE_BANDS = ["0-5", "6-9", "10-12", "13-15", "16-19", "20-25", "26-64", "65+"]


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, *, required: list[str] | None = None, **extra) -> dict:
    """An object with these keys, all required unless `required` says which."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        **extra,
    }


INT = {"type": "integer"}
STR = {"type": "string"}
NULL_STR = {"type": "string", "nullable": True}
NULL_INT = {"type": "integer", "nullable": True}
PERCENT = {"type": "string", "nullable": True, "pattern": r"^-?\d+\.\d$", "example": "43.6"}
DECIMAL = {"type": "string", "nullable": True, "pattern": r"^-?\d+(\.\d+)?$"}
LIGHT = {"type": "string", "nullable": True, "enum": ["green", "yellow", "red", None]}
DATE = {"type": "string", "format": "date"}


def both(shape: dict, *keys: str) -> dict:
    return obj(dict.fromkeys(keys, shape))


SHARED_SCHEMAS = {
    "ReportCounts": obj({"done": INT, "planned": INT, "cancelled": INT}),
    "ReportPeople": obj(
        {"total": INT, "girls": INT, "boys": INT, "other": INT, "young_10_25": INT}
    ),
    "ReportShare": obj({"youth": INT, "total": INT, "percent": PERCENT}),
    "ReportPart": obj({"count": INT, "percent": PERCENT}),
    "ReportSurvey": obj({"answers": INT, "mean": DECIMAL}),
    "ReportMatrixRow": obj(
        {
            "goal": STR,
            "year": INT,
            "done": INT,
            "assessment": {
                "type": "string",
                "nullable": True,
                "enum": ["not_started", "started", "partly_done", "done", None],
            },
        }
    ),
}

_DIMENSION = {"status": LIGHT, "comment": STR, "actions": STR}
_MONTH_YTD = ("month", "ytd")

VEPAQ = obj(
    {
        "unit": STR,
        "unit_name": STR,
        "year": INT,
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "activities": both(ref("ReportCounts"), *_MONTH_YTD),
        "participants": both(ref("ReportPeople"), *_MONTH_YTD),
        "youth_share": both(ref("ReportShare"), "month", "ytd", "ytd_previous_year"),
        "dimensions": obj(
            {
                key: obj(_DIMENSION, required=["status", "comment", "actions"])
                for key in ("V", "E", "P", "A", "Q")
            }
        ),
        "state": {"type": "string", "enum": ["draft", "submitted", "approved"]},
    },
    description="Månadsrapporten VEPAQ (docs/report-json.md, vepaq).",
)

_PERIOD = {
    "unit": STR,
    "unit_name": STR,
    "year": INT,
    "activities": ref("ReportCounts"),
    "participants": ref("ReportPeople"),
    # January first, up to the period's last month (all twelve in the annual report).
    "young_participants_by_month": obj(
        {
            key: {"type": "array", "items": INT, "minItems": 1, "maxItems": 12}
            for key in ("year", "previous_year")
        }
    ),
    "age_bands": both(ref("ReportPart"), *AGE_BANDS),
    "by_kind": both(ref("ReportPart"), "culture", "art", "dialogue"),
    "by_collaboration": both(ref("ReportPart"), "own", "internal", "external"),
    "survey": ref("ReportSurvey"),
    "activity_cost": DECIMAL,
    "matrix": {"type": "array", "items": ref("ReportMatrixRow")},
}

ANNUAL = obj(
    {
        **_PERIOD,
        "youth_share": both(ref("ReportShare"), "year", "previous_year"),
        "young_participants_december": both(INT, "year", "previous_year"),
    },
    description="Årsrapporten (docs/report-json.md, annual).",
)

TERTIAL = obj(
    {
        **_PERIOD,
        "tertial": {"type": "integer", "enum": [1, 2]},
        "period": obj({"start": DATE, "end": DATE}),
        "youth_share": both(ref("ReportShare"), "period", "previous_year_period"),
    },
    description="Tertialrapporten: årsrapportens siffror för perioden från januari.",
)

INDICATORS = obj(
    {
        "unit": STR,
        "year": INT,
        "indicators": {
            "type": "array",
            "items": obj(
                {
                    "name": STR,
                    "kolada_kpi": NULL_STR,
                    "direction": {"type": "string", "enum": ["increase", "decrease", "keep"]},
                    "value": NULL_STR,
                    "target": {
                        "type": "object",
                        "nullable": True,
                        "properties": {"kind": NULL_STR, "value": NULL_STR},
                    },
                    "comparison": {
                        "type": "object",
                        "nullable": True,
                        "properties": {
                            "group": STR,
                            "members": {"type": "array", "items": STR},
                            "average": NULL_STR,
                            "rank": NULL_INT,
                            "of": INT,
                        },
                    },
                    "target_met": {"type": "boolean", "nullable": True},
                },
                required=["name", "kolada_kpi", "direction", "value", "target", "target_met"],
            ),
        },
    },
    description="Indikatorerna med jämförelser (DESIGN, report indicators).",
)

_RESULT = obj(
    {
        "date": DATE,
        "outcome": {"type": "string", "enum": ["ok", "deviation"]},
        "comment": STR,
    }
)
_CONTROL = obj(
    {
        "title": STR,
        "method": STR,
        "frequency": STR,
        "responsible": STR,
        "results": {"type": "array", "items": _RESULT},
    },
    required=["title", "results"],
)
_SCALE = {"type": "integer", "minimum": 1, "maximum": 4}
INTERNAL_CONTROL = obj(
    {
        "unit": STR,
        "year": INT,
        "state": NULL_STR,
        "risks": {
            "type": "array",
            "items": obj(
                {
                    "title": STR,
                    "likelihood": _SCALE,
                    "consequence": _SCALE,
                    "value": {"type": "integer", "minimum": 1, "maximum": 16},
                    "handling": STR,
                    "decision": STR,
                    "controls": {"type": "array", "items": _CONTROL},
                },
                required=["title", "likelihood", "consequence", "value", "handling", "controls"],
            ),
        },
        "matrix": {
            "type": "array",
            "minItems": 4,
            "maxItems": 4,
            "items": {"type": "array", "items": INT, "minItems": 4, "maxItems": 4},
        },
    },
    description="Internkontrollen (DESIGN, report internal_control).",
)

# kind → (component name, schema)
REPORT_SCHEMAS = {
    "annual": ("AnnualReport", ANNUAL),
    "vepaq": ("VepaqReport", VEPAQ),
    "tertial": ("TertialReport", TERTIAL),
    "indicators": ("IndicatorsReport", INDICATORS),
    "internal_control": ("InternalControlReport", INTERNAL_CONTROL),
}
