#!/usr/bin/env bash
# README command 1: runs the furthest stage built so far end to end on the files in sample-files/.
# A private PostgreSQL 15 is installed if missing and started under out/demo/postgres (127.0.0.1, a
# free port), the schema is migrated, and every sample file goes through the pipeline with `ingest`
# (file name rule, content check, validation, storage), getting its ACK file and report. Then the
# worker polls a local drop folder, out/demo/ICARE HL7 EXCHANGE, once (`once`), as it will poll the
# SFTP folder: ACK and report written back beside each file, originals moved to processed/ or
# rejected/. Re-running it works (the second run shows duplicate detection);
# deploy/demo-stop.sh stops the database. SFTP replaces the local folder once its client lands.
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
drop="$work/ICARE HL7 EXCHANGE"
echo "== The worker: one poll of the local drop folder '$drop'"
rm -rf "$drop" "$work/worker"
mkdir -p "$drop"
cp sample-files/*.txt "$drop/"
before=$(psql_app -tA -c "SELECT coalesce(max(id), 0) FROM registry.drop_file")
set +e
DropFolder__Kind=Local DropFolder__Path="$drop" Polling__StableFor=00:00:00 Worker__WorkDirectory="$work/worker/work" \
  Serilog__WriteTo__File__Args__path="$work/worker/logs/worker-.log" dotnet "$app" once
code=$?
set -e
case $code in
  0) echo "Exit code 0: every file taken was handled." ;;
  *) echo "Exit code $code from once (69 database, 74 drop folder unavailable, 75 a file to retry)." >&2; exit "$code" ;;
esac
echo
echo "== Each file's outcome (registry.drop_file)"
# A duplicate (the same bytes as a file stored earlier, e.g. by the ingest above) shows its original's counts.
psql_app -c "SELECT d.name, d.outcome, d.moved_to, coalesce(o.messages_read, s.messages_read) AS messages,
                    coalesce(o.ack_aa, s.ack_aa) AS aa, coalesce(o.ack_ae, s.ack_ae) AS ae, coalesce(o.ack_ar, s.ack_ar) AS ar
             FROM registry.drop_file d LEFT JOIN registry.submission_file s ON s.id = d.submission_file_id
             LEFT JOIN registry.submission_file o ON o.id = s.duplicate_of
             WHERE d.id > $before
             ORDER BY d.id"
echo "== Written back into the drop folder (ACK files and reports)"
(cd "$drop" && ls -1 -- *.txt)
echo "== Originals: processed/ and rejected/"
(cd "$drop" && ls -1 processed rejected)
echo "== Row counts after the poll"
psql_app -c "SELECT status, count(*) AS files FROM registry.submission_file GROUP BY status ORDER BY status"
psql_app -c "SELECT (SELECT count(*) FROM registry.message) AS messages, (SELECT count(*) FROM registry.patient) AS patients,
                    (SELECT count(*) FROM registry.vaccination) AS vaccinations, (SELECT count(*) FROM registry.drop_file) AS drop_files"
echo "Worker log: $work/worker/logs/"

echo
echo "Run deploy/demo.sh again to see duplicate files detected; deploy/demo-stop.sh stops the database."
