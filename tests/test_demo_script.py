"""scripts/demo.sh says what it is doing (issue 24): run against a stand-in .venv whose
python only records its arguments, so the test needs no network and takes a second."""

import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "demo.sh"


def test_demo_script_prints_each_step_before_it_runs(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(SCRIPT, tmp_path / "scripts" / "demo.sh")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "python $*" >&2\n')
    python.chmod(0o755)
    result = subprocess.run(
        ["bash", str(tmp_path / "scripts" / "demo.sh")],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PORT": "8104"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    steps = [
        "Installerar beroenden (första gången några minuter) …",
        "python -m pip install --quiet -e .",
        "Förbereder databasen (migrate) …",
        "python manage.py migrate --noinput",
        "Skapar demodata (Flens kommun, kulturplanen, aktiviteter 2022–2024) …",
        "python manage.py seed_demo --url http://127.0.0.1:8104/",
        "python manage.py runserver 127.0.0.1:8104",
    ]
    positions = [next(i for i, line in enumerate(lines) if line.startswith(s)) for s in steps]
    assert positions == sorted(positions)
    assert any(line.startswith("Klart efter ") and "Startar servern" in line for line in lines)
    assert "http://127.0.0.1:8104/konto/logga-in/" in result.stderr
