#!/usr/bin/env bash
# End-to-end figures for `validate` on large batch files: wall time and peak RSS of the real
# command, measured by GNU time. Usage: bench-validate.sh [COUNT...] (default: 50000 500000).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(50000 500000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/Registry.Ingest -c Release --nologo -v quiet >/dev/null
dotnet build tests/Registry.Ingest.Benchmarks -c Release --nologo -v quiet >/dev/null
bench=tests/Registry.Ingest.Benchmarks/bin/Release/net10.0/Registry.Ingest.Benchmarks.dll
app=src/Registry.Ingest/bin/Release/net10.0/registry-ingest.dll
for count in "${counts[@]}"; do
  file="$work/HL7_BENCH_20240131.txt"
  dotnet "$bench" generate "$count" "$file"
  cat "$file" > /dev/null   # warm the page cache: measure the program, not the disk
  for run in 1 2 3; do
    rm -rf "$work/out"
    /usr/bin/time -f "$count messages, run $run: %e s wall, %M KB peak RSS, exit %x" \
      dotnet "$app" validate "$file" --out "$work/out" >/dev/null || true
  done
  grep -E "Messages read|ACK codes" "$work/out/HL7_BENCH_20240131.report.txt"
done
