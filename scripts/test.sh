#!/usr/bin/env bash
# Runs every check and test: ruff (lint and format), lint-imports (the one-way import
# contract), then pytest. Extra arguments go to pytest.
# --fast: the inner loop, everything but the browser and slow tests (markers in pyproject.toml).
# The tests run in TEST_WORKERS processes (pytest-xdist; default: one per core, "0" for none).
# SQLite by default; set DATABASE_URL=postgres://... to run the same suite on PostgreSQL.
# Browser tests need Debian's chromium (/usr/bin/chromium); .ci/run installs it.
# Exits non-zero on any failure, and also when pytest collected no tests (its exit code 5).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
# pip runs only when pyproject.toml changed since the last install (a stamp in .venv), which
# keeps the inner loop's half minute of pip's resolving out of every run.
stamp=.venv/.kulturplan-installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2> /dev/null)" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  echo "$wanted" > "$stamp"
fi
# Test-only npm tools (axe-core, oidc-provider): installed from package-lock.json when missing.
if [ ! -e node_modules ] && command -v npm > /dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The house: each app imports only the apps on the floors below it (pyproject.toml).
.venv/bin/lint-imports --no-cache
selection=()
if [ "${1:-}" = "--fast" ]; then
  shift
  selection=(-m "not browser and not slow")
fi
workers=(-n "${TEST_WORKERS:-auto}" --dist loadfile)
[ "${TEST_WORKERS:-auto}" = "0" ] && workers=()
status=0
.venv/bin/python -m pytest "${workers[@]}" "${selection[@]}" "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests; that counts as a failure." >&2
fi
exit "$status"
