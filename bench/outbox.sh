#!/usr/bin/env bash
# The outbox under faults, against the emulator (in the bench process) and the bot as its own process:
#   (a) outage:   a 60 s Web API outage during 100 captures -> 100 follow-ups, 100 permalinks, 0 duplicates
#   (b) kills:    5 kill -9 during 4,000 events -> every follow-up exactly once
#   (c) commands: 3,000 /feedback commands with 5 kill -9 -> 0 duplicated items
#   (d) channels: 1,000 messages over 40 listened channels (rate), then 4,000 queued in one channel and /feedback help
#   bench/outbox.sh [outage|kills|commands|channels|all=all]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
dotnet build -c Release -v q bench/SlackFeedbackBot.Benchmarks | grep -E "error|Warn" || true
bot=src/SlackFeedbackBot/bin/Release/net10.0/SlackFeedbackBot.dll
run() {
  local work; work=$(mktemp -d)
  dotnet bench/SlackFeedbackBot.Benchmarks/bin/Release/net10.0/SlackFeedbackBot.Benchmarks.dll outbox "$1" "$bot" "$work"
  rm -rf "$work"
}
if [ "$which" = all ]; then
  for scenario in outage kills commands channels; do run "$scenario"; done
else
  run "$which"
fi
