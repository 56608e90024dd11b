#!/usr/bin/env bash
# Installs the system packages gatekeeper needs on Debian/Ubuntu, only those that are missing.
# Qt's runtime libraries, a Simplified Chinese font, Xvfb (GUI tests and screenshots), poppler
# (PDF checks), PostgreSQL (the central-server tests) and Chromium (the web pages' tests).
# Elsewhere it says what to install.
set -euo pipefail

packages=(
  # Qt 6 (PySide6) on X11 / offscreen
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
  # Chinese text in the interface, on badges and in PDF reports
  fonts-wqy-microhei
  # a virtual screen for GUI tests and screenshots
  xvfb xauth
  # PDF rendering in tests
  poppler-utils
  # the central database server, started by the tests themselves
  postgresql
  # a real browser for the self-service web pages' tests (driven by Playwright)
  chromium
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian-like system; make sure these are installed:" >&2
  echo "  ${packages[*]}" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

echo "install-system-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
    echo "install-system-deps: run as root, or install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
