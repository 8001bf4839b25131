#!/usr/bin/env bash
# The main job: for every model in bpmn-samples/, validate it, normalize it
# (and check that the normalized model validates the same), then run it
# headless, every step committed to a SQLite workspace file
# (build/samples.db, made afresh): as its .expected.json says (checking the
# outcome it gives), or else with every job and user task completed at once. A model that uses elements the engine does not run yet is reported
# as such, not failed. Exits non-zero on the first model that goes wrong.
# Usage: scripts/run-samples.sh [path/to/bpmn]   (default: the release build)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bpmn="${1:-$root/build/release/cli/bpmn}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
db="$root/build/samples.db"
mkdir -p "$root/build"
rm -f "$db" "$db-wal" "$db-shm"

for model in "$root"/bpmn-samples/*.bpmn; do
  name="$(basename "$model")"
  echo "== $name"
  "$bpmn" validate "$model"
  "$bpmn" normalize "$model" -o "$out/$name"
  if ! "$bpmn" validate "$out/$name" >/dev/null 2>&1; then
    echo "normalized $name no longer validates:" >&2
    "$bpmn" validate "$out/$name" >&2
    exit 1
  fi
  echo "   normalized: $(wc -c <"$out/$name") bytes, validates"
  # A sample with an expected outcome runs as it says (and must end as it
  # says); the others with every job and user task completed at once.
  expected="${model%.bpmn}.expected.json"
  args=(--auto)
  [ -f "$expected" ] && mapfile -t args < <(jq -r '.args[]' "$expected")
  status=0
  "$bpmn" run "$model" "${args[@]}" --db "$db" >"$out/run.txt" 2>"$out/run.err" || status=$?
  if [ -f "$expected" ]; then
    "$bpmn" run "$model" "${args[@]}" --output json >"$out/run.json" 2>/dev/null || true
    if ! jq -e --slurpfile want "$expected" \
        '.state == $want[0].state and .completed == $want[0].completed' "$out/run.json" >/dev/null; then
      echo "$name did not end as $(basename "$expected") says:" >&2
      cat "$out/run.json" >&2
      exit 1
    fi
    echo "   as expected: $(jq -r '.state' "$out/run.json"), $(jq -r '.completed | length' "$out/run.json") elements completed"
  fi
  case $status in
    0|3) sed 's/^/   /' "$out/run.txt"; sed 's/^/   /' "$out/run.err" ;;
    1) if grep -q "is not executable yet" "$out/run.err"; then
         echo "   not run: $(grep -o '<[^>]*>: .* is not executable yet ([^)]*)' "$out/run.err" | head -1)"
       else
         cat "$out/run.err" >&2; exit 1
       fi ;;
    *) cat "$out/run.txt" "$out/run.err" >&2; exit 1 ;;
  esac
done

# The order sample again, as a shop would drive it: stock reserved, then the
# payment provider's message for this order arrives; it must ship.
echo "== order-fulfilment.bpmn, paid"
"$bpmn" run "$root/bpmn-samples/order-fulfilment.bpmn" --auto --variables '{"order": {"id": "A-1"}}' \
  --complete 'reserveStock={"reserved": true}' --message 'payment-received:A-1={"amount": 12}' --db "$db" \
  >"$out/run.txt" 2>"$out/run.err" || { cat "$out/run.txt" "$out/run.err" >&2; exit 1; }
grep -q 'endEvent id="orderShipped"' "$out/run.txt" || { echo "the paid order did not ship" >&2; exit 1; }
sed 's/^/   /' "$out/run.txt" "$out/run.err"
echo "== workspace: $db, $(wc -c <"$db") bytes: every deployment, instance and history record of these runs"
