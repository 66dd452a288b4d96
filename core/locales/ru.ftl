# Poputchiki: Russian, the default locale. Every user-visible string lives here.
# Plurals follow CLDR (one / few / many). Adding a locale = adding <code>.ftl next to this.

locale-name = Русский

## Frame
site-name = Попутчики
offline-note = Нет связи: показана сохранённая страница от {"{"}date{"}"}
site-tagline = Карта некоммерческих организаций и инициативных групп Курганской области: кто и чем может помочь рядом с вами.
skip-to-content = Перейти к содержанию
nav-label = Основное меню
nav-organizations = Организации
nav-okrugs = Округа
breadcrumbs = Вы здесь
footer-data-licence = Сведения об организациях открыты по лицензии CC BY 4.0: их можно использовать со ссылкой на «Попутчиков».
footer-boundaries = Границы округов:
footer-centres = Населённые пункты и центры округов: GeoNames (CC BY 4.0).
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
org-confirmed = Организация подтвердила сведения
org-not-confirmed = Организация ещё не подтверждала сведения на карте
freshness-stale-note = Сведения давно не обновлялись и могли устареть: перед тем как идти, позвоните и уточните.
freshness-stale-card = Сведения давно не обновлялись — уточните по телефону.
freshness-fresh = Свежие
freshness-ageing = Стареют
freshness-stale = Давно не обновлялись
ago-today = сегодня
ago-yesterday = вчера
ago-days = { $count ->
    [one] { $count } день назад
    [few] { $count } дня назад
   *[many] { $count } дней назад
}
ago-months = { $count ->
    [one] { $count } месяц назад
    [few] { $count } месяца назад
   *[many] { $count } месяцев назад
}
ago-years = { $count ->
    [one] { $count } год назад
    [few] { $count } года назад
   *[many] { $count } лет назад
}
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
okrugs-description = Все округа области: сколько в каждом общественных организаций, инициативных групп и учреждений и кто они.
okrug-description = { $name }: общественные организации, инициативные группы и учреждения, которые помогают жителям округа.
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
filters-toggle = { $n ->
    [0] Фильтры
   *[other] Фильтры ({ $n })
}
facet-direction = Направление
facet-audience = Кому помогают
facet-okrug = Округ
facet-kind = Тип организации
facet-event-format = Форматы работы
facet-verified = Проверка
facet-has-needs = Нужды
facet-accepts-volunteers = Волонтёрам
facet-freshness = Актуальность сведений
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
map-ties = Связи между попутчиками
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
map-okrug-attribution = Границы округов © участники OpenStreetMap (ODbL); населённые пункты: GeoNames (CC BY 4.0)
org-show-on-map = Показать на карте и найти, кто ещё рядом

## Accounts
nav-login = Войти
nav-account = Кабинет
nav-staff = Модерация
nav-admin = Администрирование
field-email = Электронная почта
field-password = Пароль
field-new-password = Новый пароль
field-password-again = Пароль ещё раз
field-display-name = Как вас называть
field-display-name-hint = Имя и фамилия или название организации. Видно сотрудникам центра поддержки.
password-rules = Не короче 8 знаков. Подойдёт фраза из нескольких слов. Слишком простые пароли (12345678, qwerty123) не принимаются.
login-title = Вход
login-button = Войти
login-forgot = Забыли пароль?
login-no-account = Ещё нет учётной записи?
login-already = Вы уже вошли как { $name }.
register-link = Зарегистрироваться
register-title = Регистрация
register-intro = Учётная запись нужна, чтобы вести страницу своей организации или предложить новую. Читать карту можно без неё.
register-button = Зарегистрироваться
register-have-account = Уже зарегистрированы?
logout-button = Выйти
forgot-title = Восстановление пароля
forgot-intro = Укажите почту, с которой вы регистрировались. Мы пришлём ссылку, по которой можно задать новый пароль.
forgot-button = Прислать ссылку
forgot-sent = Если такая почта зарегистрирована, письмо со ссылкой уже отправлено. Ссылка действует один час. Проверьте и папку «Спам».
reset-title = Новый пароль
reset-button = Сохранить пароль
login-required-title = Нужно войти
login-required-text = Эта страница доступна после входа на сайт.
forbidden-title = Нет доступа
account-title = Личный кабинет
account-who = Вы вошли как { $name } ({ $email }).
account-orgs = Мои организации
account-no-orgs = Пока нет организаций. Попросите в центре поддержки ссылку-приглашение для вашей организации или предложите новую.
account-drafts = Неотправленные черновики
account-draft-from = Черновик от
propose-link = Предложить новую организацию
status-published = Опубликована
status-pending = На модерации
status-rejected = Отклонена
status-pending-text = Страница на модерации: её видите только вы и сотрудники центра поддержки. После проверки она появится на карте.
status-rejected-text = Страница не прошла модерацию. Исправьте её и сохраните — она снова уйдёт на проверку.
moderation-reason = Причина:
invite-title = Приглашение
invite-text = Вас пригласили редактировать страницу организации «{ $org }».
invite-accept = Принять приглашение
invite-already = Вы уже редактор этой организации.
invite-unusable = Ссылка-приглашение уже использована или устарела. Попросите в центре поддержки новую.
invite-login-first = Чтобы принять приглашение, войдите или зарегистрируйтесь. После этого вы вернётесь сюда.
admin-title = Администрирование
admin-staff = Сотрудники центров поддержки
admin-region = Регион
admin-since = С какого дня
admin-revoke = Снять права
admin-grant = Выдать права сотрудника
admin-grant-email = Почта сотрудника
admin-grant-hint = Человек должен сначала зарегистрироваться на сайте.
admin-grant-button = Выдать права
notice-saved = Сохранено.
notice-password-changed = Пароль изменён. Все остальные входы завершены.
notice-welcome = Приглашение принято: теперь вы можете редактировать страницу организации.
notice-proposed = Спасибо! Организация отправлена на модерацию. Статус виден ниже.
notice-reverted = Прежняя версия восстановлена.
notice-reported = Спасибо! Сообщение передано сотрудникам центра поддержки.
notice-verified = Проверка записана.
notice-approved = Организация опубликована.
notice-rejected = Организация отклонена, автор увидит причину.
notice-logo = Логотип обновлён.
err-password-short = Пароль слишком короткий: нужно не меньше 8 знаков.
err-password-long = Пароль слишком длинный: не больше 256 знаков.
err-password-common = Этот пароль слишком простой или его легко угадать. Придумайте другой — например, фразу из нескольких слов.
err-password-mismatch = Пароли не совпадают.
err-login-failed = Неверная почта или пароль.
err-login-throttled = Слишком много неудачных попыток. Подождите { $seconds } с и попробуйте снова — или восстановите пароль.
err-email-taken = С этой почтой уже зарегистрирована учётная запись. Войдите или восстановите пароль.
err-rate-limited = Слишком много отправок подряд. Попробуйте снова через { $minutes } мин.
err-reset-link = Ссылка для смены пароля уже использована или устарела. Запросите новую.
err-no-such-account = Учётной записи с почтой «{ $value }» нет. Человек должен сначала зарегистрироваться.
err-busy = Сервер сейчас занят. Попробуйте ещё раз через минуту.
err-bad-form = Форма пришла не полностью. Вернитесь назад и отправьте её ещё раз.
csrf-refused-title = Запрос отклонён
csrf-refused-text = Эта форма пришла не с нашего сайта, поэтому мы её не приняли.
csrf-stale-title = Форма устарела
csrf-stale-text = Форма была открыта слишком давно или в браузере очищены cookie. Ничего не потеряно: отправьте её ещё раз.
csrf-resend = Отправить ещё раз
csrf-your-text = Что вы ввели
csrf-text-cut = Текст слишком длинный, чтобы показать его целиком: здесь только его начало. Вернитесь на страницу формы и отправьте её ещё раз.
too-large-title = Слишком большой файл
too-large-text = Отправка больше допустимого размера. Вернитесь назад, выберите файл поменьше и отправьте снова.
mail-reset-subject = Попутчики: смена пароля
mail-reset-body = Здравствуйте!

    Кто-то (надеемся, вы) попросил сменить пароль на сайте «Попутчики».
    Чтобы задать новый пароль, откройте ссылку (она действует { $minutes } минут):

    { $link }

    Если вы ничего не запрашивали, просто удалите это письмо: пароль останется прежним.
