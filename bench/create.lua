-- POST /api/v1/issues (durable create) with a Bearer token, into project CREATE_PREFIX.
dofile(os.getenv("BENCH_DIR") .. "/wrk_report.lua")
local auth = "Bearer " .. os.getenv("TOKEN")
local body = '{"project":"' .. os.getenv("CREATE_PREFIX") .. '","issueType":"Incident",' ..
  '"summary":"VPN timeout for remote staff in EMEA region","description":"Users report the VPN ' ..
  'drops every few minutes since the last patch; affects the payments team.",' ..
  '"priority":"High","labels":["vpn","bench"],"fields":{"Impact":"Moderate / Limited"}}'
request = function()
  return wrk.format("POST", "/api/v1/issues",
    {["Authorization"] = auth, ["Content-Type"] = "application/json"}, body)
end
