# Poputchiki: Russian, the default locale. Every user-visible string lives here.
# Plurals follow CLDR (one / few / many). Adding a locale = adding <code>.ftl next to this.

locale-name = Русский

## Frame
site-name = Попутчики
site-tagline = Карта некоммерческих организаций и инициативных групп Курганской области: кто и чем может помочь рядом с вами.
skip-to-content = Перейти к содержанию
nav-label = Основное меню
nav-organizations = Организации
nav-okrugs = Округа
breadcrumbs = Вы здесь
footer-data-licence = Сведения об организациях открыты по лицензии CC BY 4.0: их можно использовать со ссылкой на «Попутчиков».
footer-boundaries = Границы округов:
footer-centres = Координаты центров округов: GeoNames (CC BY 4.0).
footer-demo = Сейчас на карте демонстрационные данные: организации с пометкой «Демо» вымышлены.
loading = Загрузка…

## Dates
date-long = { $day } { $month } { $year }
month-gen-1 = января
month-gen-2 = февраля
month-gen-3 = марта
month-gen-4 = апреля
month-gen-5 = мая
month-gen-6 = июня
month-gen-7 = июля
month-gen-8 = августа
month-gen-9 = сентября
month-gen-10 = октября
month-gen-11 = ноября
month-gen-12 = декабря

## Lists
orgs-count = { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}
orgs-found = Найдено: { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}
list-empty = По этим условиям организаций не нашлось. Попробуйте убрать один из фильтров.
badge-verified = Проверено
badge-demo = Демо
card-directions = Направления:
card-audiences = Кому помогают:
pager-label = Страницы списка
pager-prev = ← Назад
pager-next = Дальше →
pager-position = Страница { $page } из { $pages }

## Home
home-title = Кто поможет рядом с вами
home-intro = Общественные организации, инициативные группы и учреждения всех 26 округов области. Выберите округ, направление или тех, кому нужна помощь.
filter-okrug = Округ
filter-any-okrug = Все округа
filter-direction = Направление
filter-any-direction = Все направления
filter-audience = Кому помогают
filter-any-audience = Все
filter-apply = Показать
filter-reset = Сбросить

## Organization page
demo-explained = Это вымышленная организация из демонстрационных данных.
org-about = О нас
org-no-description = Организация пока не рассказала о себе.
org-directions = Направления деятельности
org-audiences = Кому помогаем
org-event-formats = Форматы работы
org-services = Услуги
org-no-services = Услуги пока не указаны.
org-events = Ближайшие события
org-no-events = Запланированных событий пока нет.
org-needs = Что нам нужно
org-no-needs = Сейчас организации ничего не требуется.
org-contacts = Контакты
org-no-contacts = Контакты не указаны.
org-location = Где находится
org-coordinates = Координаты
org-approximate = Точный адрес неизвестен: точка стоит в центре населённого пункта или округа.
minimap-label = Схема округа «{ $okrug }» с отметкой организации
org-registry = Реквизиты
org-unregistered = Не зарегистрирована как юридическое лицо.
org-inn = ИНН
org-ogrn = ОГРН
org-freshness = Актуальность
org-updated = Сведения обновлены
org-verified = Проверено сотрудниками
org-not-verified = Ещё не проверялась
org-not-specified = Не указано.
contact-phone = Телефон
contact-email = Эл. почта
contact-website = Сайт
contact-vk = ВКонтакте
contact-ok = Одноклассники
contact-telegram = Telegram
service-audience = Для кого
service-how-to-apply = Как получить
service-schedule = Когда
cost-free = Бесплатно
cost-paid = Платно
cost-partly = Частично платно
verify-method-registry = по реестру (ИНН/ОГРН)
verify-method-reports = по отчётам
verify-method-recommendation-letter = по рекомендательному письму
verify-method-visit = при личном визите
verify-method-note = по записи сотрудника

## Okrugs
okrugs-title = Округа области
okrugs-intro = 24 муниципальных округа и два городских: Курган и Шадринск.
okrug-centre = Административный центр: { $centre }
okrug-area = Площадь: { $area } км²
okrug-filter-link = Искать с фильтрами по этому округу

