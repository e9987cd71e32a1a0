#!/usr/bin/env bash
# Side-by-side inbound load run: the bot (HTTP mode, persist-before-ack, message handlers running) against a
# minimal Bolt for JavaScript app (bench/bolt: acks, then stores each message in SQLite), in one run, alternating
# bot, Bolt, bot, Bolt... under the same wrk settings and the same pre-signed `message` deliveries as
# bench/inbound-load.sh. Prints req/s, p50, p99 and p99.9 per round, the medians, and the bot's resident memory
# (VmRSS) idle after start and idle after the load.
#   bench/compare-bolt.sh [rounds=3] [seconds=10] [connections=32] [requests-per-round=250000]
# Environment:
#   BOT_ENV="DOTNET_X=1 ..."  extra environment for the bot.
#   TRY_ENV="DOTNET_X=1 ..."  also runs a second bot, "try", with this environment on top of BOT_ENV, in the same
#                            rounds (bot, try, Bolt, bot, try, Bolt...): a setting measured against the build as is.
#   TRY_DLL=path              the second bot runs this SlackFeedbackBot.dll (e.g. a copy of an earlier build's output)
#                            instead of the one just built: a code change measured against what it replaces.
#   WARMUP=seconds            unrecorded load on each before the first round (default 3).
#   COUNTERS=1                records the bot's runtime and inbox counters with dotnet-counters (installed into
#                            bench/.tools on first use) and prints what they say about the tail. The counters cost
#                            the bot throughput and memory: compare figures from runs without them.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-10}
connections=${3:-32}
per_round=${4:-250000}
warmup=${WARMUP:-3}
threads=2
secret="load-test-signing-secret"
settle=5

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release -v q bench/SlackFeedbackBot.Benchmarks | grep -E " error |warning" || true
# npm ci starts node_modules over (and compiles better-sqlite3 where no prebuilt binary can be fetched): only when
# the lock file changed since the last successful install.
lock_sum=$(sha256sum bench/bolt/package-lock.json | cut -d' ' -f1)
if [ "$(cat bench/bolt/node_modules/.ci-lock-sha256 2>/dev/null)" != "$lock_sum" ]; then
  npm ci --prefix bench/bolt --no-audit --no-fund >/dev/null
  echo "$lock_sum" > bench/bolt/node_modules/.ci-lock-sha256
fi
counters_tool=bench/.tools/dotnet-counters
if [ "${COUNTERS:-0}" = 1 ] && [ ! -x "$counters_tool" ]; then
  dotnet tool install --tool-path bench/.tools dotnet-counters --version 10.0.750501 >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

