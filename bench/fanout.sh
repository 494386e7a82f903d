#!/usr/bin/env bash
# Fan-out benchmark: `lifeline power status` against ipmipower (FreeIPMI) over the same simulated fleet, in one run.
#
#   bench/fanout.sh [--nodes N] [--runs R] [--hang K] [--verb power|sensors]
#
# Starts `lifeline sim --nodes N` (each BMC on its own loopback address, UDP 623 — run as root), then times each
# client R times: wall time, client CPU, and the simulator's own CPU over the same interval (both share this machine's
# cores, so the simulator's share is reported to keep the comparison honest). With --hang K the last K BMCs never
# answer (dead-BMC test). With --verb sensors it compares `lifeline sensors` with `ipmi-sensors` (SDR caches warm).
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=1000 RUNS=3 HANG=0 VERB=power TIMEOUT=1 RETRIES=1
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) NODES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --hang) HANG=$2; shift 2 ;;
    --verb) VERB=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v ipmipower >/dev/null || { echo "needs FreeIPMI: apt-get install -y freeipmi-tools" >&2; exit 2; }

dotnet build src/Lifeline.Cli -c Release --verbosity quiet -nologo >/dev/null
LIFELINE=$PWD/src/Lifeline.Cli/bin/Release/net10.0/lifeline
WORK=$(mktemp -d)
SIMPID=""
cleanup() { [ -n "$SIMPID" ] && kill "$SIMPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

PW=bench-$RANDOM$RANDOM
export LIFELINE_SIM_PASSWORD=$PW LIFELINE_BMC_PASSWORD=$PW
printf 'username admin\npassword %s\n' "$PW" > "$WORK/freeipmi.conf"   # keeps the password off ipmipower's command line
chmod 600 "$WORK/freeipmi.conf"

"$LIFELINE" sim --nodes "$NODES" --inventory "$WORK/inventory" --hang "$HANG" > "$WORK/sim.log" 2>&1 &
SIMPID=$!
for _ in $(seq 600); do grep -q '^ready' "$WORK/sim.log" 2>/dev/null && break; kill -0 $SIMPID 2>/dev/null || { cat "$WORK/sim.log"; exit 1; }; sleep 0.1; done
grep -q '^ready' "$WORK/sim.log" || { echo "simulator not ready:"; cat "$WORK/sim.log"; exit 1; }

# FreeIPMI host list: one comma-separated range per third octet (127.0.1.[1-254],127.0.2.[1-254],…)
HOSTS=$(python3 - "$WORK/inventory" <<'PY'
import sys, re, collections
groups = collections.OrderedDict()
for line in open(sys.argv[1]):
    m = re.match(r"ipmi://[^@]+@(\d+\.\d+\.\d+)\.(\d+)", line.strip())
    if m: groups.setdefault(m.group(1), []).append(int(m.group(2)))
print(",".join(f"{k}.[{min(v)}-{max(v)}]" for k, v in groups.items()))
PY
)

simcpu() { awk '{print $14+$15}' /proc/$SIMPID/stat; }
TICK=$(getconf CLK_TCK)

run() { # name, command...  → prints one row
  local name=$1; shift
  local c0 c1 t
  c0=$(simcpu)
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" > "$WORK/out" 2>"$WORK/err" || true
  c1=$(simcpu)
  read -r wall user sys < "$WORK/time"
  local ok
  case $name in
    lifeline*) ok=$(grep -c '"ok":true' "$WORK/out" || true) ;;
    ipmipower*) ok=$(grep -cE ': (on|off)$' "$WORK/out" || true) ;;
    ipmi-sensors*) ok=$(cut -d: -f1 "$WORK/out" | sort -u | grep -c . || true) ;;
  esac
  printf '%-14s %8.2f %9.2f %9.2f %6d/%d\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "($c1 - $c0) / $TICK" | bc -l)" "$ok" "$NODES"
  echo "$name $wall" >> "$WORK/walls"
}

echo "# $VERB over $NODES simulated BMCs ($HANG hung), $(nproc) cores, $(date -u +%FT%TZ)"
printf '%-14s %8s %9s %9s %10s\n' client wall_s client_cpu_s sim_cpu_s answered
for i in $(seq "$RUNS"); do
  if [ "$VERB" = power ]; then
    run lifeline "$LIFELINE" power status --bmc-file "$WORK/inventory" -o json --fanout 4096 --timeout "$TIMEOUT" --retries "$RETRIES"
    run ipmipower "$(command -v ipmipower)" -D LAN_2_0 --config-file "$WORK/freeipmi.conf" -h "$HOSTS" --stat -F 1024 \
      --session-timeout $((TIMEOUT * (RETRIES + 1) * 1000)) --retransmission-timeout $((TIMEOUT * 1000 / 2))
  else
    run lifeline "$LIFELINE" sensors --bmc-file "$WORK/inventory" -o json --fanout 4096 --timeout "$TIMEOUT" --retries "$RETRIES"
    run ipmi-sensors "$(command -v ipmi-sensors)" -D LAN_2_0 --config-file "$WORK/freeipmi.conf" -h "$HOSTS" -F 1024 --quiet-cache \
      --sdr-cache-directory "$WORK/sdr-cache" --session-timeout $((TIMEOUT * (RETRIES + 1) * 1000))
  fi
done
python3 - "$WORK/walls" <<'PY'
import sys, statistics, collections
w = collections.defaultdict(list)
for line in open(sys.argv[1]):
    n, t = line.split(); w[n].append(float(t))
names = list(w)
med = {n: statistics.median(v) for n, v in w.items()}
print("median wall: " + ", ".join(f"{n} {med[n]:.2f} s" for n in names) +
      (f"; ratio {names[1]}/{names[0]} = {med[names[1]] / med[names[0]]:.1f}x" if len(names) == 2 else ""))
PY
