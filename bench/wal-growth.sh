#!/usr/bin/env bash
# Write-ahead log size under sustained inbound load (HTTP mode, persist-before-ack).
# Sends distinct, pre-signed Events API deliveries with wrk over loopback as fast as the bot takes them, samples the
# size of the database's -wal file every second while they arrive and for a while after, and prints the largest
# size seen, the size at the end and the longest pause the inbox writer took to reset the log.
#   bench/wal-growth.sh [events=100000] [connections=64] [settle_seconds=10]
#   BOT_DLL=path runs that SlackFeedbackBot.dll (a copy of an earlier build's output) instead of the one just built;
#   KIND=message sends message events (the handlers run) instead of channel_created (stored as handled).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
connections=${2:-64}
settle=${3:-10}
threads=2
secret="load-test-signing-secret"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release -v q bench/SlackFeedbackBot.Benchmarks | grep -E "error|Warn" || true

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
emu_port=$(free_port)
dotnet src/SlackFeedbackBot.SlackEmulator/bin/Release/net10.0/SlackFeedbackBot.SlackEmulator.dll --port "$emu_port" >"$work/emulator.log" 2>&1 &
emulator=$!
sampler=
bot=
trap 'kill -9 $emulator 2>/dev/null || true; kill $bot 2>/dev/null || true; [ -n "$sampler" ] && kill $sampler 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "Bot token" "$work/emulator.log" && break; sleep 0.2; done
bot_token=$(sed -n 's/^ *Bot token: *\([^ ]*\).*/\1/p' "$work/emulator.log")
dotnet bench/SlackFeedbackBot.Benchmarks/bin/Release/net10.0/SlackFeedbackBot.Benchmarks.dll inbound-requests "$secret" "$work/requests.txt" "$count" T0EMU00001 "${KIND:-channel_created}"

dotnet "${BOT_DLL:-src/SlackFeedbackBot/bin/Release/net10.0/SlackFeedbackBot.dll}" run \
  --urls "http://127.0.0.1:$port" \
  --Slack:Mode=Http --Slack:SigningSecret="$secret" --Slack:BotToken="$bot_token" \
  --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" \
  --Storage:DatabasePath="$work/load.db" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:SlackFeedbackBot.Slack.Inbox.SqliteSlackInbox=Debug >"$work/bot.log" 2>&1 &
bot=$!
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.2
done

# One sample a second: seconds since start, bytes of the -wal file (0 while it does not exist).
( t=0; while :; do echo "$t $(stat -c %s "$work/load.db-wal" 2>/dev/null || echo 0)"; sleep 1; t=$((t + 1)); done ) >"$work/wal.txt" &
sampler=$!

echo "wrk: $threads threads, $connections connections, $count distinct events"
# wrk always runs for its whole duration, even once every thread has run out of events: interrupt it (it then prints
# its summary) once the inbox has stopped growing for two seconds.
REQUESTS="$work/requests.txt" THREADS=$threads wrk -t$threads -c"$connections" -d600s --latency \
  -s bench/inbound-load.lua "http://127.0.0.1:$port" >"$work/wrk.txt" &
wrk_pid=$!
last=-1; still=0
while kill -0 $wrk_pid 2>/dev/null; do
  sleep 1
  rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from slack_inbox").fetchone()[0])' "$work/load.db" 2>/dev/null || echo "$last")
  if [ "$rows" = "$last" ] && [ "$rows" -gt 0 ]; then still=$((still + 1)); else still=0; fi
  last=$rows
  if [ $still -ge 2 ]; then kill -INT $wrk_pid 2>/dev/null || true; fi
done
wait $wrk_pid || true
cat "$work/wrk.txt"
sent_at=$(wc -l <"$work/wal.txt")
sleep "$settle"
kill $sampler 2>/dev/null || true
sampler=
after_running=$(stat -c %s "$work/load.db-wal" 2>/dev/null || echo 0)

kill -TERM $bot 2>/dev/null || { echo "the bot process was no longer running; its log:"; tail -n 20 "$work/bot.log"; }
wait $bot 2>/dev/null || true
after_stop=$(stat -c %s "$work/load.db-wal" 2>/dev/null || echo 0)
db_size=$(stat -c %s "$work/load.db")

python3 - "$work/wal.txt" "$sent_at" "$after_running" "$after_stop" "$db_size" "$work/bot.log" "$work/load.db" <<'PY'
import re, sqlite3, sys
samples = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
sent_at, after_running, after_stop, db_size = map(int, sys.argv[2:6])
mb = lambda b: b / 1024 / 1024
during = max((b for t, b in samples if t < sent_at), default=0)
overall = max((b for _, b in samples), default=0)
pauses = [float(m.group(1)) for m in re.finditer(r"Reset the inbox WAL at \d+ bytes in ([0-9.]+) ms", open(sys.argv[6]).read())]
rows = sqlite3.connect(sys.argv[7]).execute("select count(*) from slack_inbox").fetchone()[0]
print(f"samples={len(samples)} stored_rows={rows} database={mb(db_size):.1f} MB")
print(f"wal_max_while_sending={mb(during):.1f} MB wal_max_overall={mb(overall):.1f} MB "
      f"wal_after_settle={mb(after_running):.1f} MB wal_after_stop={mb(after_stop):.1f} MB")
if pauses:
    pauses.sort()
    print(f"wal_resets={len(pauses)} reset_pause_median={pauses[len(pauses)//2]:.1f} ms reset_pause_max={pauses[-1]:.1f} ms")
    # The log reaches about the file's size when the writer resets it: what the resets started over, per stored event.
    logged = sum(int(m.group(1)) for m in re.finditer(r"Reset the inbox WAL at (\d+) bytes", open(sys.argv[6]).read()))
    print(f"log_bytes_per_event={logged / max(rows, 1):.0f} (through the resets)")
limit = 64 * 1024 * 1024
print("WAL stayed under 64 MB" if overall < limit and after_stop < limit else "WAL WENT OVER 64 MB")
PY
