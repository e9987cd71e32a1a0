#!/usr/bin/env bash
# Inbound load on the two storage providers, side by side in one run: one bot on SQLite, one bot on PostgreSQL, and
# two bots sharing one PostgreSQL database, under the same wrk settings and pre-signed `message` deliveries as
# bench/compare-bolt.sh (HTTP mode, persist-before-ack, handlers running). Rounds alternate sqlite, pg1, pg2, ...
# For pg2 the load is split between the two instances: two wrk processes at once, half the connections and half the
# deliveries each, as a load balancer in front of them would; its req/s is the sum, its p99 the worse of the two.
# Afterwards it checks that every acknowledged event was stored exactly once in each database.
#   bench/postgres-load.sh [rounds=3] [seconds=10] [connections=32] [requests-per-round=150000]
# PostgreSQL: a throwaway cluster from Debian's binaries (/usr/lib/postgresql/*/bin) on a free port, with its
# defaults for durability (fsync and synchronous_commit on), so the figures compare like with like: SQLite commits
# with synchronous=NORMAL in WAL mode, which is durable against a process crash but not a power cut; PostgreSQL's
# default is durable against both. SYNC=off runs PostgreSQL with synchronous_commit=off (the same guarantee as
# SQLite's), for the second comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-10}
connections=${3:-32}
per_round=${4:-150000}
threads=2
secret="load-test-signing-secret"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$pg_bin/pg_ctl" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1); }
dotnet build -c Release -v q bench/SlackFeedbackBot.Benchmarks | grep -E " error |warning" || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d)
chmod 755 "$work"
declare -A pid port
emulator=""
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for side in "${!pid[@]}"; do kill ${pid[$side]} 2>/dev/null || true; done
  [ -n "$emulator" ] && kill -9 $emulator 2>/dev/null || true
  [ -d "$work/pg" ] && as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_port=$(free_port)
mkdir "$work/pg" && { [ "$(id -u)" = 0 ] && chown postgres "$work/pg" || true; }
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust --no-instructions -E UTF8 --locale=C.UTF-8 >/dev/null
sync_setting=""
[ "${SYNC:-on}" = off ] && sync_setting="-c synchronous_commit=off"
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB $sync_setting" start >/dev/null
psql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qtA "$@"; }
psql -d postgres -c "CREATE DATABASE pg1" -c "CREATE DATABASE pg2"
pg_cs() { echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$1"; }

emu_port=$(free_port)
dotnet src/SlackFeedbackBot.SlackEmulator/bin/Release/net10.0/SlackFeedbackBot.SlackEmulator.dll --port "$emu_port" >"$work/emulator.log" 2>&1 &
emulator=$!
for _ in $(seq 1 100); do grep -q "Bot token" "$work/emulator.log" && break; sleep 0.2; done
bot_token=$(sed -n 's/^ *Bot token: *\([^ ]*\).*/\1/p' "$work/emulator.log")

start_bot() { # name storage-arguments...
  local name=$1; shift
  port[$name]=$(free_port)
  dotnet src/SlackFeedbackBot/bin/Release/net10.0/SlackFeedbackBot.dll run \
    --urls "http://127.0.0.1:${port[$name]}" \
    --Slack:Mode=Http --Slack:SigningSecret="$secret" --Slack:BotToken="$bot_token" \
    --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" --Slack:InstanceId="$name" \
    "$@" --Logging:LogLevel:Default=Warning >"$work/$name.log" 2>&1 &
  pid[$name]=$!
  for _ in $(seq 1 300); do
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$name]}/healthz/ready" 2>/dev/null | grep -q 200 && return 0
    kill -0 ${pid[$name]} 2>/dev/null || { echo "$name did not start:"; tail -n 5 "$work/$name.log"; exit 1; }
    sleep 0.2
  done
}
start_bot sqlite --Storage:Provider=Sqlite --Storage:DatabasePath="$work/sqlite.db"
start_bot pg1 --Storage:Provider=Postgres --Storage:ConnectionString="$(pg_cs pg1)"
start_bot pg2a --Storage:Provider=Postgres --Storage:ConnectionString="$(pg_cs pg2)"
start_bot pg2b --Storage:Provider=Postgres --Storage:ConnectionString="$(pg_cs pg2)"

