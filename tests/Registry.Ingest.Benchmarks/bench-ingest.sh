#!/usr/bin/env bash
# End-to-end figures for `ingest`: a private PostgreSQL 15 (deploy/postgres/pg-private.sh) with a
# fresh schema, a generated batch file of typical VXUs stored once (all inserts), then the same
# messages in a second file (different bytes, so not a duplicate: all unchanged resends), then in a
# third with every patient's address and vaccination's lot changed (all updates). Prints wall time,
# peak RSS (GNU time) and the split between validation, database and file I/O.
# Usage: bench-ingest.sh [COUNT] (default 50000).
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-50000}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
work=$(mktemp -d)
chmod 755 "$work"   # the postgres user (when run as root) must reach the cluster folder
trap 'deploy/postgres/pg-private.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
deploy/postgres/pg-private.sh start "$work/pg" >/dev/null
# shellcheck disable=SC1091
. "$work/pg/env"
export ConnectionStrings__Registry="$REGISTRY_PG_APP_CONNECTION" ConnectionStrings__RegistryOwner="$REGISTRY_PG_OWNER_CONNECTION"
export REGISTRY_INGEST_TIMINGS=1
# The program as deployed (deploy/publish.sh: self-contained, composite ReadyToRun, as install.sh installs it).
deploy/publish.sh "$work/app" >/dev/null
dotnet build tests/Registry.Ingest.Benchmarks -c Release --nologo -v quiet >/dev/null
app=$work/app/registry-ingest.dll
dotnet "$app" migrate
dotnet tests/Registry.Ingest.Benchmarks/bin/Release/net10.0/Registry.Ingest.Benchmarks.dll generate "$count" "$work/HL7_BENCH_20240131.txt"
# The same messages with new control ids: a new file (not a duplicate) whose every message is an
# unchanged resend, skipped record by record.
sed 's/|DCS0067-0/|DCS0067-9/g' "$work/HL7_BENCH_20240131.txt" > "$work/HL7_BENCH_20240201.txt"
# The same patients and vaccinations with a new address and lot: every record really updated.
sed 's/|DCS0067-0/|DCS0067-8/g; s/123 MAIN ST/456 OAK AVE/g; s/|AB12345|/|AB12346|/g' "$work/HL7_BENCH_20240131.txt" > "$work/HL7_BENCH_20240202.txt"
for file in HL7_BENCH_20240131.txt HL7_BENCH_20240201.txt HL7_BENCH_20240202.txt; do
  cat "$work/$file" > /dev/null
  /usr/bin/time -f "$file: %e s wall, %M KB peak RSS, exit %x" dotnet "$app" ingest "$work/$file" --out "$work/out" >/dev/null
done
