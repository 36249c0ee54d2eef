-- GET /api/v1/issues/{KEY_PREFIX}-{random 1..MAX_NUMBER} with a Bearer token.
dofile(os.getenv("BENCH_DIR") .. "/wrk_report.lua")
local max = tonumber(os.getenv("MAX_NUMBER"))
local auth = "Bearer " .. os.getenv("TOKEN")
local prefix = "/api/v1/issues/" .. os.getenv("KEY_PREFIX") .. "-"
local counter = 0
setup = function(thread) end
init = function(args) math.randomseed(12345) end
request = function()
  return wrk.format("GET", prefix .. math.random(1, max), {["Authorization"] = auth})
end
