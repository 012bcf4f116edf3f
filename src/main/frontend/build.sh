#!/usr/bin/env bash
# Installs the browser client's npm libraries (package.json, pinned by package-lock.json with integrity hashes) into
# the given folder, from which the WAR takes their browser bundles (pom.xml, npm-libraries). Installs Debian's npm
# first when the machine has none. Safe to run again: npm ci answers from its cache once it has the packages.
#   build.sh <output folder>
set -euo pipefail

out="$1"
here="$(cd "$(dirname "$0")" && pwd)"
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v npm >/dev/null 2>&1; then
    echo "frontend: installing npm"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm
fi

mkdir -p "$out"
cp "$here/package.json" "$here/package-lock.json" "$out/"
cd "$out"
npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error
test -s node_modules/tus-js-client/dist/tus.min.js
