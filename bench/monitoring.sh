#!/usr/bin/env bash
# Monitoring benchmark (issue 6): N simulated IPMI BMCs polled by `lifeline serve` for sensors and events every
# INTERVAL; over a window of MINUTES it measures the service's CPU (cores) and RSS, the simulator's CPU beside it,
# the monitoring database's growth (DATA/monitoring.db + -wal, extrapolated to a day), sensor polls written per
# second, poll errors, poll coverage, and the alert latency from a SEL event on a simulated BMC to the webhook's
# arrival at a local receiver.
#
#   bench/monitoring.sh [--nodes 10000] [--minutes 5] [--interval 60] [--events 6] [--setup SECONDS]
#
# SEL events: `lifeline sim --scenario dimm-degrade:NODE:rate=0,growth=0,uncorrectable-after=H` logs exactly one
# uncorrectable ECC record on that node H hours after the scenario is applied (just before the simulator prints
# `ready`; the script timestamps that line to ~20 ms). The simulator has no runtime control interface and does not
# implement Add SEL Entry, so the events are scheduled up front: spread over the window, each on another node (so each
# lands at another phase of that node's poll). The default rule critical-event alerts on them. The window opens
# SETUP (default 30 s + 10 ms per node: service start and import) + one INTERVAL (the first full round) after the
# simulator is ready; the script says so when the set-up took longer.
#
# Scrapes of /metrics (10,000 nodes × ~30 sensors) cost the service CPU: their cost is measured and taken out of the
# service's CPU figure. Runs as root (per-node loopback addresses, UDP 623); secrets travel in environment variables.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=10000 MINUTES=5 INTERVAL=60 EVENTS=6 SETUP=""
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) NODES=$2; shift 2 ;;
    --minutes) MINUTES=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    --events) EVENTS=$2; shift 2 ;;
    --setup) SETUP=$2; shift 2 ;;
    *) echo "unknown option $1 (use --nodes N --minutes M --interval SECONDS --events K --setup SECONDS)" >&2; exit 2 ;;
  esac
done
SETUP=${SETUP:-$((30 + NODES / 100))}
WINDOW=$((MINUTES * 60))
SPAN=$((WINDOW - INTERVAL - 5))   # the last event must have a full interval left to be polled and delivered
[ "$SPAN" -gt 0 ] || { echo "--minutes must be more than one --interval (+5 s): events need a poll inside the window" >&2; exit 2; }
[ "$EVENTS" -ge 1 ] && [ "$EVENTS" -le "$NODES" ] || { echo "--events must be from 1 to --nodes" >&2; exit 2; }

WORK=$(mktemp -d)
if [ -n "${LIFELINE_BENCH_BIN:-}" ]; then   # an already published lifeline (e.g. for several runs in a row)
  LIFELINE=$LIFELINE_BENCH_BIN
else
  dotnet publish src/Lifeline.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" --verbosity quiet -nologo >/dev/null
  LIFELINE=$WORK/bin/lifeline
