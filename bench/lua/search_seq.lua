-- GET /v1/charges/search for one charge by its unique metadata[seq] (size mode).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")
local q = "metadata%5B%27seq%27%5D%3A%27" .. os.getenv("BENCH_SEQ") .. "%27"
request = function()
  return wrk.format("GET", "/v1/charges/search?query=" .. q, auth)
end
