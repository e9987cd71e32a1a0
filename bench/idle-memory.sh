#!/usr/bin/env bash
# Idle memory of the bot (HTTP mode against the standalone emulator, Release build): resident memory 15 s after its
# first 200 from /healthz/ready, split into anonymous, file-backed and shared (/proc/PID/status), and the GC heap's
# committed size is left to dotnet-counters. With a baseline dll, each start is followed by the baseline's, A B A B.
# FLOOR=1 also starts, in each round, the libraries the bot is built on with no bot code (bench/IdleFloor), one layer
# on the other: empty ASP.NET Core, + data (SQLite, Dapper, resilient HTTP client), + metrics (OpenTelemetry), +
# scheduler (Quartz on its SQLite store): what the stack holds before the bot adds anything.
#   bench/idle-memory.sh [rounds=3] [baseline SlackFeedbackBot.dll]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
baseline=${2:-}
built=${BOT_DLL:-src/SlackFeedbackBot/bin/Release/net10.0/SlackFeedbackBot.dll}
settle=${SETTLE:-15}
dotnet build -c Release -v q SlackFeedbackBot.sln | grep -E " error |warning" || true
floor_layers=""
if [ "${FLOOR:-0}" = 1 ]; then
  dotnet build -c Release -v q bench/IdleFloor/IdleFloor.csproj | grep -E " error |warning" || true
  floor_layers="empty data metrics scheduler"
fi
floor_dll=bench/IdleFloor/bin/Release/net10.0/IdleFloor.dll

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d)
emulator=""
cleanup() { [ -n "$emulator" ] && kill -9 $emulator 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
emu_port=$(free_port)
dotnet src/SlackFeedbackBot.SlackEmulator/bin/Release/net10.0/SlackFeedbackBot.SlackEmulator.dll --port "$emu_port" >"$work/emulator.log" 2>&1 &
emulator=$!
for _ in $(seq 1 100); do grep -q "Bot token" "$work/emulator.log" && break; sleep 0.2; done
bot_token=$(sed -n 's/^ *Bot token: *\([^ ]*\).*/\1/p' "$work/emulator.log")

measure() { # label round command... ({port} and {db} stand for the process's own)
  local label=$1 round=$2 port db pid
  shift 2
  port=$(free_port); db="$work/$label-$round.db"
  local command=("${@//\{port\}/$port}")
  "${command[@]//\{db\}/$db}" --Logging:LogLevel:Default=Warning >"$work/$label.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null 2>&1 && break; sleep 0.1; done
  sleep "$settle"
  awk -v label="$label" -v round="$round" '/^VmRSS/{r=$2} /^RssAnon/{a=$2} /^RssFile/{f=$2} /^RssShmem/{s=$2}
    END {printf "%-6s %-9s %8.1f %8.1f %8.1f %8.1f\n", round, label, r/1024, a/1024, f/1024, s/1024}' "/proc/$pid/status"
  kill $pid; wait $pid 2>/dev/null || true
}

bot() { # label dll round
  measure "$1" "$3" dotnet "$2" run --urls "http://127.0.0.1:{port}" --Slack:Mode=Http --Slack:SigningSecret=idle-memory-secret \
    --Slack:BotToken="$bot_token" --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" --Storage:DatabasePath="{db}"
}

echo "round  build        VmRSS     anon     file   shared   (MB, ${settle} s after ready)"
for round in $(seq 1 "$rounds"); do
  bot A "$built" "$round"
  [ -n "$baseline" ] && bot B "$baseline" "$round"
  for layer in $floor_layers; do
    measure "$layer" "$round" dotnet "$floor_dll" --urls "http://127.0.0.1:{port}" --Layer="$layer" --DatabasePath="{db}"
  done
done | tee "$work/rows"
for label in A B $floor_layers; do
  awk -v label=$label '$2 == label {print $3}' "$work/rows" | sort -n | awk -v label=$label '{v[NR]=$1} END {if (NR) printf "median %s VmRSS %.1f MB\n", label, v[int((NR+1)/2)]}'
done
