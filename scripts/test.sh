#!/usr/bin/env bash
# Runs every test of Lifeline. Installs what the tests need when it is missing (Debian 12; run as root or with sudo),
# then builds and tests the whole solution and prints one closing line: "N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
need=()
for pair in ipmi_sim:openipmi ipmitool:ipmitool ipmipower:freeipmi-tools socat:socat tmux:tmux redfishtool:redfishtool ser2net:ser2net sshd:openssh-server; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
/usr/bin/python3 -c 'import sushy' >/dev/null 2>&1 || need+=(python3-sushy)
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || need+=(python3-prometheus-client)   # the metrics test parses /metrics with it
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)   # the SMTP channel's test server
[ -x /usr/sbin/rsyslogd ] || need+=(rsyslog)   # the syslog channel's test collector
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)   # the store tests start a throw-away PostgreSQL 15
if [ ${#need[@]} -gt 0 ]; then
  echo "installing test prerequisites: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (dotnet on PATH)" >&2; exit 2; }

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet restore Lifeline.slnx --verbosity quiet
dotnet build Lifeline.slnx --no-restore --configuration Release --verbosity quiet -nologo
status=0
dotnet test Lifeline.slnx --no-build --configuration Release --verbosity quiet -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" \
  --blame-hang --blame-hang-timeout 4min || status=$?   # a hung test fails with its name instead of stalling CI

python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)
for f in files:
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
if int(sys.argv[2]) != 0 and failed == 0:
    failed = 1  # the test host crashed or a project did not run: never report green
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit $status
