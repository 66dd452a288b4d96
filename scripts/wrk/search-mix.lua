-- wrk script: the search benchmark's query mix, one query after another (docs/BENCHMARKS.md).
local paths = {
  "/api/v1/search?q=%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C",
  "/api/v1/search?q=%D1%8E%D1%80%D0%B8%D0%B4",
  "/api/v1/search?q=%D0%B2%D0%B0%D0%BB%D0%B0%D0%BD%D1%82%D1%91%D1%80%D1%8B%20",
  "/api/v1/search?direction=social_services&audience=elderly",
  "/api/v1/search?q=%D1%81%D0%BF%D0%BE%D1%80%D1%82&near=55.449,65.343&radius_km=30",
  "/api/v1/search?near=55.449,65.343&radius_km=50&sort=distance",
  "/api/v1/search?sort=name&page=3",
  "/api/v1/search?q=%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D0%B0&okrug=shumikhinsky",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