mail-invite-subject = Попутчики: приглашение редактировать страницу организации
mail-invite-body = Здравствуйте!

    Вас пригласили вести страницу организации «{ $org }» на карте «Попутчики».
    Откройте ссылку, войдите или зарегистрируйтесь и примите приглашение (ссылка действует { $days } дней и только один раз):

    { $link }

## Audit
audit-title = Журнал действий
audit-when = Когда
audit-who = Кто
audit-what = Что
audit-detail = Подробности
audit-login = Вход
audit-login-failed = Неудачный вход
audit-logout = Выход
audit-register = Регистрация
audit-password-reset-requested = Запрошена смена пароля
audit-password-reset = Пароль сменён
audit-admin-created = Создан администратор
audit-staff-granted = Выданы права сотрудника
audit-staff-revoked = Сняты права сотрудника
audit-editor-added = Добавлен редактор
audit-editor-removed = Удалён редактор
audit-invitation-created = Создано приглашение
audit-org-proposed = Предложена организация
audit-org-approved = Организация одобрена
audit-org-rejected = Организация отклонена
audit-org-reverted = Восстановлена версия
audit-org-verified = Организация проверена
audit-report-resolved = Сообщение об ошибке разобрано

## Editing
edit-button = Редактировать
history-link = История изменений
manage-link = Управление
edit-title = Редактирование: { $name }
edit-view-public = Открыть страницу
edit-intro = Поля со звёздочкой обязательны. Если что-то заполнено неверно, форма вернётся со всем, что вы ввели, и подскажет, что исправить.
edit-section-main = Основное
edit-section-place = Где находится
edit-place-hint = Укажите координаты точки (их можно взять в Яндекс.Картах: правый клик → «Что здесь?») или выберите на карте. Если точного адреса нет, оставьте координаты пустыми и выберите округ — точка встанет в центр округа.
edit-section-contacts = Контакты
edit-section-ids = Реквизиты (для зарегистрированных НКО)
save-button = Сохранить
cancel-button = Отмена
choose = — выберите —
field-name = Название
field-kind = Вид организации
field-legal-form = Организационно-правовая форма
field-legal-form-none = — нет (не зарегистрирована) —
field-summary = Коротко, одной строкой
field-summary-hint = Видна в списках. Если оставить пустой, возьмём начало описания.
field-description = Описание
field-description-hint = Чем занимаетесь, для кого, как вас найти. Пустая строка начинает новый абзац.
field-logo = Логотип
field-logo-current = Текущий логотип
field-logo-remove = Убрать логотип
field-logo-upload = Загрузить новый логотип
field-logo-hint = PNG, JPEG, WebP или GIF, до 8 МБ. Картинку уменьшим до 512 точек и удалим из неё скрытые сведения (например, место съёмки).
field-settlement = Населённый пункт
field-address = Адрес
field-lat = Широта
field-lat-hint = Например, 55,4412
field-lon = Долгота
field-okrug = Округ
field-okrug-hint = Нужен, только если координаты не указаны.
field-phone = Телефон
field-phone-hint = Несколько номеров — через запятую.
field-website = Сайт
field-vk = ВКонтакте
field-ok = Одноклассники
field-telegram = Telegram
field-inn = ИНН
field-inn-hint = 10 цифр у организации, 12 — у ИП. Проверяем контрольную цифру.
field-ogrn = ОГРН
field-directions = Направления деятельности
field-audiences = Кому помогаете
field-event-formats = Форматы мероприятий
field-services = Услуги
field-events = Мероприятия
field-needs = Что вам нужно
field-lat-lon = Координаты
rows-hint = Чтобы добавить услугу, заполните пустой блок внизу (после сохранения появятся ещё). Порядок задаётся числами в поле «Порядок».
row-service = Услуга
row-service-new = Новая услуга
row-event = Мероприятие
row-event-new = Новое мероприятие
row-need = Нужда
row-need-new = Новая нужда
field-service-name = Название услуги
field-service-description = Что входит
field-cost = Стоимость
field-how-to-apply = Как получить
field-schedule = Когда (расписание)
field-service-audiences = Для кого
field-position = Порядок
field-remove-service = Удалить эту услугу
field-event-title = Название мероприятия
field-event-starts = Начало
field-event-date-hint = Например, 05.12.2026 14:00
field-event-ends = Окончание (если нужно)
field-event-place = Место
field-event-format = Формат
field-event-description = Описание мероприятия
field-event-online = Проходит онлайн
field-event-registration-url = Ссылка для записи
field-event-registration-url-hint = Страница, где записываются на мероприятие (если есть)
field-event-registration-phone = Запись по телефону организации
field-event-report = Как прошло (после мероприятия)
field-event-report-hint = Коротко: что было, сколько пришло. Прошедшие мероприятия с отчётом остаются на странице как история организации.
field-remove-event = Удалить это мероприятие
field-need-kind = Что нужно
field-need-title = Коротко
field-need-description = Подробнее
field-remove-need = Удалить эту нужду
field-offers = Чем можем помочь другим организациям
field-offers-hint = Консультации (юридические, бухгалтерские, по грантам), наставничество, обучение, помещение, техника на время, транспорт, волонтёры. Ваше предложение увидят организации, которым это нужно, — ближайшие первыми.
field-offer-kind = Вид помощи
field-offer-title = Коротко
field-offer-title-hint = Например: «Юридическая консультация по уставу НКО»
field-offer-description = Подробнее: когда, как и на каких условиях
field-remove-offer = Удалить это предложение
row-offer = Предложение
row-offer-new = Новое предложение
conflict-title = Пока вы редактировали, страницу изменил кто-то другой
conflict-text = Ваш текст не потерян. Ниже поля, которые отличаются: слева — то, что сейчас на сайте, справа — ваш вариант (его можно скопировать).
conflict-theirs = Сейчас на сайте
conflict-yours = Ваш вариант
conflict-choice = Форма ниже заполнена вашим вариантом. Если сохранить её, он заменит текущую версию. Можно и отказаться от своих правок.
conflict-discard = Открыть текущую версию без моих правок
diff-field = Поле
diff-before = Было
diff-after = Стало
new-title = Новая организация
new-intro = Расскажите об организации или инициативной группе. После проверки сотрудником центра поддержки она появится на карте, а вы станете её редактором.
new-button = Отправить на модерацию
history-title = История изменений: { $name }
history-empty = Изменений пока не было.
revision-number = Версия { $number }
revision-baseline = Исходная версия
revision-create = Создание
revision-edit = Правка
revision-revert = Восстановление
revision-reverted-to = из версии { $number }
revision-import = загрузка данных
revision-current = текущая
revert-button = Восстановить версию { $number }
err-revert-invalid = Эту версию нельзя восстановить: она не проходит сегодняшние проверки (например, изменился справочник).
err-reason-required = Напишите причину отказа: автор её увидит.
err-logo-too-large = Файл больше 8 МБ. Выберите картинку поменьше.
err-logo-type = Это не картинка PNG, JPEG, WebP или GIF.
err-logo-broken = Картинку не удалось прочитать: файл повреждён.
manage-title = Управление: { $name }
manage-editors = Редакторы
manage-no-editors = Редакторов пока нет.
manage-since = с
manage-remove = Убрать
manage-invite = Пригласить редактора
manage-invite-email = Почта (необязательно)
manage-invite-hint = Если указать почту, отправим приглашение письмом. Ссылку в любом случае покажем здесь.
manage-invite-button = Создать ссылку-приглашение
manage-invite-ready = Ссылка готова. Она действует 14 дней и только один раз. Скопируйте её и передайте руководителю организации.
manage-invite-link = Ссылка-приглашение
manage-invite-sent = Письмо отправлено на { $email }.
manage-verify = Проверка организации
manage-last-verified = Последняя проверка: { $date }.
manage-never-verified = Организацию ещё не проверяли.
field-verify-method = Как проверено
field-verify-note = Примечание
field-verify-note-hint = Например, номер письма или дата визита.
manage-verify-button = Записать проверку
staff-title = Модерация: { $region }
staff-moderation = Ждут модерации
staff-no-pending = Новых организаций на проверке нет.
staff-proposed-by = предложил(а)
staff-reject-reason = Причина отказа (нужна только при отказе)
staff-approve = Опубликовать
staff-reject = Отклонить
staff-reports = Сообщения об ошибках
staff-no-reports = Новых сообщений нет.
staff-resolve = Исправлено
report-title = Сообщить об ошибке
report-message = Что не так на этой странице?
report-contact = Как с вами связаться (необязательно)
report-contact-hint = Телефон или почта, если хотите получить ответ.
report-button = Отправить
org-is-yours = Это ваша организация?
org-is-yours-link = Войдите, чтобы редактировать её страницу.
edit-unsaved = Изменения не сохранены. Уйти со страницы?
picker-show = Выбрать место на карте
picker-hint = Нажмите на карте, где находится организация, или перетащите метку. Координаты подставятся в поля выше.

