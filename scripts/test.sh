#!/usr/bin/env bash
# The project's one test command. On a machine with nothing installed it installs what the
# tests need (Debian packages listed in scripts/apt-packages.txt, then the package and its test
# extras into .venv) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=$(grep -v '^\s*#' scripts/apt-packages.txt 2>/dev/null | tr -s ' \n' ' ' || true)
if [ -n "${pkgs// /}" ]; then
  missing=""
  for p in $pkgs; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends $missing
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test,html,parquet,web,pdf,ocr]"
# The browser test (Debian chromium driven by Playwright) must run here, not be skipped.
BANMIAN_REQUIRE_BROWSER=1 .venv/bin/python -m pytest "$@"
