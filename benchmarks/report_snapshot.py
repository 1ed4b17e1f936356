"""Write the report JSON of the benchmark data (or the demo) to a folder, to compare the
figures of two versions of the code to the digit.

Run by hand, once with each version, then `diff -r BEFORE AFTER`:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kulturplan_bench \
      .venv/bin/python benchmarks/report_snapshot.py /tmp/reports-before

Units: the benchmark municipality, an administration and three units (or the demo's
flens-kommun and kulturenheten); kinds: vepaq (June and December), tertial 1 and 2, annual,
for every year with activities.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturplan.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from culture_plan.models import Unit  # noqa: E402
from followup import reports  # noqa: E402

BENCH = ["bench-kommun", "bench-forv-1", "bench-enhet-1", "bench-enhet-150", "bench-enhet-300"]
DEMO = ["flens-kommun", "bukf", "kulturenheten", "biblioteket"]


def snapshot(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    slugs = BENCH if Unit.objects.filter(slug=BENCH[0]).exists() else DEMO
    years = [2022, 2023, 2024] if slugs is BENCH else [2023, 2024, 2025, 2026]
    written = 0
    for unit in Unit.objects.filter(slug__in=slugs):
        for year in years:
            documents = {
                f"annual-{year}": reports.annual_report(unit=unit, year=year),
                f"tertial-{year}-1": reports.tertial_report(unit=unit, year=year, tertial=1),
                f"tertial-{year}-2": reports.tertial_report(unit=unit, year=year, tertial=2),
                f"vepaq-{year}-06": reports.vepaq_report(unit=unit, year=year, month=6),
                f"vepaq-{year}-12": reports.vepaq_report(unit=unit, year=year, month=12),
            }
            for name, document in documents.items():
                path = folder / f"{unit.slug}-{name}.json"
                path.write_text(json.dumps(document, indent=1, sort_keys=True, default=str))
                written += 1
    return written


if __name__ == "__main__":
    print(snapshot(Path(sys.argv[1])), "documents written to", sys.argv[1])