## Hardening: limits, verified addresses, the second factor, security page
err-too-many-tries = Слишком много попыток подряд. Подождите немного и попробуйте снова.
err-email-long = Адрес почты слишком длинный: не больше { $max } знаков.
err-totp-code = Код не подошёл. Введите шесть цифр, которые сейчас показывает приложение, или один из резервных кодов.
err-2fa-required-for-staff = Сотрудникам и администраторам второй шаг входа обязателен, отключить его нельзя.
err-password-wrong = Неверный текущий пароль.
err-email-taken-now = Этот адрес уже занят другой учётной записью.
err-email-same = Это ваш нынешний адрес.
err-email-unverified = Сначала подтвердите адрес почты: откройте ссылку из письма, которое мы отправили при регистрации.
err-account-unverified = Учётная запись { $value } ещё не подтвердила адрес почты. Права можно выдать после подтверждения.
err-disable-self = Нельзя отключить собственную учётную запись.
yes = да
no = нет
register-sent = Проверьте почту: мы отправили письмо со ссылкой. Откройте её, чтобы подтвердить адрес и войти. Если письма нет несколько минут, загляните в папку «Спам».
account-unverified = Адрес { $email } ещё не подтверждён. Откройте ссылку из письма; пока адрес не подтверждён, нельзя вести страницы организаций.
account-verify-resend = Отправить письмо ещё раз
account-needs-2fa = У вас есть права сотрудника, но для них нужен второй шаг входа: код из приложения на телефоне. Настройте его — это займёт пару минут.
invite-other-email = Это приглашение отправлено на другой адрес почты. Войдите с тем адресом, на который пришло письмо.
verify-title = Подтверждение адреса
verify-text = Нажмите кнопку, чтобы подтвердить адрес почты и войти.
verify-button = Подтвердить адрес
verify-gone = Ссылка устарела или уже использована. Войдите и отправьте письмо ещё раз со страницы учётной записи.
login-code-title = Код из приложения
login-code-expired = Время на ввод кода вышло. Войдите ещё раз.
login-code-lost = Нет доступа к приложению?
field-totp-code = Код из приложения
field-totp-code-hint = Шесть цифр из приложения-аутентификатора на вашем телефоне.
field-recovery-code = Резервный код
field-current-password = Текущий пароль
field-new-email = Новый адрес почты
security-title = Безопасность учётной записи
security-sessions = Где вы вошли
security-this-session = этот браузер
security-session-line = Адрес { $ip }, вход { $started }, последний раз { $seen }
security-end-others = Выйти на всех других устройствах
security-second-factor = Второй шаг входа
security-2fa-on = Включён: при входе нужен код из приложения. Осталось резервных кодов: { $left }.
security-2fa-none = Выключен. Включите его, чтобы никто не вошёл, даже узнав пароль.
security-2fa-setup = Настроить код из приложения
security-2fa-renew = Настроить заново (новые резервные коды)
security-2fa-off = Выключить второй шаг
security-password = Пароль
security-password-button = Сменить пароль
security-email = Адрес почты
security-email-now = Сейчас: { $email }. На новый адрес придёт ссылка; адрес сменится, когда вы её откроете.
security-email-button = Отправить ссылку на новый адрес
second-factor-title = Код из приложения
second-factor-renew-note = Второй шаг уже включён. Если настроите заново, старое приложение и старые резервные коды перестанут работать.
second-factor-step-app = Установите на телефон приложение-аутентификатор, например «Яндекс Ключ», Google Authenticator или FreeOTP.
second-factor-step-scan = Отсканируйте этот код приложением:
second-factor-qr = QR-код для приложения-аутентификатора
second-factor-step-type = Или введите ключ вручную:
second-factor-step-code = Введите шесть цифр, которые показывает приложение.
second-factor-button = Включить
second-factor-codes-title = Резервные коды
second-factor-codes-text = Второй шаг включён. Запишите эти коды и храните их отдельно от телефона: каждый подходит один раз, если телефон потерян. Больше мы их не покажем.
second-factor-codes-done = Я записал коды
admin-accounts-title = Учётные записи
admin-accounts-search = Почта или имя
admin-accounts-verified = Адрес подтверждён
admin-accounts-2fa = Второй шаг
admin-accounts-last-login = Последний вход
admin-accounts-admin = администратор
admin-accounts-disable = Отключить
admin-accounts-enable = Включить
notice-email-verified = Адрес почты подтверждён. Добро пожаловать!
notice-email-changed = Адрес почты изменён.
notice-verify-sent = Письмо со ссылкой отправлено ещё раз.
notice-email-link-sent = Если адрес свободен, на него отправлена ссылка. Откройте её, чтобы сменить адрес.
notice-sessions-ended = Все другие входы завершены.
notice-2fa-on = Второй шаг входа включён.
notice-2fa-off = Второй шаг входа выключен.
audit-email-verified = Адрес подтверждён
audit-email-changed = Адрес почты изменён
audit-password-changed = Пароль изменён
audit-sessions-ended = Завершены другие входы
audit-second-factor-enabled = Включён второй шаг входа
audit-second-factor-disabled = Выключен второй шаг входа
audit-second-factor-failed = Неверный код второго шага
audit-account-disabled = Учётная запись отключена
audit-account-enabled = Учётная запись включена
mail-verify-subject = Попутчики: подтвердите адрес почты
mail-verify-body = Здравствуйте!

    Вы (или кто-то от вашего имени) зарегистрировались на сайте «Попутчики» с этим адресом.
    Чтобы подтвердить адрес и войти, откройте ссылку (она действует { $hours } часов):

    { $link }

    Если вы не регистрировались, просто удалите это письмо.
mail-register-taken-subject = Попутчики: попытка регистрации с вашим адресом
mail-register-taken-body = Здравствуйте!

    Кто-то (возможно, вы) пытался зарегистрироваться на сайте «Попутчики» с этим адресом, но у вас уже есть учётная запись.
    Войти: { $login }
    Если забыли пароль, на странице входа есть ссылка «Забыли пароль?».

    Если это были не вы, ничего делать не нужно.
mail-email-change-subject = Попутчики: подтвердите новый адрес почты
mail-email-change-body = Здравствуйте!

    Для учётной записи на сайте «Попутчики» указан новый адрес почты — этот.
    Чтобы сменить адрес, откройте ссылку (она действует { $hours } часов):

    { $link }

    Если вы ничего не меняли, просто удалите это письмо.
mail-email-changed-subject = Попутчики: адрес почты изменён
mail-email-changed-body = Здравствуйте!

    Адрес почты вашей учётной записи на сайте «Попутчики» изменён на { $email }.
    Если это сделали не вы, срочно напишите администратору сайта: { $site }
