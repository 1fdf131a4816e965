#!/usr/bin/env bash
# Stops what deploy/demo.sh started (the private PostgreSQL under out/demo/postgres).
# With --clean it also deletes out/demo (database files and outputs).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(pwd)/out/demo
if [ -d "$work/postgres" ]; then
  deploy/postgres/pg-private.sh stop "$work/postgres" || true
fi
if [ "${1:-}" = "--clean" ]; then
  rm -rf "$work"
  echo "Removed $work"
fi
