"""Write the VEPAQ monthly report or the annual report of a unit as JSON, HTML, PDF or Excel.

The JSON is the contract for other systems (docs/report-json.md).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from culture_plan.models import Unit
from followup.reports import annual_report, render_html, render_pdf, render_xlsx, vepaq_report

FORMATS = ["json", "html", "pdf", "xlsx"]


def internal_control_content(*, unit: Unit, year: int, format: str) -> str | bytes:
    """The internal control report (internal_control.selectors.report) in one format."""
    from internal_control import rendering, selectors

    data = selectors.report(unit=unit, year=year)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        return rendering.render_html(data)
    if format == "pdf":
        return rendering.render_pdf(data)
    return rendering.render_xlsx(data)


def indicators_content(*, unit, year, format) -> str | bytes:
    """KIND `indicators` (governance): the unit's indicators, targets and comparisons."""
    from governance import reports as governance_reports
    from governance.selectors import indicators_report

    if format == "json":
        data = indicators_report(unit=unit, year=year)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    render = {
        "html": governance_reports.render_html,
        "pdf": governance_reports.render_pdf,
        "xlsx": governance_reports.render_xlsx,
    }[format]
    return render(unit=unit, year=year)


class Command(BaseCommand):
    help = (
        "Skriver en enhets månadsrapport (vepaq, kräver --month) eller årsrapport (annual) "
        "som json, html, pdf eller xlsx. Ett verktyg för driften: kommandot har ingen "
        "användare och kontrollerar inga behörigheter."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "kind",
            choices=["vepaq", "annual", "internal_control", "indicators"],
            help="vepaq, annual, internal_control eller indicators.",
        )
        parser.add_argument("--unit", required=True, help="Enhetens kortnamn (slug).")
        parser.add_argument("--year", type=int, required=True, help="Året.")
        parser.add_argument("--month", type=int, help="Månaden 1–12 (för vepaq).")
        parser.add_argument("--format", choices=FORMATS, default="json", help="Filformatet.")
        parser.add_argument(
            "-o",
            "--output",
            default="-",
            help="Filen som ska skrivas; - eller utelämnad skriver json/html till stdout.",
        )

    def handle(self, *args, kind, unit, year, month, format, output, **options):
        translation.activate("sv")
        if kind == "vepaq" and month is None:
            raise CommandError("Månadsrapporten (vepaq) kräver --month (1–12).")
        if month is not None and not 1 <= month <= 12:
            raise CommandError(f"Månaden måste vara 1–12, inte {month}.")
        if not 1900 <= year <= 2999:
            raise CommandError(f"Året {year} är inte giltigt.")
        try:
            unit_obj = Unit.objects.get(slug=unit)
        except Unit.DoesNotExist:
            raise CommandError(f"Enheten {unit!r} finns inte.") from None
        to_stdout = output in (None, "", "-")
        if to_stdout and format in ("pdf", "xlsx"):
            raise CommandError(f"Formatet {format} måste skrivas till en fil: ange -o FIL.")

        if kind == "vepaq":
            data = vepaq_report(unit=unit_obj, year=year, month=month)
        elif kind == "annual":
            data = annual_report(unit=unit_obj, year=year)

        if kind == "internal_control":
            content = internal_control_content(unit=unit_obj, year=year, format=format)
        elif kind == "indicators":
            content = indicators_content(unit=unit_obj, year=year, format=format)
        elif format == "json":
            content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        elif format == "html":
            content = render_html(kind=kind, report=data)
        elif format == "pdf":
            content = render_pdf(kind=kind, report=data)
        else:
            content = render_xlsx(kind=kind, report=data)

        if to_stdout:
            self.stdout.write(content, ending="")
            return
        path = Path(output)
        try:
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kunde inte skriva {output}: {error.strerror}.") from None
        self.stderr.write(f"Rapporten skriven till {output}.")