next=0
requests() { # file count: distinct deliveries, numbered on from the last file so no bot sees a repeat
  dotnet bench/SlackFeedbackBot.Benchmarks/bin/Release/net10.0/SlackFeedbackBot.Benchmarks.dll \
    inbound-requests "$secret" "$1" "$2" T0EMU00001 message "$next"
  next=$((next + $2))
}
wrk_run() { # out port connections file
  REQUESTS="$4" THREADS=$threads wrk -t$threads -c"$3" -d"${seconds}s" --latency -s bench/inbound-load.lua \
    "http://127.0.0.1:$2" >"$1" 2>&1 || true
}
summary() { # name wrk-output... -> name rps p50 p99 p99.9 acked non2xx (rps and counts summed, latencies the worst)
  python3 - "$@" <<'PY'
import re, sys
name, files = sys.argv[1], sys.argv[2:]
def num(text, pattern):
    m = re.search(pattern, text)
    return float(m.group(1)) if m else float("nan")
texts = [open(f).read() for f in files]
rps = sum(num(t, r'rps=([0-9.]+)') for t in texts)
worst = lambda p: max(num(t, p) for t in texts)
acked = sum(int(num(t, r'acked_2xx=([0-9]+)')) for t in texts)
errors = sum(int(num(t, r'errors=([0-9]+)')) for t in texts)
print(name, f"{rps:.0f}", worst(r'p50=([0-9.]+)ms'), worst(r'p99=([0-9.]+)ms'), worst(r'p99\.9=([0-9.]+)ms'), acked, errors)
PY
}

results="$work/results.txt"
: >"$results"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), synchronous_commit=${SYNC:-on}; wrk: $threads threads, $connections connections, ${seconds}s per round, $rounds rounds"
printf "%-6s %-7s %9s %8s %8s %9s %8s\n" round setup "req/s" "p50 ms" "p99 ms" "p99.9 ms" non2xx
for r in $(seq 1 "$rounds"); do
  requests "$work/round.txt" "$per_round"
  awk 'NR % 2 == 1' "$work/round.txt" >"$work/half-a.txt"
  awk 'NR % 2 == 0' "$work/round.txt" >"$work/half-b.txt"
  for setup in sqlite pg1 pg2; do
    if [ $setup = pg2 ]; then
      wrk_run "$work/wrk-a.txt" ${port[pg2a]} $((connections / 2)) "$work/half-a.txt" &
      first=$!
      wrk_run "$work/wrk-b.txt" ${port[pg2b]} $((connections / 2)) "$work/half-b.txt" &
      second=$!
      wait $first $second
      line=$(summary pg2 "$work/wrk-a.txt" "$work/wrk-b.txt")
    else
      wrk_run "$work/wrk.txt" ${port[$setup]} "$connections" "$work/round.txt"
      line=$(summary $setup "$work/wrk.txt")
    fi
    echo "$r $line" >>"$results"
    read -r name rps p50 p99 p999 acked errs <<<"$line"
    printf "%-6s %-7s %9s %8s %8s %9s %8s\n" "$r" "$name" "$rps" "$p50" "$p99" "$p999" "$errs"
  done
done

python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
med = lambda side, col: statistics.median(float(r[col]) for r in rows if r[1] == side)
print("median   req/s   p50 ms   p99 ms   p99.9 ms")
for side in ("sqlite", "pg1", "pg2"):
    print(f"{side:<7} {med(side, 2):7.0f} {med(side, 3):8.2f} {med(side, 4):8.2f} {med(side, 5):10.2f}")
print(f"pg1/sqlite req/s: {med('pg1', 2) / med('sqlite', 2):.2f}x   pg2/pg1: {med('pg2', 2) / med('pg1', 2):.2f}x")
PY

acked_of() { awk -v s=$1 '$2 == s { n += $7 } END { print n + 0 }' "$results"; }
for name in "${!pid[@]}"; do kill -TERM ${pid[$name]} 2>/dev/null || echo "$name was no longer running"; done
for name in "${!pid[@]}"; do wait ${pid[$name]} 2>/dev/null || true; done
pid=()
check() { # name acked rows distinct
  if [ "$3" = "$4" ] && [ "$3" -ge "$2" ]; then verdict="every acknowledged event stored exactly once"; else verdict=MISMATCH; fi
  echo "$1: acknowledged=$2 stored=$3 distinct=$4: $verdict"
}
read -r rows keys <<<"$(python3 -c 'import sqlite3,sys; print(*sqlite3.connect(sys.argv[1]).execute("select count(*), count(distinct dedupe_key) from slack_inbox").fetchone())' "$work/sqlite.db")"
check sqlite "$(acked_of sqlite)" "$rows" "$keys"
for db in pg1 pg2; do
  IFS='|' read -r rows keys <<<"$(psql -d $db -c "select count(*), count(distinct dedupe_key) from slack_inbox")"
  check $db "$(acked_of $db)" "$rows" "$keys"
done
exit 0