mail-password-changed-subject = Попутчики: пароль изменён
mail-password-changed-body = Здравствуйте!

    Пароль вашей учётной записи на сайте «Попутчики» только что изменён.
    Если это сделали не вы, восстановите пароль на странице входа и напишите администратору: { $site }
mail-new-device-subject = Попутчики: вход с нового устройства
mail-new-device-body = Здравствуйте!

    В вашу учётную запись на сайте «Попутчики» вошли с устройства, с которого раньше не входили.
    Браузер: { $agent }
    Адрес: { $ip }
    Время: { $when }

    Если это были вы, ничего делать не нужно. Если нет, смените пароль и завершите все входы на странице «Безопасность»: { $site }/account/security
mail-2fa-on-subject = Попутчики: включён второй шаг входа
mail-2fa-on-body = Здравствуйте!

    Для вашей учётной записи на сайте «Попутчики» включён вход с кодом из приложения.
    Если это сделали не вы, напишите администратору: { $site }
mail-2fa-off-subject = Попутчики: выключен второй шаг входа
mail-2fa-off-body = Здравствуйте!

    Для вашей учётной записи на сайте «Попутчики» выключен вход с кодом из приложения.
    Если это сделали не вы, смените пароль: { $site }/account/security
mail-new-role-subject = Попутчики: у вас новая роль
mail-new-role-body = Здравствуйте!

    Вашей учётной записи на сайте «Попутчики» выданы права: { $role }.
    Если вы этого не ждали, напишите администратору: { $site }
err-version-missing = Форма пришла без номера версии, поэтому мы ничего не сохранили, чтобы не затереть чужие правки. Проверьте текст и сохраните ещё раз.
audit-logo-changed = Логотип заменён
audit-logo-removed = Логотип удалён
err-identifier-unpublished = Этот ИНН или ОГРН уже у заявки № { $id }, которая ждёт модерации или отклонена. Строка не загружена: сначала разберите заявку на странице модерации.
role-staff = сотрудник центра поддержки региона
role-editor = редактор страницы организации «{ $org }»

# Import warnings: the row was imported without (or with a fixed) value.
warn-dropped = «{ $value }» не распознано — значение не загружено, строка загружена без него.
warn-identifier-excel = «{ $value }»: Excel записал номер как число и потерял цифры — номер не загружен, впишите его полностью.
warn-identifier-zero = «{ $value }»: Excel потерял ведущий ноль, номер восстановлен как { $fixed }.
audit-import-uploaded = Загружен список для импорта
audit-import-run = Импорт списка

# Staff import pages.
import-title = Загрузка списка организаций
import-intro = Загрузите список организаций региона «{ $region }», который вы уже ведёте: таблицу Excel или CSV. Сначала вы увидите, что получится с каждой строкой, сможете исправить ячейки или пропустить строки, и только потом данные попадут на карту.
import-file = Файл списка
import-file-hint = Excel (.xlsx, .xls), OpenDocument (.ods) или CSV, до 8 МБ. Заголовки столбцов можно писать как привыкли: «Наименование», «ОПФ», «Район», «Телефон»… Строка с названием таблицы над заголовками не мешает.
import-upload = Загрузить и проверить
import-recent = Недавние списки
import-no-recent = Списков пока не загружали.
import-err-no-file = Выберите файл списка.
import-err-too-large = Файл больше 8 МБ. Разделите список на несколько файлов.
import-batch-draft = проверка
import-batch-running = загружается
import-batch-done = загружен
import-back = ← Все списки
import-preview-title = Список «{ $file }»
import-running = Идёт загрузка. Всё записывается одной операцией: если что-то пойдёт не так, ничего не запишется.
import-progress = Записано строк: { $done } из { $total }
import-refresh = Обновить
import-run = Загрузить на карту: новых { $new }, обновить { $update }
import-count-rows = Строк с данными
import-count-warnings = Загрузятся с замечаниями
import-status-new = Новые
import-status-update = Обновят организацию
import-status-unchanged = Без изменений
import-status-duplicate = Повтор строки
import-status-refused = Не загрузятся
import-status-skipped = Пропущены вами
import-nothing-new = Всё из этого списка уже есть на карте: повторная загрузка ничего не изменит.
import-mapping = Столбцы (заголовок в строке { $row }): что в каком столбце
import-ignored = Не загружаются: { $columns }. Если в столбце нужные сведения, выберите для него поле.
import-column = Столбец файла
import-field = Что в нём
import-column-n = Столбец { $n }
import-column-number = № по порядку (не загружать)
import-column-ignored = Не загружать
import-apply-mapping = Применить
import-rows = Строки
import-show-problems = С замечаниями
import-show-all = Все строки
import-no-problems = Здесь ничего нет: замечаний к строкам нет.
import-row = Строка { $row }
import-open-org = открыть страницу
import-fix-row = Исправить или пропустить
import-fixed = исправлено
import-save-fix = Сохранить исправление
import-skip = Пропустить строку
import-unskip = Вернуть строку
import-duplicate-of = Та же организация, что в строке { $row }: строка будет пропущена.
import-done = Готово за { $seconds } с: добавлено { $created }, обновлено { $updated }, без изменений { $unchanged }, пропущено { $skipped }.
import-added = Добавлены
import-changed = Обновлены
import-skipped = Пропущены
import-without-editor = Организации без редактора
import-invite-help = У этих организаций ещё нет никого, кто ведёт их страницу. Отметьте, кого пригласить: с адресом почты приглашение уйдёт письмом, без адреса вы получите ссылку, чтобы передать её сами.
import-invite-choose = Пригласить
import-invite-email-for = Почта для приглашения: { $org }
import-invite = Создать приглашения
import-invited = Приглашения созданы
import-invited-help = Ссылки показаны один раз. Каждая действует 14 дней и даёт право вести страницу одной организации.
import-invite-link = Ссылка
field-links = Сайт и соцсети вперемешку
field-verified-at = Дата проверки сотрудниками
field-verified-by = Кем проверено
field-verification-method = Способ проверки
import-count-approximate = Без координат (примерно)
import-approximate = Координат нет: точка встанет к населённому пункту из справочника (или в центр округа, если его там нет), на карте будет пометка «примерно». Впишите широту и долготу, если знаете.

# "My village" page.
places-title = Мой населённый пункт
places-intro = Выберите свой округ, а в нём — село, деревню или посёлок: покажем организации рядом, сначала ближайшие.
places-okrugs = Округа
places-count = { $count ->
    [one] { $count } населённый пункт
    [few] { $count } населённых пункта
   *[many] { $count } населённых пунктов
}
places-none = В справочнике нет населённых пунктов этого округа.
places-other-okrug = Другой округ
near-my-village = Выбрать свой населённый пункт
near-village = Или впишите свой населённый пункт
map-near-village = Искать рядом с этим местом
field-settlement-hint = Например, «с. Кипель». Если село есть в справочнике, точка встанет к нему, а округ заполнится сам.

## Coverage: where help is missing
nav-coverage = Где не хватает помощи
coverage-page-title = Где не хватает помощи
coverage-description = Сколько организаций работает в каждом округе Курганской области по каждому направлению и для кого: белые пятна показывают, где помощи нет.
coverage-intro = Число организаций на карте в каждом округе по каждому направлению или для каждой группы людей. Белое пятно (0) значит, что в округе такой помощи на карте нет. Нажмите число, чтобы увидеть эти организации.
coverage-okrug = Округ
coverage-total = Всего организаций
coverage-region-total = Вся область
coverage-title-direction = Организации по округам и направлениям
coverage-title-audience = Организации по округам и тем, кому помогают
coverage-verified-only = только проверенные
coverage-sheet = Покрытие
coverage-spot-legend = Белое пятно: в округе нет ни одной такой организации
coverage-options = Что считать
coverage-by-label = Столбцы
coverage-by-direction = Направления
coverage-by-audience = Кому помогают
coverage-verified-label = Только проверенные сотрудниками
coverage-show = Показать
coverage-summary = { $orgs ->
    [one] { $orgs } организация
    [few] { $orgs } организации
   *[many] { $orgs } организаций
}, белых пятен: { $spots }.
coverage-scroll-hint = Таблица широкая: прокрутите её вбок.
coverage-spot = белое пятно
coverage-column-map = { $label }: на карте по округам
coverage-downloads = Скачать для отчёта
coverage-download-csv = Таблица CSV
coverage-download-xlsx = Таблица Excel
coverage-print = Распечатать (A4, альбомная)