work=$(mktemp -d)
declare -A pid port
emulator="" counters=""
cleanup() {
  for p in $counters ${pid[bolt]:-} $emulator; do kill -9 $p 2>/dev/null || true; done
  for side in bot try; do [ -n "${pid[$side]:-}" ] && kill ${pid[$side]} 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

emu_port=$(free_port)
dotnet src/SlackFeedbackBot.SlackEmulator/bin/Release/net10.0/SlackFeedbackBot.SlackEmulator.dll --port "$emu_port" >"$work/emulator.log" 2>&1 &
emulator=$!
for _ in $(seq 1 100); do grep -q "Bot token" "$work/emulator.log" && break; sleep 0.2; done
bot_token=$(sed -n 's/^ *Bot token: *\([^ ]*\).*/\1/p' "$work/emulator.log")

start_bot() { # side dll extra-env
  port[$1]=$(free_port)
  env ${BOT_ENV:-} $3 dotnet "$2" run \
    --urls "http://127.0.0.1:${port[$1]}" \
    --Slack:Mode=Http --Slack:SigningSecret="$secret" --Slack:BotToken="$bot_token" \
    --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" \
    --Storage:DatabasePath="$work/$1.db" \
    --Logging:LogLevel:Default=Warning >"$work/$1.log" 2>&1 &
  pid[$1]=$!
}
sides="bot"
built=src/SlackFeedbackBot/bin/Release/net10.0/SlackFeedbackBot.dll
start_bot bot $built ""
if [ -n "${TRY_ENV:-}${TRY_DLL:-}" ]; then
  sides="bot try"
  start_bot try "${TRY_DLL:-$built}" "${TRY_ENV:-}"
fi
port[bolt]=$(free_port)
BOLT_PORT=${port[bolt]} BOLT_SIGNING_SECRET=$secret BOLT_DB="$work/bolt.db" node bench/bolt/app.js >"$work/bolt.log" 2>&1 &
pid[bolt]=$!
for side in $sides; do
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:${port[$side]}/healthz" && break; sleep 0.2; done
done
for _ in $(seq 1 150); do grep -q "bolt listening" "$work/bolt.log" && break; sleep 0.2; done
sides="$sides bolt"
sleep $settle
declare -A rss_start rss_after
for side in $sides; do rss_start[$side]=$(rss_mb ${pid[$side]}); done
[ -n "${TRY_ENV:-}${TRY_DLL:-}" ] && echo "try: ${TRY_DLL:-$built} with BOT_ENV ${BOT_ENV:-} + ${TRY_ENV:-}"

if [ "${COUNTERS:-0}" = 1 ]; then
  "$counters_tool" collect -p ${pid[bot]} --format csv -o "$work/counters.csv" --refresh-interval 1 \
    --counters System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft-AspNetCore-Server-Kestrel,SlackFeedbackBot.Slack.Inbox \
    >"$work/counters.log" 2>&1 &
  counters=$!
  sleep 2
fi

next=0
requests() { # file count: distinct deliveries, numbered on from the last file so a bot sees no repeats
  dotnet bench/SlackFeedbackBot.Benchmarks/bin/Release/net10.0/SlackFeedbackBot.Benchmarks.dll \
    inbound-requests "$secret" "$1" "$2" T0EMU00001 message "$next"
  next=$((next + $2))
}
load() { # name port seconds file -> one line: name rps p50 p99 p99.9 max acked non2xx
  local out="$work/wrk-$1.txt"
  REQUESTS="$4" THREADS=$threads wrk -t$threads -c"$connections" -d"${3}s" --latency -s bench/inbound-load.lua \
    "http://127.0.0.1:$2" >"$out" 2>&1 || true
  python3 - "$1" "$out" <<'PY'
import re, sys
text = open(sys.argv[2]).read()
def num(pattern):
    m = re.search(pattern, text)
    return float(m.group(1)) if m else float("nan")
print(sys.argv[1], f"{num(r'rps=([0-9.]+)'):.0f}", num(r'p50=([0-9.]+)ms'), num(r'p99=([0-9.]+)ms'),
      num(r'p99\.9=([0-9.]+)ms'), num(r'max=([0-9.]+)ms'), int(num(r'acked_2xx=([0-9]+)')), int(num(r'errors=([0-9]+)')))
PY
}

results="$work/results.txt"
: >"$results"
if [ "$warmup" -gt 0 ]; then
  requests "$work/warmup.txt" $((per_round / 4))
  for side in $sides; do
    echo "0 $(load $side ${port[$side]} "$warmup" "$work/warmup.txt")" >>"$work/warmup-results.txt"
  done
fi

echo "wrk: $threads threads, $connections connections, ${seconds}s per round, $rounds rounds each, alternating: $sides"
printf "%-7s %-5s %9s %8s %8s %8s %8s %8s\n" round app "req/s" "p50 ms" "p99 ms" "p99.9 ms" "max ms" non2xx
for r in $(seq 1 "$rounds"); do
  # Fresh signatures each round: Slack's (and Bolt's) five-minute window.
  requests "$work/round.txt" "$per_round"
  for side in $sides; do
    line=$(load $side ${port[$side]} "$seconds" "$work/round.txt")
    echo "$r $line" >>"$results"
    read -r name rps p50 p99 p999 max acked errs <<<"$line"
    printf "%-7s %-5s %9s %8s %8s %8s %8s %8s\n" "$r" "$name" "$rps" "$p50" "$p99" "$p999" "$max" "$errs"
  done
done

sleep $((2 * settle))
for side in $sides; do rss_after[$side]=$(rss_mb ${pid[$side]}); done

python3 - "$results" "${rss_start[bot]}/${rss_after[bot]}" "${rss_start[try]:-}/${rss_after[try]:-}" "${rss_start[bolt]}/${rss_after[bolt]}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
rss = dict(zip(("bot", "try", "bolt"), sys.argv[2:5]))
def med(side, col):
    return statistics.median(float(r[col]) for r in rows if r[1] == side)
print("median    req/s    p50 ms   p99 ms   p99.9 ms   VmRSS MB idle after start / after the load")
sides = [s for s in ("bot", "try", "bolt") if any(r[1] == s for r in rows)]
for side in sides:
    start, after = rss[side].split("/")
    print(f"{side:<7} {med(side, 2):8.0f} {med(side, 3):8.2f} {med(side, 4):8.2f} {med(side, 5):8.2f}     {start} / {after}")
for side in sides[:-1]:
    print(f"{side}/Bolt req/s (medians): {med(side, 2) / med('bolt', 2):.1f}x")
PY

for side in $sides; do
  [ $side = bolt ] && continue
  acked=$(awk -v s=$side '$2 == s { n += $8 } END { print n + 0 }' "$results" "$work/warmup-results.txt" 2>/dev/null)
  if ! kill -TERM ${pid[$side]} 2>/dev/null; then
    echo "$side: the process was no longer running; its log:"; tail -n 20 "$work/$side.log"
  fi
  wait ${pid[$side]} 2>/dev/null || true
  pid[$side]=""
  python3 - "$side" "$work/$side.db" "$acked" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[2])
rows, keys, pending = c.execute("select count(*), count(distinct dedupe_key), sum(status = 0) from slack_inbox").fetchone()
ok = rows == keys and rows >= int(sys.argv[3])
print(f"{sys.argv[1]}: acknowledged={sys.argv[3]} stored={rows} distinct={keys} not_yet_handled={pending}: "
      + ("every acknowledged event stored exactly once" if ok else "MISMATCH"))
PY
done
(bolt_rows=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from messages").fetchone()[0])' "$work/bolt.db")
 echo "bolt: stored=$bolt_rows (it acks before it stores)")
# dotnet-counters writes its file out when the process it watches exits.
if [ -n "$counters" ]; then
  for _ in $(seq 1 50); do kill -0 $counters 2>/dev/null || break; sleep 0.2; done
  counters=""
  cp "$work/counters.csv" bench/.tools/last-counters.csv
  python3 bench/counters-summary.py bench/.tools/last-counters.csv
fi
exit 0
