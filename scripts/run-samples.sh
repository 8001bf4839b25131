#!/usr/bin/env bash
# The main job until the interpreter can run processes: validate every model
# in bpmn-samples/ headless, normalize it, and check that the normalized model
# validates the same. Exits non-zero on the first model that does not.
# Usage: scripts/run-samples.sh [path/to/bpmn]   (default: the release build)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bpmn="${1:-$root/build/release/cli/bpmn}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for model in "$root"/bpmn-samples/*.bpmn; do
  name="$(basename "$model")"
  echo "== $name"
  "$bpmn" validate "$model"
  "$bpmn" normalize "$model" -o "$out/$name"
  "$bpmn" validate "$out/$name" >/dev/null 2>&1 || {
    echo "normalized $name no longer validates:" >&2
    "$bpmn" validate "$out/$name" >&2
    exit 1
  }
  echo "   normalized: $(wc -c <"$out/$name") bytes, validates"
done