## Archive ("больше не работает")
status-archived = В архиве
archived-title = Организация больше не работает
archived-since = Организация больше не работает (в архиве с { $date })
archived-text = Её страница оставлена для справки: в поиске и на карте её нет.
archived-similar = Похожие организации поблизости
manage-archive = Архив
manage-archive-text = Если организация больше не работает, уберите её в архив: она исчезнет из поиска, с карты и из подсчётов, а страница останется с пометкой. Вернуть можно в любой момент.
manage-archive-button = Убрать в архив
manage-archived-text = Организация в архиве: её нет в поиске и на карте.
manage-restore-button = Вернуть из архива
manage-archive-unpublished = В архив можно убрать только опубликованную организацию.
field-archive-note = Причина (видна на странице)
field-archive-note-hint = Например: «Объединилась с районным советом ветеранов». Можно оставить пустым.
notice-archived = Организация убрана в архив.
notice-restored = Организация снова на карте.
err-archive-not-published = Эта организация ещё не опубликована: в архив можно убрать только опубликованную.
err-restore-not-archived = Эта организация не в архиве.

## Re-confirmation reminders
mail-reconfirm-subject = Ваши сведения на карте ещё верны?
mail-reconfirm-body = Здравствуйте!

    На карте «Попутчики» есть страница организации «{ $name }»:
    { $page }

    Пожалуйста, проверьте, верны ли сведения о ней. Это займёт минуту.

    Всё верно:
    { $confirm }

    Обновить сведения:
    { $update }

    Мы больше не работаем:
    { $closed }

    Ссылка сама ничего не меняет: откроется страница с одной кнопкой. Ссылки действуют { $days } дней.

    Карта «Попутчики», { $site }
mail-org-closed-subject = Организация сообщила, что больше не работает
mail-org-closed-body = Организация «{ $name }» ответила на напоминание: «Мы больше не работаем». Её страница убрана в архив: в поиске и на карте её нет.

    Если это ошибка, верните её из архива:
    { $manage }

    { $site }
archive-note-by-organization = Организация сообщила, что больше не работает.
reconfirm-about = Организация:
reconfirm-confirm-title = Сведения верны?
reconfirm-confirm-text = Если всё на странице по-прежнему верно, нажмите кнопку: на карте появится отметка, что организация подтвердила сведения.
reconfirm-confirm-button = Да, всё верно
reconfirm-update-title = Обновить сведения
reconfirm-update-text = Нажмите кнопку, чтобы открыть форму: там можно исправить всё, что изменилось.
reconfirm-update-button = Открыть форму
reconfirm-closed-title = Организация больше не работает?
reconfirm-closed-text = После нажатия страница уйдёт в архив: её не будет в поиске и на карте, а сотрудники ресурсного центра получат сообщение. Если организация ещё работает, просто закройте эту страницу.
reconfirm-closed-button = Да, мы больше не работаем
reconfirm-gone-title = Ссылка больше не действует
reconfirm-gone-text = Эта ссылка уже использована или устарела (ссылки действуют 60 дней). Если сведения нужно поправить, напишите об этом на странице организации.
notice-confirmed = Спасибо! Сведения подтверждены.

## Staff workspace
desk-title = Очереди
desk-okrug = Округ
desk-all-okrugs = Вся область
desk-show = Показать
desk-total = { $count ->
    [0] Здесь пусто.
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
}
desk-col-org = Организация
desk-col-okrug = Округ
desk-col-reason = Почему здесь
desk-col-contacts = Как связаться
queue-stale = Давно не обновлялись
queue-stale-about = Опубликованные организации, о которых больше года нет вестей: ни правок, ни подтверждения, ни проверки. Позвоните, обновите сведения и запишите проверку.
queue-call = Нужно позвонить
queue-call-about = Напоминания, на которые нельзя ответить по почте: письмо не дошло, адреса нет, или ответа нет больше 30 дней.
queue-no-editor = Без редактора
queue-no-editor-about = Организации, у которых нет ни одного редактора: пригласите их руководителей, чтобы они сами обновляли страницу.
queue-verification-expired = Проверка устарела
queue-verification-expired-about = Организации, которые сотрудники проверяли слишком давно (срок задаёт политика региона). Проверьте их снова.
queue-reason-stale = Последние сведения { $ago }
queue-reason-no-address = Напоминание некому отправить: нет ни редактора, ни эл. почты
queue-reason-bounced = Письмо с напоминанием не дошло
queue-reason-unanswered = Не ответили на напоминание от { $date }
queue-reason-no-editor = Нет редактора
queue-reason-verification = Проверено { $date }
staff-dismiss = Отклонить
staff-report-note = Заметка для коллег (необязательно)
staff-report-reply = Ответ автору на { $email }
staff-report-reply-hint = Если заполнить, ответ уйдёт письмом. Можно оставить пустым.
err-report-no-address = Автор не оставил адреса электронной почты: ответить письмом нельзя.
mail-report-reply-subject = Ответ на ваше сообщение о странице на карте
mail-report-reply-body = Здравствуйте!

    Вы сообщили об ошибке на странице организации «{ $name }» на карте «Попутчики». Ответ сотрудника центра поддержки:

    { $reply }

    { $site }

