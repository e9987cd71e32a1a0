#!/usr/bin/env bash
# What the container does, checked without Docker: the linux-x64 publish, made read-only and owned by root, run as an
# unprivileged user (nobody) whose only writable folder is the data folder, in Socket Mode against the standalone Slack
# emulator, until /healthz/ready answers 200; then the bot's own `health` command, as that user. Needs root (setpriv).
#   deploy/check-readonly.sh [publish_dir]
set -euo pipefail
cd "$(dirname "$0")/.."
publish=${1:-}
if [ -z "$publish" ]; then
  publish=bench/.publish
  dotnet publish src/SlackFeedbackBot/SlackFeedbackBot.csproj -c Release -r linux-x64 --self-contained false -o "$publish" -v q | grep -E "error|warn" || true
fi
command -v setpriv >/dev/null || { echo "setpriv (util-linux) is needed"; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"
cp -r "$publish" "$work/app"
chown -R root:root "$work/app"
chmod -R a-w "$work/app"
mkdir -p "$work/data"
chown nobody:nogroup "$work/data"
chmod 700 "$work/data"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
emu_port=$(free_port); port=$(free_port)
dotnet "$work/app/SlackFeedbackBot.SlackEmulator.dll" --port "$emu_port" >"$work/emulator.log" 2>&1 &
emulator=$!
bot=
trap 'kill $emulator 2>/dev/null || true; [ -n "$bot" ] && kill $bot 2>/dev/null; chmod -R u+w "$work"; rm -rf "$work"' EXIT
for _ in $(seq 1 200); do grep -q "Signing secret" "$work/emulator.log" && break; sleep 0.1; done
value() { sed -n "s/^ *$1: *\([^ ]*\).*/\1/p" "$work/emulator.log"; }

as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH="$PATH" HOME=/nonexistent DOTNET_NOLOGO=1 "$@"; }
as_nobody dotnet "$work/app/SlackFeedbackBot.dll" run --urls "http://127.0.0.1:$port" \
  --Slack:Mode=Socket --Slack:BotToken="$(value "Bot token")" --Slack:AppToken="$(value "App token")" \
  --Slack:ApiBaseUrl="http://127.0.0.1:$emu_port/api/" --LocalMode:Enabled=false \
  --Storage:DatabasePath="$work/data/bot.db" >"$work/bot.log" 2>&1 &
bot=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz/ready" || true)" = "200" ] && break
  kill -0 $bot 2>/dev/null || { echo "FAILED: the bot exited"; cat "$work/bot.log"; exit 1; }
  sleep 0.1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz/ready")" = "200" ] || { echo "FAILED: not ready"; cat "$work/bot.log"; exit 1; }
as_nobody dotnet "$work/app/SlackFeedbackBot.dll" health --url "http://127.0.0.1:$port"
echo "running as: $(ps -o user= -p "$(pgrep -P $bot -n 2>/dev/null || echo $bot)" 2>/dev/null || echo '?')"
echo "data folder: $(stat -c '%A %U' "$work/data"); files: $(stat -c '%n %a %U' "$work"/data/* | sed "s|$work/data/||" | tr '\n' ' ')"
if find "$work/app" -newer "$work/emulator.log" -type f | grep -q .; then echo "FAILED: the bot wrote into its app folder"; exit 1; fi
echo "OK: the read-only publish runs as nobody and is ready"
