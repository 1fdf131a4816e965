#!/usr/bin/env bash
# Publishes Registry.Ingest the way it is deployed, for this machine's architecture, compiled
# ahead of time so that a service (re)start and its first files do not wait for the JIT:
#  - by default self-contained, with the .NET runtime and the program compiled together into one
#    ReadyToRun image (composite) and tiered compilation off. Code compiled with the runtime's own
#    libraries inlines their small methods as the JIT does, so it needs no recompiling while it
#    runs: a 50,000-message ingest used 2.6-2.8 s of client CPU instead of 3.4-3.7 s (the JIT
#    thread alone took ~0.8 s, on a 2-core machine where the database server needs the other
#    core; tests/Registry.Ingest.Benchmarks/bench-ingest.sh). The machine needs no .NET runtime,
#    but the runtime's security fixes arrive by publishing and installing again.
#  - with --framework-dependent, for the .NET 10 runtime installed on the machine (updated with
#    it): ReadyToRun per assembly, tiered compilation on.
# Usage: deploy/publish.sh OUT_DIR [--framework-dependent]
set -euo pipefail
out=${1:?usage: deploy/publish.sh OUT_DIR [--framework-dependent]}
mode=${2:-}
case "$mode" in
  "" | --framework-dependent) ;;
  *) echo "publish.sh: unknown option '$mode' (usage: deploy/publish.sh OUT_DIR [--framework-dependent])" >&2; exit 64 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
project="$here/../src/Registry.Ingest/Registry.Ingest.csproj"
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "publish.sh: no ReadyToRun target for $(uname -m); publishing without it" >&2; rid= ;;
esac
# The ReadyToRun step keeps its images under obj/ between publishes, and takes those of the other
# mode as up to date (a framework-dependent publish after a composite one crashed at start).
[ -z "$rid" ] || rm -rf "$here/../src/Registry.Ingest/obj/Release/net10.0/$rid/R2R"
if [ -z "$rid" ]; then
  dotnet publish "$project" -c Release --self-contained false -o "$out" --nologo -v quiet
elif [ "$mode" = --framework-dependent ]; then
  dotnet publish "$project" -c Release --self-contained false -r "$rid" -p:PublishReadyToRun=true \
    -o "$out" --nologo -v quiet
else
  dotnet publish "$project" -c Release --self-contained true -r "$rid" -p:PublishReadyToRun=true \
    -p:PublishReadyToRunComposite=true -p:TieredCompilation=false -o "$out" --nologo -v quiet
fi
