"""Kolada v3: fetch key figures (KPI values) for municipalities and years, all or nothing.

`GET {base}/data/kpi/{kpi}/municipality/{id,id,...}/year/{y,y,...}` answers
`{"count": n, "values": [{"kpi", "municipality", "period", "values": [{"gender", "value",
...}]}], "next_url": null | "…"}`. We follow `next_url` until it is null, keep the value
whose gender is "T" (the total), and only after every page of every KPI has arrived write
them in one transaction, each with its source and fetch time. Anything that fails before
that raises `KoladaError` with a Swedish message and nothing is written.

The demo's shipped response file goes through the same `parse_data_page` and
`store_values`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import urljoin

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from governance.models import KoladaKpi, KoladaValue

TIMEOUT_SECONDS = 20
MAX_PAGES = 1000


class KoladaError(Exception):
    """A fetch that failed or came back incomplete; the message is Swedish, for the user."""


@dataclass(frozen=True)
class ParsedValue:
    kpi: str
    municipality: str
    year: int
    value: Decimal | None


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pages: int = 0
    title_changes: list[tuple[str, str, str]] | None = None  # (kpi, old, new)


def base_url() -> str:
    return settings.KOLADA_BASE_URL.rstrip("/")


def data_url(*, base: str, kpi: str, municipalities, years) -> str:
    ids = ",".join(sorted(set(municipalities)))
    periods = ",".join(str(y) for y in sorted(set(years)))
    return f"{base.rstrip('/')}/data/kpi/{kpi}/municipality/{ids}/year/{periods}"


def _decimal(raw) -> Decimal | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        raise KoladaError("Kolada svarade med ett värde som inte är ett tal.")
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise KoladaError(f"Kolada svarade med ett värde som inte är ett tal: {raw!r}.") from None
    if not value.is_finite():
        raise KoladaError(f"Kolada svarade med ett värde som inte är ett tal: {raw!r}.")
    return value


def parse_data_page(payload) -> tuple[list[ParsedValue], str | None]:
    """One page of a data response: its values (gender "T" only) and the next page's URL."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise KoladaError("Kolada svarade i ett oväntat format (listan values saknas).")
    parsed = []
    for row in payload["values"]:
        try:
            kpi = str(row["kpi"])
            municipality = str(row["municipality"])
            year = int(row["period"])
            genders = row.get("values") or []
        except (KeyError, TypeError, ValueError):
            raise KoladaError(
                "Kolada svarade i ett oväntat format (ett värde saknar fält)."
            ) from None
        total = next(
            (item for item in genders if isinstance(item, dict) and item.get("gender") == "T"),
            None,
        )
        parsed.append(
            ParsedValue(
                kpi=kpi,
                municipality=municipality,
                year=year,
                value=_decimal(total.get("value")) if total else None,
            )
        )
    next_url = payload.get("next_url")
    if next_url is not None and not isinstance(next_url, str):
        raise KoladaError("Kolada svarade i ett oväntat format (next_url).")
    return parsed, next_url or None


def _get_json(client: httpx.Client, url: str):
    try:
        response = client.get(url)
    except httpx.TimeoutException:
        raise KoladaError(f"Kolada svarade inte i tid ({url}). Inget har ändrats.") from None
    except httpx.HTTPError as error:
        raise KoladaError(
            f"Kunde inte nå Kolada på {url} ({error.__class__.__name__}). Inget har ändrats."
        ) from None
    if response.status_code != 200:
        raise KoladaError(
            f"Kolada svarade med felkod {response.status_code} för {url}. Inget har ändrats."
        )
    try:
        return response.json()
    except ValueError:
        raise KoladaError(f"Kolada svarade inte med JSON för {url}. Inget har ändrats.") from None


