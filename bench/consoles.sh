#!/usr/bin/env bash
# Console benchmark (issue 5 §6): N simulated consoles on the simulator's TCP console ports, each flooding B bytes/s,
# registered in `lifeline serve` with logging `full` (the default), for D seconds. Reports service and simulator CPU,
# bytes the console ports sent vs bytes in the console log records (loss), log write throughput, service RSS, and
# keystroke-to-echo latency through the WebSocket (bench/console_latency.py) idle and under the flood. Then conserver
# (Debian's conserver-server, if installed) logs the same ports for the same time and its CPU is printed beside ours.
#
#   bench/consoles.sh [--consoles N] [--seconds D] [--rate BYTES_PER_SECOND] [--keys K]
#
# Secrets travel in environment variables only.
set -euo pipefail
cd "$(dirname "$0")/.."
N=1000 D=60 RATE=10240 KEYS=500
while [ $# -gt 0 ]; do
  case $1 in
    --consoles) N=$2; shift 2 ;;
    --seconds) D=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --keys) KEYS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

WORK=$(mktemp -d)
if [ -n "${LIFELINE_BIN:-}" ]; then LIFELINE=$LIFELINE_BIN; else
  dotnet publish src/Lifeline.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" --verbosity quiet -nologo >/dev/null
  LIFELINE=$WORK/bin/lifeline
