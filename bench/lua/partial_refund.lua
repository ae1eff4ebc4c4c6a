-- POST /v1/refunds: small partial refunds spread over large seeded charges.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids = read_lines(os.getenv("BENCH_IDS"))
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/v1/refunds", auth, "charge=" .. ids[((i * 7 + tid) % #ids) + 1] .. "&amount=1")
end
