# Poputchiki: English.

locale-name = English

## Frame
site-name = Poputchiki
site-tagline = A map of non-profits and volunteer groups in Kurgan Oblast: who can help, close to you.
skip-to-content = Skip to content
nav-label = Main menu
nav-organizations = Organizations
nav-okrugs = Districts
breadcrumbs = You are here
footer-data-licence = Organization data is open under CC BY 4.0: reuse it with a link to Poputchiki.
footer-boundaries = District boundaries:
footer-centres = District centre coordinates: GeoNames (CC BY 4.0).
footer-demo = The map currently shows demo data: organizations marked "Demo" are fictional.
loading = Loading…

## Dates
date-long = { $month } { $day }, { $year }
month-gen-1 = January
month-gen-2 = February
month-gen-3 = March
month-gen-4 = April
month-gen-5 = May
month-gen-6 = June
month-gen-7 = July
month-gen-8 = August
month-gen-9 = September
month-gen-10 = October
month-gen-11 = November
month-gen-12 = December

## Lists
orgs-count = { $count ->
    [one] { $count } organization
   *[other] { $count } organizations
}
orgs-found = Found: { $count ->
    [one] { $count } organization
   *[other] { $count } organizations
}
list-empty = No organizations match these filters. Try removing one of them.
badge-verified = Verified
badge-demo = Demo
card-directions = Directions:
card-audiences = Helps:
pager-label = List pages
pager-prev = ← Previous
pager-next = Next →
pager-position = Page { $page } of { $pages }

## Home
home-title = Who can help near you
home-intro = Public organizations, volunteer groups and institutions in all 26 districts of the oblast. Pick a district, a direction, or who needs help.
filter-okrug = District
filter-any-okrug = All districts
filter-direction = Direction
filter-any-direction = All directions
filter-audience = Helps
filter-any-audience = Everyone
filter-apply = Show
filter-reset = Reset

## Organization page
demo-explained = This is a fictional organization from the demo data.
org-about = About us
org-no-description = The organization has not described itself yet.
org-directions = Directions of activity
org-audiences = Who we help
org-event-formats = How we work
org-services = Services
org-no-services = No services listed yet.
org-events = Upcoming events
org-no-events = No events planned yet.
org-needs = What we need
org-no-needs = The organization needs nothing right now.
org-contacts = Contacts
org-no-contacts = No contacts given.
org-location = Location
org-coordinates = Coordinates
org-approximate = The exact address is unknown: the point marks the settlement or district centre.
minimap-label = Outline of { $okrug } district with the organization marked
org-registry = Registration
org-unregistered = Not registered as a legal entity.
org-inn = INN (taxpayer number)
org-ogrn = OGRN (registration number)
org-freshness = Freshness
org-updated = Last updated
org-verified = Verified by staff
org-not-verified = Not verified yet
org-not-specified = Not specified.
contact-phone = Phone
contact-email = Email
contact-website = Website
contact-vk = VK
contact-ok = OK
contact-telegram = Telegram
service-audience = For whom
service-how-to-apply = How to apply
service-schedule = When
cost-free = Free
cost-paid = Paid
cost-partly = Partly paid
verify-method-registry = against the state register (INN/OGRN)
verify-method-reports = from reports
verify-method-recommendation-letter = from a recommendation letter
verify-method-visit = on a visit
verify-method-note = from a staff note

## Okrugs
okrugs-title = Districts of the oblast
okrugs-intro = 24 municipal districts and two cities: Kurgan and Shadrinsk.
okrug-centre = Administrative centre: { $centre }
okrug-area = Area: { $area } km²
okrug-filter-link = Search with filters in this district

