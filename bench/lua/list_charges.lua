-- GET /v1/charges?limit=100
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
request = function()
  return wrk.format("GET", "/v1/charges?limit=100", auth)
end
