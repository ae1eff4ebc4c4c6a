-- POST /v1/charges with tok_visa, metadata and a unique Idempotency-Key per request.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local n = 0
local run = tostring(os.time()) .. tostring(math.random(1, 1000000))
request = function()
  n = n + 1
  local headers = { ["Authorization"] = auth["Authorization"], ["Content-Type"] = auth["Content-Type"],
    ["Idempotency-Key"] = "bench-" .. run .. "-" .. tid .. "-" .. n }
  return wrk.format("POST", "/v1/charges", headers,
    "amount=2000&currency=usd&source=tok_visa&metadata[order]=" .. (n % 1000))
end
