-- GET /v1/charges/{id} over the seeded charges.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local ids = read_lines(os.getenv("BENCH_IDS"))
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/v1/charges/" .. ids[(i % #ids) + 1], auth)
end