## Needs: state and date
field-need-until = Нужно до (необязательно)
field-need-until-hint = После этой даты просьба перестанет показываться.
field-need-met = Помощь получена — больше не показывать
need-until = до { $date }
err-need-until = Дата «{ $value }» не распознана: выберите дату в календаре.
nav-needs = Кому нужна помощь
needs-title = Кому нужна помощь
needs-intro = Просьбы организаций и инициативных групп области: помещение, обучение, волонтёры, техника и другое. Откликнитесь — свяжитесь с организацией по её контактам.
needs-kind = Что нужно
needs-all-kinds = Всё
needs-found = { $count ->
    [0] Открытых просьб не найдено.
    [one] { $count } открытая просьба
    [few] { $count } открытые просьбы
   *[many] { $count } открытых просьб
}
needs-contacts = Контакты
needs-downloads = Сводка для отчёта (округ × вид помощи)
needs-summary-title = Организации с открытыми просьбами: округ × вид помощи
edits-title = Существенные правки
edits-about = Редакторы недавно одобренных организаций изменили название, ИНН/ОГРН или место. Правки уже на карте; проверьте их: примите или верните прежнюю версию.
edits-none = Правок на проверку нет.
edits-changed = Изменено:
edits-diff = Что именно (история)
edits-accept = Принять
edits-revert = Вернуть прежнюю версию
manage-verification-history = Все проверки
queue-duplicates = Возможные дубликаты
queue-duplicates-about = Записи, похожие на другую запись той же организации: одинаковые ИНН/ОГРН, телефон или почта, то же название в округе или точки рядом. Сравните пару и объедините её в одну запись или отметьте, что это разные организации.
queue-reason-duplicate = Похожа на «{ $name }» (№ { $id }): { $why }
dup-same-inn = тот же ИНН
dup-same-ogrn = тот же ОГРН
dup-same-name = то же название в округе
dup-similar-name = почти то же название в округе
dup-same-phone = тот же телефон
dup-same-email = та же почта
dup-nearby = рядом на карте и похожее название
new-maybe-duplicate = Похоже, эта организация уже есть на карте:
new-maybe-duplicate-hint = Если это она, откройте её страницу: там можно попросить доступ или сообщить об ошибке. Если ваша организация другая, отметьте это и отправьте форму ещё раз — всё введённое сохранено.
new-not-duplicate = Это другая организация, отправить на модерацию
err-maybe-duplicate = Похоже, эта организация уже есть на карте: проверьте ссылки выше.
staff-report-replied = Ответ:
status-merged = Объединена с другой записью
revision-merge = Объединение записей
revision-merged-from = из записи № { $id }
audit-org-merged = Две записи объединены
audit-duplicate-dismissed = Пара отмечена как разные организации
notice-merged = Записи объединены. Старый адрес второй записи ведёт сюда.
notice-not-duplicates = Отмечено: это разные организации. Пара больше не появится в очереди.
err-merge-same = Нельзя объединить запись саму с собой.
err-merge-not-published = Объединять можно только опубликованные записи: эта на модерации, в архиве или уже объединена.
err-merge-changed = Пока вы сравнивали, одну из записей изменили. Посмотрите на них ещё раз: ваш выбор сохранён.
merge-compare = Сравнить и объединить
merge-not-duplicates = Это разные организации
merge-title = Объединение двух записей
merge-lead = Если это одна организация, выберите, чей адрес страницы остаётся и какие сведения взять из каждой записи. Вторая запись исчезнет с карты, а её адрес будет вести на оставшуюся.
merge-record = Запись № { $id }
merge-fact-updated = Обновлена { $date }
merge-fact-editors = Редакторов: { $n }
merge-fact-revisions = Версий в истории: { $n }
merge-fact-checks = Проверок сотрудниками: { $n }
merge-keep = Какая запись остаётся
merge-keep-hint = Её адрес и номер сохранятся. Обычно это старая запись: её адрес дольше всего разошёлся по ссылкам.
merge-keep-option = № { $id } «{ $name }»
merge-fields = Сведения
merge-same = одинаково в обеих записях
merge-empty = — пусто —
merge-both = Из обеих записей
merge-both-hint = Всё из обеих, без повторов
merge-moves = Редакторы, история версий, проверки сотрудниками и сообщения об ошибках второй записи перейдут к оставшейся. Напоминания второй записи отменятся.
merge-submit = Объединить записи
merge-cancel = Отмена
field-place = Место
import-looks-like = Похоже, эта организация уже есть на карте: «{ $name }» (№ { $id }), { $why }. Если это она, пропустите строку или после загрузки объедините записи в очереди «Возможные дубликаты».
export-col-id = № на карте
export-col-name = Название
export-col-kind = Тип
export-col-kind-code = Код типа
export-col-legal-form = Организационно-правовая форма
export-col-legal-form-code = Код формы
export-col-inn = ИНН
export-col-ogrn = ОГРН
export-col-okrug = Округ
export-col-okrug-code = Код округа
export-col-settlement = Населённый пункт
export-col-address = Адрес
export-col-lat = Широта
export-col-lon = Долгота
export-col-approximate = Место приблизительное
export-col-directions = Направления
export-col-direction-codes = Коды направлений
export-col-audiences = Для кого
export-col-audience-codes = Коды «для кого»
export-col-event-formats = Форматы мероприятий
export-col-event-format-codes = Коды форматов
export-col-phones = Телефоны
export-col-email = Эл. почта
export-col-website = Сайт
export-col-vk = ВКонтакте
export-col-ok = Одноклассники
export-col-telegram = Telegram
export-col-summary = Коротко
export-col-updated = Обновлено
export-col-confirmed = Подтверждено организацией
export-col-verified = Проверено сотрудниками
export-col-url = Страница на карте
export-yes = да
export-no = нет
export-sheet-organizations = Организации
export-sheet-about = О данных
export-about-title = Набор данных
export-about-source = Источник
export-about-date = Дата выгрузки
export-about-view = Выборка
export-about-count = Организаций
export-about-licence = Лицензия
export-about-licence-url = Текст лицензии
export-about-attribution = Как ссылаться
export-view-all = весь справочник
export-title = Попутчики: СОНКО, инициативные группы и социальные учреждения — { $region }
export-licence = Creative Commons «Атрибуция» 4.0 (CC BY 4.0): сведения можно копировать, изменять и использовать, в том числе в коммерческих целях, с указанием источника.
export-attribution = Источник: «Попутчики», { $site }.
search-download = Скачать найденное:
search-download-csv = CSV
search-download-xlsx = Excel
search-download-geojson = GeoJSON
search-download-all = весь справочник (Excel)
err-param-since = Время «{ $value }» не понято: нужно RFC 3339, например 2026-12-01T00:00:00Z.
err-param-cursor = Курсор «{ $value }» не понят: передайте next_cursor из прошлого ответа.
err-param-limit = За раз можно получить от 1 до 1000 изменений, а не «{ $value }».
nav-open-data = Открытые данные
open-data-title = Открытые данные
open-data-intro = Все сведения об организациях на карте открыты. Их можно скачать и использовать в своих таблицах, картах и сервисах, в том числе для отчётов, со ссылкой на «Попутчиков».
open-data-all = Весь справочник
open-data-xlsx = Excel (.xlsx)
open-data-xlsx-for = для отчётов и работы в таблицах: с фильтрами и листом «О данных».
open-data-csv = CSV
open-data-csv-for = для Excel, LibreOffice и программ: UTF-8, разделитель «;».
open-data-geojson = GeoJSON
open-data-geojson-for = для QGIS и веб-карт: точки организаций с их сведениями.
open-data-jsonl = JSON Lines
open-data-jsonl-for = для переноса в другую карту «Попутчиков»: команда server import читает его как есть.
open-data-views = Любую выборку (поиск, фильтры, округ, место) можно скачать со страницы поиска: ссылки «Скачать найденное» под результатами.
open-data-to-search = Перейти к поиску
open-data-licence-title = Лицензия
open-data-licence = Сведения об организациях распространяются по лицензии Creative Commons «Атрибуция» 4.0:
open-data-credit = При использовании укажите источник: «Попутчики» и адрес карты.
open-data-api-title = Для разработчиков
open-data-api-search = поиск с фильтрами, как на сайте (JSON).
open-data-api-record = полные публичные сведения об организации.
open-data-api-download = выгрузка любой выборки поиска.
open-data-api-changes = лента изменений: какие организации появились, изменились или ушли с карты, для синхронизации без полной выгрузки.
open-data-private = В выгрузки попадают только опубликованные сведения: ни учётные записи, ни черновики, ни заметки сотрудников, ни сообщения посетителей в них не входят.
og-locale = ru_RU
download-alternate = Организации на карте, { $format }
hsds-taxonomy-org_kind = Вид организации
hsds-taxonomy-legal_form = Организационно-правовая форма
hsds-taxonomy-direction = Направления деятельности
hsds-taxonomy-audience = Кому помогают
hsds-taxonomy-event_format = Форматы работы
hsds-taxonomy-need_kind = Чем помочь организации
hsds-taxonomy-description = Словарь «{ $name }» карты «Попутчики», { $region }.
hsds-package-title = Попутчики: СОНКО, инициативные группы и социальные учреждения, { $region } (HSDS 3.0)
hsds-package-description = Опубликованные сведения об организациях на карте «Попутчики» в формате Open Referral HSDS 3.0. Лицензия CC BY 4.0, ссылка на «Попутчиков» обязательна; границы округов: © участники OpenStreetMap, ODbL.
err-param-uuid = Нужен идентификатор UUID, например 3f7b145d-84af-42d7-8fae-eaca714b02b2, а не «{ $value }».
err-param-format = Формат может быть json или ndjson, а не «{ $value }».
open-data-hsds-title = Стандарт Open Referral HSDS 3.0
open-data-hsds-intro = Тот же справочник в международном стандарте открытых данных о социальных услугах: по нему его могут забирать службы помощи, платформы добровольчества и справочники других регионов.
open-data-hsds-zip = Пакет данных HSDS (zip)
open-data-hsds-zip-for = таблицы CSV с описанием datapackage.json: организации, услуги, места, телефоны, рубрики.
open-data-hsds-json = HSDS JSON
open-data-hsds-json-for = все организации с вложенными услугами, местами, телефонами и рубриками.
open-data-hsds-api = API HSDS
open-data-hsds-api-for = организации, услуги и рубрики по страницам, с поиском и фильтрами стандарта.
open-data-api-docs = Описание всех открытых адресов API
api-docs-title = API «Попутчиков»
api-docs-intro = Все открытые адреса: без ключа, только чтение, ответы в JSON, данные по лицензии CC BY 4.0. Машиночитаемое описание:
api-docs-parameters = Параметры
api-docs-required = обязательный
api-op-search = Поиск организаций с фильтрами и счётчиками
api-op-record = Одна опубликованная организация
api-op-csv = CSV (UTF-8 с BOM, «;») всех организаций выборки
api-op-xlsx = Книга Excel с выборкой
api-op-geojson = GeoJSON выборки
api-op-jsonl = JSON Lines выборки в формате импорта
api-op-changes = Организации, которые появились на карте, изменились или ушли с неё
api-op-clusters = Группы и точки для видимой части карты
api-op-card = Карточка точки на карте
api-op-ties = Связи между организациями-попутчиками: линия между каждой парой, если обе в выборке (те же фильтры, что у поиска), с видом связи.
api-op-okrugs = Границы округов с числом организаций
api-op-places = Названия сёл и городов
api-op-hsds = HSDS: версия и описание этого API
api-op-hsds-organizations = Организации в формате HSDS
api-op-hsds-services = Услуги в формате HSDS
api-op-hsds-sal = Услуги HSDS с местом оказания
api-op-hsds-zip = Пакет данных HSDS (таблицы CSV)
api-op-hsds-json = Все организации в HSDS JSON
api-op-openapi = Это описание
api-op-sitemap = Карта сайта (или её оглавление)
api-op-robots = Что могут читать поисковые роботы
api-p-q = Слова поиска (читаются первые 200 знаков).
api-p-direction = Направления (внутри фильтра «или», между фильтрами «и»).
api-p-audience = Кому помогают.
api-p-event-format = Форматы работы.
api-p-kind = Виды организаций.
api-p-okrug = Округа, по коду.
api-p-freshness = Насколько давно сведения подтверждены.
api-p-verified = Только проверенные сотрудниками.
api-p-has-needs = Только с текущими нуждами.
api-p-accepts-volunteers = Только ищущие волонтёров.
api-p-near = Точка: ШИРОТА,ДОЛГОТА.
api-p-radius = Вместе с near: радиус в километрах.
api-p-bbox = Область: МИН.ДОЛГОТА,МИН.ШИРОТА,МАКС.ДОЛГОТА,МАКС.ШИРОТА.
api-p-sort = Порядок.
api-p-page = Номер страницы, с 1.
api-p-per-page = Сколько результатов на странице.
api-p-search = Полнотекстовый поиск.
api-p-term = Только с этой рубрикой.
api-p-taxonomy = Только с рубрикой этого словаря.
api-p-organization = Только этой организации.
api-p-modified-after = Изменённые начиная с этого момента.
api-p-format = ndjson: все результаты, по одному в строке, без страниц.
api-p-full = Полностью вложенные объекты.
api-p-minimal = Услуги: только id, name, status и last_modified.
api-p-full-service = Организации: со всеми услугами внутри.
api-p-since = Начиная с этого момента.
api-p-cursor = Последний next_cursor.
api-p-limit = Сколько изменений за раз.
api-p-zoom = Масштаб карты.
api-p-org-id = Номер организации
api-p-uuid = UUID объекта
api-p-words = Слова в названии, коде или описании.

