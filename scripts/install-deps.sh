#!/usr/bin/env bash
# Install the Debian packages ivp needs to build, run and test (cairo, pango,
# libqpdf and libxlsxwriter for `ivp report`; libcurl for `ivp fetch`: the
# GnuTLS flavour, which conflicts with libcurl4-openssl-dev — pick one per
# machine; ca-certificates so that TLS verification has its roots;
# poppler-utils, qpdf and unzip to check its output; libpwquality with
# cracklib's dictionary for the password rule, openssl for the test
# certificates of the TLS tests; libpq-dev for the
# PostgreSQL engine and the postgresql server for its tests), and the npm packages
# of the web app (web/: NL Design System CSS),
# of the browser tests (tests/browser/: playwright-core, axe-core, vnu-jar —
# the W3C Nu HTML checker, run on Java) and of the HTTP tests (tests/http/:
# @apidevtools/swagger-parser, ajv) with npm ci from their lock files.
# Idempotent and quiet when everything is present. Run as root (or with
# sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

PKGS=(
  build-essential cmake pkg-config clang libclang-rt-14-dev
  libsqlite3-dev sqlite3 libjansson-dev libsodium-dev libssl-dev libgsl-dev
  libcmocka-dev libfyaml-dev libmicrohttpd-dev libproj-dev proj-data curl jq chromium
  default-jre-headless
  clang-format clang-tidy cppcheck
  libcairo2-dev libpango1.0-dev fonts-dejavu-core libqpdf-dev libxlsxwriter-dev poppler-utils qpdf unzip
  libcurl4-gnutls-dev ca-certificates
  libpwquality-dev cracklib-runtime openssl libpq-dev postgresql
)
# node and npm from Debian, unless a node with npm is already there
command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The PostgreSQL tests run a throw-away server (tests/pg/cluster.sh), which
# refuses to run as root: as root, it runs as this unprivileged user. The
# Debian package's own cluster is not used (and not needed running).
if [ "$(id -u)" -eq 0 ] && ! id ivptest >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin ivptest
fi

# npm packages, pinned by package-lock.json; again only when the lock changed
for d in web tests/browser tests/http; do
  if [ ! -f "$d/node_modules/.package-lock.json" ] || [ "$d/package-lock.json" -nt "$d/node_modules/.package-lock.json" ]; then
    echo "npm ci in $d" >&2
    (cd "$d" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
done
