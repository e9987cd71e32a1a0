"""Summarises a dotnet-counters CSV (bench/compare-bolt.sh with COUNTERS=1): where the bot's ack tail comes from.
Per-second rates are summed over the run; histograms give the worst one-second percentile seen."""
import collections, csv, re, sys

rates = collections.defaultdict(float)
peaks = collections.defaultdict(float)
for row in csv.reader(open(sys.argv[1])):
    if len(row) < 5 or row[0] == "Timestamp":
        continue
    try:
        value = float(row[4])
    except ValueError:
        continue
    name = row[2]
    if row[3] == "Rate":
        rates[name] += value
    peaks[name] = max(peaks[name], value)

def find(table, pattern):
    return {k: v for k, v in table.items() if re.search(pattern, k)}

def total(pattern):
    return sum(find(rates, pattern).values())

def peak(pattern):
    return max(find(peaks, pattern).values(), default=0)

print("counters (dotnet-counters, 1 s intervals; they cost the bot some throughput):")
for k, v in sorted(find(rates, r"gc\.collections").items()):
    print(f"  {k}: {v:.0f} in the run")
print("  GC pause time: %.0f ms in the run, worst second %.0f ms" % (total(r"gc\.pause\.time") * 1000, peak(r"gc\.pause\.time") * 1000))
print("  allocated: %.0f MB; largest gen0 after a GC %.1f MB; peak GC committed %.0f MB; peak working set %.0f MB" % (
    total(r"heap\.total_allocated") / 1e6, peak(r"heap\.size.*gen0") / 1e6, peak(r"memory\.committed_size") / 1e6, peak(r"working_set") / 1e6))
print("  thread pool: peak %.0f threads, peak queue %.0f items; lock contentions %.0f; JIT time %.1f s" % (
    peak(r"thread_pool\.thread\.count"), peak(r"thread_pool\.queue\.length"), total(r"lock_contentions"), total(r"jit\.compilation\.time")))
for k, v in sorted(find(rates, r"(slack|slackfeedbackbot)\.inbox\.wal\.resets").items()):
    print("  %s: %.0f in the run" % (k, v))
for k, v in sorted(find(peaks, r"(slack|slackfeedbackbot)\.inbox|request\.duration.*status_code=200").items()):
    if "Percentile=50" in k or "Percentile=99" in k:
        scale = 1000 if "(s)" in k else 1
        label = re.sub(r";?(http\.route|network|url|http\.request\.method)[^;\]]*", "", k)
        print("  worst second %s: %.1f" % (label, v * scale))
