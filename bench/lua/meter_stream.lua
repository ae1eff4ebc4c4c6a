-- POST /v2/billing/meter_event_stream: 100 events per request as JSON, authenticated by a meter
-- event session's token (the first line of BENCH_IDS), each event with a unique identifier, each
-- request for one of the customers the runner created (BENCH_IDS' other lines).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local lines = read_lines(os.getenv("BENCH_IDS"))
local token = table.remove(lines, 1)
local customers = lines
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
local per_request = tonumber(os.getenv("BENCH_EVENTS_PER_REQUEST") or "100")
local n = 0
local run = tostring(os.time()) .. tostring(math.random(1, 1000000))
request = function()
  n = n + 1
  local customer = customers[(n + tid) % #customers + 1]
  local events = {}
  for i = 1, per_request do
    events[i] = '{"event_name":"bench_calls","identifier":"v2-' .. run .. "-" .. tid .. "-" .. n
      .. "-" .. i .. '","payload":{"stripe_customer_id":"' .. customer .. '","value":"1"}}'
  end
  return wrk.format("POST", "/v2/billing/meter_event_stream", headers,
    '{"events":[' .. table.concat(events, ",") .. "]}")
end
