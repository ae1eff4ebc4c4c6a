-- GET /v1/charges/search with a selective metadata query.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local q = "metadata%5B%27order%27%5D%3A%2742%27"
request = function()
  return wrk.format("GET", "/v1/charges/search?query=" .. q, auth)
end
