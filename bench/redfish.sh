#!/usr/bin/env bash
# Redfish benchmark: `lifeline power status` (cold, then warm) and `lifeline sensors` over N simulated Redfish BMCs,
# against a sushy loop (python3-sushy, one sushy.Sushy per BMC reading the system's power_state) in the same run.
#
#   bench/redfish.sh [--nodes N] [--sushy-nodes M] [--http] [--fanout F]
#
# Starts `lifeline sim --nodes N --redfish` (each BMC on its own loopback address, HTTPS 443, one self-signed
# certificate whose fingerprint lifeline pins with --pin; --http serves plain HTTP instead). "cold" is the first
# lifeline run after the simulator started (its JIT and TLS caches cold), "warm" the second. sushy walks the BMCs one
# after another, as a script would; with --sushy-nodes M < N it is timed over the first M and extrapolated to N
# (marked "extrapolated"). Both clients share this machine's cores with the simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=1000 SUSHY_NODES=100 HTTP= FANOUT=256
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) NODES=$2; shift 2 ;;
    --sushy-nodes) SUSHY_NODES=$2; shift 2 ;;
    --http) HTTP=1; shift ;;
    --fanout) FANOUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import sushy' 2>/dev/null || { echo "needs python3-sushy: apt-get install -y python3-sushy" >&2; exit 2; }
[ "$SUSHY_NODES" -gt "$NODES" ] && SUSHY_NODES=$NODES

WORK=$(mktemp -d)
dotnet publish src/Lifeline.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/bin" --verbosity quiet -nologo >/dev/null
LIFELINE=$WORK/bin/lifeline
SIMPID=""
cleanup() { [ -n "$SIMPID" ] && kill "$SIMPID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

PW=bench-$RANDOM$RANDOM
export LIFELINE_SIM_PASSWORD=$PW LIFELINE_BMC_PASSWORD=$PW XDG_CONFIG_HOME=$WORK/config
"$LIFELINE" sim --nodes "$NODES" ${HTTP:+--redfish-http} --redfish --redfish-inventory "$WORK/inventory" > "$WORK/sim.log" 2>&1 &
SIMPID=$!
for _ in $(seq 900); do grep -q '^ready' "$WORK/sim.log" 2>/dev/null && break; kill -0 $SIMPID 2>/dev/null || { cat "$WORK/sim.log"; exit 1; }; sleep 0.1; done
grep -q '^ready' "$WORK/sim.log" || { echo "simulator not ready:"; cat "$WORK/sim.log"; exit 1; }
FP=$(grep -o 'SHA-256 [0-9A-F:]*' "$WORK/sim.log" | head -1 | cut -d' ' -f2 || true)
TLS=(--insecure)
[ -n "$FP" ] && TLS=(--pin "$FP")
[ -n "$HTTP" ] && TLS=()

simcpu() { awk '{print $14+$15}' /proc/$SIMPID/stat; }
TICK=$(getconf CLK_TCK)
printf '%-22s %8s %9s %9s %s\n' client wall_s cpu_s sim_cpu_s ok
run() { # name, command... → one row; the wall time goes to $WORK/wall.<name>
  local name=$1; shift
  local c0 c1
  c0=$(simcpu)
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$@" > "$WORK/out" 2>"$WORK/err" || true
  c1=$(simcpu)
  read -r wall user sys < <(tail -n 1 "$WORK/time")
  local ok
  case $name in
    sushy*) ok=$(grep -cE '^(On|Off|on|off)$' "$WORK/out" || true) ;;
    *) ok=$(grep -c '"ok":true' "$WORK/out" || true) ;;
  esac
  printf '%-22s %8.2f %9.2f %9.2f %6d\n' "$name" "$wall" "$(echo "$user + $sys" | bc)" "$(echo "($c1 - $c0) / $TICK" | bc -l)" "$ok"
  echo "$wall" > "$WORK/wall.$name"
}

L=("$LIFELINE")
run lifeline-power-cold "${L[@]}" power status --bmc-file "$WORK/inventory" "${TLS[@]}" --fanout "$FANOUT" -o json
run lifeline-power-warm "${L[@]}" power status --bmc-file "$WORK/inventory" "${TLS[@]}" --fanout "$FANOUT" -o json
run lifeline-sensors "${L[@]}" sensors --bmc-file "$WORK/inventory" "${TLS[@]}" --fanout "$FANOUT" -o json 2>/dev/null

head -n "$SUSHY_NODES" "$WORK/inventory" > "$WORK/sushy-inventory"
cat > "$WORK/sushy_loop.py" <<'PY'
# One sushy.Sushy per BMC (session auth, as sushy does by default), the system's power_state, in a plain loop.
import os, sys, warnings
import sushy
warnings.filterwarnings("ignore")
pw = os.environ["LIFELINE_BMC_PASSWORD"]
for line in open(sys.argv[1]):
    url = line.strip()
    if not url:
        continue
    scheme, rest = url.split("://", 1)
    user, host = rest.split("@", 1)
    base = ("http" if scheme == "redfish+http" else "https") + "://" + host + "/redfish/v1"
    try:
        conn = sushy.Sushy(base, username=user, password=pw, verify=False)
        system = conn.get_system(conn.get_system_collection().members_identities[0])
        ps = system.power_state
        print(getattr(ps, "value", ps))
    except Exception as e:  # count, don't stop
        print("error", e, file=sys.stderr)
PY
# REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override verify=False in requests: clear them for sushy.
run sushy-power env -u REQUESTS_CA_BUNDLE -u CURL_CA_BUNDLE /usr/bin/python3 "$WORK/sushy_loop.py" "$WORK/sushy-inventory"

warm=$(cat "$WORK/wall.lifeline-power-warm")
sushy=$(cat "$WORK/wall.sushy-power")
sushy_n=$(echo "$sushy * $NODES / $SUSHY_NODES" | bc -l)
note=""
[ "$SUSHY_NODES" -lt "$NODES" ] && note=" (extrapolated from $SUSHY_NODES BMCs)"
printf 'sushy loop over %d BMCs: %.1f s%s\n' "$NODES" "$sushy_n" "$note"
printf 'lifeline power status warm over %d BMCs: %.2f s; %.1fx the sushy loop\n' "$NODES" "$warm" "$(echo "$sushy_n / $warm" | bc -l)"
