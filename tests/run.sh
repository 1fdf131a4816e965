#!/usr/bin/env bash
# Runs every test of the solution. README command 2; .ci/run calls exactly this.
# The storage tests start their own PostgreSQL 15 cluster (tests/Registry.Ingest.Tests/Support/
# PostgresServer.cs, through deploy/postgres/pg-private.sh), so nothing is started here.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

# PostgreSQL 15 must be installed: on a fresh machine (CI runs as root) apt-get installs it now,
# in plain sight, rather than inside the first storage test. A no-op when it is there.
./deploy/postgres/pg-private.sh install
# The SFTP tests start a private sshd (deploy/sshd/sshd-private.sh) and load libssh: same idea.
./deploy/sshd/sshd-private.sh install

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Registry.Ingest.sln -c Release --nologo -v quiet
log=$(mktemp)
set +e
dotnet test Registry.Ingest.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line with the totals, as CI reads it.
python3 - "$log" <<'PY' || true
import re, sys
totals = {"Passed": 0, "Failed": 0, "Skipped": 0}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"\s+(Passed|Failed|Skipped):\s+(\d+)\s*$", line)
    if m:
        totals[m.group(1)] += int(m.group(2))
print(f"{totals['Passed']} passed, {totals['Failed']} failed, {totals['Skipped']} skipped")
PY
rm -f "$log"
if [ "$status" -ne 0 ] && [ -z "${CI:-}" ]; then echo "Tests failed (exit $status)." >&2; fi
exit "$status"
