#!/usr/bin/env bash
# Start-up time of the published bot: from starting the process to the first 200 from /healthz/ready, in Socket Mode
# against the standalone Slack emulator (its own process, started once). Each round starts the bot on a new database
# (the first start creates and migrates it, Quartz's tables included) and then once more on the same file.
#   bench/startup.sh [rounds=5] [publish_dir] [baseline_dir]
# With baseline_dir (an earlier publish, or one with other flags) each start of the bot is followed by the same start
# of the baseline, A B A B..., so both see the same machine; the medians of both and of the per-pair ratios A/B follow.
# PRIORITY=-20 (as root) runs the bots and the emulator at that nice level, so that other work on a shared machine
# takes less of the figure; the CPU time each bot used until ready is printed either way, and is the figure to compare
# on a loaded machine. At the first 200 it also counts the starts whose every readiness check was already Healthy
# (Socket Mode connected, scheduler running, Slack answering), not merely degraded.
# Without publish_dir it publishes as the Dockerfile does (Release, linux-x64, framework-dependent, ReadyToRun: the
# project's default for a publish with a runtime identifier) to bench/.publish.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
publish=${2:-}
baseline=${3:-}
if [ -z "$publish" ]; then
  publish=bench/.publish
  dotnet publish src/SlackFeedbackBot/SlackFeedbackBot.csproj -c Release -r linux-x64 --self-contained false -o "$publish" -v q | grep -E "error|warn" || true
fi
publish=$(cd "$publish" && pwd)
[ -n "$baseline" ] && baseline=$(cd "$baseline" && pwd)

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

# "wall_ms cpu_ms healthy(1|0)" from start to ready; the bot is stopped (SIGTERM) afterwards.
start_once() {
  local dir=$1 db=$2 port started now answer
  port=$(free_port)
  started=$(date +%s%N)
  DOTNET_NOLOGO=1 "${nice_cmd[@]}" dotnet "$dir/SlackFeedbackBot.dll" run --urls "http://127.0.0.1:$port" \
    --Slack:Mode=Socket --Slack:BotToken="$bot_token" --Slack:AppToken="$app_token" \
    --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" --LocalMode:Enabled=false \
    --Storage:DatabasePath="$db" --Logging:LogLevel:Default=Warning >"$work/bot.log" 2>&1 &
  bot=$!
  until answer=$(curl -s -w '\n%{http_code}' "http://127.0.0.1:$port/healthz/ready" || true); [ "${answer##*$'\n'}" = "200" ]; do
    kill -0 $bot 2>/dev/null || { echo "the bot exited:" >&2; cat "$work/bot.log" >&2; exit 1; }
    sleep 0.01
  done
  now=$(date +%s%N)
  # CPU the process used until ready (user + system, in clock ticks): a figure the shared machine's load skews less.
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' /proc/$bot/stat)
  kill $bot; wait $bot 2>/dev/null || true; bot=
  # The report's first status is the overall one: Healthy only when every readiness check is.
  healthy=0; grep -m1 '"status"' <<<"$answer" | grep -q '"Healthy"' && healthy=1
  echo "$(( (now - started) / 1000000 )) $cpu $healthy"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
median_ratio() { paste -d' ' <(printf '%s\n' "${!1}") <(printf '%s\n' "${!2}") | awk '{print $1 / $2}' | sort -g |
  awk '{a[NR]=$1} END {printf "%.2f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
sides=(a); [ -n "$baseline" ] && sides+=(b)
declare -A dirs=([a]="$publish" [b]="$baseline")
for side in "${sides[@]}"; do
  declare -a "fresh_$side=()" "again_$side=()" "fresh_cpu_$side=()" "again_cpu_$side=()"
done
healthy=0; starts=0
record() { # side kind wall cpu healthy
  local -n walls="$2_$1" cpus="$2_cpu_$1"
  walls+=("$3"); cpus+=("$4"); healthy=$((healthy + $5)); starts=$((starts + 1))
}
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for kind in fresh again; do
    for side in "${sides[@]}"; do
      db="$work/$side-round$round/bot.db"
      mkdir -p "$(dirname "$db")"
      read -r wall cpu ok < <(start_once "${dirs[$side]}" "$db")
      record "$side" "$kind" "$wall" "$cpu" "$ok"
      label=$([ "$kind" = fresh ] && echo "new database" || echo "existing database")
      line+=" ${side^^} $label $wall ms (cpu $cpu ms);"
    done
  done
  echo "${line%;}"
done
summary() { # side
  local -n f="fresh_$1" a="again_$1" fc="fresh_cpu_$1" ac="again_cpu_$1"
  echo "new database $(median "${f[@]}") ms (cpu $(median "${fc[@]}") ms), existing database $(median "${a[@]}") ms (cpu $(median "${ac[@]}") ms)"
}
load="$rounds rounds, nice ${PRIORITY:-0}, load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
if [ -z "$baseline" ]; then
  echo "median start to /healthz/ready: $(summary a); $load"
else
  echo "median start to /healthz/ready, A $publish: $(summary a)"
  echo "median start to /healthz/ready, B $baseline: $(summary b)"
  echo "median of the pairs' A/B: new database wall $(median_ratio 'fresh_a[@]' 'fresh_b[@]'), cpu $(median_ratio 'fresh_cpu_a[@]' 'fresh_cpu_b[@]'); existing database wall $(median_ratio 'again_a[@]' 'again_b[@]'), cpu $(median_ratio 'again_cpu_a[@]' 'again_cpu_b[@]'); $load"
fi
echo "every readiness check Healthy at the first 200: $healthy of $starts starts"