## Posters for the noticeboard
poster-link = Плакат для доски объявлений
poster-okrug-link = Плакат «Кто помогает в округе» для доски объявлений
poster-title-org = Плакат: { $name }
poster-okrug-title = Плакат «Кто помогает»: { $okrug }
poster-hint = Распечатайте эту страницу на листе A4 (в меню браузера — «Печать») и повесьте на доске объявлений: в магазине, библиотеке, сельсовете, ФАПе.
poster-back = Вернуться на страницу организации
poster-okrug-back = Вернуться на страницу округа
poster-for = Кому помогаем
poster-services = Чем помогаем
poster-phone = Телефон
poster-address = Адрес
poster-qr-label = QR-код со ссылкой на страницу на сайте
poster-scan = Наведите камеру телефона на код — откроется страница организации на карте «Попутчики»:
poster-okrug-heading = Кто помогает в вашем округе
poster-okrug-scan = Все организации округа, их услуги и события — на сайте:
poster-okrug-empty = В округе пока нет организаций на карте.
poster-other = Другое
poster-more = И ещё { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
} — на сайте.

# The events calendar (/events) and its feeds.
nav-events = События
events-title = Календарь событий
events-intro = Семинары, консультации, мастер-классы и конкурсы организаций области. Выберите округ, формат или даты; на календарь можно подписаться в телефоне.
events-found = { $count ->
    [one] Найдено { $count } событие
    [few] Найдено { $count } события
   *[other] Найдено { $count } событий
}
events-none = На эти даты событий не нашлось. Попробуйте другой месяц или уберите фильтр.
events-from = С
events-to = По
events-format = Формат
events-all-formats = Все форматы
events-audience = Для кого
events-all-audiences = Для всех
events-of-org = Только «{ $name }»
events-view = Вид календаря
events-view-list = Списком
events-view-month = По месяцам
events-months = Месяцы
events-prev-month = ← Предыдущий месяц
events-next-month = Следующий месяц →
events-subscribe = Подписаться на календарь
events-download-ics = Скачать файл .ics
event-online = онлайн
event-sign-up = Записаться
event-sign-up-phone = Запись по телефону
event-report = Как прошло
org-past-events = Прошедшие события
ical-name-region = Попутчики: события — { $region }
ical-name-okrug = Попутчики: события — { $okrug }
ical-name-org = Попутчики: { $name }
ical-organizer = Организатор: { $name }
ical-registration-url = Запись: { $url }
ical-registration-phone = Запись по телефону: { $phone }
ical-report = Как прошло: { $report }
month-name-1 = Январь
month-name-2 = Февраль
month-name-3 = Март
month-name-4 = Апрель
month-name-5 = Май
month-name-6 = Июнь
month-name-7 = Июль
month-name-8 = Август
month-name-9 = Сентябрь
month-name-10 = Октябрь
month-name-11 = Ноябрь
month-name-12 = Декабрь
weekday-1 = понедельник
weekday-2 = вторник
weekday-3 = среда
weekday-4 = четверг
weekday-5 = пятница
weekday-6 = суббота
weekday-7 = воскресенье
weekday-short-1 = Пн
weekday-short-2 = Вт
weekday-short-3 = Ср
weekday-short-4 = Чт
weekday-short-5 = Пт
weekday-short-6 = Сб
weekday-short-7 = Вс

# Offers of help and the needs they answer.
org-offers = Чем можем помочь другим
need-helpers = Могут помочь:
offer-answers = Кому это нужно:
match-km = { $km } км
help-login = Могу помочь — войдите, чтобы предложить помощь от имени своей организации
help-button = Могу помочь
help-send = Отправить предложение
field-help-from = От какой организации
field-help-message = Что вы предлагаете (необязательно)
field-help-message-hint = Письмо придёт тем, кто ведёт страницу этой организации, с контактами вашей организации и вашим адресом. Их адреса вам не показываются.
err-help-need-gone = Эта просьба изменилась или уже закрыта. Посмотрите страницу ещё раз.
err-help-no-address = У этой организации нет ни редактора, ни адреса электронной почты: позвоните по телефону со страницы.
notice-help-sent = Спасибо! Письмо с вашими контактами отправлено организации.
audit-help-offered = Предложена помощь по просьбе
mail-help-offer-subject = Попутчики: вам готовы помочь
mail-help-offer-body = Здравствуйте!

    На карте «Попутчики» организация «{ $helper }» готова помочь «{ $organization }» с просьбой «{ $need }».

    { $message }

    Контакты «{ $helper }»:
    { $contacts }
    Страница: { $helper_page }

    Написал(а): { $sender }, { $sender_email }. Ответьте на этот адрес или свяжитесь по контактам выше.

    { $site }

