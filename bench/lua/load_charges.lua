-- Size mode loader: POST /v1/charges until each thread made BENCH_PER_THREAD charges, then say
-- "LOADED" (wrk itself runs for its whole -d; the runner stops it once both threads said it).
-- metadata[seq] is "<round>-<thread>-<n>", unique per charge, so a search for one value is selective.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local per_thread = tonumber(os.getenv("BENCH_PER_THREAD"))
local round = os.getenv("BENCH_ROUND")
local sent, answered = 0, 0
request = function()
  sent = sent + 1
  return wrk.format("POST", "/v1/charges", auth,
    "amount=2000&currency=usd&source=tok_visa&metadata[seq]=" .. round .. "-" .. tid .. "-" .. sent)
end
response = function(status, headers, body)
  answered = answered + 1
  if answered == per_thread then
    io.write("LOADED\n")
    io.stdout:flush()
    wrk.thread:stop()
  end
end
