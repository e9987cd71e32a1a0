#!/usr/bin/env bash
# Start-up time of the published bot: from starting the process to the first 200 from /healthz/ready, in Socket Mode
# against the standalone Slack emulator (its own process, started once). Each round starts the bot on a new database
# (the first start creates and migrates it, Quartz's tables included) and then once more on the same file.
#   bench/startup.sh [rounds=5] [publish_dir]
# PRIORITY=-20 (as root) runs the bot and the emulator at that nice level, so that other work on a shared machine
# takes less of the figure; the CPU time the bot used until ready is printed either way.
# Without publish_dir it publishes as the Dockerfile does (Release, linux-x64, framework-dependent) to bench/.publish.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
publish=${2:-}
if [ -z "$publish" ]; then
  publish=bench/.publish
  dotnet publish src/SlackFeedbackBot/SlackFeedbackBot.csproj -c Release -r linux-x64 --self-contained false -o "$publish" -v q | grep -E "error|warn" || true
fi
publish=$(cd "$publish" && pwd)

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
emu_port=$(free_port)
nice_cmd=(nice -n "${PRIORITY:-0}")
"${nice_cmd[@]}" dotnet "$publish/SlackFeedbackBot.SlackEmulator.dll" --port "$emu_port" >"$work/emulator.log" 2>&1 &
emulator=$!
bot=
trap 'kill $emulator 2>/dev/null || true; [ -n "$bot" ] && kill $bot 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 200); do grep -q "Signing secret" "$work/emulator.log" && break; sleep 0.1; done
value() { sed -n "s/^ *$1: *\([^ ]*\).*/\1/p" "$work/emulator.log"; }
bot_token=$(value "Bot token"); app_token=$(value "App token")

# Milliseconds from start to ready; the bot is stopped (SIGTERM) afterwards.
start_once() {
  local db=$1 port started now
  port=$(free_port)
  started=$(date +%s%N)
  DOTNET_NOLOGO=1 "${nice_cmd[@]}" dotnet "$publish/SlackFeedbackBot.dll" run --urls "http://127.0.0.1:$port" \
    --Slack:Mode=Socket --Slack:BotToken="$bot_token" --Slack:AppToken="$app_token" \
    --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" --LocalMode:Enabled=false \
    --Storage:DatabasePath="$db" --Logging:LogLevel:Default=Warning >"$work/bot.log" 2>&1 &
  bot=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz/ready" || true)" = "200" ]; do
    kill -0 $bot 2>/dev/null || { echo "the bot exited:"; cat "$work/bot.log"; exit 1; }
    sleep 0.01
  done
  now=$(date +%s%N)
  # CPU the process used until ready (user + system, in clock ticks): a figure the shared machine's load skews less.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$bot/stat)
  kill $bot; wait $bot 2>/dev/null || true; bot=
  echo "$(( (now - started) / 1000000 )) $cpu"
}

fresh=(); again=(); fresh_cpu=(); again_cpu=()
for round in $(seq 1 "$rounds"); do
  db="$work/round$round/bot.db"
  mkdir -p "$(dirname "$db")"
  read -r wall cpu < <(start_once "$db"); fresh+=("$wall"); fresh_cpu+=("$cpu")
  read -r wall cpu < <(start_once "$db"); again+=("$wall"); again_cpu+=("$cpu")
  echo "round $round: new database ${fresh[-1]} ms (cpu ${fresh_cpu[-1]} ms), existing database ${again[-1]} ms (cpu ${again_cpu[-1]} ms)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
echo "median start to /healthz/ready: new database $(median "${fresh[@]}") ms (cpu $(median "${fresh_cpu[@]}") ms), existing database $(median "${again[@]}") ms (cpu $(median "${again_cpu[@]}") ms); $rounds rounds, nice ${PRIORITY:-0}, load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
