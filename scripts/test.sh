#!/usr/bin/env bash
# Runs every check and test: ruff (lint and format), then pytest. Extra arguments go to pytest.
# SQLite by default; set DATABASE_URL=postgres://... to run the same suite on PostgreSQL.
# Browser tests need Debian's chromium (/usr/bin/chromium); .ci/run installs it.
# Exits non-zero on any failure, and also when pytest collected no tests (its exit code 5).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# Test-only npm tools (axe-core, oidc-provider): installed from package-lock.json when missing.
if [ ! -e node_modules ] && command -v npm > /dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests; that counts as a failure." >&2
fi
exit "$status"
