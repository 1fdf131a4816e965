#!/usr/bin/env bash
# README command 1: runs the furthest stage built so far end to end on the files in sample-files/.
# Today that is `validate`: every sample file goes through the worker's pipeline (file name rule,
# content check, message-by-message validation) and gets its ACK file and report, with nothing
# stored. The SFTP worker and the database arrive in later stages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out=out/demo
rm -rf "$out"
mkdir -p "$out"
dotnet build src/Registry.Ingest -c Release --nologo -v quiet >/dev/null

echo "== Validating sample-files/ into $out/"
set +e
dotnet src/Registry.Ingest/bin/Release/net10.0/registry-ingest.dll validate sample-files --out "$out"
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
echo "== Outputs"
ls -1 "$out"
first=$(ls "$out"/HL7_DCS0067_20240201_093000.report.txt 2>/dev/null || true)
if [ -n "$first" ]; then
  echo
  echo "== One report, $first:"
  cat "$first"
fi
