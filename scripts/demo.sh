#!/usr/bin/env bash
# Sets everything up and runs Kulturplan with the demo data on SQLite at http://127.0.0.1:8000
# (PORT=8012 scripts/demo.sh for another port; DATABASE_URL=… for another database).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8000}"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
export DEBUG=1
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo --url "http://127.0.0.1:${port}/"
exec .venv/bin/python manage.py runserver "127.0.0.1:${port}"
