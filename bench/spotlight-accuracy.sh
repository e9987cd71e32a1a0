#!/usr/bin/env bash
# Spotlight's default rules on the labelled evaluation set (tests/SlackFeedbackBot.Tests/Spotlight/evaluation.tsv) and on
# the older sample corpus: per part, the share in the right bucket, how many landed in a wrong bucket and how many were
# left unclassified. Runs the bot's own `classify --json` on a throwaway database, so the figures are the shipped rules'.
# Usage: bench/spotlight-accuracy.sh [--misses]   (--misses also prints every message not in its bucket)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# SPOTLIGHT_DLL=path/to/SlackFeedbackBot.dll measures a build as it is (an earlier one, or a Debug build) instead.
dll="${SPOTLIGHT_DLL:-}"
if [[ -z "$dll" ]]; then
  dotnet build "$root/src/SlackFeedbackBot/SlackFeedbackBot.csproj" -c Release -v q -nologo >/dev/null
  dll="$root/src/SlackFeedbackBot/bin/Release/net10.0/SlackFeedbackBot.dll"
fi

python3 - "$root" "$dll" "$work/bot.db" "${1:-}" <<'PY'
import json, subprocess, sys
root, dll, db, flag = sys.argv[1:5]
spot = f"{root}/tests/SlackFeedbackBot.Tests/Spotlight"
rows = [l.rstrip("\n").split("\t", 2) for l in open(f"{spot}/evaluation.tsv", encoding="utf-8")][1:]
rows += [["corpus"] + l.rstrip("\n").split("\t", 1) for l in open(f"{spot}/corpus.tsv", encoding="utf-8")][1:]
rows = [r for r in rows if len(r) == 3]
# One message per line: the set writes line breaks inside a message as \n; keep them apart as a paragraph break.
lines = "\n".join(r[2].replace("\\n", " \u2029 ") for r in rows) + "\n"
out = subprocess.run(["dotnet", dll, "classify", "--json", "--db", db], input=lines, capture_output=True, text=True, check=True)
results = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
assert len(results) == len(rows), out.stderr
parts = {}
for (split, expected, text), got in zip(rows, results):
    p = parts.setdefault(split, [0, 0, 0, 0])
    p[0] += 1
    if got["bucket"] == expected: p[1] += 1
    elif got["bucket"] == "unclassified": p[3] += 1
    else: p[2] += 1
    if flag == "--misses" and got["bucket"] != expected:
        print(f"  {split}: expected {expected}, got {got['bucket']} ({got['rule']}): {text}")
print(f"{'part':<10} {'messages':>8} {'right':>8} {'accuracy':>9} {'wrong bucket':>13} {'unclassified':>13}")
total = [0, 0, 0, 0]
for split, (n, ok, wrong, miss) in parts.items():
    print(f"{split:<10} {n:>8} {ok:>8} {ok/n:>9.1%} {wrong:>13} {miss:>13}")
    if split != "corpus": total = [a + b for a, b in zip(total, (n, ok, wrong, miss))]
n, ok, wrong, miss = total
print(f"{'all (set)':<10} {n:>8} {ok:>8} {ok/n:>9.1%} {wrong:>13} {miss:>13}")
PY
