#!/usr/bin/env bash
# Installs Registry.Ingest as the systemd service registry-ingest (framework-dependent: the machine
# needs the .NET 10 runtime). Safe to run again, e.g. to upgrade: it copies only what changed and
# never overwrites the configuration or the secrets file.
#
#   install.sh [--from DIR] [--root DIR] [--dotnet PATH]
#
#   --from DIR     an already published folder (dotnet publish output); default: publish this checkout
#   --root DIR     install under DIR instead of / (like DESTDIR), for packaging and tests: no user is
#                  created, nothing is chowned and systemctl is not called
#   --dotnet PATH  the dotnet host ExecStart runs; default /usr/bin/dotnet, else the one on PATH
set -euo pipefail

app=registry-ingest
here=$(cd "$(dirname "$0")" && pwd)
from="" root="" dotnet=""

usage() { sed -n '5,11s/^# \{0,1\}//p' "$0"; }
fail() { echo "install.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --from) [ $# -ge 2 ] || fail "--from needs a folder"; from=$2; shift 2 ;;
    --root) [ $# -ge 2 ] || fail "--root needs a folder"; root=${2%/}; shift 2 ;;
    --dotnet) [ $# -ge 2 ] || fail "--dotnet needs a path"; dotnet=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
done

if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
  fail "run as root (or with --root DIR to install into a folder)"
fi

opt=$root/opt/$app
etc=$root/etc/$app
unit=$root/etc/systemd/system/$app.service
changes=0
changed() { changes=$((changes + 1)); echo "  $*"; }

# The program: a published folder given, or published now from this checkout.
if [ -z "$from" ]; then
  command -v dotnet >/dev/null || fail "dotnet (the .NET 10 SDK) is needed to publish; or pass --from DIR"
  from=$(mktemp -d)
  trap 'rm -rf "$from"' EXIT
  echo "Publishing to $from ..."
  "$here/../publish.sh" "$from"
fi
[ -f "$from/$app.dll" ] || fail "$from is not a published Registry.Ingest folder ($app.dll is missing)"
[ -f "$from/appsettings.json" ] || fail "$from has no appsettings.json"

# The dotnet host in ExecStart must exist where the service runs; /usr/bin/dotnet is the usual link.
if [ -z "$dotnet" ]; then
  if [ -x /usr/bin/dotnet ]; then dotnet=/usr/bin/dotnet
  elif command -v dotnet >/dev/null; then dotnet=$(readlink -f "$(command -v dotnet)")
  else fail "no dotnet found: install the .NET 10 runtime, or pass --dotnet PATH"
  fi
fi

echo "Installing $app into ${root:-/}"

# 1. The service account: a system user with no shell and no home of its own.
if [ -z "$root" ] && ! getent passwd "$app" >/dev/null; then
  useradd --system --user-group --home-dir "/var/lib/$app" --no-create-home --shell /usr/sbin/nologin "$app"
  changed "created user $app"
fi

# 2. The program, owned by root and not writable by the service: copy what differs, drop what
#    a newer version no longer ships.
ensure_dir() { # path mode
  if [ ! -d "$1" ]; then install -d -m "$2" "$1"; changed "created $1"; fi
  if [ "$(stat -c %a "$1")" != "$2" ]; then chmod "$2" "$1"; changed "chmod $2 $1"; fi
}
ensure_dir "$opt" 755
while IFS= read -r -d '' file; do
  mode=644
  [ -x "$from/$file" ] && mode=755
  target=$opt/$file
  if ! cmp -s "$from/$file" "$target"; then
    install -D -m "$mode" "$from/$file" "$target"
    changed "installed $target"
  elif [ "$(stat -c %a "$target")" != "$mode" ]; then
    chmod "$mode" "$target"
    changed "chmod $mode $target"
  fi
done < <(cd "$from" && find . -type f -printf '%P\0' | sort -z)
while IFS= read -r -d '' file; do
  if [ ! -e "$from/$file" ]; then rm -f "$opt/$file"; changed "removed $opt/$file"; fi
done < <(cd "$opt" && find . -type f -printf '%P\0' | sort -z)

# 3. Configuration and secrets: created once, then the administrator's. Readable by the service's
#    group only; the files stay root's so the service cannot change its own configuration.
own() { [ -n "$root" ] || chgrp "$app" "$1"; }
ensure_dir "$etc" 750
own "$etc"
if [ ! -e "$etc/appsettings.json" ]; then
  # The rolling log file goes where the unit lets the service write (LogsDirectory=): the shipped
  # path is relative to the working folder, /opt/registry-ingest, which the service cannot write,
  # and the file sink drops what it cannot write without a word.
  (umask 027 && sed 's#"logs/registry-ingest-\.log"#"/var/log/registry-ingest/registry-ingest-.log"#' \
    "$from/appsettings.json" > "$etc/appsettings.json")
  grep -q '"/var/log/registry-ingest/registry-ingest-\.log"' "$etc/appsettings.json" \
    || echo "  note: $etc/appsettings.json names no logs/registry-ingest-.log file; point Serilog's File path into /var/log/registry-ingest yourself"
  chmod 640 "$etc/appsettings.json"
  own "$etc/appsettings.json"
  changed "created $etc/appsettings.json (edit it; logs go to /var/log/registry-ingest)"
fi
if [ ! -e "$etc/$app.env" ]; then
  (umask 027 && cat > "$etc/$app.env" <<'ENV'
# Secrets for registry-ingest, read by systemd (EnvironmentFile=) and passed to the worker as
# environment variables. Mode 0640 root:registry-ingest. One NAME=value a line; values are taken as
# they are (no quotes needed). Any appsettings.json key can be set here as Section__Key.
#
# The worker's database role (data access only):
#ConnectionStrings__Registry=Host=db.example.org;Port=5432;Database=registry;Username=registry_app;Password=change-me
# The schema owner, used only by `registry-ingest migrate`:
#ConnectionStrings__RegistryOwner=Host=db.example.org;Port=5432;Database=registry;Username=registry_owner;Password=change-me
# The SFTP password or private-key passphrase: the key names are in the README (Configuration).
ENV
  )
  chmod 640 "$etc/$app.env"
  own "$etc/$app.env"
  changed "created $etc/$app.env (put the secrets there)"
fi

# 4. The unit, with ExecStart's dotnet where this machine has it. Ours: replaced when it differs.
rendered=$(sed "s#^ExecStart=/usr/bin/dotnet #ExecStart=$dotnet #" "$here/$app.service")
unit_changed=0
if [ "$(cat "$unit" 2>/dev/null)" != "$rendered" ]; then
  install -d -m 755 "$(dirname "$unit")"
  printf '%s\n' "$rendered" > "$unit"
  chmod 644 "$unit"
  unit_changed=1
  changed "installed $unit"
fi

# 5. Enable it (not start: the configuration needs filling in first).
if [ -n "$root" ]; then
  echo "  (--root: skipped useradd, chown and systemctl)"
elif [ -d /run/systemd/system ]; then
  [ "$unit_changed" = 0 ] || systemctl daemon-reload
  if ! systemctl is-enabled --quiet "$app.service"; then
    systemctl enable --quiet "$app.service"
    changed "enabled $app.service"
  fi
else
  echo "  systemd is not running here: run 'systemctl enable $app' on the machine that boots with it"
fi

[ "$changes" -gt 0 ] || echo "  Nothing changed: already installed."

cat <<NEXT

Next steps:
  1. Edit /etc/$app/appsettings.json, and put the secrets in /etc/$app/$app.env.
  2. Check the configuration and create or upgrade the schema as the service will see them:
     systemd reads the secrets file (a shell would cut its values at ';') and runs the command as
     the service's user, so files that user cannot read show up here, not at the first poll:
       systemd-run --quiet --pipe --wait --collect -p User=$app -p EnvironmentFile=/etc/$app/$app.env \
         $dotnet /opt/$app/$app.dll check --config /etc/$app/appsettings.json
       systemd-run --quiet --pipe --wait --collect -p User=$app -p EnvironmentFile=/etc/$app/$app.env \
         $dotnet /opt/$app/$app.dll migrate --config /etc/$app/appsettings.json
  3. systemctl start $app     (after an upgrade: systemctl restart $app)
     systemctl status $app; journalctl -u $app -f
NEXT