fi
SIMPID="" SRVPID="" CSPID=""
cleanup() { for p in $CSPID $SRVPID $SIMPID; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

PW=bench-$RANDOM$RANDOM
ADMINPW=admin-$RANDOM$RANDOM$RANDOM
export LIFELINE_SIM_PASSWORD=$PW XDG_CONFIG_HOME=$WORK/config
PORT=$((18600 + RANDOM % 1000))
URL=http://127.0.0.1:$PORT
CBASE=$((41000 + RANDOM % 8000))
TICK=$(getconf CLK_TCK)
wait_for() { # file, pattern, pid
  for _ in $(seq 1200); do grep -q "$2" "$1" 2>/dev/null && return 0; kill -0 "$3" 2>/dev/null || { cat "$1"; exit 1; }; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:"; cat "$1"; exit 1
}
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
logged() { python3 - "$1" <<'PY'
import os, struct, sys
total = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if not f.endswith(".clog"): continue
        with open(os.path.join(root, f), "rb") as h:
            data = h.read()
        i = 0
        while i + 12 <= len(data):
            n = struct.unpack_from("<i", data, i + 8)[0]
            if n < 0 or i + 12 + n > len(data): break
            total += n; i += 12 + n
print(total)
PY
}

"$LIFELINE" sim --nodes "$N" --address 127.0.0.1 --port-base 40000 --console-port-base "$CBASE" --console-flood "$RATE" \
  --fleet-inventory "$WORK/fleet.yaml" > "$WORK/sim.log" 2>&1 &
SIMPID=$!
wait_for "$WORK/sim.log" '^ready' $SIMPID

LIFELINE_ADMIN_PASSWORD=$ADMINPW Lifeline__Fleet__RefreshInterval=00:00:00 \
  "$LIFELINE" serve --listen "$URL" --data-dir "$WORK/data" > "$WORK/serve.log" 2>&1 &
SRVPID=$!
wait_for "$WORK/serve.log" 'listening on' $SRVPID
LIFELINE_PASSWORD=$ADMINPW "$LIFELINE" login "$URL" > /dev/null
LIFELINE_BMC_PASSWORD=$PW "$LIFELINE" credentials set sim-bmc --user admin > /dev/null
"$LIFELINE" nodes import "$WORK/fleet.yaml" > /dev/null
export LIFELINE_TOKEN
LIFELINE_TOKEN=$(python3 -c 'import json,os;print(json.load(open(os.environ["XDG_CONFIG_HOME"]+"/lifeline/config.json"))["token"])')
for _ in $(seq 300); do # every console connected
  up=$(curl -s -H "authorization: Bearer $LIFELINE_TOKEN" "$URL/api/v1/consoles" | grep -o '"connection":"connected"' | wc -l)
  [ "$up" -ge "$N" ] && break; sleep 0.2
done

echo "# consoles: $N simulated consoles (TCP console ports) × $RATE B/s for $D s, logging full, $(nproc) cores, $(date -u +%FT%TZ)"
echo "# connected: $up/$N"
sleep 3
s0=$(cpu $SRVPID); c0=$(cpu $SIMPID); l0=$(logged "$WORK/data/consoles"); t0=$(date +%s.%N)
sleep "$D"
s1=$(cpu $SRVPID); c1=$(cpu $SIMPID); l1=$(logged "$WORK/data/consoles"); t1=$(date +%s.%N)
RSS=$(awk '/^VmRSS/ {print $2}' /proc/$SRVPID/status)
wall=$(echo "$t1 - $t0" | bc -l)
printf 'service CPU: %.1f s over %.1f s = %.3f cores\n' "$(echo "($s1 - $s0) / $TICK" | bc -l)" "$wall" "$(echo "($s1 - $s0) / $TICK / $wall" | bc -l)"
printf 'simulator CPU: %.1f s = %.3f cores\n' "$(echo "($c1 - $c0) / $TICK" | bc -l)" "$(echo "($c1 - $c0) / $TICK / $wall" | bc -l)"
printf 'log write throughput: %.2f MB/s (%d console bytes in log records)\n' "$(echo "($l1 - $l0) / $wall / 1000000" | bc -l)" "$((l1 - l0))"
echo "service RSS: $((RSS / 1024)) MiB"
echo "latency under flood: $(python3 bench/console_latency.py "$URL" sim0001 "$KEYS")"

# stop the flood's source and count: what the ports sent vs what the logs hold (a second for the tail to land)
kill -TERM $SIMPID; wait $SIMPID 2>/dev/null || true; SIMPID=""
sleep 3
grep '^console totals' "$WORK/sim.log"
sent=$(sed -n 's/^console totals: produced \([0-9]*\) bytes, sent \([0-9]*\) bytes.*/\2/p' "$WORK/sim.log")
final=$(logged "$WORK/data/consoles")
echo "loss: ports sent $sent bytes, logs hold $final bytes: $((sent - final)) bytes missing"

# idle latency: a fresh simulator without flood, one console
"$LIFELINE" sim --nodes 1 --address 127.0.0.1 --port-base 39000 --console-port-base $((CBASE - 10)) --fleet-inventory "$WORK/idle.yaml" --inventory "$WORK/idle.inv" > "$WORK/sim2.log" 2>&1 &
SIMPID=$!
wait_for "$WORK/sim2.log" '^ready' $SIMPID
sed -e 's/sim0001/idle0001/' "$WORK/idle.yaml" > "$WORK/idle2.yaml"
"$LIFELINE" nodes import "$WORK/idle2.yaml" > /dev/null 2>&1 || "$LIFELINE" nodes import "$WORK/idle2.yaml"
for _ in $(seq 100); do curl -s -H "authorization: Bearer $LIFELINE_TOKEN" "$URL/api/v1/consoles" | grep -q '"idle0001"[^}]*"connection":"connected"' && break; sleep 0.2; done
echo "latency idle: $(python3 bench/console_latency.py "$URL" idle0001 "$KEYS")"
kill -TERM $SIMPID; wait $SIMPID 2>/dev/null || true; SIMPID=""
kill -TERM $SRVPID; wait $SRVPID 2>/dev/null || true; SRVPID=""

# conserver on the same ports (its own simulator run), logging every console
if command -v conserver >/dev/null; then
  "$LIFELINE" sim --nodes "$N" --address 127.0.0.1 --port-base 40000 --console-port-base "$CBASE" --console-flood "$RATE" > "$WORK/sim3.log" 2>&1 &
  SIMPID=$!
  wait_for "$WORK/sim3.log" '^ready' $SIMPID
  mkdir -p "$WORK/cs"
  { echo "config * { }"; echo "default full { rw *; logfile $WORK/cs/&; timestamp \"\"; }"
    echo "access * { trusted 127.0.0.1; }"
    for i in $(seq 0 $((N - 1))); do echo "console c$i { master localhost; type host; host 127.0.0.1; port $((CBASE + i)); include full; }"; done
  } > "$WORK/conserver.cf"
  echo "bench:x:" > "$WORK/conserver.passwd"
  conserver -C "$WORK/conserver.cf" -P "$WORK/conserver.passwd" -p $((PORT + 1)) -m 64 -L "$WORK/cs/conserver.log" > "$WORK/cs.out" 2>&1 &
  CSPID=$!
  sleep 8
  s0=0; for p in $(pgrep -g "$(ps -o pgid= $CSPID | tr -d ' ')" conserver || echo $CSPID); do s0=$((s0 + $(cpu $p))); done
  b0=$(du -sb "$WORK/cs" | cut -f1); t0=$(date +%s.%N)
  sleep "$D"
  s1=0; for p in $(pgrep -g "$(ps -o pgid= $CSPID | tr -d ' ')" conserver || echo $CSPID); do s1=$((s1 + $(cpu $p))); done
  b1=$(du -sb "$WORK/cs" | cut -f1); t1=$(date +%s.%N)
  wall=$(echo "$t1 - $t0" | bc -l)
  printf 'conserver CPU (all its processes): %.1f s = %.3f cores; log growth %.2f MB/s\n' "$(echo "($s1 - $s0) / $TICK" | bc -l)" "$(echo "($s1 - $s0) / $TICK / $wall" | bc -l)" "$(echo "($b1 - $b0) / $wall / 1000000" | bc -l)"
else
  echo "conserver: not installed (apt-get install conserver-server) — comparison skipped"
fi
