-- wrk script: the search page for words that change from request to request: one or two
-- of 40 words common in the generated organizations, in random order (1,600 different
-- queries), so the server has rarely kept a query's text matches (it keeps 32).
local words = {
  "помощь", "дети", "семья", "пожилые", "ветераны", "спорт", "культура", "библиотека",
  "волонтёры", "клуб", "центр", "совет", "молодёжь", "инвалидность", "школа", "досуг",
  "экология", "животные", "праздник", "кружок", "консультации", "юридическая", "психолог",
  "здоровье", "творчество", "танцы", "хор", "пенсионеры", "память", "история", "село",
  "благотворительность", "сбор", "продукты", "одежда", "ремонт", "транспорт", "обучение",
  "грант", "поддержка",
}
local function encode(s)
  return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
math.randomseed(os.time())
request = function()
  local q = words[math.random(#words)]
  if math.random(2) == 2 then
    q = q .. " " .. words[math.random(#words)]
  end
  return wrk.format("GET", "/?q=" .. encode(q))
end
