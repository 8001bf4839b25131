#!/usr/bin/env bash
# The crash test: crash_loader drives instances through jobs while this
# script kills it with SIGKILL at random moments, KILLS times; then one
# run finishes the work and `crash_loader check` prints what the file holds
# against what was acknowledged. Fails when an acknowledged command is
# missing, a job completion was applied twice, or an instance did not
# complete.
#
#   tests/storage/crash_test.sh LOADER [KILLS] [INSTANCES] [GROUP] [WRITERS]
#
# WRITERS 2 runs a second loader on the same file each round, working jobs
# only: two processes writing one file, killed together.
#
# CI runs a short form (ctest: crash_test); docs/benchmarks.md records a
# long one.
set -euo pipefail

loader=${1:?usage: crash_test.sh LOADER [KILLS] [INSTANCES] [GROUP]}
kills=${2:-50}
instances=${3:-2000}
group=${4:-1}
writers=${5:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One round: kill the load until it is killed KILLS times in all or it
# finishes first (a fast machine), then finish the work and check the file.
# A load that finishes early only ends its round: the next round starts on
# a fresh file, so the test counts kills, not the machine's speed.
killed=0
round=0
while ((killed < kills)); do
  round=$((round + 1))
  db="$work/crash-$round.db"
  acks="$work/acks-$round"
  while ((killed < kills)); do
    "$loader" run "$db" "$acks" --instances "$instances" --group "$group" &
    pid=$!
    helper=""
    if ((writers > 1)); then
      "$loader" run "$db" "$acks" --instances "$instances" --group "$group" --create no &
      helper=$!
    fi
    # 20 to 300 ms: early rounds die while creating, later ones while working.
    sleep "0.$(printf '%03d' $((RANDOM % 281 + 20)))"
    if [ -n "$helper" ]; then
      kill -KILL "$helper" 2>/dev/null || true
      wait "$helper" 2>/dev/null || true
    fi
    if kill -KILL "$pid" 2>/dev/null; then
      killed=$((killed + 1))
      wait "$pid" 2>/dev/null || true
    else
      wait "$pid" || { echo "crash_loader failed on its own" >&2; exit 1; }
      break
    fi
  done
  "$loader" run "$db" "$acks" --instances "$instances" --group "$group"
  "$loader" check "$db" "$acks" --instances "$instances"
done
echo "killed $killed times with SIGKILL over $round rounds"
