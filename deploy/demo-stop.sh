#!/usr/bin/env bash
# Stops what deploy/demo.sh started: the private PostgreSQL under out/demo/postgres and the
# private sshd under out/demo/sshd.
# With --clean it also deletes out/demo (database files and outputs).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(pwd)/out/demo
if [ -d "$work/postgres" ]; then
  deploy/postgres/pg-private.sh stop "$work/postgres" || true
fi
if [ -d "$work/sshd" ]; then
  deploy/sshd/sshd-private.sh stop "$work/sshd" || true
fi
if [ "${1:-}" = "--clean" ]; then
  rm -rf "$work"
  echo "Removed $work"
fi
