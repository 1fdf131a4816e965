# shellcheck shell=bash
# Sourced, not run: the command line that deploy/postgres/pg-private.sh and deploy/sshd/sshd-private.sh
# share. The sourcing script defines cmd_start, cmd_stop and cmd_status (which find the absolute
# server folder in DIR, with / as the working folder) and its install function, then calls
#   private_server_main NAME NOUN INSTALL_FUNCTION "$@"
# for: install | start DIR [ARG] | stop DIR | status DIR. Usage is lines 5-8 of the sourcing script.

private_server_usage() { sed -n '5,8p' "$0" | sed 's/^# *//' >&2; exit 64; }

private_server_main() {
  local name=$1 noun=$2 install=$3
  shift 3
  [ $# -ge 1 ] || private_server_usage
  local command=$1
  shift
  case $command in
    install) [ $# -eq 0 ] || private_server_usage; "$install" ;;
    start|stop|status)
      local max_args=1
      [ "$command" = start ] && max_args=2
      if [ $# -lt 1 ] || [ $# -gt "$max_args" ]; then private_server_usage; fi
      [ "$command" != start ] || mkdir -p "$1"
      [ -d "$1" ] || { echo "$name: no $noun in $1"; [ "$command" = status ] && exit 4; exit 0; }
      # shellcheck disable=SC2034 # DIR is read by the sourcing script's cmd_* functions.
      DIR=$(cd "$1" && pwd)   # absolute: it goes into the server's configuration and the env file
      shift
      cd /                    # the server's user may not be allowed into the caller's folder
      "cmd_$command" "$@" ;;
    *) private_server_usage ;;
  esac
}