# Partnerships ("попутчики").
org-partners = Попутчики
partners-none = Попутчиков пока нет.
partners-waiting = Ждут ответа
partner-invites-you = Приглашает вас:
partner-waits = Вы пригласили:
partner-accept = Принять
partner-decline = Отклонить
partner-withdraw = Отозвать приглашение
partner-end = Завершить
partner-invite-title = Пригласить организацию в попутчики
partner-record-title = Записать связь между организациями
partner-invite = Пригласить
partner-record = Записать
field-partner = Организация
field-partner-hint = Адрес её страницы на карте (например, https://…/org/42-…) или её номер.
field-partner-kind = Что вы делаете вместе
field-partner-note = Коротко о вашем сотрудничестве (необязательно)
partner-kind-joint-project = Совместный проект
partner-kind-mentoring = Наставничество (вы — наставник)
partner-kind-mentor = Наставник
partner-kind-mentee = Подопечная организация
partner-kind-resources = Делимся ресурсами
partner-kind-information = Информационный партнёр
err-partner-unknown = Такой организации на карте нет: вставьте адрес её страницы или номер.
err-partner-exists = С этой организацией уже есть связь или приглашение.
notice-partner-invited = Приглашение отправлено. Связь появится на страницах, когда организация её примет.
notice-partner-recorded = Связь записана и видна на страницах обеих организаций.
notice-partner-accepted = Вы приняли приглашение: теперь вы попутчики.
notice-partner-declined = Приглашение отклонено.
notice-partner-ended = Связь завершена.
audit-partner-invited = Приглашение в попутчики
audit-partner-recorded = Связь записана сотрудником
audit-partner-accepted = Приглашение принято
audit-partner-declined = Приглашение отклонено
audit-partner-ended = Связь завершена
mail-partner-invite-subject = Попутчики: вас приглашают идти вместе
mail-partner-invite-body = Здравствуйте!

    Организация «{ $from }» приглашает «{ $to }» в попутчики на карте «Попутчики»: { $kind }.

    { $note }

    Принять или отклонить приглашение можно на странице вашей организации (нужно войти на сайт):
    { $link }

    { $site }

# The network page (/network).
nav-network = Сеть попутчиков
network-title = Сеть попутчиков
network-intro = Кто с кем идёт вместе: совместные проекты, наставничество, общие ресурсы и информационное партнёрство организаций области — и кто ещё ищет попутчиков.
network-counts = В цифрах
network-ties = Связей всего
network-alone = Организаций без попутчиков
network-no-cross = Округа без связей с другими округами
network-all-cross = У каждого округа есть связи с другими.
network-alone-here = Ещё без попутчиков:
network-and-more = { $count ->
    [one] и ещё { $count }
    [few] и ещё { $count }
   *[other] и ещё { $count }
}

## Subscriptions and feeds
subscribe-title = Подписка на новости
subscribe-intro = Раз в неделю, в понедельник утром, пришлём на почту, что нового: новые организации, ближайшие события и просьбы о помощи. Учётная запись не нужна. Адрес никто не увидит, и вы отпишетесь одним нажатием из любого письма.
subscribe-topic = Что вас интересует
subscribe-any-okrug = Вся область
subscribe-any-direction = Любое направление
subscribe-any-audience = Все
subscribe-button = Подписаться
subscribe-sent = Мы отправили письмо. Откройте ссылку в нём, чтобы подтвердить подписку. Если письма нет, проверьте папку «Спам».
subscribe-feed = Лента новостей (Atom) по этой подписке
subscribe-feed-hint = Для программ чтения лент: адрес можно вставить в любую из них.
subscribe-link = Подписаться на новости
subscribe-confirm-title = Подтвердите подписку
subscribe-confirm-text = Подписка на еженедельные новости: { $topic }.
subscribe-confirm-button = Подтвердить подписку
subscribe-gone-title = Ссылка больше не действует
subscribe-gone-text = Эта ссылка уже использована или устарела. Подпишитесь ещё раз, если нужно.
unsubscribe-title = Отписаться от новостей
unsubscribe-text = Подписка: { $topic }. После нажатия письма приходить перестанут, а адрес будет удалён.
unsubscribe-button = Отписаться
unsubscribe-gone-text = Этой подписки уже нет: письма приходить не будут.
notice-subscribed = Подписка подтверждена. Первое письмо придёт в понедельник утром, если будут новости.
notice-unsubscribed = Вы отписались. Адрес удалён, письма больше не придут.
feed-title = Попутчики: { $topic }
feed-kind-organization = Новая организация
feed-kind-event = Событие
feed-kind-need = Просьба о помощи
mail-subscribe-subject = Попутчики: подтвердите подписку
mail-subscribe-body = Здравствуйте!

    Кто-то (наверное, вы) подписал этот адрес на еженедельные новости карты «Попутчики»: { $topic }.

    Чтобы подтвердить подписку, откройте ссылку:
    { $confirm }

    Ссылка действует { $days } дней. Если вы не подписывались, ничего не делайте: без подтверждения писем не будет, а адрес удалится сам. Или удалите его сразу:
    { $unsubscribe }

    { $site }
mail-digest-subject = Попутчики: новости за неделю — { $topic }
mail-digest-intro = Здравствуйте! Что нового на карте «Попутчики»: { $topic }.
mail-digest-organizations = Новые организации:
mail-digest-events = Ближайшие события:
mail-digest-needs = Просьбы о помощи:
mail-digest-footer = Все организации по этой подписке:
    { $search }

    Вы получаете это письмо, потому что подписались на новости «Попутчиков». Отписаться одним нажатием:
    { $unsubscribe }
search-feed = Лента новостей (Atom)
okrug-subscribe = Подписаться на новости округа
api-op-feed = Лента новостей выборки в формате Atom (RFC 4287): новые за 30 дней организации, события на 60 дней вперёд и просьбы о помощи за 30 дней. Фильтры те же, что у поиска.
api-op-ical = Календарь событий области в формате iCalendar (RFC 5545). Неизвестное значение фильтра не фильтрует.
api-p-from = Первый день (ГГГГ-ММ-ДД).
api-p-to = Последний день (ГГГГ-ММ-ДД), включительно.
facet-offer = Предлагает помощь другим
facet-partners = Попутчики
facet-partners-seeking = Ищет попутчиков
facet-partners-has-partners = Есть попутчики
facet-partners-has-mentor = Есть наставник
facet-partners-mentor = Наставник для других
api-p-offer = Какую помощь организация предлагает другим (коды видов нужд); может повторяться.
api-p-partners = Попутчики: seeking — ищет партнёров (открытая нужда «Партнёры»), has_partners — есть действующие связи, has_mentor — есть наставник, mentor — наставник для других; может повторяться.
export-col-offers = Чем может помочь другим
export-col-offer-codes = Коды помощи другим
audit-event-photo-added = Добавлено фото события
audit-event-photo-removed = Удалено фото события
notice-photo-added = Фото добавлено.
notice-photo-removed = Фото удалено.
photos-add = Добавить фото
field-photo = Фотография
field-photo-hint = JPEG, PNG, WebP или GIF до 8 МБ. Мы уменьшим её и уберём сведения о месте съёмки.
field-photo-caption = Подпись
photos-upload = Загрузить
photos-remove = Удалить фото
photos-alt = Фото: { $event }
err-photo-too-many = У события уже { $max } фото. Удалите одно, чтобы добавить новое.
err-photo-event-gone = Этого события больше нет в списке прошедших.
err-photo-missing = Выберите фотографию.
field-event-point = Точка на карте
field-event-point-hint = Если событие не по адресу организации: широта и долгота через запятую, например 55.44, 65.34 (в Яндекс Картах или OpenStreetMap нажмите на место и скопируйте координаты).
err-event-point = «{ $value }» — не координаты. Напишите широту и долготу через запятую, например 55.44, 65.34.
event-on-map = на карте
