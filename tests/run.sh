#!/usr/bin/env bash
# Runs every test of the solution. README command 2; .ci/run calls exactly this.
# Installs nothing the .NET SDK does not already bring; later stages (PostgreSQL, sshd) are
# installed and started by the test fixtures themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Registry.Ingest.sln -c Release --nologo -v quiet
dotnet test Registry.Ingest.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=normal" 2>&1 | tee /tmp/registry-ingest-test.log
status=${PIPESTATUS[0]}

# One plain closing line with the totals, as CI reads it.
python3 - /tmp/registry-ingest-test.log <<'PY' || true
import re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"
