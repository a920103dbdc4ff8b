#!/bin/sh
# Set up and run aideals on a fresh machine with Python 3.11+ and nothing else prepared.
#   sh bootstrap.sh run [ARGS]    run the pipeline (default: the bundled sample corpus)
#   sh bootstrap.sh test [ARGS]   run the test suite
# Creates .venv when missing and installs the pinned dependencies only when requirements.lock
# or pyproject.toml changed since the last install (a stamp file in .venv records their hash).
set -eu
cd "$(dirname "$0")"

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  run|test) ;;
  *) echo "usage: sh bootstrap.sh run|test [ARGS]" >&2; exit 2 ;;
esac

python=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$candidate; break
  fi
done
[ -n "$python" ] || { echo "bootstrap: Python 3.11 or newer is required" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $python" >&2
  "$python" -m venv .venv
fi

stamp=.venv/.aideals-install-stamp
wanted=$(cat requirements.lock pyproject.toml | .venv/bin/python -c 'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]; then
  echo "bootstrap: installing pinned dependencies (requirements.lock)" >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
  echo "$wanted" > "$stamp"
fi
# Data Docs' styles and scripts that PyPI lacks come from the npm registry (needs npm); a no-op
# once they are in .venv (see expectations/web_assets.py).
.venv/bin/python -m expectations.web_assets install

# Prefect: no telemetry, even before our code runs.
export DO_NOT_TRACK=1
export PREFECT_SERVER_ANALYTICS_ENABLED=false

if [ "$command" = run ]; then
  exec .venv/bin/aideals run "$@"
fi
exec .venv/bin/python -m pytest "$@"
