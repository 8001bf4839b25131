#!/usr/bin/env bash
# End to end through the command line: `bpmn serve` in the background, a
# `bpmn worker` running a shell command, instances created, a message
# published from the CLI, a timer firing; everything checked through
# `bpmn get instance --output json`. Needs jq.
#
#   tests/cli/e2e_test.sh path/to/bpmn
set -euo pipefail

bpmn=$(realpath "${1:?usage: e2e_test.sh path/to/bpmn}")
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export BPMN_DB="$work/e2e.db"
cd "$work"

cat >greeting.bpmn <<'BPMN'
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="e2e">
  <message id="confirmed" name="confirmed">
    <extensionElements><zeebe:subscription correlationKey="=customer"/></extensionElements>
  </message>
  <process id="greeting" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="compose"/>
    <serviceTask id="compose">
      <extensionElements><zeebe:taskDefinition type="compose"/></extensionElements>
    </serviceTask>
    <sequenceFlow id="f2" sourceRef="compose" targetRef="cooldown"/>
    <intermediateCatchEvent id="cooldown">
      <timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition>
    </intermediateCatchEvent>
    <sequenceFlow id="f3" sourceRef="cooldown" targetRef="confirm"/>
    <receiveTask id="confirm" messageRef="confirmed"/>
    <sequenceFlow id="f4" sourceRef="confirm" targetRef="sent"/>
    <endEvent id="sent"/>
  </process>
</definitions>
BPMN

"$bpmn" deploy greeting.bpmn
"$bpmn" serve >serve.log 2>&1 &
pids+=($!)
# The worker's command reads the job's variables and answers with a greeting.
cat >compose.sh <<'SH'
#!/bin/sh
customer=$(sed -n 's/.*"customer": *"\([^"]*\)".*/\1/p')
printf '{"greeting": "Hello, %s"}\n' "$customer"
SH
chmod +x compose.sh
"$bpmn" worker compose --concurrency 2 -- ./compose.sh >worker.log 2>&1 &
pids+=($!)

keys=()
for customer in ann bob cid; do
  keys+=("$("$bpmn" create instance greeting --variables "{\"customer\": \"$customer\"}" --output json | jq -r .key)")
done

state() { "$bpmn" get instance "$1" --output json | jq -r "$2"; }
wait_for() {  # KEY JQ-FILTER EXPECTED
  for _ in $(seq 1 100); do
    [ "$(state "$1" "$2")" = "$3" ] && return 0
    sleep 0.1
  done
  echo "instance $1: $2 is $(state "$1" "$2"), not $3" >&2
  "$bpmn" get instance "$1" --history >&2
  cat serve.log worker.log >&2
  exit 1
}

# The worker composes, the timer fires (serve), then each waits for its message.
for key in "${keys[@]}"; do wait_for "$key" '.active | join(",")' confirm; done
i=0
for customer in ann bob cid; do
  "$bpmn" publish message confirmed --correlation-key "$customer" --variables '{"channel": "email"}'
  wait_for "${keys[$i]}" .state completed
  i=$((i + 1))
done
for key in "${keys[@]}"; do
  got=$("$bpmn" get instance "$key" --variables --output json)
  jq -e '.completed == ["start", "compose", "cooldown", "confirm", "sent"]' <<<"$got" >/dev/null
  jq -e '.variables.greeting | startswith("Hello, ")' <<<"$got" >/dev/null
  jq -e '.variables.channel == "email"' <<<"$got" >/dev/null
done
grep -c '^completed job' worker.log | grep -qx 3
grep -q 'element completed <intermediateCatchEvent id="cooldown">' serve.log

# Both stop cleanly on SIGTERM.
for pid in "${pids[@]}"; do kill -TERM "$pid"; done
for pid in "${pids[@]}"; do wait "$pid"; done
pids=()
echo "e2e: 3 instances through worker, timer and message: completed"
