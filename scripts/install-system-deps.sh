#!/usr/bin/env bash
# Installs the Debian packages the system tests (tests/system/) and the PostgreSQL test run need.
# Used by .ci/run and by developers; idempotent.
set -euo pipefail

packages=(
  chromium            # kiosk end-to-end tests (driven by playwright-core)
  fonts-lohit-deva    # Devanagari glyphs for the kiosk's Hindi screens (also needed on the Pi)
  poppler-utils       # pdftotext/pdfinfo: tests read the invoice PDF as a PDF reader does
  mosquitto           # second MQTT broker: the contract must not depend on aedes
  mosquitto-clients
  pcscd               # PC/SC daemon, with a virtual reader for card tests
  libpcsclite-dev     # headers the optional PC/SC module (smartcard) builds against
  vsmartcard-vpcd     # the virtual reader a test inserts virtual cards into
  pcsc-tools
  socat               # pty pairs for serial tests
  shellcheck          # the Pi install script is checked in the system tests
  systemd             # systemd-analyze verify on the unit files
  python3-libgpiod    # libgpiod's Python binding: the edge holds each GPIO output line with it
  gpiod               # gpiodetect/gpiomon (chip by label, inputs)
  debootstrap         # a fresh bookworm chroot the Pi install script is run in (tests/system/install-pi-chroot.test.ts)
  prometheus          # promtool: CI checks and unit-tests monitoring/prometheus/roompost-alerts.yml
  cage                # the kiosk unit runs Chromium under the cage compositor (verify needs the binary)
  postgresql          # central on PostgreSQL: tests start their own server (initdb, free port)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system test packages already installed"
  exit 0
fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
