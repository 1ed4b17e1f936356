#!/usr/bin/env bash
# Sets everything up and runs Kulturplan with the demo data on SQLite at http://127.0.0.1:8000
# (PORT=8012 scripts/demo.sh for another port; DATABASE_URL=… for another database).
# Says what it is doing at each step: the first run installs the dependencies (a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8000}"
say() { printf '%s\n' "$*" >&2; }
started=$SECONDS
if [ ! -x .venv/bin/python ]; then
  say "Skapar en virtuell Python-miljö i .venv …"
  python3 -m venv .venv
fi
say "Installerar beroenden (första gången några minuter) …"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
export DEBUG=1
say "Förbereder databasen (migrate) …"
.venv/bin/python manage.py migrate --noinput
say "Skapar demodata (Flens kommun, kulturplanen, aktiviteter 2022–2024) …"
.venv/bin/python manage.py seed_demo --url "http://127.0.0.1:${port}/"
say "Klart efter $((SECONDS - started)) s. Startar servern på http://127.0.0.1:${port}/ …"
say "Logga in på http://127.0.0.1:${port}/konto/logga-in/ med en av demoanvändarna ovan. Stoppa med Ctrl+C."
exec .venv/bin/python manage.py runserver "127.0.0.1:${port}"
