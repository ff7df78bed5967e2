#!/usr/bin/env bash
# Install everything Introsak needs on a fresh Debian machine (idempotent, quick when done):
# uv and the locked Python environment, the npm front-end assets, Debian's Chromium for the
# browser tests, and the system libraries WeasyPrint and gettext need.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need_apt+=(gettext)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}" >/dev/null \
    || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}" >/dev/null; }
fi

if ! command -v uv >/dev/null 2>&1; then
  echo "setup: installing uv"
  python3 -m pip install --quiet uv
fi
uv sync --frozen --quiet

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing front-end assets (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

uv run --frozen python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
