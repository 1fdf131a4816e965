#!/usr/bin/env bash
# Publishes Registry.Ingest the way it is deployed: framework-dependent (the .NET 10 runtime is
# installed on the machine) for this machine's architecture, compiled ahead of time (ReadyToRun),
# so a service (re)start and its first files do not wait for the JIT (about 0.3 s of a 50,000-
# message file, measured with tests/Registry.Ingest.Benchmarks/bench-ingest.sh).
# Usage: deploy/publish.sh OUT_DIR
set -euo pipefail
out=${1:?usage: deploy/publish.sh OUT_DIR}
here=$(cd "$(dirname "$0")" && pwd)
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "publish.sh: no ReadyToRun target for $(uname -m); publishing without it" >&2; rid= ;;
esac
if [ -n "$rid" ]; then
  dotnet publish "$here/../src/Registry.Ingest/Registry.Ingest.csproj" -c Release --self-contained false \
    -r "$rid" -p:PublishReadyToRun=true -o "$out" --nologo -v quiet
else
  dotnet publish "$here/../src/Registry.Ingest/Registry.Ingest.csproj" -c Release --self-contained false \
    -o "$out" --nologo -v quiet
fi
