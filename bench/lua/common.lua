-- Shared by every scenario: auth header from the environment, a per-thread id for unique keys,
-- and a done() that prints one JSON line the runner parses.
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
  table.insert(threads, thread)
end

key = os.getenv("BENCH_KEY")
auth = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/x-www-form-urlencoded" }

function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    table.insert(lines, line)
  end
  return lines
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "errors": %d, "p50_ms": %.3f, "p99_ms": %.3f}\n',
    summary.requests, summary.duration, errors,
    latency:percentile(50) / 1000.0, latency:percentile(99) / 1000.0))
end
