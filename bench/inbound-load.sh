#!/usr/bin/env bash
# Inbound load run for HTTP mode with persist-before-ack.
# Replays distinct, pre-signed Events API deliveries with wrk over loopback, then checks that every
# acknowledged event is stored in the inbox exactly once.
#   bench/inbound-load.sh [seconds=15] [connections=64] [requests=600000] [channel_created|message]
# channel_created: an event type nothing handles (stored, nothing to run). message: a message in a channel that is
# not listened to, so the bot's message handlers run for each (the emulator answers auth.test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
connections=${2:-64}
count=${3:-600000}
kind=${4:-channel_created}
threads=2
secret="load-test-signing-secret"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
dotnet build -c Release -v q bench/SlackFeedbackBot.Benchmarks | grep -E "error|Warn" || true

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
emu_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
dotnet src/SlackFeedbackBot.SlackEmulator/bin/Release/net10.0/SlackFeedbackBot.SlackEmulator.dll --port "$emu_port" >"$work/emulator.log" 2>&1 &
emulator=$!
for _ in $(seq 1 100); do grep -q "Bot token" "$work/emulator.log" && break; sleep 0.2; done
bot_token=$(sed -n 's/^ *Bot token: *\([^ ]*\).*/\1/p' "$work/emulator.log")
dotnet bench/SlackFeedbackBot.Benchmarks/bin/Release/net10.0/SlackFeedbackBot.Benchmarks.dll inbound-requests "$secret" "$work/requests.txt" "$count" T0EMU00001 "$kind"

env ${BOT_ENV:-} dotnet src/SlackFeedbackBot/bin/Release/net10.0/SlackFeedbackBot.dll run \
  --urls "http://127.0.0.1:$port" \
  --Slack:Mode=Http --Slack:SigningSecret="$secret" --Slack:BotToken="$bot_token" \
  --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" \
  --Storage:DatabasePath="$work/load.db" \
  --Logging:LogLevel:Default=Warning >"$work/bot.log" 2>&1 &
bot=$!
trap 'kill -9 $emulator 2>/dev/null || true; kill $bot 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.2
done

echo "wrk: $threads threads, $connections connections, ${seconds}s, up to $count distinct events"
REQUESTS="$work/requests.txt" THREADS=$threads wrk -t$threads -c"$connections" -d"${seconds}s" --latency \
  -s bench/inbound-load.lua "http://127.0.0.1:$port" | tee "$work/wrk.txt" || true

acked=$(sed -n 's/^acked_2xx=\([0-9]*\).*/\1/p' "$work/wrk.txt")
if ! kill -TERM $bot 2>/dev/null; then
  echo "the bot process was no longer running; its log:"; tail -n 20 "$work/bot.log"
fi
wait $bot 2>/dev/null || true
python3 - "$work/load.db" "$acked" <<'PY'
import sqlite3, sys
db, acked = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
rows, keys = c.execute("select count(*), count(distinct dedupe_key) from slack_inbox").fetchone()
pending, parked = c.execute("select sum(status = 0), sum(status = 2) from slack_inbox").fetchone()
print(f"acknowledged={acked} stored_rows={rows} distinct_events={keys} not_yet_handled={pending} parked={parked}")
print("every acknowledged event stored exactly once" if rows == keys and rows >= acked else "MISMATCH")
PY
