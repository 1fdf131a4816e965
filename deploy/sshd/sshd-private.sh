#!/usr/bin/env bash
# A private OpenSSH sshd in a folder of its own, for tests and the demo: never the system sshd,
# never port 22 by assumption. It listens on 127.0.0.1 only and serves SFTP (internal-sftp).
#
#   sshd-private.sh install            install openssh-server and libssh-4 if missing (root)
#   sshd-private.sh start DIR [PORT]   create keys and config on first use, then start (idempotent)
#   sshd-private.sh stop DIR           stop it (sessions still open end with their clients)
#   sshd-private.sh status DIR         exit 0 running, 3 stopped, 4 no server in DIR
#
# DIR after start: etc/ (host keys, sshd_config, authorized_keys), keys/ (client keys: id_ed25519
# without passphrase, id_rsa with the passphrase in id_rsa.passphrase, mode 600), known_hosts,
# sshd.log, sshd.pid, port, 'home/ICARE HL7 EXCHANGE/' (the drop folder for tests) and env
# (REGISTRY_SFTP_* lines, mode 600). Key login is for the user running the script (root included).
# As root, password login works too, for the local user registry-sftp (created on first use; its
# password is kept in /var/lib/registry-ingest-sftp/password and copied to DIR/password).
set -euo pipefail

SSHD=/usr/sbin/sshd
PASSWORD_USER=registry-sftp
PASSWORD_STORE=/var/lib/registry-ingest-sftp/password

die() { echo "sshd-private: $*" >&2; exit 1; }

have_libssh() { ldconfig -p 2>/dev/null | grep -q 'libssh\.so\.4 '; }

install_sshd() {
  local missing=()
  [ -x "$SSHD" ] || missing+=(openssh-server)
  command -v ssh-keyscan >/dev/null 2>&1 || missing+=(openssh-client)
  have_libssh || missing+=(libssh-4)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}, and installing needs root: run 'sudo apt-get install ${missing[*]}'."
  echo "sshd-private: installing ${missing[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The lock timeout lets two test runs that both found them missing install one after the other.
  apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    die "installing ${missing[*]} failed"
  # Debian's package may enable the system sshd; we leave that choice to the machine's owner.
  [ -x "$SSHD" ] && have_libssh || die "installing ${missing[*]} did not provide $SSHD and libssh.so.4"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port outside the kernel's ephemeral range (32768-60999), so outgoing connections never hold it.
random_port() { echo $((20000 + RANDOM % 12000)); }

