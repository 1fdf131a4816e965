#!/usr/bin/env bash
# The worker end to end over SFTP: a private PostgreSQL and a private sshd (deploy/*/…-private.sh)
# on loopback, the real worker (`run`, polling every second, StableFor 1 s) under GNU time.
#  1. One large file (default 50,000 messages, ≈67 MB) uploaded over SFTP (sftp(1), under a hidden
#     temporary name, then renamed: the moment of the rename is "end of upload"). Measured: end of
#     upload → ACK in place in the folder, printed with and without the stable window, and the
#     worker's peak RSS.
#  2. 200 small files (50 messages each, distinct) renamed into the folder at once, so one poll
#     takes them all. Measured: files/s from the worker's log (first "Took" to the poll's summary)
#     and wall time from the renames to the 200th original moved.
# Usage: [WARM=1] bench-worker.sh [MESSAGES] [SMALL_FILES]  (defaults 50000 200)
# WARM=1 first sends 5 small files, so the large file meets a worker whose code is already
# compiled, as a service that has been running would; without it the large file is the
# worker's first.
set -euo pipefail
cd "$(dirname "$0")/../.."
messages=${1:-50000}
small=${2:-200}
stable=1

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
chmod 755 "$work"
worker_pid=
cleanup() {
  [ -z "$worker_pid" ] || kill "$worker_pid" 2>/dev/null || true
  deploy/sshd/sshd-private.sh stop "$work/sshd" >/dev/null 2>&1 || true
  deploy/postgres/pg-private.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

deploy/postgres/pg-private.sh start "$work/pg" >/dev/null
# shellcheck disable=SC1091
. "$work/pg/env"
deploy/sshd/sshd-private.sh start "$work/sshd" >/dev/null
# shellcheck disable=SC1091
. "$work/sshd/env"
drop=$REGISTRY_SFTP_ROOT

# The program as deployed (deploy/publish.sh: self-contained, composite ReadyToRun, as install.sh installs it).
deploy/publish.sh "$work/app" >/dev/null
dotnet build tests/Registry.Ingest.Benchmarks -c Release --nologo -v quiet >/dev/null
app=$work/app/registry-ingest.dll
bench=tests/Registry.Ingest.Benchmarks/bin/Release/net10.0/Registry.Ingest.Benchmarks.dll
ConnectionStrings__RegistryOwner="$REGISTRY_PG_OWNER_CONNECTION" dotnet "$app" migrate >/dev/null

export ConnectionStrings__Registry="$REGISTRY_PG_APP_CONNECTION"
export DropFolder__Kind=Sftp DropFolder__Path="$drop"
export DropFolder__Sftp__Host="$REGISTRY_SFTP_HOST" DropFolder__Sftp__Port="$REGISTRY_SFTP_PORT"
export DropFolder__Sftp__UserName="$REGISTRY_SFTP_USER" DropFolder__Sftp__PrivateKeyPath="$REGISTRY_SFTP_KEY"
export DropFolder__Sftp__HostKeySha256="$REGISTRY_SFTP_FINGERPRINT"
export Polling__Interval=00:00:01 Polling__StableFor=00:00:0$stable Polling__MaxFilesPerPoll=1000
export Worker__WorkDirectory="$work/worker"
export Serilog__WriteTo__File__Args__path="$work/logs/worker.log" Serilog__WriteTo__File__Args__rollingInterval=Infinite

sftp_batch() {
  sftp -q -b "$1" -i "$REGISTRY_SFTP_KEY" -P "$REGISTRY_SFTP_PORT" -o UserKnownHostsFile="$REGISTRY_SFTP_KNOWN_HOSTS" \
    -o StrictHostKeyChecking=yes -o BatchMode=yes "$REGISTRY_SFTP_USER@$REGISTRY_SFTP_HOST" >/dev/null
}

# Inputs first, so that generating them does not compete with the worker.
big=HL7_BENCH_20240131.txt
dotnet "$bench" generate "$messages" "$work/$big"
mkdir -p "$work/small"
dotnet "$bench" generate $((small * 50)) "$work/all-small.txt" >/dev/null
# Other patients and vaccinations than the large file's: every small file adds new records (the
# same content again would be skipped as unchanged, and would flatter the figure).
sed -i 's/|PA\([0-9]*\)^^^DCS0067/|PS\1^^^DCS0067/g; s/DCS0067-IMM-/DCS0067-SML-/g' "$work/all-small.txt"
# Split into files of 50 messages each, with their own batch header and trailer.
python3 - "$work/all-small.txt" "$work/small" "$small" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read().split(b'\r')
head = [s for s in data[:2]]
messages, current = [], None
for seg in data[2:]:
    if seg.startswith(b'MSH|'):
        current = [seg]; messages.append(current)
    elif seg.startswith((b'BTS|', b'FTS|')) or not seg:
        current = None
    elif current is not None:
        current.append(seg)
for i in range(int(sys.argv[3])):
    chunk = messages[i * 50:(i + 1) * 50]
    body = [seg for m in chunk for seg in m]
    name = f"{sys.argv[2]}/HL7_SMALL{i:03d}_20240131.txt"
    open(name, 'wb').write(b'\r'.join(head + body + [b'BTS|50', b'FTS|1']) + b'\r')
PY

/usr/bin/time -v -o "$work/time.txt" dotnet "$app" run >"$work/worker.out" 2>&1 &
time_pid=$!
for _ in $(seq 100); do worker_pid=$(pgrep -P "$time_pid" || true); [ -n "$worker_pid" ] && break; sleep 0.05; done
sleep 2   # started and polling

if [ -n "${WARM:-}" ]; then
  # A service that has been running: its code is compiled (JIT) before the large file arrives.
  echo "== 0. Warm-up: 5 small files through the worker first"
  mkdir -p "$work/warm"
  # Other patients than the small files of part 2, which would otherwise be unchanged resends.
  for i in 0 1 2 3 4; do sed 's/|PS\([0-9]*\)^^^DCS0067/|PW\1^^^DCS0067/g; s/DCS0067-SML-/DCS0067-WRM-/g' "$work/small/HL7_SMALL00${i}_20240131.txt" > "$work/warm/HL7_WARM00${i}_20240131.txt"; done
  { for f in "$work"/warm/*.txt; do printf 'put "%s" "%s"\n' "$f" "$drop/$(basename "$f")"; done; } > "$work/up-warm.sftp"
  sftp_batch "$work/up-warm.sftp"
  until [ "$(find "$drop/processed" -name 'HL7_WARM*' 2>/dev/null | wc -l)" -ge 5 ]; do sleep 0.1; done
fi

echo "== 1. One file of $messages messages ($(du -m "$work/$big" | cut -f1) MB) over SFTP"
printf 'put "%s" "%s"\n' "$work/$big" "$drop/.$big.upload.tmp" > "$work/up.sftp"
printf 'rename "%s" "%s"\n' "$drop/.$big.upload.tmp" "$drop/$big" > "$work/rename.sftp"
t0=$(now); sftp_batch "$work/up.sftp"; t1=$(now)
sftp_batch "$work/rename.sftp"; uploaded=$(now)
echo "upload: $(elapsed "$t0" "$t1") s"
ack="$drop/${big%.txt}.ack.txt"
until [ -f "$ack" ]; do
  sleep 0.05   # the resolution of the figure; a tighter loop takes CPU from the worker
  kill -0 "$worker_pid" 2>/dev/null || { cat "$work/worker.out"; echo "worker died" >&2; exit 1; }
done
acked=$(now)
total=$(elapsed "$uploaded" "$acked")
echo "end of upload -> ACK in place: $total s; minus the ${stable} s stable window: $(python3 -c "print(f'{$total - $stable:.2f}')") s (bar: 5 s; includes up to 1 s waiting for the next poll)"
until [ -f "$drop/processed/$big" ]; do sleep 0.05; done
# The worker's own account of the file (seen, taken, stored with the pipeline's split, written back).
grep -F "$big" "$work/logs/worker.log" | cut -c1-330 | sed 's/^/  log: /'

echo "== 2. $small files of 50 messages each, in one poll"
{ for f in "$work"/small/*.txt; do printf 'put "%s" "%s"\n' "$f" "$drop/.$(basename "$f").tmp"; done; } > "$work/up-small.sftp"
{ for f in "$work"/small/*.txt; do n=$(basename "$f"); printf 'rename "%s" "%s"\n' "$drop/.$n.tmp" "$drop/$n"; done; } > "$work/rename-small.sftp"
sftp_batch "$work/up-small.sftp"
lines_before=$(wc -l < "$work/logs/worker.log")
sftp_batch "$work/rename-small.sftp"; renamed=$(now)
until [ "$(find "$drop/processed" -name 'HL7_SMALL*' | wc -l)" -ge "$small" ]; do
  sleep 0.05
  kill -0 "$worker_pid" 2>/dev/null || { cat "$work/worker.out"; echo "worker died" >&2; exit 1; }
done
done_at=$(now)
echo "wall, renames -> ${small}th original moved: $(elapsed "$renamed" "$done_at") s (includes the ${stable} s stable window and poll waits)"
tail -n +"$((lines_before + 1))" "$work/logs/worker.log" | python3 -c "
import sys, re, datetime
first = last = None; polls = set(); done = 0
for line in sys.stdin:
    m = re.match(r'(\S+ \S+) \S+ ', line)
    if not m: continue
    t = datetime.datetime.strptime(m.group(1), '%Y-%m-%d %H:%M:%S.%f')
    if ' Took HL7_SMALL' in line and first is None: first = t
    p = re.search(r'Poll of .*: (\d+) file\(s\) done', line)
    if p and first is not None:
        last = t; done += int(p.group(1)); polls.add(t)
secs = (last - first).total_seconds()
print(f'in the worker: {done} files in {secs:.2f} s over {len(polls)} poll(s) = {done / secs:.1f} files/s (bar: 20 files/s)')
"

kill -TERM "$worker_pid"
wait "$time_pid" || true
worker_pid=
echo "worker peak RSS (GNU time, whole run): $(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2 / 1024}' "$work/time.txt") (bar: 250 MB)"
[ -z "${KEEP_LOG:-}" ] || cp "$work/logs/worker.log" "$KEEP_LOG"   # KEEP_LOG=path keeps the worker log
# grep -c prints 0 and exits 1 when there is none: under pipefail a clean run ended with exit 1.
echo "errors in the worker log: $(grep -c '\[ERR\]' "$work/logs/worker.log" || true)"
