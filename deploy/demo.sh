#!/usr/bin/env bash
# README command 1: the worker end to end over SFTP on the files in sample-files/. Installs what is
# missing (PostgreSQL 15, OpenSSH server, libssh), starts a private PostgreSQL under
# out/demo/postgres and a private sshd under out/demo/sshd (both on 127.0.0.1, free ports), migrates
# the schema, creates 'ICARE HL7 EXCHANGE' on the SFTP server and uploads the sample files into it
# with sftp(1), runs `check` and then one poll (`once`) with the host key pinned, and prints each
# file's outcome, the ACKs and reports written back, where the originals went and the row counts.
# Re-running it works (the second run shows the same files detected as duplicates);
# deploy/demo-stop.sh stops the database and sshd.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(pwd)/out/demo
mkdir -p "$work"

echo "== Installing what is missing (PostgreSQL 15, OpenSSH server, libssh)"
deploy/postgres/pg-private.sh install
deploy/sshd/sshd-private.sh install

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
echo "== Private sshd in $work/sshd"
deploy/sshd/sshd-private.sh start "$work/sshd"
# shellcheck disable=SC1091
. "$work/sshd/env"
drop=$REGISTRY_SFTP_ROOT
psql_app() { PGPASSWORD=$(cat "$work/postgres/app.password") psql -h 127.0.0.1 -p "$REGISTRY_PG_PORT" -U registry_app -d registry -X -q "$@"; }

# The worker's configuration, from the environment only: key login, the server's ed25519 host
# key pinned (the fingerprint sshd-private.sh read from its key; a known_hosts file works too).
export DropFolder__Kind=Sftp DropFolder__Path="$drop"
export DropFolder__Sftp__Host="$REGISTRY_SFTP_HOST" DropFolder__Sftp__Port="$REGISTRY_SFTP_PORT"
export DropFolder__Sftp__UserName="$REGISTRY_SFTP_USER" DropFolder__Sftp__PrivateKeyPath="$REGISTRY_SFTP_KEY"
export DropFolder__Sftp__HostKeySha256="$REGISTRY_SFTP_FINGERPRINT"
export Polling__StableFor=00:00:00 Polling__UnterminatedStableFor=00:00:00 Worker__WorkDirectory="$work/worker/work"
export Serilog__WriteTo__File__Args__path="$work/worker/logs/worker-.log"

echo
echo "== Uploading sample-files/*.txt over SFTP into '$drop' ($REGISTRY_SFTP_USER@127.0.0.1:$REGISTRY_SFTP_PORT)"
# A re-run starts from an empty folder (the sshd serves this machine's folders, so clean it here).
rm -rf "$drop"
batch=$work/upload.sftp
{
  echo "mkdir \"$drop\""
  for f in sample-files/*.txt; do echo "put \"$f\" \"$drop/$(basename "$f")\""; done
} > "$batch"
sftp -q -b "$batch" -i "$REGISTRY_SFTP_KEY" -P "$REGISTRY_SFTP_PORT" \
  -o UserKnownHostsFile="$REGISTRY_SFTP_KNOWN_HOSTS" -o StrictHostKeyChecking=yes -o BatchMode=yes \
  "$REGISTRY_SFTP_USER@$REGISTRY_SFTP_HOST" >/dev/null
ls -1 "$drop"

echo
echo "== check: database, SFTP server, host key, login, folder"
dotnet "$app" check

echo
echo "== The worker: one poll of sftp://$REGISTRY_SFTP_USER@127.0.0.1:$REGISTRY_SFTP_PORT$drop"
before=$(psql_app -tA -c "SELECT coalesce(max(id), 0) FROM registry.drop_file")
set +e
dotnet "$app" once
code=$?
set -e
case $code in
  0) echo "Exit code 0: every file taken was handled." ;;
  *) echo "Exit code $code from once (69 database, 74 drop folder unavailable, 75 a file to retry)." >&2; exit "$code" ;;
esac
echo
echo "== Each file's outcome (registry.drop_file)"
# A duplicate (the same bytes as a file stored earlier, e.g. by a previous run) shows its original's counts.
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
report="$drop/HL7_DCS0067_20240201_093000.report.txt"
if [ -f "$report" ]; then
  echo "== One report, HL7_DCS0067_20240201_093000.report.txt:"
  cat "$report"
fi
echo "== Row counts after the poll"
psql_app -c "SELECT status, count(*) AS files FROM registry.submission_file GROUP BY status ORDER BY status"
psql_app -c "SELECT (SELECT count(*) FROM registry.message) AS messages, (SELECT count(*) FROM registry.patient) AS patients,
                    (SELECT count(*) FROM registry.vaccination) AS vaccinations, (SELECT count(*) FROM registry.drop_file) AS drop_files"
echo "Worker log: $work/worker/logs/"

echo
echo "Run deploy/demo.sh again to see the same files detected as duplicates; deploy/demo-stop.sh stops PostgreSQL and sshd."
