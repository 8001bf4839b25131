#!/usr/bin/env bash
# Runs bpmn_engine_bench.mjs under bpmn-engine 25 from npm, installed into a
# temporary folder (nothing of it lands in the project).
# Usage: bench/peers/run-bpmn-engine.sh [min-seconds-per-round]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --silent bpmn-engine@25 >/dev/null
cp "$here/bpmn_engine_bench.mjs" .
node bpmn_engine_bench.mjs "${1:-1}"
