"""What the schema promises beyond 200: drf-spectacular's postprocessing hook adds the error
answers every endpoint can give, with their bodies, and the report endpoints' typed answers
(api.report_schemas). One place, so that a new endpoint gets them too.

DRF answers errors as `{"detail": "..."}` (401, 403, 404, 429) and a bad query string as
`{"parameter": ["message", ...]}` (400).
"""

from __future__ import annotations

from api.report_schemas import REPORT_SCHEMAS, SHARED_SCHEMAS

ERROR_SCHEMAS = {
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
        "description": "Ett fel med ett meddelande på svenska.",
    },
    "ValidationError": {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "Fel parameter: parameterns namn och meddelanden.",
        "example": {"year": ["Ett heltal krävs."]},
    },
}

ERRORS = {
    "400": ("ValidationError", "Fel parameter (namnges i svaret)."),
    "401": ("Error", "Ingen eller fel nyckel (Authorization: Token NYCKEL)."),
    "403": ("Error", "Behörighet saknas."),
    "404": ("Error", "Enheten finns inte eller får inte läsas av användaren."),
    "429": ("Error", "För många anrop; försök igen efter Retry-After sekunder."),
}
# Endpoints that anyone may read (the schema itself) answer only 200.
PUBLIC_PATHS = {"/api/v1/schema/"}
# Examples of the query parameters, from the demo (seed_demo): a client tries them first.
PARAMETER_EXAMPLES = {"unit": "kulturenheten", "year": 2024, "month": 3, "tertial": 1}


def _error_response(name: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
    }


def add_common_responses(result, generator, request, public):
    """Every operation: 400 (when it takes parameters), 401, 403, 404 and 429 with bodies;
    429 with its Retry-After header; the report endpoints' 200 typed."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(ERROR_SCHEMAS)
    schemas.update(SHARED_SCHEMAS)
    schemas.update(dict(REPORT_SCHEMAS.values()))
    for path, operations in result.get("paths", {}).items():
        if path in PUBLIC_PATHS:
            continue
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] in PARAMETER_EXAMPLES:
                    parameter.setdefault("example", PARAMETER_EXAMPLES[parameter["name"]])
            responses = operation.setdefault("responses", {})
            for code, (name, description) in ERRORS.items():
                if code == "400" and not operation.get("parameters"):
                    continue
                responses.setdefault(code, _error_response(name, description))
            responses["429"]["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Sekunder."}
            }
            kind = path.removeprefix("/api/v1/reports/").rstrip("/")
            if path.startswith("/api/v1/reports/") and kind in REPORT_SCHEMAS:
                name = REPORT_SCHEMAS[kind][0]
                responses["200"]["content"] = {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}
                }
    return result
