#!/usr/bin/env bash
# Turns a fresh Raspberry Pi OS (Debian bookworm, arm64) into a roompost outlet appliance:
# Node.js >= 20, pcscd, the kiosk browser stack, the roompost user, the code at /opt/roompost and
# the systemd units. Idempotent: running it again changes nothing that is already right.
#
#   sudo ./install-pi.sh [--source <path to a roompost checkout>]
#
# Then enroll the device (docs/provisioning.md) and: systemctl enable --now roompost-edge roompost-kiosk
set -euo pipefail

SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
PREFIX=/opt/roompost
NODE_MAJOR=22

while [ $# -gt 0 ]; do
  case "$1" in
    --source) SOURCE="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "run as root (sudo $0)" >&2
  exit 1
fi
if [ ! -f "$SOURCE/package.json" ] || [ ! -d "$SOURCE/edge" ]; then
  echo "$SOURCE is not a roompost checkout (no package.json and edge/)" >&2
  exit 1
fi

log() { printf '==> %s\n' "$*"; }
export DEBIAN_FRONTEND=noninteractive

# Always refresh the package lists: a Pi image's lists are as old as the image, and Node.js being
# there already says nothing about them.
log "updating package lists"
apt-get update -qq

# The installed Node.js major version, 0 when there is none.
node_major() {
  local v
  v="$(node --version 2>/dev/null || true)"
  v="${v#v}"
  v="${v%%.*}"
  case "$v" in '' | *[!0-9]*) echo 0 ;; *) echo "$v" ;; esac
}
if [ "$(node_major)" -lt 20 ]; then
  log "installing Node.js ${NODE_MAJOR} from NodeSource"
  apt-get install -y -qq ca-certificates curl gnupg
  install -d -m 0755 /etc/apt/keyrings
  curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor --yes -o /etc/apt/keyrings/nodesource.gpg
  echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_${NODE_MAJOR}.x nodistro main" \
    > /etc/apt/sources.list.d/nodesource.list
  apt-get update -qq
  apt-get install -y -qq nodejs
else
  log "Node.js $(node --version) already installed"
fi

# Card reader (pcscd), GPIO (gpiod tools, python3-libgpiod holds the output lines), native module
# builds (python3, make, g++), the kiosk (chromium under cage) and its fonts: Devanagari for the
# Hindi screens (fonts-lohit-deva, as the tests use) and colour emoji (fonts-noto-color-emoji),
# which Chromium otherwise draws as empty boxes.
log "installing system packages"
apt-get install -y -qq --no-install-recommends \
  pcscd libpcsclite-dev gpiod python3 python3-libgpiod make g++ chromium cage \
  fonts-lohit-deva fonts-noto-color-emoji fontconfig

for user in roompost kiosk; do
  if ! id "$user" >/dev/null 2>&1; then
    log "creating user $user"
    useradd --system --create-home --shell /usr/sbin/nologin "$user"
  fi
done
for group in dialout gpio lp plugdev; do
  if getent group "$group" >/dev/null; then usermod -aG "$group" roompost; fi
done
usermod -aG video,render,input kiosk 2>/dev/null || true

log "installing roompost into $PREFIX"
install -d -m 0755 "$PREFIX"
if [ "$SOURCE" != "$PREFIX" ]; then
  tar -C "$SOURCE" --exclude=./node_modules --exclude=./var --exclude=./.git -cf - . | tar -C "$PREFIX" -xf -
fi
# npm run build: the compiled services the units run (edge/dist, central/dist) and the kiosk UI.
# Native modules (better-sqlite3) build against the installed Node.js's own headers when its
# package ships them (NodeSource's does, in /usr/include/node), so no download from nodejs.org.
if [ -f /usr/include/node/node_version.h ]; then export npm_config_nodedir=/usr; fi
(cd "$PREFIX" && npm ci --no-audit --no-fund && npm run build)

# The commands IT types on the device (`sudo roompost-edge enroll …`, docs/installation.md): on PATH,
# sudo's secure_path included. npm ci linked them in node_modules/.bin; they run the compiled build
# only while it matches the sources (scripts/service-entry.mjs).
log "putting roompost-edge and roompost-provision on PATH (/usr/local/bin)"
install -d -m 0755 /usr/local/bin
for cmd in roompost-edge roompost-provision; do
  ln -sfn "$PREFIX/node_modules/.bin/$cmd" "/usr/local/bin/$cmd"
done

install -d -m 0750 -o roompost -g roompost /etc/roompost
install -d -m 0700 -o roompost -g roompost /var/lib/roompost

log "installing systemd units"
install -d -m 0755 /etc/systemd/system
for unit in roompost-edge.service roompost-kiosk.service; do
  install -m 0644 "$PREFIX/systemd/$unit" "/etc/systemd/system/$unit"
done
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
else
  log "systemd is not running here (a chroot or an image build): units installed, reload skipped"
fi

log "done. Next: enroll the device (see $PREFIX/docs/provisioning.md), then"
log "  systemctl enable --now roompost-edge roompost-kiosk"
