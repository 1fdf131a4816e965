#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in a folder of its own, for tests and the demo: never the system
# cluster, never port 5432 by assumption.
#
#   pg-private.sh install            install postgresql-15 if it is missing (root)
#   pg-private.sh start DIR [PORT]   create the cluster on first use, then start it (idempotent)
#   pg-private.sh stop DIR           stop it (fast shutdown)
#   pg-private.sh status DIR         exit 0 running, 3 stopped, 4 no cluster in DIR
#
# DIR after start: data/ (the cluster), sock/ (unix socket, mode 700), postgres.log,
# owner.password and app.password (mode 600), env (REGISTRY_PG_* lines, mode 600).
# Roles: registry_owner owns database registry and runs migrations; registry_app is the worker,
# which may connect and use temp tables and gets its table grants from the migrations.
set -euo pipefail

PG_BIN=${REGISTRY_PG_BIN:-/usr/lib/postgresql/15/bin}
RUN_AS=()                  # postgres refuses root: as root, its programs run as user postgres
[ "$(id -u)" -eq 0 ] && RUN_AS=(runuser -u postgres --)

die() { echo "pg-private: $*" >&2; exit 1; }

install_postgres() {
  [ -x "$PG_BIN/initdb" ] && return 0
  [ "$(id -u)" -eq 0 ] || die "PostgreSQL 15 is not installed ($PG_BIN/initdb missing) and installing it needs root: run 'sudo apt-get install postgresql-15'."
  echo "pg-private: installing postgresql-15 with apt-get" >&2
  # Debian's package would create and start a 'main' cluster on 5432. We never use it, so tell
  # postgresql-common not to create it, only for this install (a drop-in its createcluster.conf reads).
  local dropin=/etc/postgresql-common/createcluster.d/zz-registry-ingest-no-main.conf
  mkdir -p "${dropin%/*}"
  echo "create_main_cluster = false  # written by pg-private.sh during its install" > "$dropin"
  export DEBIAN_FRONTEND=noninteractive
  # The lock timeout lets two test runs that both found it missing install one after the other.
  local ok=0
  apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends postgresql-15 >/dev/null || ok=$?
  rm -f "$dropin"
  if [ "$ok" -ne 0 ] || [ ! -x "$PG_BIN/initdb" ]; then die "installing postgresql-15 failed"; fi
}

as_pg() { "${RUN_AS[@]}" "$@"; }

