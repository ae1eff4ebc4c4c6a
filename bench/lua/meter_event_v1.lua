-- POST /v1/billing/meter_events: one event per request, each with a unique identifier, spread
-- over the customers the runner created (their ids are BENCH_IDS' lines).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local customers = read_lines(os.getenv("BENCH_IDS"))
local n = 0
local run = tostring(os.time()) .. tostring(math.random(1, 1000000))
request = function()
  n = n + 1
  return wrk.format("POST", "/v1/billing/meter_events", auth,
    "event_name=bench_calls&payload[stripe_customer_id]=" .. customers[n % #customers + 1]
      .. "&payload[value]=1&identifier=v1-" .. run .. "-" .. tid .. "-" .. n)
end
