#!/usr/bin/env bash
# Fan-out benchmark: `lifeline power status` against ipmipower (FreeIPMI) over the same simulated fleet, in one run.
#
#   bench/fanout.sh [--nodes N] [--runs R] [--hang K] [--verb power|sensors] [--timeout S] [--retries R] [--deadline S]
#
# Starts `lifeline sim --nodes N` (each BMC on its own loopback address, UDP 623 — run as root), then times each
# client R times: wall time, client CPU, and the simulator's own CPU over the same interval (both share this machine's
# cores, so the simulator's share is reported to keep the comparison honest). With --hang K the last K BMCs never
# answer (dead-BMC test). With --verb sensors it compares `lifeline sensors` with `ipmi-sensors` (SDR caches warm).
# ipmipower opens every host's socket up front and fails above ~1000 hosts ("ipmi_get_random: Bad file descriptor"),
# so larger fleets are given to it as parallel invocations of at most 1000 hosts each (what xargs -P would do).
# lifeline is published ReadyToRun (as a release would ship it), so its start-up is not JIT time.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=1000 RUNS=3 HANG=0 VERB=power TIMEOUT=1 RETRIES=1 DEADLINE=
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) NODES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --hang) HANG=$2; shift 2 ;;
    --verb) VERB=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --retries) RETRIES=$2; shift 2 ;;
    --deadline) DEADLINE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v ipmipower >/dev/null || { echo "needs FreeIPMI: apt-get install -y freeipmi-tools" >&2; exit 2; }

WORK=$(mktemp -d)
dotnet publish src/Lifeline.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" --verbosity quiet -nologo >/dev/null
LIFELINE=$WORK/bin/lifeline
SIMPID=""
cleanup() { [ -n "$SIMPID" ] && kill "$SIMPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

PW=bench-$RANDOM$RANDOM
export LIFELINE_SIM_PASSWORD=$PW LIFELINE_BMC_PASSWORD=$PW
printf 'username admin\npassword %s\n' "$PW" > "$WORK/freeipmi.conf"   # keeps the password off ipmipower's command line
chmod 600 "$WORK/freeipmi.conf"
mkdir -m 700 "$WORK/sdr-cache"

"$LIFELINE" sim --nodes "$NODES" --inventory "$WORK/inventory" --hang "$HANG" > "$WORK/sim.log" 2>&1 &
SIMPID=$!
for _ in $(seq 600); do grep -q '^ready' "$WORK/sim.log" 2>/dev/null && break; kill -0 $SIMPID 2>/dev/null || { cat "$WORK/sim.log"; exit 1; }; sleep 0.1; done
grep -q '^ready' "$WORK/sim.log" || { echo "simulator not ready:"; cat "$WORK/sim.log"; exit 1; }

# FreeIPMI host lists, at most 1000 hosts each: comma-separated ranges per third octet (127.0.1.[1-254],…)
python3 - "$WORK/inventory" > "$WORK/hostlists" <<'PY'
import sys, re, collections
hosts = [m.groups() for m in (re.match(r"ipmi://[^@]+@(\d+\.\d+\.\d+)\.(\d+)", l.strip()) for l in open(sys.argv[1])) if m]
for chunk in range(0, len(hosts), 1000):
    groups = collections.OrderedDict()
    for net, last in hosts[chunk:chunk + 1000]:
        groups.setdefault(net, []).append(int(last))
    print(",".join(f"{k}.[{min(v)}-{max(v)}]" for k, v in groups.items()))
PY
CHUNKS=$(wc -l < "$WORK/hostlists")

simcpu() { awk '{print $14+$15}' /proc/$SIMPID/stat; }
TICK=$(getconf CLK_TCK)

run() { # name, command...  → prints one row
  local name=$1; shift
  local c0 c1 t
  c0=$(simcpu)
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" > "$WORK/out" 2>"$WORK/err" || true
  c1=$(simcpu)
  read -r wall user sys < <(tail -n 1 "$WORK/time")   # GNU time prefixes "Command exited with non-zero status" when a node failed
  local ok
  case $name in
    lifeline*) ok=$(grep -c '"ok":true' "$WORK/out" || true) ;;
    ipmipower*) ok=$(grep -cE ': (on|off)$' "$WORK/out" || true) ;;
    *dead*) ok=$(grep -c '"ok":true' "$WORK/out" || true) ;;
    ipmi-sensors*) ok=$(cut -d: -f1 "$WORK/out" | sort -u | grep -c . || true) ;;
  esac
  printf '%-14s %8.2f %9.2f %9.2f %6d/%d\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "($c1 - $c0) / $TICK" | bc -l)" "$ok" "$NODES"
  echo "$name $wall" >> "$WORK/walls"
}

# runs one FreeIPMI tool over every host list in parallel, collecting all output (stdin: the tool's arguments)
freeipmi_all() {
  local tool=$1; shift
  local i=0
  while read -r hosts; do
    "$tool" -h "$hosts" "$@" > "$WORK/fi.$i" 2>&1 &
    i=$((i + 1))
  done < "$WORK/hostlists"
  wait
  cat "$WORK"/fi.* ; rm -f "$WORK"/fi.*
}
export -f freeipmi_all 2>/dev/null || true
DEADLINE_ARGS=()
[ -n "$DEADLINE" ] && DEADLINE_ARGS=(--deadline "$DEADLINE")

echo "# $VERB over $NODES simulated BMCs ($HANG hung), $(nproc) cores, $(date -u +%FT%TZ); ipmipower in $CHUNKS parallel invocation(s)"
printf '%-14s %8s %9s %9s %10s\n' client wall_s client_cpu_s sim_cpu_s answered
for i in $(seq "$RUNS"); do
  if [ "$VERB" = power ]; then
    run lifeline "$LIFELINE" power status --bmc-file "$WORK/inventory" -o json --fanout 4096 --timeout "$TIMEOUT" --retries "$RETRIES" "${DEADLINE_ARGS[@]}"
    run ipmipower bash -c "$(declare -f freeipmi_all); WORK=$WORK freeipmi_all ipmipower -D LAN_2_0 --config-file $WORK/freeipmi.conf --stat -F 1024 \
      --session-timeout $(( ${DEADLINE:-$((TIMEOUT * (RETRIES + 1)))} * 1000 )) --retransmission-timeout $((TIMEOUT * 1000 / 2))"
  else
    run lifeline "$LIFELINE" sensors --bmc-file "$WORK/inventory" -o json --fanout 4096 --timeout "$TIMEOUT" --retries "$RETRIES" "${DEADLINE_ARGS[@]}"
    run ipmi-sensors bash -c "$(declare -f freeipmi_all); WORK=$WORK freeipmi_all ipmi-sensors -D LAN_2_0 --config-file $WORK/freeipmi.conf -F 1024 --quiet-cache \
      --sdr-cache-directory $WORK/sdr-cache --session-timeout $((TIMEOUT * (RETRIES + 1) * 1000))"
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