# Superuser SQL on database $1 over the private unix socket (trust auth; the socket folder is mode 700).
psql_admin() {
  local db=$1; shift
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR/sock" -p "$(cat "$DIR/port")" -U postgres -d "$db" "$@"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port outside the kernel's ephemeral range (32768-60999), so outgoing connections never hold it.
random_port() { echo $((20000 + RANDOM % 12000)); }

is_running() { as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

start_server() {
  if ! as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w -t 30 start >/dev/null; then
    tail -n 20 "$DIR/postgres.log" >&2 || true
    return 1
  fi
}

# initdb into DIR/data and settle the server's address in its own config, so that a plain
# 'pg_ctl start' later comes back on the same port (the env file's connection strings name it).
create_cluster() {
  local port=$1
  rm -rf "$DIR/data" "$DIR/sock"
  mkdir -p "$DIR/data" "$DIR/sock"
  chmod 700 "$DIR/data" "$DIR/sock"
  : > "$DIR/postgres.log"
  [ ${#RUN_AS[@]} -eq 0 ] || chown postgres:postgres "$DIR/data" "$DIR/sock" "$DIR/postgres.log"
  # --no-sync: a throwaway cluster does not need initdb's fsync of every file (saves most of a second).
  as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  cat >> "$DIR/data/postgresql.conf" <<EOF

# pg-private.sh: loopback only, our own port and socket folder.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$DIR/sock'
EOF
  echo "$port" > "$DIR/port"
}

# Roles, database and grants; passwords from /dev/urandom in hex, so they need no quoting in
# SQL or in an Npgsql connection string. SQL goes on stdin, so passwords never show in 'ps'.
create_roles() {
  local port owner_pw app_pw
  port=$(cat "$DIR/port")
  owner_pw=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
  app_pw=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
  psql_admin postgres <<SQL
CREATE ROLE registry_owner LOGIN PASSWORD '$owner_pw' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
CREATE ROLE registry_app LOGIN PASSWORD '$app_pw' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE registry OWNER registry_owner;
REVOKE ALL ON DATABASE registry FROM PUBLIC;
GRANT CONNECT, TEMP ON DATABASE registry TO registry_app;
SQL
  # PG15 no longer grants CREATE on schema public to PUBLIC; check it instead of trusting it.
  local can_create
  can_create=$(psql_admin registry -At -c "SELECT has_schema_privilege('registry_app', 'public', 'CREATE')")
  [ "$can_create" = f ] || die "registry_app can create objects in schema public; refusing to go on"

  ( umask 077
    echo "$owner_pw" > "$DIR/owner.password"
    echo "$app_pw" > "$DIR/app.password"
    local cs="Host=127.0.0.1;Port=$port;Database=registry"
    # Written last and renamed into place: an env file means the cluster is complete. Values are
    # single-quoted so that the file can be sourced (connection strings contain ';').
    cat > "$DIR/env.tmp" <<EOF
REGISTRY_PG_PORT='$port'
REGISTRY_PG_OWNER_CONNECTION='$cs;Username=registry_owner;Password=$owner_pw'
REGISTRY_PG_APP_CONNECTION='$cs;Username=registry_app;Password=$app_pw'
REGISTRY_PG_ADMIN_CONNECTION='Host=$DIR/sock;Port=$port;Database=postgres;Username=postgres'
EOF
    mv "$DIR/env.tmp" "$DIR/env" )
}

cmd_start() {
  local want_port=${1:-}
  install_postgres
  if [ -f "$DIR/env" ]; then
    local port; port=$(cat "$DIR/port")
    [ -z "$want_port" ] || [ "$want_port" = "$port" ] || die "$DIR was created for port $port, not $want_port"
    if is_running; then echo "pg-private: already running on port $port ($DIR)"; return 0; fi
    ! port_in_use "$port" || die "port $port of $DIR is taken by another program"
    start_server || die "could not start the cluster in $DIR (log above: $DIR/postgres.log)"
    echo "pg-private: started on port $port ($DIR)"
    return 0
  fi
  # No env file: nothing here, or a creation that was interrupted; start from scratch.
  if [ -f "$DIR/data/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ ${#RUN_AS[@]} -gt 0 ]; then
    chown postgres:postgres "$DIR"
    runuser -u postgres -- test -w "$DIR" || die "user postgres cannot reach $DIR: its parent folders must be searchable (o+x)"
  fi
  local port tries=0
  while :; do
    port=${want_port:-$(random_port)}
    if port_in_use "$port"; then
      [ -z "$want_port" ] || die "port $port is in use"
    else
      create_cluster "$port"
      start_server && break
      # Someone may have bound the port between the check and the start: then pick another.
      if [ -n "$want_port" ] || ! grep -q 'could not bind' "$DIR/postgres.log"; then
        die "could not start the cluster on port $port (log above: $DIR/postgres.log)"
      fi
      echo "pg-private: port $port was taken meanwhile; trying another" >&2
    fi
    tries=$((tries + 1))
    [ "$tries" -lt 10 ] || die "no free port found in 10 tries"
  done
  create_roles
  echo "pg-private: created and started on port $port ($DIR)"
}

cmd_stop() {
  [ -f "$DIR/data/PG_VERSION" ] || { echo "pg-private: no cluster in $DIR"; return 0; }
  if is_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 30 stop >/dev/null
    echo "pg-private: stopped ($DIR)"
  else
    echo "pg-private: not running ($DIR)"
  fi
}

cmd_status() {
  [ -f "$DIR/data/PG_VERSION" ] || { echo "pg-private: no cluster in $DIR"; return 4; }
  if is_running; then echo "pg-private: running on port $(cat "$DIR/port") ($DIR)"; return 0; fi
  echo "pg-private: stopped ($DIR)"
  return 3
}

# shellcheck source=deploy/private-server.sh
. "$(dirname "$0")/../private-server.sh"
private_server_main pg-private cluster install_postgres "$@"