## Errors
not-found-title = Page not found
not-found-text = There is no such page: the organization may have been removed, or the link has a typo.
not-found-home = Go to the home page
error-title = Something went wrong
err-not-found = Not found.
err-unauthorized = Please log in.
err-forbidden = You do not have permission.
err-validation = Please check the highlighted fields.
err-conflict = Someone else changed this in the meantime. Your text is kept: compare and save again.
err-internal = The server hit an error. We know about it; please try again a little later.
err-transport = Could not reach the server. Check your connection and try again.
err-required = Required.
err-too-long = Too long: at most { $max } characters.
err-unknown-term = Unknown value "{ $value }": use a code or label from the list.
err-unknown-okrug = Unknown district "{ $value }": give its code (e.g. shumikhinsky) or name.
err-okrug-or-coordinates = Give a district or coordinates.
err-coordinates-pair = Both coordinates are needed: latitude and longitude.
err-coordinates-range = Coordinates out of range (latitude −90 to 90, longitude −180 to 180).
err-coordinate = "{ $value }" is not a coordinate: use a number such as 55.4312.
err-outside-region = The point is outside { $region }.
err-outside-region-swapped = The point is outside { $region }. Latitude and longitude seem to be swapped.
err-okrug-mismatch = The coordinates are in { $found } district, but the row says { $stated }.
err-phone = "{ $value }" does not look like a phone number.
err-email = "{ $value }" does not look like an email address.
err-url = "{ $value }" does not look like a web address.
err-cost = Cost "{ $value }": use free, paid or partly.
err-datetime = "{ $value }" is not a date and time: write 2026-12-05 14:00.
err-date = "{ $value }" is not a date: write 2026-12-05.
err-verification-method = Unknown verification method "{ $value }".
err-json-record = The record cannot be read: { $reason }
err-csv-row = The row cannot be read: { $reason }
err-identifier-taken = This INN or OGRN already belongs to another organization.
err-id-not-digits = "{ $value }": the number must contain digits only.
err-id-length = "{ $value }": wrong number of digits (INN has 10 or 12, OGRN 13).
err-id-checksum = "{ $value }": the check digit does not match; there is a typo.
err-ogrn-not-legal-entity = "{ $value }": an organization's OGRN starts with 1 or 5.

## Search
search-label = What are you looking for?
search-placeholder = For example: help for the elderly, a club for children, a lawyer
search-button = Search
search-nothing = Nothing found.
search-try = Try this:
search-reset = Show all organizations
facets-label = Narrow the search
facets-apply = Apply filters
facet-direction = Direction
facet-audience = Helps
facet-okrug = District
facet-kind = Kind of organization
facet-event-format = How they work
facet-verified = Verification
facet-has-needs = Needs
facet-accepts-volunteers = Volunteering
facet-verified-yes = Verified by staff
facet-has-needs-yes = Has current needs
facet-accepts-volunteers-yes = Looking for volunteers
sort-label = Order
sort-default = Best for this search
sort-relevance = Most relevant first
sort-name = Alphabetical
sort-distance = Nearest first
sort-updated = Recently updated
sort-verified = Recently verified
near-title = Near a place
near-label = Near
near-anywhere = Anywhere
near-me = Near me
near-me-option = My location
near-me-locating = Finding your location…
near-me-denied = Could not get your location. Pick a settlement from the list above.
radius-label = Within
radius-any = Any distance
radius-km = { $km } km
card-distance = { $km } km from the chosen place
suggest-drop-filter = Remove the filter "{ $label }": { $count ->
    [one] { $count } organization
   *[other] { $count } organizations
}
suggest-drop-geo = Search without the place limit: { $count ->
    [one] { $count } organization
   *[other] { $count } organizations
}
suggest-spelling = Did you mean "{ $query }"? { $count ->
    [one] { $count } organization
   *[other] { $count } organizations
}
err-param-summary = Some search parameters were not understood.
err-param-near = The point "{ $value }" is not understood: use "latitude,longitude", e.g. 55.44,65.34.
err-param-radius = The radius "{ $value }" is not understood: use a number of km from 1 to 1000.
err-param-bbox = The area "{ $value }" is not understood: use "min lon,min lat,max lon,max lat".
err-param-zoom = The zoom "{ $value }" is not understood: use a whole number from 0 to 20.
err-param-sort = The order "{ $value }" is not supported.
err-param-page = The page "{ $value }" is not understood.
err-param-per-page = A page can show 1 to 100 organizations, not "{ $value }".
err-param-radius-needs-near = A radius works only with a point: pick a place.
err-param-distance-needs-near = To sort by distance, pick a place.
err-param-flag = The value "{ $value }" is not understood: use true or false.
err-param-code = The code "{ $value }" is not understood.
err-param-unknown-code = There is no such filter value: "{ $value }".

## The map
map-label = Map
map-region-label = Map of organizations. With a keyboard or screen reader, the results list is easier.
map-show = Show the map
map-hide = Hide the map
map-search-area = Search in this map area
map-mode = What the map shows
map-mode-markers = Organizations
map-mode-choropleth = How many in each okrug
map-open-page = Open the page
map-approximate = Approximate location: the village or okrug centre.
map-org-one = organization
map-org-few = organizations
map-org-many = organizations
map-zoom-in = Zoom in
map-chosen-point = Chosen point
map-load-error = The map could not be loaded. The list of organizations works.
map-legend = Organizations matching the filters
map-same-spot = At this spot:
map-list-hint = Every organization found is in the results list.
map-okrug-attribution = Okrug boundaries © OpenStreetMap contributors (ODbL)
org-show-on-map = Show on the map, with who else is nearby
