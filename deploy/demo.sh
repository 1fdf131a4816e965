#!/usr/bin/env bash
# README command 1: runs the furthest stage built so far end to end on the files in sample-files/.
# Today that is `ingest`: a private PostgreSQL 15 is installed if missing and started under
# out/demo/postgres (127.0.0.1, a free port), the schema is migrated, and every sample file goes
# through the pipeline (file name rule, content check, validation, storage), getting its ACK file
# and report. Then it prints what a person wants to see. Re-running it works (the second run shows
# duplicate detection); deploy/demo-stop.sh stops the database. The SFTP worker comes next.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(pwd)/out/demo
out=$work/outputs
mkdir -p "$work"
rm -rf "$out"

echo "== Private PostgreSQL in $work/postgres"
deploy/postgres/pg-private.sh start "$work/postgres"
# shellcheck disable=SC1091
. "$work/postgres/env"
# The program reads its connection strings from the environment, never from appsettings.json.
export ConnectionStrings__Registry="$REGISTRY_PG_APP_CONNECTION"
export ConnectionStrings__RegistryOwner="$REGISTRY_PG_OWNER_CONNECTION"

echo "== Building"
dotnet build src/Registry.Ingest -c Release --nologo -v quiet >/dev/null
app=src/Registry.Ingest/bin/Release/net10.0/registry-ingest.dll

echo "== Migrating the schema (as registry_owner)"
dotnet "$app" migrate

echo
echo "== Ingesting sample-files/ (as registry_app) into $out/"
set +e
dotnet "$app" ingest sample-files --out "$out"
code=$?
set -e
echo
case $code in
  0) echo "Exit code 0: every message of every file was accepted (AA)." ;;
  1) echo "Exit code 1: some messages got AE or AR (see the reports)." ;;
  2) echo "Exit code 2: some files were not processed (bad name, empty, not text, no MSH) - the samples include such files on purpose." ;;
  *) echo "Exit code $code: the command failed." >&2; exit "$code" ;;
esac

echo
echo "== Outputs written back"
ls -1 "$out"

echo
echo "== What the database holds"
psql_app() { PGPASSWORD=$(cat "$work/postgres/app.password") psql -h 127.0.0.1 -p "$REGISTRY_PG_PORT" -U registry_app -d registry -X -q "$@"; }
psql_app -c "SELECT status, count(*) AS files FROM registry.submission_file GROUP BY status ORDER BY status"
psql_app -c "SELECT (SELECT count(*) FROM registry.message) AS messages,
                    (SELECT count(*) FROM registry.message_issue) AS issues,
                    (SELECT count(*) FROM registry.patient) AS patients,
                    (SELECT count(*) FROM registry.next_of_kin) AS next_of_kin,
                    (SELECT count(*) FROM registry.vaccination) AS vaccinations,
                    (SELECT count(*) FROM registry.vaccination WHERE deleted_at IS NOT NULL) AS deleted,
                    (SELECT count(*) FROM registry.observation) AS observations"

report=$out/HL7_DCS0067_20240201_093000.report.txt
if [ -f "$report" ]; then
  echo "== One report, $report:"
  cat "$report"
fi
echo
echo "Run deploy/demo.sh again to see duplicate files detected; deploy/demo-stop.sh stops the database."
