#!/usr/bin/env bash
# Fleet service benchmark (issue 4 §8): N simulated BMCs registered in `lifeline serve`, then through the API:
# `lifeline power <all> status` cold (no warm sessions) and warm, `lifeline nodes list`, and the service's memory per
# node; FreeIPMI's ipmipower over the same BMCs in the same run for comparison.
#
#   bench/fleet.sh [--nodes N] [--runs R]
#
# The simulator (`lifeline sim`, one process) and the service share this machine's cores; the simulator's CPU over each
# measurement is printed beside the wall time. Secrets travel in environment variables and a 0600 file only.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=10000 RUNS=3
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) NODES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v ipmipower >/dev/null || { echo "needs FreeIPMI: apt-get install -y freeipmi-tools" >&2; exit 2; }

WORK=$(mktemp -d)
dotnet publish src/Lifeline.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" --verbosity quiet -nologo >/dev/null
LIFELINE=$WORK/bin/lifeline
SIMPID="" SRVPID=""
cleanup() { for p in $SRVPID $SIMPID; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"; }   # TERM: background jobs of a script ignore SIGINT
trap cleanup EXIT

PW=bench-$RANDOM$RANDOM
ADMINPW=admin-$RANDOM$RANDOM$RANDOM
export LIFELINE_SIM_PASSWORD=$PW XDG_CONFIG_HOME=$WORK/config
PORT=$((18600 + RANDOM % 1000))
URL=http://127.0.0.1:$PORT
printf 'username admin\npassword %s\n' "$PW" > "$WORK/freeipmi.conf"; chmod 600 "$WORK/freeipmi.conf"

wait_for() { # file, pattern, pid
  for _ in $(seq 1200); do grep -q "$2" "$1" 2>/dev/null && return 0; kill -0 "$3" 2>/dev/null || { cat "$1"; exit 1; }; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:"; cat "$1"; exit 1
}
rss_kb() { awk '/^VmRSS/ {print $2}' /proc/$SRVPID/status; }
simcpu() { awk '{print $14+$15}' /proc/$SIMPID/stat; }
srvcpu() { awk '{print $14+$15}' /proc/$SRVPID/stat; }
TICK=$(getconf CLK_TCK)

# each BMC on its own loopback address, UDP 623 (root), as FreeIPMI's host lists need
"$LIFELINE" sim --nodes "$NODES" --inventory "$WORK/inventory" --fleet-inventory "$WORK/fleet.yaml" > "$WORK/sim.log" 2>&1 &
SIMPID=$!
wait_for "$WORK/sim.log" '^ready' $SIMPID

LIFELINE_ADMIN_PASSWORD=$ADMINPW Lifeline__Fleet__RefreshInterval=00:00:00 \
  "$LIFELINE" serve --listen "$URL" --data-dir "$WORK/data" > "$WORK/serve.log" 2>&1 &
SRVPID=$!
wait_for "$WORK/serve.log" 'listening on' $SRVPID
sleep 2
RSS_EMPTY=$(rss_kb)

LIFELINE_PASSWORD=$ADMINPW "$LIFELINE" login "$URL" > /dev/null
LIFELINE_BMC_PASSWORD=$PW "$LIFELINE" credentials set sim-bmc --user admin > /dev/null
t0=$(date +%s.%N); "$LIFELINE" nodes import "$WORK/fleet.yaml" > /dev/null; t1=$(date +%s.%N)
IMPORT=$(echo "$t1 - $t0" | bc)
sleep 2
RSS_REGISTERED=$(rss_kb)

row() { # name, command... → one row: wall, service CPU, simulator CPU, answered
  local name=$1; shift
  local s0 s1 c0 c1 t0 t1
  s0=$(srvcpu); c0=$(simcpu); t0=$(date +%s.%N)
  "$@" > "$WORK/out" 2> "$WORK/err" || true
  t1=$(date +%s.%N); s1=$(srvcpu); c1=$(simcpu)
  local ok
  case $name in
    ipmipower*) ok=$(grep -cE ': (on|off)$' "$WORK/out" || true) ;;
    nodes*) ok=$(grep -c '"name"' "$WORK/out" || true) ;;
    GET*) ok=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/out" 2>/dev/null || echo 0) ;;
    *) ok=$(grep -c '"ok":true' "$WORK/out" || true) ;;
  esac
  printf '%-22s %8.3f %12.2f %10.2f %8d/%d\n' "$name" "$(echo "$t1 - $t0" | bc)" "$(echo "($s1 - $s0) / $TICK" | bc -l)" "$(echo "($c1 - $c0) / $TICK" | bc -l)" "$ok" "$NODES"
}

# FreeIPMI host lists, at most 1000 hosts each (ipmipower's limit per invocation), as in bench/fanout.sh
python3 - "$WORK/inventory" > "$WORK/hostlists" <<'PY'
import sys, re, collections
hosts = [m.groups() for m in (re.match(r"ipmi://[^@]+@(\d+\.\d+\.\d+)\.(\d+)", l.strip()) for l in open(sys.argv[1])) if m]
for chunk in range(0, len(hosts), 1000):
    groups = collections.OrderedDict()
    for net, last in hosts[chunk:chunk + 1000]:
        groups.setdefault(net, []).append(int(last))
    print(",".join(f"{k}.[{min(v)}-{max(v)}]" for k, v in groups.items()))
PY
ipmipower_all() {
  local i=0 pids=()
  while read -r hosts; do
    ipmipower -D LAN_2_0 --config-file "$WORK/freeipmi.conf" --stat -F 1024 -h "$hosts" > "$WORK/fi.$i" 2>&1 &
    pids+=($!); i=$((i + 1))
  done < "$WORK/hostlists"
  wait "${pids[@]}"; cat "$WORK"/fi.*; rm -f "$WORK"/fi.*   # not a bare wait: the simulator and the service are children too
}

echo "# fleet service: $NODES simulated BMCs (IPMI), $(nproc) cores, $(date -u +%FT%TZ)"
echo "# import of $NODES nodes: $IMPORT s"
printf '%-22s %8s %12s %10s %10s\n' measurement wall_s service_cpu_s sim_cpu_s answered
row "power status (cold)" "$LIFELINE" power sim status -o json
for i in $(seq "$RUNS"); do row "power status (warm)" "$LIFELINE" power sim status -o json; done
for i in $(seq "$RUNS"); do row "power --cached" "$LIFELINE" power sim status --cached -o json; done
for i in $(seq "$RUNS"); do row "nodes list" "$LIFELINE" nodes list -o json; done
TOKEN=$(python3 -c 'import json,os;print(json.load(open(os.environ["XDG_CONFIG_HOME"]+"/lifeline/config.json"))["token"])')
for i in $(seq "$RUNS"); do row "GET /api/v1/nodes" curl -s -H "authorization: Bearer $TOKEN" "$URL/api/v1/nodes"; done
for i in $(seq "$RUNS"); do row "ipmipower --stat" ipmipower_all; done
sleep 2
RSS_WARM=$(rss_kb)
echo "# service RSS: empty $((RSS_EMPTY / 1024)) MiB, $NODES registered $((RSS_REGISTERED / 1024)) MiB, after warm sessions $((RSS_WARM / 1024)) MiB"
echo "# memory per node: registered $(( (RSS_REGISTERED - RSS_EMPTY) * 1024 / NODES )) B, with an active grain and a warm IPMI session $(( (RSS_WARM - RSS_EMPTY) * 1024 / NODES )) B"
