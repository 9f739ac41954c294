#!/usr/bin/env bash
# The system packages the test suite needs, on Debian or Ubuntu: Chromium (browser tests), Pango
# and DejaVu fonts (WeasyPrint's PDFs), poppler-utils (pdftotext and pdfinfo read the PDFs back),
# gettext (the translation catalogues are checked and compiled).
# Extra package names given as arguments are checked too (CI adds its database and Redis).
#
# Run as root with apt-get, it installs what is missing (apt-get update, then install). Otherwise
# it stops at once, naming the command to run: the suite never skips these tests silently.
set -euo pipefail

missing=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
has_library() { ldconfig -p 2>/dev/null | grep -q "$1"; }

[ -x /usr/bin/chromium ] || missing+=(chromium)
{ command -v pdftotext && command -v pdfinfo; } >/dev/null 2>&1 || missing+=(poppler-utils)
{ command -v msgfmt && command -v msgattrib; } >/dev/null 2>&1 || missing+=(gettext)
if command -v dpkg-query >/dev/null 2>&1; then
  for package in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core "$@"; do
    installed "$package" || missing+=("$package")
  done
else
  has_library libpango-1.0.so.0 || missing+=(libpango-1.0-0)
  has_library libpangoft2-1.0.so.0 || missing+=(libpangoft2-1.0-0)
  missing+=("$@")
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the system packages the tests need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need these system packages, which are missing: ${missing[*]}" >&2
echo "Install them, then run the tests again:" >&2
echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
