"""Write a report of a unit (a kind of followup.report_kinds) as JSON, HTML, PDF or Excel.

The JSON is the contract for other systems (docs/report-json.md). The kinds come from the
registry in followup.report_kinds, so a new kind needs no edit here.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from culture_plan.models import Unit
from followup.report_kinds import KINDS

FORMATS = ["json", "html", "pdf", "xlsx"]
OPTION_HELP = {"month": "--month (1–12)", "tertial": "--tertial (1 eller 2)"}
KIND_NAMES = {"vepaq": "Månadsrapporten (vepaq)", "tertial": "Tertialrapporten (tertial)"}


class Command(BaseCommand):
    help = (
        "Skriver en enhets rapport som json, html, pdf eller xlsx: månadsrapport (vepaq, "
        "kräver --month), årsrapport (annual) eller tertialrapport (tertial, kräver "
        "--tertial 1|2). --published skriver den senast fastställda versionen. Ett verktyg "
        "för driften: kommandot har ingen användare och kontrollerar inga behörigheter."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="Rapportens slag.")
        parser.add_argument("--unit", required=True, help="Enhetens kortnamn (slug).")
        parser.add_argument("--year", type=int, required=True, help="Året.")
        parser.add_argument("--month", type=int, help="Månaden 1–12 (för vepaq).")
        parser.add_argument(
            "--tertial", type=int, choices=[1, 2], help="Tertialen 1 eller 2 (för tertial)."
        )
        parser.add_argument("--format", choices=FORMATS, default="json", help="Filformatet.")
        parser.add_argument(
            "--published",
            action="store_true",
            help="Den senast fastställda (publicerade) versionen i stället för dagens siffror.",
        )
        parser.add_argument(
            "--archive",
            action="store_true",
            help="PDF: en arkivkopia som PDF/A-3a (också taggad och tillgänglig, PDF/UA-1).",
        )
        parser.add_argument(
            "-o",
            "--output",
            default="-",
            help="Filen som ska skrivas; - eller utelämnad skriver json/html till stdout.",
        )

    def handle(self, *args, kind, unit, year, format, output, published, archive, **options):
        translation.activate("sv")
        report_kind = KINDS[kind]
        month = options.get("month")
        if month is not None and not 1 <= month <= 12:
            raise CommandError(f"Månaden måste vara 1–12, inte {month}.")
        for name in report_kind.options:
            if options.get(name) is None:
                subject = KIND_NAMES.get(kind, kind)
                raise CommandError(f"{subject} kräver {OPTION_HELP.get(name, '--' + name)}.")
        if not 1900 <= year <= 2999:
            raise CommandError(f"Året {year} är inte giltigt.")
        try:
            unit_obj = Unit.objects.get(slug=unit)
        except Unit.DoesNotExist:
            raise CommandError(f"Enheten {unit!r} finns inte.") from None
        to_stdout = output in (None, "", "-")
        if to_stdout and format in ("pdf", "xlsx"):
            raise CommandError(f"Formatet {format} måste skrivas till en fil: ange -o FIL.")
        kind_options = {name: options[name] for name in report_kind.options}

        if published:
            content = self._published(report_kind, unit_obj, year, kind_options, format, archive)
        else:
            data = report_kind.build(unit=unit_obj, year=year, **kind_options)
            content = self._render(report_kind, data, format, archive)
        self._write(content, output, to_stdout)

    def _render(self, report_kind, data, format, archive):
        if format == "json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if format == "html":
            return report_kind.render_html(data)
        if format == "pdf":
            return report_kind.render_pdf(data, archive=archive)
        return report_kind.render_xlsx(data)

    def _published(self, report_kind, unit, year, kind_options, format, archive):
        if report_kind.published is None:
            raise CommandError(f"Rapporten {report_kind.name} publiceras inte (--published).")
        version = report_kind.published(unit=unit, year=year, **kind_options)
        if version is None:
            period = f"{year}" + (
                f" tertial {kind_options['tertial']}" if "tertial" in kind_options else ""
            )
            raise CommandError(
                f"Det finns ingen fastställd {report_kind.name}-rapport för {unit.slug} {period}."
            )
        if format == "json":
            return version.json_text
        if format == "pdf" and not archive:
            return bytes(version.pdf)
        return self._render(report_kind, version.data, format, archive)

    def _write(self, content, output, to_stdout):
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
