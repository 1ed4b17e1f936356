"""The matrix in the PDF (issue 24): in a document, goal texts are whole (wrapped), never cut
mid-word."""

import re
import subprocess

from followup import rendering, reports
from tests.factories import GoalFactory, PriorityAreaFactory

LONG_GOALS = [
    "Samordnade lov- och fritidsaktiviteter för barn och unga ska säkerställas med god "
    "framförhållning.",
    "Invånare och besökares möjligheter att ta del av och vara delaktiga i konstnärliga "
    "processer ska öka.",
]


def test_matrix_goal_texts_are_whole_in_the_pdf(tree, flen_plan, tmp_path):
    area = PriorityAreaFactory(plan=flen_plan, number=1, name="Främja kultur av och med barn")
    for order, text in enumerate(LONG_GOALS, start=1):
        GoalFactory(area=area, code=f"1.{order}", text=text, order=order)
    path = tmp_path / "annual.pdf"
    report = reports.annual_report(unit=tree["culture"], year=2024)
    path.write_bytes(rendering.render_pdf(kind="annual", report=report))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    flowing = re.sub(r"\s+", " ", text)
    for goal in LONG_GOALS:
        assert goal in flowing, goal
    assert "framför…" not in flowing and "proces…" not in flowing
