#!/usr/bin/env bash
# CPU time of the short-lived bot processes the tests start (tests/.../Support/BotExecutable.cs): the Debug build, as
# the tests run it, with the runtime's defaults and with each runtime setting to try, interleaved A B C A B C... so all
# see the same machine. Each round starts `run` with a bad setting (exits 2 before anything starts) and `migrate` on a
# new file, the two shapes most process tests have; user + system CPU per process is the figure that counts on a
# shared machine (wall time follows the other load).
#   bench/child-process-jit.sh [rounds=6] ["DOTNET_X=1 DOTNET_Y=0" ...]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-6}
shift || true
[ $# -gt 0 ] || set -- "DOTNET_TieredPGO=0" "DOTNET_TieredPGO=0 DOTNET_TC_QuickJitForLoops=1" "DOTNET_TieredCompilation=0"
dll=src/SlackFeedbackBot/bin/Debug/net10.0/SlackFeedbackBot.dll
[ -f "$dll" ] || dotnet build src/SlackFeedbackBot -v q
dll=$(pwd)/$dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
settings=("" "$@")
for ((round = 1; round <= rounds; round++)); do
  for i in "${!settings[@]}"; do
    rm -rf "$work/db" && mkdir "$work/db"
    # shellcheck disable=SC2086 # each setting is a list of NAME=value words
    /usr/bin/time -f "$i %U %S" -a -o "$work/times" env -i PATH="$PATH" HOME="$HOME" DOTNET_NOLOGO=1 ${settings[$i]} \
      Slack__Mode=Sockets LocalMode__Enabled=false Storage__DatabasePath="$work/db/bot.db" dotnet "$dll" run >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    /usr/bin/time -f "$i %U %S" -a -o "$work/times" env -i PATH="$PATH" HOME="$HOME" DOTNET_NOLOGO=1 ${settings[$i]} \
      dotnet "$dll" migrate --db "$work/db/m.db" >/dev/null 2>&1
  done
done
for i in "${!settings[@]}"; do
  awk -v i="$i" -v name="${settings[$i]:-defaults}" '$1 == i && NF == 3 { s += $2 + $3; n++ } END { printf "%-55s %5.2f s CPU per process (%d processes)\n", name, s / n, n }' "$work/times"
done
