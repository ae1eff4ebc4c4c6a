-- GET /v1/charges?limit=100&starting_after=<BENCH_AFTER>: a page deep in the list.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local after = os.getenv("BENCH_AFTER")
request = function()
  return wrk.format("GET", "/v1/charges?limit=100&starting_after=" .. after, auth)
end
