#!/usr/bin/env bash
# Precision and recall of the similar-item matcher ("Looks like #12") on its labelled set,
# tests/SlackFeedbackBot.Tests/Feedback/Issues/issue-pairs.tsv: runs the test that measures them and prints the
# figures, then every wrong offer and every missed pair with its score and shared words.
#   bench/issue-matcher.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
dotnet test tests/SlackFeedbackBot.Tests --filter "FullyQualifiedName~IssueMatcherLabelledSetTests.Matcher_OnTheLabelledSet" \
    --logger "console;verbosity=detailed" >"$out" 2>&1 || status=$?
# The detailed logger repeats the test's output; each line is printed once.
grep -E "^ *(wrong offer|missed) \(" "$out" | sed 's/^ *//' | sort -u || true
grep -E "^ *issue matcher:" "$out" | sed 's/^ *//' | sort -u
[ "$status" -eq 0 ] || { echo "the test failed (a floor not met, or a build error): see dotnet test's output" >&2; tail -20 "$out" >&2; }
exit "$status"
