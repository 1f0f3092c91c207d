#!/usr/bin/env bash
# Installs the system packages the tests use when they are missing: Debian's
# Chromium (the browser the end-to-end tests drive; Playwright never downloads
# one) with its language packs (chromium-l10n), poppler-utils and qpdf (real
# PDF checks), and a CJK font (without one every Chinese character renders as
# an empty box and screenshots lie).
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || need+=(chromium)
# the zh-CN language pack, so date inputs and built-in messages read as clerks see them
[ -n "${CHROMIUM_PATH:-}" ] || [ -f /usr/lib/chromium/locales/zh-CN.pak ] || need+=(chromium-l10n)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
# Read fc-list once: `fc-list | grep -q` would trip pipefail when grep exits early.
families=$(fc-list : family 2>/dev/null || true)
grep -qi "wenquanyi zen hei" <<<"$families" || need+=(fonts-wqy-zenhei)
grep -qi "AR PL UMing" <<<"$families" || need+=(fonts-arphic-uming)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "Test prerequisites missing: ${need[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "Installed: ${need[*]}"
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  echo "Installed: ${need[*]}"
else
  echo "Please install them first, e.g.: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