fi
SIMPID="" SRVPID="" HOOKPID=""
cleanup() { for p in $SRVPID $SIMPID $HOOKPID; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

PW=bench-$RANDOM$RANDOM
ADMINPW=admin-$RANDOM$RANDOM$RANDOM
export LIFELINE_SIM_PASSWORD=$PW XDG_CONFIG_HOME=$WORK/config
export LIFELINE_BENCH_HOOK_KEY=hook-$RANDOM$RANDOM$RANDOM
PORT=$((18600 + $$ % 500))
HOOKPORT=$((PORT + 500))
URL=http://127.0.0.1:$PORT
TICK=$(getconf CLK_TCK)
now() { date +%s.%N; }
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
dbsize() { cat "$WORK/data/monitoring.db" "$WORK/data/monitoring.db-wal" 2>/dev/null | wc -c; }
dbused() { python3 bench/monitoring/dbused.py "$WORK/data/monitoring.db"; }   # pages in use, as a reader sees them
fact() { echo "$1=$2" >> "$WORK/facts"; }
wait_for() { # file, pattern, pid: returns when the pattern is in the file, polling every 20 ms
  for _ in $(seq 30000); do grep -q "$2" "$1" 2>/dev/null && return 0; kill -0 "$3" 2>/dev/null || { cat "$1"; exit 1; }; sleep 0.02; done
  echo "timed out waiting for '$2' in $1:"; cat "$1"; exit 1
}

# one uncorrectable ECC record on each of EVENTS nodes spread over the fleet, at times spread over the window
SCENARIOS=()
for i in $(seq 0 $((EVENTS - 1))); do
  node=$(( (2 * i + 1) * NODES / (2 * EVENTS) + 1 ))
  offset=$(echo "$SETUP + $INTERVAL + ($i + 0.5) * $SPAN / $EVENTS" | bc -l)
  SCENARIOS+=(--scenario "dimm-degrade:node$node:rate=0,growth=0,uncorrectable-after=$(echo "$offset / 3600" | bc -l | cut -c1-14)")
  echo "$node $offset" >> "$WORK/injections"
done

"$LIFELINE" sim --nodes "$NODES" --inventory "$WORK/inventory" --fleet-inventory "$WORK/fleet.yaml" "${SCENARIOS[@]}" > "$WORK/sim.log" 2>&1 &
SIMPID=$!
wait_for "$WORK/sim.log" '^ready' $SIMPID
T0=$(now)
fact t0 "$T0"

python3 bench/monitoring/webhook_receiver.py --port "$HOOKPORT" --out "$WORK/hooks.jsonl" --key-env LIFELINE_BENCH_HOOK_KEY > "$WORK/hook.log" 2>&1 &
HOOKPID=$!
wait_for "$WORK/hook.log" '^listening' $HOOKPID

cat > "$WORK/serve.json" <<JSON
{
  "Lifeline": {
    "Monitoring": {
      "SensorInterval": "$(printf '%02d:%02d:%02d' $((INTERVAL / 3600)) $((INTERVAL % 3600 / 60)) $((INTERVAL % 60)))",
      "EventInterval": "$(printf '%02d:%02d:%02d' $((INTERVAL / 3600)) $((INTERVAL % 3600 / 60)) $((INTERVAL % 60)))",
      "Channels": {
        "bench": { "Kind": "webhook", "Url": "http://127.0.0.1:$HOOKPORT/hook", "SecretEnvironmentVariable": "LIFELINE_BENCH_HOOK_KEY" }
      }
    }
  }
}
JSON
LIFELINE_ADMIN_PASSWORD=$ADMINPW Lifeline__Fleet__RefreshInterval=00:00:00 \
  "$LIFELINE" serve --listen "$URL" --data-dir "$WORK/data" --config "$WORK/serve.json" > "$WORK/serve.log" 2>&1 &
SRVPID=$!
wait_for "$WORK/serve.log" 'listening on' $SRVPID
sleep 2
fact rss_empty_kb "$(rss_kb $SRVPID)"

LIFELINE_PASSWORD=$ADMINPW "$LIFELINE" login "$URL" > /dev/null
LIFELINE_BMC_PASSWORD=$PW "$LIFELINE" credentials set sim-bmc --user admin > /dev/null
t0=$(now); "$LIFELINE" nodes import "$WORK/fleet.yaml" > /dev/null; t1=$(now)
fact import_s "$(echo "$t1 - $t0" | bc)"
fact setup_used_s "$(echo "$t1 - $T0" | bc)"
TOKEN=$(python3 -c 'import json,os;print(json.load(open(os.environ["XDG_CONFIG_HOME"]+"/lifeline/config.json"))["token"])')

scrape() { # name: scrapes /metrics, records its wall time and the service's CPU for it
  local c0 c1 s0 s1
  c0=$(cpu $SRVPID); s0=$(now)
  curl -sf -H "authorization: Bearer $TOKEN" "$URL/metrics" > "$WORK/metrics.$1"
  s1=$(now); c1=$(cpu $SRVPID)
  python3 bench/monitoring/scrape.py "$WORK/metrics.$1" > "$WORK/scrape.$1.json"
  rm -f "$WORK/metrics.$1"
  fact "scrape_${1}_s" "$(echo "$s1 - $s0" | bc)"
  fact "scrape_${1}_cpu_ticks" "$((c1 - c0))"
}
sleep_until() { local d; d=$(echo "$1 - $(now)" | bc); if [ "$(echo "$d > 0" | bc)" = 1 ]; then sleep "$d"; fi; }
# sleeps until the given time, sampling the service's RSS every 5 s
watch_until() { while [ "$(echo "$(now) < $1" | bc)" = 1 ]; do rss_kb $SRVPID >> "$WORK/rss"; sleep_until "$(echo "if ($(now) + 5 < $1) $(now) + 5 else $1" | bc)"; done; }

START=$(echo "$T0 + $SETUP + $INTERVAL" | bc)
fact late_s "$(echo "$(now) - ($T0 + $SETUP)" | bc)"   # > 0: the set-up overran SETUP, the first round is shorter
watch_until "$START"
scrape start
W0=$(now); S0=$(cpu $SRVPID); M0=$(cpu $SIMPID); D0=$(dbsize); U0=$(dbused)
# coverage: a poll is due one interval ± 10 % (Jitter) after the last, so look back 1.1 intervals (+1 s for the poll)
watch_until "$(echo "$W0 + $WINDOW - 1.1 * $INTERVAL - 1" | bc)"
scrape last
watch_until "$(echo "$W0 + $WINDOW" | bc)"
W1=$(now); S1=$(cpu $SRVPID); M1=$(cpu $SIMPID); D1=$(dbsize); U1=$(dbused)
scrape end
fact window_s "$(echo "$W1 - $W0" | bc)"
fact srv_cpu_ticks "$((S1 - S0))"
fact sim_cpu_ticks "$((M1 - M0))"
fact db_start_bytes "$D0"
fact db_end_bytes "$D1"
fact db_used_start_bytes "$U0"
fact db_used_end_bytes "$U1"
fact rss_end_kb "$(rss_kb $SRVPID)"
fact sim_rss_kb "$(rss_kb $SIMPID)"
fact tick "$TICK"

# the last event has a poll interval (+ jitter) and a delivery still to go: wait for it, but not forever
LAST=$(tail -1 "$WORK/injections" | awk '{print $2}')
DEADLINE=$(echo "$T0 + $LAST + 2 * $INTERVAL + 10" | bc)
while [ "$(echo "$(now) < $DEADLINE" | bc)" = 1 ] && [ "$(python3 -c 'import json,sys; print(len({json.loads(l)["node"] for l in open(sys.argv[1]) if json.loads(l)["transition"]=="firing"}))' "$WORK/hooks.jsonl" 2>/dev/null || echo 0)" -lt "$EVENTS" ]; do
  sleep 1
done

echo "# monitoring: $NODES simulated BMCs (IPMI), sensors + events every ${INTERVAL} s, $(nproc) cores, $(date -u +%FT%TZ)"
echo "# bench/monitoring.sh --nodes $NODES --minutes $MINUTES --interval $INTERVAL --events $EVENTS --setup $SETUP"
python3 bench/monitoring/report.py "$WORK" "$NODES" "$INTERVAL"
{ grep -ciE 'fail|error|exception' "$WORK/serve.log" || true; } | sed 's/^/# serve.log lines with fail|error|exception: /'
