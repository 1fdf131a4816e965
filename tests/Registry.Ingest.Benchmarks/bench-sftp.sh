#!/usr/bin/env bash
# SFTP transfer figures: a private sshd (deploy/sshd/sshd-private.sh) on loopback, a file of random
# bytes in its drop folder, downloaded and uploaded with Registry.Ingest.Sftp; prints MiB/s per run.
# Usage: bench-sftp.sh [MB] [RUNS] (default 50 MB, 3 runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-50}
runs=${2:-3}
work=$(mktemp -d)
trap 'deploy/sshd/sshd-private.sh stop "$work/sshd" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
deploy/sshd/sshd-private.sh start "$work/sshd" >/dev/null
file="$work/sshd/home/ICARE HL7 EXCHANGE/bench.bin"
head -c "${mb}M" /dev/urandom > "$file"
dotnet build tests/Registry.Ingest.Benchmarks -c Release --nologo -v quiet >/dev/null
dotnet tests/Registry.Ingest.Benchmarks/bin/Release/net10.0/Registry.Ingest.Benchmarks.dll sftp "$work/sshd/env" "$file" "$runs"