## Errors
not-found-title = Страница не найдена
not-found-text = Такой страницы нет: возможно, организация удалена или ссылка набрана с ошибкой.
not-found-home = На главную
error-title = Что-то пошло не так
err-not-found = Не найдено.
err-unauthorized = Нужно войти на сайт.
err-forbidden = Недостаточно прав.
err-validation = Проверьте выделенные поля.
err-conflict = Кто-то уже изменил эти сведения. Ваш текст сохранён: сравните и сохраните снова.
err-internal = На сервере произошла ошибка. Мы уже знаем о ней; попробуйте ещё раз чуть позже.
err-transport = Не удалось связаться с сервером. Проверьте интернет и попробуйте ещё раз.
err-required = Обязательное поле.
err-too-long = Слишком длинно: не больше { $max } символов.
err-unknown-term = Неизвестное значение «{ $value }»: используйте код или название из справочника.
err-unknown-okrug = Неизвестный округ «{ $value }»: укажите код (например, shumikhinsky) или название (Шумихинский).
err-okrug-or-coordinates = Укажите округ или координаты.
err-coordinates-pair = Нужны обе координаты: широта и долгота.
err-coordinates-range = Координаты вне допустимого диапазона (широта от −90 до 90, долгота от −180 до 180).
err-coordinate = «{ $value }» не похоже на координату: нужно число, например 55,4312.
err-outside-region = Точка находится за пределами региона «{ $region }».
err-outside-region-swapped = Точка находится за пределами региона «{ $region }». Похоже, широта и долгота перепутаны местами.
err-okrug-mismatch = Координаты указывают на округ «{ $found }», а в строке указан «{ $stated }».
err-phone = «{ $value }» не похоже на номер телефона.
err-email = «{ $value }» не похоже на адрес электронной почты.
err-url = «{ $value }» не похоже на адрес сайта или страницы.
err-cost = Стоимость «{ $value }»: укажите бесплатно, платно или частично.
err-datetime = «{ $value }» не похоже на дату и время: пишите 2026-12-05 14:00 или 05.12.2026 14:00.
err-date = «{ $value }» не похоже на дату: пишите 2026-12-05.
err-verification-method = Неизвестный способ проверки «{ $value }».
err-json-record = Запись не читается: { $reason }
err-csv-row = Строка не читается: { $reason }
err-identifier-taken = ИНН или ОГРН уже указан у другой организации.
err-id-not-digits = «{ $value }»: номер должен состоять только из цифр.
err-id-length = «{ $value }»: неверное количество цифр (ИНН — 10 или 12, ОГРН — 13).
err-id-checksum = «{ $value }»: неверная контрольная цифра, в номере опечатка.
err-ogrn-not-legal-entity = «{ $value }»: ОГРН организации начинается с 1 или 5.

## Search
search-label = Что вы ищете?
search-placeholder = Например: помощь пожилым, кружок для детей, юрист
search-button = Найти
search-nothing = Ничего не нашлось.
search-try = Попробуйте так:
search-reset = Показать все организации
facets-label = Уточнить поиск
facets-apply = Применить фильтры
facet-direction = Направление
facet-audience = Кому помогают
facet-okrug = Округ
facet-kind = Тип организации
facet-event-format = Форматы работы
facet-verified = Проверка
facet-has-needs = Нужды
facet-accepts-volunteers = Волонтёрам
facet-verified-yes = Проверена сотрудниками
facet-has-needs-yes = Есть текущие нужды
facet-accepts-volunteers-yes = Ищет волонтёров
sort-label = Порядок
sort-default = Как удобнее
sort-relevance = Сначала самые подходящие
sort-name = По алфавиту
sort-distance = Сначала ближайшие
sort-updated = Недавно обновлённые
sort-verified = Недавно проверенные
near-title = Рядом с местом
near-label = Рядом с
near-anywhere = Где угодно
near-me = Рядом со мной
near-me-option = Моё местоположение
near-me-locating = Определяем ваше местоположение…
near-me-denied = Не удалось определить местоположение. Выберите населённый пункт из списка выше.
radius-label = В радиусе
radius-any = Любое расстояние
radius-km = { $km } км
card-distance = { $km } км от выбранного места
suggest-drop-filter = Убрать фильтр «{ $label }»: найдётся { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}
suggest-drop-geo = Искать без ограничения по месту: найдётся { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}
suggest-spelling = Может быть, «{ $query }»? Найдётся { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}
err-param-summary = Некоторые параметры поиска не поняты.
err-param-near = Точка «{ $value }» не понята: нужно «широта,долгота», например 55.44,65.34.
err-param-radius = Радиус «{ $value }» не понят: нужно число километров от 1 до 1000.
err-param-bbox = Область «{ $value }» не понята: нужно «мин. долгота,мин. широта,макс. долгота,макс. широта».
err-param-zoom = Масштаб «{ $value }» не понят: нужно целое число от 0 до 20.
err-param-sort = Порядок «{ $value }» не поддерживается.
err-param-page = Страница «{ $value }» не понята.
err-param-per-page = На странице можно показать от 1 до 100 организаций, а не «{ $value }».
err-param-radius-needs-near = Радиус работает только вместе с точкой: выберите место.
err-param-distance-needs-near = Чтобы сортировать по расстоянию, выберите место.
err-param-flag = Значение «{ $value }» не понято: нужно true или false.
err-param-code = Код «{ $value }» не понят.
err-param-unknown-code = Такого значения фильтра нет: «{ $value }».

## The map
map-label = Карта
map-region-label = Карта организаций. Для клавиатуры и экранного диктора удобнее список результатов.
map-show = Показать карту
map-hide = Скрыть карту
map-search-area = Искать в этой области карты
map-mode = Что показывать на карте
map-mode-markers = Организации
map-mode-choropleth = Сколько в каждом округе
map-open-page = Открыть страницу
map-approximate = Место указано примерно: центр села или округа.
map-org-one = организация
map-org-few = организации
map-org-many = организаций
map-zoom-in = Приблизить
map-chosen-point = Выбранная точка
map-load-error = Карту не удалось загрузить. Список организаций работает.
map-legend = Организаций по фильтрам
map-same-spot = В этом месте:
map-list-hint = Все найденные организации есть в списке результатов.
map-okrug-attribution = Границы округов © участники OpenStreetMap (ODbL)
org-show-on-map = Показать на карте и найти, кто ещё рядом