# Running means: the pid file names a live sshd started with our config (not a recycled pid).
is_running() {
  local pid
  [ -f "$DIR/sshd.pid" ] || return 1
  pid=$(cat "$DIR/sshd.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$DIR/etc/sshd_config"
}

random_hex() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# Password login needs a real account with a password (no PAM). Created once per machine; its
# password is kept root-only, so that concurrent test runs share it instead of resetting it.
ensure_password_user() {
  if ! id "$PASSWORD_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PASSWORD_USER"
  fi
  if [ ! -s "$PASSWORD_STORE" ]; then
    ( umask 077; mkdir -p "${PASSWORD_STORE%/*}"; random_hex > "$PASSWORD_STORE.tmp"; mv "$PASSWORD_STORE.tmp" "$PASSWORD_STORE" )
  fi
  # chpasswd reads stdin, so the password never shows in 'ps'.
  echo "$PASSWORD_USER:$(cat "$PASSWORD_STORE")" | chpasswd
  ( umask 077; cp "$PASSWORD_STORE" "$DIR/password" )
}

create_keys() {
  rm -rf "$DIR/etc" "$DIR/keys"
  mkdir -p "$DIR/etc" "$DIR/keys"
  chmod 700 "$DIR/etc" "$DIR/keys"
  ssh-keygen -q -t ed25519 -N '' -C registry-sftp-host -f "$DIR/etc/ssh_host_ed25519_key"
  ssh-keygen -q -t rsa -b 3072 -N '' -C registry-sftp-host -f "$DIR/etc/ssh_host_rsa_key"
  ssh-keygen -q -t ed25519 -N '' -C registry-sftp-test -f "$DIR/keys/id_ed25519"
  ( umask 077; random_hex > "$DIR/keys/id_rsa.passphrase" )
  # -N on the command line is visible in 'ps' for an instant; acceptable for a throwaway test key.
  ssh-keygen -q -t rsa -b 3072 -N "$(cat "$DIR/keys/id_rsa.passphrase")" -C registry-sftp-test -f "$DIR/keys/id_rsa"
  cat "$DIR/keys/id_ed25519.pub" "$DIR/keys/id_rsa.pub" > "$DIR/etc/authorized_keys"
  chmod 644 "$DIR/etc/authorized_keys"
}

write_config() {
  local port=$1 users
  users=$(id -un)
  [ "$(id -u)" -eq 0 ] && users="$users $PASSWORD_USER"
  cat > "$DIR/etc/sshd_config" <<CONF
# Written by sshd-private.sh. Absolute paths only: sshd runs with / as its working folder.
ListenAddress 127.0.0.1
Port $port
HostKey $DIR/etc/ssh_host_ed25519_key
HostKey $DIR/etc/ssh_host_rsa_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile $DIR/etc/authorized_keys
AllowUsers $users
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitEmptyPasswords no
# No PAM: a private server must not depend on the machine's PAM stack (and needs no root for it).
UsePAM no
# The test folders live under /tmp, owned by whoever ran the tests.
StrictModes no
Subsystem sftp internal-sftp
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
LogLevel VERBOSE
CONF
  echo "$port" > "$DIR/port"
}

start_server() {
  [ -d /run/sshd ] || { [ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd && chmod 755 /run/sshd; } ||
    die "sshd needs the folder /run/sshd: create it as root ('sudo mkdir -p /run/sshd')"
  rm -f "$DIR/sshd.pid"
  "$SSHD" -f "$DIR/etc/sshd_config" -E "$DIR/sshd.log" || return 1
  # sshd forks into the background; it accepts connections about 50 ms after the fork.
  local port tries=0
  port=$(cat "$DIR/port")
  until port_in_use "$port" && is_running; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || return 1
    sleep 0.1
  done
}

write_known_hosts_and_env() {
  local port fingerprint user
  port=$(cat "$DIR/port")
  ssh-keyscan -T 5 -p "$port" -t ed25519,rsa 127.0.0.1 > "$DIR/known_hosts.tmp" 2>/dev/null || true
  [ "$(grep -c . "$DIR/known_hosts.tmp")" -eq 2 ] || die "ssh-keyscan did not return both host keys of 127.0.0.1:$port"
  mv "$DIR/known_hosts.tmp" "$DIR/known_hosts"
  # The ed25519 key: the one libssh (and OpenSSH) negotiate first when nothing else is preferred.
  fingerprint=$(ssh-keygen -lf "$DIR/etc/ssh_host_ed25519_key.pub" | cut -d' ' -f2)
  user=$(id -un)
  ( umask 077
    # Written last and renamed into place: an env file means the server is complete. Values are
    # single-quoted so that the file can be sourced (the drop folder has spaces).
    cat > "$DIR/env.tmp" <<ENV
REGISTRY_SFTP_HOST='127.0.0.1'
REGISTRY_SFTP_PORT='$port'
REGISTRY_SFTP_USER='$user'
REGISTRY_SFTP_KEY='$DIR/keys/id_ed25519'
REGISTRY_SFTP_RSA_KEY='$DIR/keys/id_rsa'
REGISTRY_SFTP_KEY_PASSPHRASE_FILE='$DIR/keys/id_rsa.passphrase'
REGISTRY_SFTP_KNOWN_HOSTS='$DIR/known_hosts'
REGISTRY_SFTP_FINGERPRINT='$fingerprint'
REGISTRY_SFTP_ROOT='$DIR/home/ICARE HL7 EXCHANGE'
ENV
    if [ -f "$DIR/password" ]; then
      echo "REGISTRY_SFTP_PASSWORD_USER='$PASSWORD_USER'" >> "$DIR/env.tmp"
      echo "REGISTRY_SFTP_PASSWORD_FILE='$DIR/password'" >> "$DIR/env.tmp"
    fi
    mv "$DIR/env.tmp" "$DIR/env" )
}

cmd_start() {
  local want_port=${1:-}
  install_sshd
  if [ -f "$DIR/env" ]; then
    local port; port=$(cat "$DIR/port")
    [ -z "$want_port" ] || [ "$want_port" = "$port" ] || die "$DIR was created for port $port, not $want_port"
    if is_running; then echo "sshd-private: already running on port $port ($DIR)"; return 0; fi
    ! port_in_use "$port" || die "port $port of $DIR is taken by another program"
    [ ! -f "$DIR/password" ] || ensure_password_user
    start_server || { tail -n 20 "$DIR/sshd.log" >&2 || true; die "could not start sshd in $DIR (log: $DIR/sshd.log)"; }
    echo "sshd-private: started on port $port ($DIR)"
    return 0
  fi
  # No env file: nothing here, or a creation that was interrupted; start from scratch.
  if is_running; then kill "$(cat "$DIR/sshd.pid")" 2>/dev/null || true; fi
  rm -f "$DIR/env" "$DIR/password" "$DIR/sshd.log"
  # The password user's sessions must reach the drop folder under DIR.
  chmod 755 "$DIR"
  mkdir -p "$DIR/home/ICARE HL7 EXCHANGE"
  chmod 755 "$DIR/home"
  # Every local account may write the test drop folder (password login uses another account).
  chmod 1777 "$DIR/home/ICARE HL7 EXCHANGE"
  create_keys
  [ "$(id -u)" -ne 0 ] || ensure_password_user
  local port tries=0
  while :; do
    port=${want_port:-$(random_port)}
    if port_in_use "$port"; then
      [ -z "$want_port" ] || die "port $port is in use"
    else
      write_config "$port"
      : > "$DIR/sshd.log"
      start_server && break
      # Someone may have bound the port between the check and the start: then pick another.
      if [ -n "$want_port" ] || ! grep -q 'Address already in use\|Cannot bind' "$DIR/sshd.log"; then
        tail -n 20 "$DIR/sshd.log" >&2 || true
        die "could not start sshd on port $port (log above: $DIR/sshd.log)"
      fi
      echo "sshd-private: port $port was taken meanwhile; trying another" >&2
    fi
    tries=$((tries + 1))
    [ "$tries" -lt 10 ] || die "no free port found in 10 tries"
  done
  write_known_hosts_and_env
  echo "sshd-private: created and started on port $port ($DIR)"
}

cmd_stop() {
  [ -f "$DIR/etc/sshd_config" ] || { echo "sshd-private: no server in $DIR"; return 0; }
  if ! is_running; then echo "sshd-private: not running ($DIR)"; return 0; fi
  local pid tries=0
  pid=$(cat "$DIR/sshd.pid")
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || die "sshd (pid $pid) did not stop in 10 s"
    sleep 0.1
  done
  rm -f "$DIR/sshd.pid"
  echo "sshd-private: stopped ($DIR)"
}

cmd_status() {
  [ -f "$DIR/etc/sshd_config" ] || { echo "sshd-private: no server in $DIR"; return 4; }
  if is_running; then echo "sshd-private: running on port $(cat "$DIR/port") ($DIR)"; return 0; fi
  echo "sshd-private: stopped ($DIR)"
  return 3
}

# shellcheck source=deploy/private-server.sh
. "$(dirname "$0")/../private-server.sh"
private_server_main sshd-private server install_sshd "$@"
