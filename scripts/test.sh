#!/usr/bin/env bash
# Runs every check and test: ruff (lint and format), then pytest. Extra arguments go to pytest.
# SQLite by default; set DATABASE_URL=postgres://... to run the same suite on PostgreSQL.
# Browser tests need Debian's chromium (/usr/bin/chromium); .ci/run installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python manage.py makemigrations --check --dry-run > /dev/null
exec .venv/bin/python -m pytest "$@"
