-- wrk script: replays pre-signed, distinct Events API deliveries (one per request, no repeats)
-- from the file named by the REQUESTS environment variable. Each wrk thread takes its own slice.
local requests = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  local path = os.getenv("REQUESTS")
  local nthreads = tonumber(os.getenv("THREADS") or "1")
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == id then
      local ts, sig, body = line:match("^(%d+) (%S+) (.*)$")
      requests[#requests + 1] = wrk.format("POST", "/slack/events", {
        ["Content-Type"] = "application/json",
        ["X-Slack-Request-Timestamp"] = ts,
        ["X-Slack-Signature"] = sig,
      }, body)
    end
    i = i + 1
  end
  index = 0
  non2xx = 0
end

function request()
  index = index + 1
  if index > #requests then
    -- Out of distinct requests: stop this thread rather than repeat one.
    wrk.thread:stop()
    index = #requests
  end
  return requests[index]
end

function response(status, headers, body)
  if status ~= 200 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("acked_2xx=%d errors=%d\n", summary.requests - summary.errors.status, summary.errors.status))
  io.write(string.format("p50=%.2fms p90=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
  io.write(string.format("rps=%.0f\n", summary.requests / (summary.duration / 1e6)))
end
