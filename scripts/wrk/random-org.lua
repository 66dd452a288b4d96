-- wrk script: each request asks for a random organization page among ids 1..COUNT
-- (COUNT from the environment), so no two requests in a row share a page.
local count = tonumber(os.getenv("COUNT") or "100000")
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/org/" .. math.random(1, count))
end
