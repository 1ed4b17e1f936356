"""The house rules that a test can hold (README "Architecture"): thin views."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEW_LIMIT = 40


def _view_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("*/views*.py")
        if not path.parts[-2].startswith(".") and path.parts[-2] != "node_modules"
    )


def test_view_modules_are_found():
    names = {f"{path.parent.name}/{path.name}" for path in _view_modules()}
    assert {"culture_plan/views.py", "followup/views.py", "activities/views.py"} <= names


def test_no_public_view_function_over_40_lines():
    """A view checks who may, calls a selector or a service and renders: anything longer
    belongs in a page selector, a service or the form flow (culture_plan.form_flow)."""
    too_long = []
    for path in _view_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if not node.name.startswith("_") and lines > VIEW_LIMIT:
                    too_long.append(f"{path.relative_to(ROOT)}: {node.name} ({lines} lines)")
    assert not too_long, "Views over 40 lines:\n" + "\n".join(too_long)
