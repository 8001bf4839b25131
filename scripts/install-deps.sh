#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds and tests with.
# Idempotent and quiet: prints nothing and touches nothing when all is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libpugixml-dev libboost-graph-dev libsqlite3-dev libre2-dev
  qt6-base-dev qt6-svg-dev libgl-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libhowardhinnant-date-dev
  libxml2-utils fonts-dejavu-core xvfb xauth tzdata jq
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# Node.js and npm run bpmn-moddle over the modeler's saved files
# (tests/modeler/moddle). Checked as commands: a Node.js from elsewhere
# (one that bundles npm) is fine and must not be replaced.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
