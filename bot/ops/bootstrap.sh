#!/usr/bin/env bash
# Make .venv with Python 3.10 and the pinned dependencies, and install the npm packages.
# Cheap when nothing changed: each step keeps a stamp of what it installed.
# Rasa 3.6 needs Python 3.10: on 3.11 pip silently picks an ancient Rasa 1.x.
set -euo pipefail
cd "$(dirname "$0")/../.."

is_python310() { [ -n "${1:-}" ] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }

find_python310() {
  local candidate
  for candidate in "${PYTHON:-}" "$(command -v python3.10 || true)"; do
    if is_python310 "$candidate"; then echo "$candidate"; return; fi
  done
  local pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
  if command -v pyenv >/dev/null 2>&1; then pyenv_root="$(pyenv root)"; fi
  for candidate in $(ls -d "$pyenv_root"/versions/3.10*/bin/python 2>/dev/null | sort -V -r); do
    if is_python310 "$candidate"; then echo "$candidate"; return; fi
  done
  if command -v uv >/dev/null 2>&1; then
    candidate="$(uv python find 3.10 2>/dev/null || true)"
    if is_python310 "$candidate"; then echo "$candidate"; return; fi
  fi
  return 1
}

if ! is_python310 .venv/bin/python; then
  if ! python310="$(find_python310)"; then
    cat >&2 <<'MSG'
Python 3.10 was not found, and Rasa 3.6 needs exactly Python 3.10.
Install it, then run this again. Any one of these works:
  pyenv install 3.10          (https://github.com/pyenv/pyenv)
  uv python install 3.10      (https://docs.astral.sh/uv/)
  apt-get install python3.10 python3.10-venv   (where your distribution has it)
Or point PYTHON at a Python 3.10 interpreter: make run PYTHON=/path/to/python3.10
MSG
    exit 1
  fi
  echo "Creating .venv with $python310"
  rm -rf .venv
  "$python310" -m venv .venv
fi

lock_stamp=".venv/.requirements.lock.sha256"
if ! sha256sum --status -c "$lock_stamp" 2>/dev/null; then
  echo "Installing pinned Python dependencies (pip cache: ${PIP_CACHE_DIR:-~/.cache/pip})..."
  .venv/bin/python -m pip install --quiet --upgrade "pip==24.0"
  .venv/bin/python -m pip install --quiet -r requirements.lock
  sha256sum requirements.lock > "$lock_stamp"
fi

if [ -f package-lock.json ]; then
  npm_stamp="node_modules/.package-lock.sha256"
  if ! sha256sum --status -c "$npm_stamp" 2>/dev/null; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "npm is needed for the chat page's GOV.UK Frontend files: install Node.js and npm." >&2
      exit 1
    fi
    echo "Installing npm packages (govuk-frontend, axe-core)..."
    npm ci --no-audit --no-fund --loglevel=error
    sha256sum package-lock.json > "$npm_stamp"
  fi
fi