def fetch_kpi_values(
    client: httpx.Client, *, base: str, kpi: str, municipalities, years
) -> tuple[list[ParsedValue], list[str]]:
    """Every page for one KPI; returns the values and the URLs that were read."""
    url = data_url(base=base, kpi=kpi, municipalities=municipalities, years=years)
    values: list[ParsedValue] = []
    urls: list[str] = []
    while url:
        if len(urls) >= MAX_PAGES:
            raise KoladaError(f"Kolada gav fler än {MAX_PAGES} sidor för {kpi}. Inget har ändrats.")
        if url in urls:
            raise KoladaError(f"Kolada hänvisade till samma sida två gånger ({url}).")
        urls.append(url)
        try:
            page, next_url = parse_data_page(_get_json(client, url))
        except KoladaError as error:
            raise KoladaError(f"{error} (sida {len(urls)} för {kpi})") from None
        values.extend(v for v in page if v.kpi == kpi)
        url = urljoin(url, next_url) if next_url else None
    return values, urls


def fetch_kpi_title(client: httpx.Client, *, base: str, kpi: str) -> str:
    """The KPI's title from `GET {base}/kpi/{kpi}`."""
    payload = _get_json(client, f"{base.rstrip('/')}/kpi/{kpi}")
    rows = payload.get("values") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        raise KoladaError(f"Kolada svarade i ett oväntat format för nyckeltalet {kpi}.")
    for row in rows:
        if isinstance(row, dict) and row.get("id") == kpi:
            return str(row.get("title") or "")
    raise KoladaError(f"Nyckeltalet {kpi} finns inte i Kolada.")


@transaction.atomic
def store_values(
    values: list[ParsedValue],
    *,
    source: str,
    fetched_at: datetime.datetime,
    is_demo: bool = False,
    result: SyncResult | None = None,
) -> SyncResult:
    """Write the values (create or update, keyed by KPI, municipality and year)."""
    result = result or SyncResult()
    existing = {
        (row.kpi, row.municipality, row.year): row
        for row in KoladaValue.objects.filter(
            kpi__in={v.kpi for v in values},
            municipality__in={v.municipality for v in values},
            year__in={v.year for v in values},
        )
    }
    for item in values:
        row = existing.get((item.kpi, item.municipality, item.year))
        if row is None:
            row = KoladaValue(kpi=item.kpi, municipality=item.municipality, year=item.year)
            result.created += 1
        elif is_demo and row.is_demo and row.value == item.value and row.source == source:
            # The demo file is loaded again by every seed: unchanged rows stay untouched.
            result.unchanged += 1
            continue
        else:
            result.updated += 1
        row.value = item.value
        row.source = source
        row.fetched_at = fetched_at
        row.is_demo = is_demo
        row.full_clean()
        row.save()
        existing[(item.kpi, item.municipality, item.year)] = row
    return result


def _store_title(*, kpi: str, title: str, source: str, fetched_at, result: SyncResult) -> None:
    row = KoladaKpi.objects.filter(kpi=kpi).first()
    if row is None:
        row = KoladaKpi(kpi=kpi)
    elif row.title != title:
        result.title_changes.append((kpi, row.title, title))
    row.title, row.source, row.fetched_at = title, source, fetched_at
    row.full_clean()
    row.save()


def sync(*, requests: dict[str, set[str]], years, base: str | None = None) -> SyncResult:
    """Fetch every KPI in `requests` (KPI → municipality ids) for `years`, then write it all in
    one transaction. Raises `KoladaError` (and writes nothing) when any request fails."""
    base = (base or base_url()).rstrip("/")
    result = SyncResult(title_changes=[])
    fetched: list[tuple[str, str, list[ParsedValue], str]] = []
    with httpx.Client(timeout=TIMEOUT_SECONDS, headers={"Accept": "application/json"}) as client:
        for kpi in sorted(requests):
            title = fetch_kpi_title(client, base=base, kpi=kpi)
            values, urls = fetch_kpi_values(
                client, base=base, kpi=kpi, municipalities=requests[kpi], years=years
            )
            result.pages += len(urls)
            fetched.append((kpi, title, values, urls[0]))
    fetched_at = timezone.now()
    try:
        with transaction.atomic():
            for kpi, title, values, source in fetched:
                _store_title(
                    kpi=kpi,
                    title=title,
                    source=f"{base}/kpi/{kpi}",
                    fetched_at=fetched_at,
                    result=result,
                )
                store_values(values, source=source, fetched_at=fetched_at, result=result)
    except ValidationError as error:
        raise KoladaError(
            f"Kolada svarade med värden som inte går att spara ({'; '.join(error.messages)}). "
            "Inget har ändrats."
        ) from None
    return result
