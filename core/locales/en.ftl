# Poputchiki: English.

locale-name = English

## Frame
site-name = Poputchiki
offline-note = No connection: this is the page as saved on {"{"}date{"}"}
site-tagline = A map of non-profits and volunteer groups in Kurgan Oblast: who can help, close to you.
skip-to-content = Skip to content
nav-label = Main menu
nav-organizations = Organizations
nav-okrugs = Districts
breadcrumbs = You are here
footer-data-licence = Organization data is open under CC BY 4.0: reuse it with a link to Poputchiki.
footer-boundaries = District boundaries:
footer-centres = Settlements and district centres: GeoNames (CC BY 4.0).
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
org-confirmed = Confirmed by the organization
org-not-confirmed = The organization has not confirmed its listing yet
freshness-stale-note = This listing has not been updated for a long time and may be out of date: call before you go.
freshness-stale-card = Not updated for a long time: call to check.
freshness-fresh = Fresh
freshness-ageing = Ageing
freshness-stale = Not updated for a long time
ago-today = today
ago-yesterday = yesterday
ago-days = { $count ->
    [one] { $count } day ago
   *[other] { $count } days ago
}
ago-months = { $count ->
    [one] { $count } month ago
   *[other] { $count } months ago
}
ago-years = { $count ->
    [one] { $count } year ago
   *[other] { $count } years ago
}
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
okrugs-description = Every okrug of the region: how many NGOs, initiative groups and institutions work in each, and who they are.
okrug-description = { $name }: NGOs, initiative groups and institutions that help the okrug's residents.
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
filters-toggle = { $n ->
    [0] Filters
   *[other] Filters ({ $n })
}
facet-direction = Direction
facet-audience = Helps
facet-okrug = District
facet-kind = Kind of organization
facet-event-format = How they work
facet-verified = Verification
facet-has-needs = Needs
facet-accepts-volunteers = Volunteering
facet-freshness = Freshness
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
map-ties = Ties between fellow travellers
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
map-okrug-attribution = Okrug boundaries © OpenStreetMap contributors (ODbL); settlements: GeoNames (CC BY 4.0)
org-show-on-map = Show on the map, with who else is nearby

## Accounts
nav-login = Log in
nav-account = My account
nav-staff = Moderation
nav-admin = Administration
field-email = Email
field-password = Password
field-new-password = New password
field-password-again = Password again
field-display-name = Your name
field-display-name-hint = Your name or your organization's. Visible to support-centre staff.
password-rules = At least 8 characters. A phrase of several words works well. Very common passwords (12345678, qwerty123) are refused.
login-title = Log in
login-button = Log in
login-forgot = Forgot your password?
login-no-account = No account yet?
login-already = You are logged in as { $name }.
register-link = Register
register-title = Register
register-intro = You need an account to keep your organization's page up to date or to propose a new one. Reading the map needs none.
register-button = Register
register-have-account = Already registered?
logout-button = Log out
forgot-title = Reset your password
forgot-intro = Give the email you registered with. We will send a link to set a new password.
forgot-button = Send the link
forgot-sent = If that email is registered, a message with a link is on its way. The link works for one hour. Check your spam folder too.
reset-title = New password
reset-button = Save the password
login-required-title = Please log in
login-required-text = This page is available after logging in.
forbidden-title = No access
account-title = My account
account-who = You are logged in as { $name } ({ $email }).
account-orgs = My organizations
account-no-orgs = No organizations yet. Ask the support centre for an invitation link to your organization, or propose a new one.
account-drafts = Unsent drafts
account-draft-from = Draft of
propose-link = Propose a new organization
status-published = Published
status-pending = Awaiting moderation
status-rejected = Rejected
status-pending-text = This page awaits moderation: only you and support-centre staff can see it. Once checked, it appears on the map.
status-rejected-text = This page did not pass moderation. Fix it and save: it goes back for review.
moderation-reason = Reason:
invite-title = Invitation
invite-text = You are invited to edit the page of “{ $org }”.
invite-accept = Accept the invitation
invite-already = You already edit this organization.
invite-unusable = This invitation link has been used or has expired. Ask the support centre for a new one.
invite-login-first = To accept the invitation, log in or register. You will come back here afterwards.
admin-title = Administration
admin-staff = Support-centre staff
admin-region = Region
admin-since = Since
admin-revoke = Revoke
admin-grant = Grant staff rights
admin-grant-email = Staff member's email
admin-grant-hint = The person must register on the site first.
admin-grant-button = Grant rights
notice-saved = Saved.
notice-password-changed = Password changed. All other sessions were logged out.
notice-welcome = Invitation accepted: you can now edit the organization's page.
notice-proposed = Thank you! The organization was sent for moderation. Its status is shown below.
notice-reverted = The earlier version was restored.
notice-reported = Thank you! Your message was passed to the support-centre staff.
notice-verified = Verification recorded.
notice-approved = The organization is published.
notice-rejected = The organization was rejected; its author will see the reason.
notice-logo = Logo updated.
err-password-short = The password is too short: at least 8 characters.
err-password-long = The password is too long: at most 256 characters.
err-password-common = This password is too common or easy to guess. Choose another, for example a phrase of several words.
err-password-mismatch = The passwords do not match.
err-login-failed = Wrong email or password.
err-login-throttled = Too many failed attempts. Wait { $seconds } s and try again, or reset your password.
err-email-taken = An account with this email already exists. Log in or reset the password.
err-rate-limited = Too many submissions in a row. Try again in { $minutes } min.
err-reset-link = This password link has been used or has expired. Ask for a new one.
err-no-such-account = There is no account with the email “{ $value }”. The person must register first.
err-busy = The server is busy. Try again in a minute.
err-bad-form = The form arrived incomplete. Go back and send it again.
csrf-refused-title = Request refused
csrf-refused-text = This form did not come from our site, so it was not accepted.
csrf-stale-title = The form is out of date
csrf-stale-text = The form was open for too long, or the browser's cookies were cleared. Nothing is lost: send it again.
csrf-resend = Send again
csrf-your-text = What you typed
csrf-text-cut = The text is too long to show in full: this is only its beginning. Go back to the form and send it again.
too-large-title = File too large
too-large-text = The upload is larger than allowed. Go back, pick a smaller file and send again.
mail-reset-subject = Poputchiki: password reset
mail-reset-body = Hello,

    Someone (hopefully you) asked to reset the password on Poputchiki.
    To set a new password, open this link (it works for { $minutes } minutes):

    { $link }

    If you did not ask for this, just delete this message: your password stays the same.
mail-invite-subject = Poputchiki: invitation to edit an organization's page
mail-invite-body = Hello,

    You are invited to keep the page of “{ $org }” up to date on the Poputchiki map.
    Open the link, log in or register and accept the invitation (the link works for { $days } days and only once):

    { $link }

## Audit
audit-title = Audit log
audit-when = When
audit-who = Who
audit-what = What
audit-detail = Details
audit-login = Login
audit-login-failed = Failed login
audit-logout = Logout
audit-register = Registration
audit-password-reset-requested = Password reset requested
audit-password-reset = Password reset
audit-admin-created = Administrator created
audit-staff-granted = Staff rights granted
audit-staff-revoked = Staff rights revoked
audit-editor-added = Editor added
audit-editor-removed = Editor removed
audit-invitation-created = Invitation created
audit-org-proposed = Organization proposed
audit-org-approved = Organization approved
audit-org-rejected = Organization rejected
audit-org-reverted = Version restored
audit-org-verified = Organization verified
audit-report-resolved = Error report resolved

## Editing
edit-button = Edit
history-link = History
manage-link = Manage
edit-title = Editing: { $name }
edit-view-public = Open the page
edit-intro = Fields with an asterisk are required. If something is wrong, the form comes back with everything you typed and says what to fix.
edit-section-main = Main
edit-section-place = Location
edit-place-hint = Give the point's coordinates or pick it on the map. Without an exact address, leave the coordinates empty and choose the okrug: the point goes to the okrug's centre.
edit-section-contacts = Contacts
edit-section-ids = Registration (for registered NGOs)
save-button = Save
cancel-button = Cancel
choose = — choose —
field-name = Name
field-kind = Kind of organization
field-legal-form = Legal form
field-legal-form-none = — none (not registered) —
field-summary = In one line
field-summary-hint = Shown in lists. Left empty, the start of the description is used.
field-description = Description
field-description-hint = What you do, for whom, how to find you. An empty line starts a new paragraph.
field-logo = Logo
field-logo-current = Current logo
field-logo-remove = Remove the logo
field-logo-upload = Upload a new logo
field-logo-hint = PNG, JPEG, WebP or GIF, up to 8 MB. It is scaled to 512 pixels and stripped of hidden data (such as where a photo was taken).
field-settlement = Settlement
field-address = Address
field-lat = Latitude
field-lat-hint = For example, 55.4412
field-lon = Longitude
field-okrug = Okrug
field-okrug-hint = Needed only when there are no coordinates.
field-phone = Phone
field-phone-hint = Several numbers: separate them with commas.
field-website = Website
field-vk = VK
field-ok = Odnoklassniki
field-telegram = Telegram
field-inn = INN
field-inn-hint = 10 digits for an organization, 12 for a sole trader. The check digit is verified.
field-ogrn = OGRN
field-directions = Directions of activity
field-audiences = Who you help
field-event-formats = Event formats
field-services = Services
field-events = Events
field-needs = What you need
field-lat-lon = Coordinates
rows-hint = To add a service, fill in a blank block below (more appear after saving). The “Order” numbers set the order.
row-service = Service
row-service-new = New service
row-event = Event
row-event-new = New event
row-need = Need
row-need-new = New need
field-service-name = Service name
field-service-description = What it includes
field-cost = Cost
field-how-to-apply = How to get it
field-schedule = When (schedule)
field-service-audiences = For whom
field-position = Order
field-remove-service = Remove this service
field-event-title = Event title
field-event-starts = Starts
field-event-date-hint = For example, 05.12.2026 14:00
field-event-ends = Ends (if needed)
field-event-place = Place
field-event-format = Format
field-event-description = Event description
field-event-online = Held online
field-event-registration-url = Sign-up link
field-event-registration-url-hint = The page where people sign up (if there is one)
field-event-registration-phone = Sign up by the organization's phone
field-event-report = How it went (afterwards)
field-event-report-hint = In short: what happened, how many came. Past events with a report stay on the page as the organization's history.
field-remove-event = Remove this event
field-need-kind = What is needed
field-need-title = In short
field-need-description = Details
field-remove-need = Remove this need
field-offers = How we can help other organizations
field-offers-hint = Consultations (legal, accounting, grants), mentoring, training, premises, equipment to lend, transport, volunteers. Organizations that need it will see your offer, the nearest first.
field-offer-kind = Kind of help
field-offer-title = In short
field-offer-title-hint = For example: “Legal advice on an NGO's charter”
field-offer-description = More: when, how and on what terms
field-remove-offer = Remove this offer
row-offer = Offer
row-offer-new = New offer
conflict-title = Someone else changed this page while you were editing
conflict-text = Your text is not lost. Below are the fields that differ: on the left what is on the site now, on the right your version (ready to copy).
conflict-theirs = On the site now
conflict-yours = Your version
conflict-choice = The form below holds your version. Saving it replaces the current version. You can also drop your changes.
conflict-discard = Open the current version without my changes
diff-field = Field
diff-before = Before
diff-after = After
new-title = New organization
new-intro = Tell us about the organization or initiative group. Once support-centre staff check it, it appears on the map and you become its editor.
new-button = Send for moderation
history-title = History: { $name }
history-empty = No changes yet.
revision-number = Version { $number }
revision-baseline = Original version
revision-create = Created
revision-edit = Edit
revision-revert = Restore
revision-reverted-to = from version { $number }
revision-import = data import
revision-current = current
revert-button = Restore version { $number }
err-revert-invalid = This version cannot be restored: it fails today's checks (for example, a vocabulary changed).
err-reason-required = Give the reason for rejecting: the author will see it.
err-logo-too-large = The file is larger than 8 MB. Choose a smaller picture.
err-logo-type = This is not a PNG, JPEG, WebP or GIF picture.
err-logo-broken = The picture could not be read: the file is damaged.
manage-title = Manage: { $name }
manage-editors = Editors
manage-no-editors = No editors yet.
manage-since = since
manage-remove = Remove
manage-invite = Invite an editor
manage-invite-email = Email (optional)
manage-invite-hint = With an email, we send the invitation by mail. The link is shown here either way.
manage-invite-button = Create an invitation link
manage-invite-ready = The link is ready. It works for 14 days and only once. Copy it and pass it to the organization's leader.
manage-invite-link = Invitation link
manage-invite-sent = A message was sent to { $email }.
manage-verify = Verification
manage-last-verified = Last verified: { $date }.
manage-never-verified = Not verified yet.
field-verify-method = How it was checked
field-verify-note = Note
field-verify-note-hint = For example, the letter's number or the date of the visit.
manage-verify-button = Record the verification
staff-title = Moderation: { $region }
staff-moderation = Awaiting moderation
staff-no-pending = No new organizations to check.
staff-proposed-by = proposed by
staff-reject-reason = Reason for rejecting (only when rejecting)
staff-approve = Publish
staff-reject = Reject
staff-reports = Error reports
staff-no-reports = No new reports.
staff-resolve = Fixed
report-title = Report an error
report-message = What is wrong on this page?
report-contact = How to reach you (optional)
report-contact-hint = A phone or email, if you would like an answer.
report-button = Send
org-is-yours = Is this your organization?
org-is-yours-link = Log in to edit its page.
edit-unsaved = Your changes are not saved. Leave the page?
picker-show = Pick the place on a map
picker-hint = Click where the organization is, or drag the marker. The coordinates go into the fields above.

## Hardening: limits, verified addresses, the second factor, security page
err-too-many-tries = Too many tries in a row. Please wait a little and try again.
err-email-long = The email address is too long: at most { $max } characters.
err-totp-code = The code did not match. Type the six digits the app shows now, or one of your recovery codes.
err-2fa-required-for-staff = Staff and administrators must keep the second login step; it cannot be switched off.
err-password-wrong = The current password is wrong.
err-email-taken-now = This address already belongs to another account.
err-email-same = This is your current address.
err-email-unverified = Please confirm your email address first: open the link in the message we sent when you registered.
err-account-unverified = The account { $value } has not confirmed its email address yet. Rights can be granted once it has.
err-disable-self = You cannot disable your own account.
yes = yes
no = no
register-sent = Check your mailbox: we sent you a link. Open it to confirm your address and log in. If nothing arrives within a few minutes, look in the spam folder.
account-unverified = The address { $email } is not confirmed yet. Open the link in our message; until then you cannot keep organizations' pages.
account-verify-resend = Send the message again
account-needs-2fa = You have staff rights, and they need a second login step: a code from an app on your phone. Set it up; it takes a couple of minutes.
invite-other-email = This invitation was sent to another email address. Log in with the address the message came to.
verify-title = Confirm your address
verify-text = Press the button to confirm your email address and log in.
verify-button = Confirm the address
verify-gone = The link has expired or was already used. Log in and send the message again from your account page.
login-code-title = Code from the app
login-code-expired = The time to type the code is over. Please log in again.
login-code-lost = No access to the app?
field-totp-code = Code from the app
field-totp-code-hint = Six digits from the authenticator app on your phone.
field-recovery-code = Recovery code
field-current-password = Current password
field-new-email = New email address
security-title = Account security
security-sessions = Where you are logged in
security-this-session = this browser
security-session-line = Address { $ip }, logged in { $started }, last seen { $seen }
security-end-others = Log out on all other devices
security-second-factor = Second login step
security-2fa-on = On: logging in needs a code from the app. Recovery codes left: { $left }.
security-2fa-none = Off. Switch it on so that nobody can log in even if they learn your password.
security-2fa-setup = Set up a code from an app
security-2fa-renew = Set up again (new recovery codes)
security-2fa-off = Switch the second step off
security-password = Password
security-password-button = Change the password
security-email = Email address
security-email-now = Now: { $email }. A link goes to the new address; the address changes when you open it.
security-email-button = Send a link to the new address
second-factor-title = Code from an app
second-factor-renew-note = The second step is already on. If you set it up again, the old app entry and the old recovery codes stop working.
second-factor-step-app = Install an authenticator app on your phone, such as Yandex Key, Google Authenticator or FreeOTP.
second-factor-step-scan = Scan this code with the app:
second-factor-qr = QR code for the authenticator app
second-factor-step-type = Or type the key by hand:
second-factor-step-code = Type the six digits the app shows.
second-factor-button = Switch on
second-factor-codes-title = Recovery codes
second-factor-codes-text = The second step is on. Write these codes down and keep them apart from your phone: each works once if the phone is lost. We will not show them again.
second-factor-codes-done = I have written the codes down
admin-accounts-title = Accounts
admin-accounts-search = Email or name
admin-accounts-verified = Address confirmed
admin-accounts-2fa = Second step
admin-accounts-last-login = Last login
admin-accounts-admin = administrator
admin-accounts-disable = Disable
admin-accounts-enable = Enable
notice-email-verified = Your email address is confirmed. Welcome!
notice-email-changed = Your email address has changed.
notice-verify-sent = The message with the link was sent again.
notice-email-link-sent = If the address is free, a link was sent to it. Open it to change your address.
notice-sessions-ended = All other logins have ended.
notice-2fa-on = The second login step is on.
notice-2fa-off = The second login step is off.
audit-email-verified = Address confirmed
audit-email-changed = Email address changed
audit-password-changed = Password changed
audit-sessions-ended = Other logins ended
audit-second-factor-enabled = Second login step on
audit-second-factor-disabled = Second login step off
audit-second-factor-failed = Wrong second-step code
audit-account-disabled = Account disabled
audit-account-enabled = Account enabled
mail-verify-subject = Poputchiki: confirm your email address
mail-verify-body = Hello,

    You (or someone using your address) registered on Poputchiki.
    To confirm the address and log in, open this link (it works for { $hours } hours):

    { $link }

    If you did not register, just delete this message.
mail-register-taken-subject = Poputchiki: someone tried to register with your address
mail-register-taken-body = Hello,

    Someone (perhaps you) tried to register on Poputchiki with this address, but you already have an account.
    Log in: { $login }
    If you forgot the password, the login page has a "Forgot your password?" link.

    If it was not you, there is nothing to do.
mail-email-change-subject = Poputchiki: confirm your new email address
mail-email-change-body = Hello,

    This address was given as the new email address of an account on Poputchiki.
    To change the address, open this link (it works for { $hours } hours):

    { $link }

    If you changed nothing, just delete this message.
mail-email-changed-subject = Poputchiki: your email address has changed
mail-email-changed-body = Hello,

    The email address of your Poputchiki account is now { $email }.
    If you did not do this, write to the site's administrator at once: { $site }
mail-password-changed-subject = Poputchiki: your password has changed
mail-password-changed-body = Hello,

    The password of your Poputchiki account was just changed.
    If you did not do this, reset the password on the login page and write to the administrator: { $site }
mail-new-device-subject = Poputchiki: login from a new device
mail-new-device-body = Hello,

    Someone logged in to your Poputchiki account from a device not used before.
    Browser: { $agent }
    Address: { $ip }
    Time: { $when }

    If it was you, there is nothing to do. If not, change your password and end all logins on the security page: { $site }/account/security
mail-2fa-on-subject = Poputchiki: second login step switched on
mail-2fa-on-body = Hello,

    Logging in to your Poputchiki account now needs a code from an app.
    If you did not do this, write to the administrator: { $site }
mail-2fa-off-subject = Poputchiki: second login step switched off
mail-2fa-off-body = Hello,

    Logging in to your Poputchiki account no longer needs a code from an app.
    If you did not do this, change your password: { $site }/account/security
mail-new-role-subject = Poputchiki: you have a new role
mail-new-role-body = Hello,

    Your Poputchiki account was given new rights: { $role }.
    If you did not expect this, write to the administrator: { $site }
err-version-missing = The form came without its version number, so nothing was saved, to avoid overwriting someone else's changes. Check the text and save again.
audit-logo-changed = Logo replaced
audit-logo-removed = Logo removed
err-identifier-unpublished = This ИНН or ОГРН already belongs to proposal no. { $id }, which awaits moderation or was rejected. The row was not loaded: deal with the proposal on the moderation page first.
role-staff = regional support centre staff
role-editor = editor of the page of «{ $org }»

# Import warnings: the row was imported without (or with a fixed) value.
warn-dropped = "{ $value }" was not understood: the row was imported without it.
warn-identifier-excel = "{ $value }": Excel stored the number as a number and lost digits; it was not imported, type it in full.
warn-identifier-zero = "{ $value }": Excel lost the leading zero; restored as { $fixed }.
audit-import-uploaded = List uploaded for import
audit-import-run = List imported

# Staff import pages.
import-title = Import a list of organizations
import-intro = Upload the list of organizations of { $region } that you already keep: an Excel sheet or CSV. You will first see what happens to each row, can fix cells or skip rows, and only then does anything reach the map.
import-file = List file
import-file-hint = Excel (.xlsx, .xls), OpenDocument (.ods) or CSV, up to 8 MB. Column headers as you usually write them; a title row above the header is fine.
import-upload = Upload and check
import-recent = Recent lists
import-no-recent = No lists uploaded yet.
import-err-no-file = Choose the list file.
import-err-too-large = The file is over 8 MB. Split the list into several files.
import-batch-draft = checking
import-batch-running = importing
import-batch-done = imported
import-back = ← All lists
import-preview-title = List "{ $file }"
import-running = Importing. Everything is written in one step: if anything fails, nothing is written.
import-progress = Rows written: { $done } of { $total }
import-refresh = Refresh
import-run = Put on the map: { $new } new, { $update } to update
import-count-rows = Data rows
import-count-warnings = Import with notes
import-status-new = New
import-status-update = Update an organization
import-status-unchanged = Unchanged
import-status-duplicate = Repeated row
import-status-refused = Will not import
import-status-skipped = Skipped by you
import-nothing-new = Everything in this list is already on the map: importing it again changes nothing.
import-mapping = Columns (header in row { $row }): what each column holds
import-ignored = Not imported: { $columns }. If a column holds something useful, choose a field for it.
import-column = File column
import-field = Holds
import-column-n = Column { $n }
import-column-number = Running number (not imported)
import-column-ignored = Do not import
import-apply-mapping = Apply
import-rows = Rows
import-show-problems = With notes
import-show-all = All rows
import-no-problems = Nothing here: no row has notes.
import-row = Row { $row }
import-open-org = open page
import-fix-row = Fix or skip
import-fixed = fixed
import-save-fix = Save fix
import-skip = Skip row
import-unskip = Take row back
import-duplicate-of = The same organization as row { $row }: this row will be skipped.
import-done = Done in { $seconds } s: { $created } added, { $updated } updated, { $unchanged } unchanged, { $skipped } skipped.
import-added = Added
import-changed = Updated
import-skipped = Skipped
import-without-editor = Organizations without an editor
import-invite-help = Nobody keeps these organizations' pages yet. Choose whom to invite: with an email address the invitation is mailed, without one you get a link to pass on.
import-invite-choose = Invite
import-invite-email-for = Invitation email: { $org }
import-invite = Create invitations
import-invited = Invitations created
import-invited-help = The links are shown once. Each works for 14 days and lets one person keep one organization's page.
import-invite-link = Link
field-links = Website and social links, mixed
field-verified-at = Date checked by staff
field-verified-by = Checked by
field-verification-method = How it was checked
import-count-approximate = No coordinates (approximate)
import-approximate = No coordinates: the point goes to the settlement from the gazetteer (or the okrug's centre when it is not there) and is marked "approximate" on the map. Add latitude and longitude if you know them.

# "My village" page.
places-title = My village
places-intro = Choose your okrug, then your village or town: we show the organizations near it, nearest first.
places-okrugs = Okrugs
places-count = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
places-none = The gazetteer has no places in this okrug.
places-other-okrug = Another okrug
near-my-village = Choose your village
near-village = Or type your village
map-near-village = Search near this place
field-settlement-hint = For example "с. Кипель". A village the gazetteer knows places the organization and fills in its okrug.

## Coverage: where help is missing
nav-coverage = Where help is missing
coverage-page-title = Where help is missing
coverage-description = How many organizations work in each okrug of Kurgan Oblast in each field and for whom: white spots show where there is no help.
coverage-intro = The number of organizations on the map in each okrug, per field or per group of people. A white spot (0) means the map has no such help in that okrug. Press a number to see those organizations.
coverage-okrug = Okrug
coverage-total = All organizations
coverage-region-total = Whole region
coverage-title-direction = Organizations by okrug and field
coverage-title-audience = Organizations by okrug and whom they help
coverage-verified-only = verified only
coverage-sheet = Coverage
coverage-spot-legend = White spot: no such organization in the okrug
coverage-options = What to count
coverage-by-label = Columns
coverage-by-direction = Fields
coverage-by-audience = Whom they help
coverage-verified-label = Verified by staff only
coverage-show = Show
coverage-summary = { $orgs ->
    [one] { $orgs } organization
   *[other] { $orgs } organizations
}, white spots: { $spots }.
coverage-scroll-hint = The table is wide: scroll it sideways.
coverage-spot = white spot
coverage-column-map = { $label }: on the map by okrug
coverage-downloads = Download for a report
coverage-download-csv = CSV table
coverage-download-xlsx = Excel table
coverage-print = Print (A4, landscape)

## Archive ("no longer works")
status-archived = Archived
archived-title = This organization no longer works
archived-since = This organization no longer works (archived on { $date })
archived-text = Its page is kept for reference: it is not in search or on the map.
archived-similar = Similar organizations nearby
manage-archive = Archive
manage-archive-text = If the organization no longer works, archive it: it leaves search, the map and the counts, and its page stays with a banner. It can be restored at any time.
manage-archive-button = Archive
manage-archived-text = The organization is archived: it is not in search or on the map.
manage-restore-button = Restore
manage-archive-unpublished = Only a published organization can be archived.
field-archive-note = Reason (shown on the page)
field-archive-note-hint = For example: "Merged with the district veterans' council". May be left empty.
notice-archived = The organization was archived.
notice-restored = The organization is back on the map.
err-archive-not-published = This organization is not published yet: only a published one can be archived.
err-restore-not-archived = This organization is not archived.

## Re-confirmation reminders
mail-reconfirm-subject = Is your listing on the map still correct?
mail-reconfirm-body = Hello!

    The map "Poputchiki" has a page for "{ $name }":
    { $page }

    Please check whether it is still correct. It takes a minute.

    All correct:
    { $confirm }

    Update the details:
    { $update }

    We no longer work:
    { $closed }

    A link changes nothing by itself: it opens a page with one button. The links work for { $days } days.

    The map "Poputchiki", { $site }
mail-org-closed-subject = An organization says it no longer works
mail-org-closed-body = "{ $name }" answered a reminder: "We no longer work". Its page was archived: it is not in search or on the map.

    If this is a mistake, restore it:
    { $manage }

    { $site }
archive-note-by-organization = The organization said it no longer works.
reconfirm-about = Organization:
reconfirm-confirm-title = Is the listing correct?
reconfirm-confirm-text = If everything on the page is still correct, press the button: the map will show that the organization confirmed its details.
reconfirm-confirm-button = Yes, all correct
reconfirm-update-title = Update the details
reconfirm-update-text = Press the button to open the form, where you can correct whatever changed.
reconfirm-update-button = Open the form
reconfirm-closed-title = The organization no longer works?
reconfirm-closed-text = After you press the button, the page is archived: it leaves search and the map, and the resource centre's staff are told. If the organization still works, just close this page.
reconfirm-closed-button = Yes, we no longer work
reconfirm-gone-title = This link no longer works
reconfirm-gone-text = This link was already used or has expired (links work for 60 days). If the details need correcting, say so on the organization's page.
notice-confirmed = Thank you! The details are confirmed.

## Staff workspace
desk-title = Queues
desk-okrug = Okrug
desk-all-okrugs = The whole region
desk-show = Show
desk-total = { $count ->
    [0] Nothing here.
    [one] { $count } organization
   *[other] { $count } organizations
}
desk-col-org = Organization
desk-col-okrug = Okrug
desk-col-reason = Why it is here
desk-col-contacts = How to reach it
queue-stale = Not updated for long
queue-stale-about = Published organizations with no sign of life for over a year: no edit, no confirmation, no check. Call them, update the details and record a check.
queue-call = Needs a call
queue-call-about = Reminders that mail cannot settle: the mail bounced, there is no address, or no answer for over 30 days.
queue-no-editor = No editor
queue-no-editor-about = Organizations nobody edits: invite their leaders so they keep the page current themselves.
queue-verification-expired = Check out of date
queue-verification-expired-about = Organizations staff checked too long ago (the region's policy sets how long). Check them again.
queue-reason-stale = Last sign of life { $ago }
queue-reason-no-address = Nobody to send the reminder to: no editor and no email
queue-reason-bounced = The reminder mail bounced
queue-reason-unanswered = No answer to the reminder of { $date }
queue-reason-no-editor = No editor
queue-reason-verification = Checked on { $date }
staff-dismiss = Dismiss
staff-report-note = Note for colleagues (optional)
staff-report-reply = Reply to the reporter at { $email }
staff-report-reply-hint = If filled in, the reply is mailed. May be left empty.
err-report-no-address = The reporter left no email address: a reply by mail is not possible.
mail-report-reply-subject = A reply to your message about a page on the map
mail-report-reply-body = Hello!

    You reported a mistake on the page of "{ $name }" on the map "Poputchiki". The support centre's reply:

    { $reply }

    { $site }

## Needs: state and date
field-need-until = Needed until (optional)
field-need-until-hint = After this date the request is no longer shown.
field-need-met = The help came: stop showing it
need-until = until { $date }
err-need-until = The date "{ $value }" is not recognised: pick a date in the calendar.
nav-needs = Who needs help
needs-title = Who needs help
needs-intro = Requests of the region's organizations and initiative groups: premises, training, volunteers, equipment and more. Answer one: contact the organization.
needs-kind = What is needed
needs-all-kinds = Everything
needs-found = { $count ->
    [0] No open requests found.
    [one] { $count } open request
   *[other] { $count } open requests
}
needs-contacts = Contacts
needs-downloads = Summary for the report (okrug × kind of help)
needs-summary-title = Organizations with open requests: okrug × kind of help
edits-title = Significant edits
edits-about = Editors of recently approved organizations changed the name, ИНН/ОГРН or location. The edits are already on the map; check them: accept, or restore the previous version.
edits-none = No edits to check.
edits-changed = Changed:
edits-diff = The details (history)
edits-accept = Accept
edits-revert = Restore the previous version
manage-verification-history = Every check
queue-duplicates = Possible duplicates
queue-duplicates-about = Records that look like another record of the same organization: the same ИНН/ОГРН, phone or email, the same name in the okrug, or points next to each other. Compare the pair and merge it into one record, or mark them as different organizations.
queue-reason-duplicate = Looks like "{ $name }" (No. { $id }): { $why }
dup-same-inn = the same ИНН
dup-same-ogrn = the same ОГРН
dup-same-name = the same name in the okrug
dup-similar-name = almost the same name in the okrug
dup-same-phone = the same phone
dup-same-email = the same email
dup-nearby = next to it on the map, with a similar name
new-maybe-duplicate = This organization may already be on the map:
new-maybe-duplicate-hint = If it is yours, open its page: you can ask for access or report a mistake there. If yours is another one, tick the box and send the form again; everything you typed is kept.
new-not-duplicate = This is another organization, send it for moderation
err-maybe-duplicate = This organization may already be on the map: check the links above.
staff-report-replied = Reply:
status-merged = Merged into another record
revision-merge = Records merged
revision-merged-from = from record No. { $id }
audit-org-merged = Two records merged
audit-duplicate-dismissed = Pair marked as different organizations
notice-merged = The records are merged. The second record's old address leads here.
notice-not-duplicates = Marked as different organizations. The pair will not come back to the queue.
err-merge-same = A record cannot be merged with itself.
err-merge-not-published = Only published records can be merged: this one is in moderation, archived or already merged.
err-merge-changed = One of the records changed while you were comparing. Look at them again: your choices are kept.
merge-compare = Compare and merge
merge-not-duplicates = These are different organizations
merge-title = Merge two records
merge-lead = If this is one organization, choose whose page address stays and which details to take from each record. The second record leaves the map and its address leads to the one that stays.
merge-record = Record No. { $id }
merge-fact-updated = Updated { $date }
merge-fact-editors = Editors: { $n }
merge-fact-revisions = Versions in history: { $n }
merge-fact-checks = Staff checks: { $n }
merge-keep = Which record stays
merge-keep-hint = Its address and number are kept. Usually the older record: its address has been shared longest.
merge-keep-option = No. { $id } “{ $name }”
merge-fields = Details
merge-same = the same in both records
merge-empty = — empty —
merge-both = From both records
merge-both-hint = Everything from both, without repeats
merge-moves = The second record's editors, version history, staff checks and error reports move to the one that stays. Its reminders are cancelled.
merge-submit = Merge the records
merge-cancel = Cancel
field-place = Place
import-looks-like = This organization may already be on the map: “{ $name }” (No. { $id }), { $why }. If it is, skip the row, or merge the records in the “Possible duplicates” queue after the import.
export-col-id = Map no.
export-col-name = Name
export-col-kind = Kind
export-col-kind-code = Kind code
export-col-legal-form = Legal form
export-col-legal-form-code = Legal form code
export-col-inn = INN
export-col-ogrn = OGRN
export-col-okrug = District
export-col-okrug-code = District code
export-col-settlement = Settlement
export-col-address = Address
export-col-lat = Latitude
export-col-lon = Longitude
export-col-approximate = Approximate location
export-col-directions = Directions
export-col-direction-codes = Direction codes
export-col-audiences = Audiences
export-col-audience-codes = Audience codes
export-col-event-formats = Event formats
export-col-event-format-codes = Event format codes
export-col-phones = Phones
export-col-email = Email
export-col-website = Website
export-col-vk = VK
export-col-ok = Odnoklassniki
export-col-telegram = Telegram
export-col-summary = Summary
export-col-updated = Updated
export-col-confirmed = Confirmed by the organization
export-col-verified = Checked by staff
export-col-url = Page on the map
export-yes = yes
export-no = no
export-sheet-organizations = Organizations
export-sheet-about = About the data
export-about-title = Dataset
export-about-source = Source
export-about-date = Exported on
export-about-view = Selection
export-about-count = Organizations
export-about-licence = Licence
export-about-licence-url = Licence text
export-about-attribution = How to credit
export-view-all = the whole directory
export-title = Poputchiki: socially oriented NGOs, initiative groups and social institutions — { $region }
export-licence = Creative Commons Attribution 4.0 (CC BY 4.0): copy, adapt and use the data, commercially too, with credit to the source.
export-attribution = Source: Poputchiki, { $site }.
search-download = Download these results:
search-download-csv = CSV
search-download-xlsx = Excel
search-download-geojson = GeoJSON
search-download-all = the whole directory (Excel)
err-param-since = The time “{ $value }” is not understood: RFC 3339 is needed, e.g. 2026-12-01T00:00:00Z.
err-param-cursor = The cursor “{ $value }” is not understood: pass next_cursor from the previous answer.
err-param-limit = One page holds 1 to 1000 changes, not “{ $value }”.
nav-open-data = Open data
open-data-title = Open data
open-data-intro = Everything about the organizations on the map is open. Download it and use it in your own spreadsheets, maps and services, reports included, with credit to Poputchiki.
open-data-all = The whole directory
open-data-xlsx = Excel (.xlsx)
open-data-xlsx-for = for reports and spreadsheets: with filters and an “About the data” sheet.
open-data-csv = CSV
open-data-csv-for = for Excel, LibreOffice and programs: UTF-8, “;” between fields.
open-data-geojson = GeoJSON
open-data-geojson-for = for QGIS and web maps: the organizations’ points with their details.
open-data-jsonl = JSON Lines
open-data-jsonl-for = to move the directory into another Poputchiki map: server import reads it as it is.
open-data-views = Any selection (search, filters, district, place) can be downloaded from the search page: the “Download these results” links under the results.
open-data-to-search = Go to the search
open-data-licence-title = Licence
open-data-licence = The organization data is published under Creative Commons Attribution 4.0:
open-data-credit = When you use it, credit the source: Poputchiki and the map’s address.
open-data-api-title = For developers
open-data-api-search = search with filters, as on the site (JSON).
open-data-api-record = an organization’s full public record.
open-data-api-download = a download of any search view.
open-data-api-changes = the changes feed: which organizations appeared, changed or left the map, to sync without a full download.
open-data-private = Downloads hold published data only: no accounts, drafts, staff notes or visitors’ messages.
og-locale = en_GB
download-alternate = Organizations on the map, { $format }
hsds-taxonomy-org_kind = Kind of organization
hsds-taxonomy-legal_form = Legal form
hsds-taxonomy-direction = Areas of work
hsds-taxonomy-audience = Who they help
hsds-taxonomy-event_format = Ways of working
hsds-taxonomy-need_kind = How to help the organization
hsds-taxonomy-description = The vocabulary «{ $name }» of the Poputchiki map, { $region }.
hsds-package-title = Poputchiki: NGOs, initiative groups and social institutions, { $region } (HSDS 3.0)
hsds-package-description = Published data about the organizations on the Poputchiki map as Open Referral HSDS 3.0. Licence CC BY 4.0 with credit to Poputchiki; okrug boundaries © OpenStreetMap contributors, ODbL.
err-param-uuid = A UUID is needed, such as 3f7b145d-84af-42d7-8fae-eaca714b02b2, not «{ $value }».
err-param-format = The format can be json or ndjson, not «{ $value }».
open-data-hsds-title = The Open Referral HSDS 3.0 standard
open-data-hsds-intro = The same directory in the international open-data standard for human services, so helplines, volunteering platforms and other regions' directories can take it.
open-data-hsds-zip = HSDS data package (zip)
open-data-hsds-zip-for = CSV tables with a datapackage.json: organizations, services, locations, phones, taxonomies.
open-data-hsds-json = HSDS JSON
open-data-hsds-json-for = every organization with its services, locations, phones and taxonomy terms nested.
open-data-hsds-api = HSDS API
open-data-hsds-api-for = organizations, services and taxonomies page by page, with the standard's search and filters.
open-data-api-docs = Every public API address
api-docs-title = Poputchiki API
api-docs-intro = Every public address: no key, read only, JSON answers, data under CC BY 4.0. The machine-readable description:
api-docs-parameters = Parameters
api-docs-required = required
api-op-search = Search organizations, with facets
api-op-record = One published organization
api-op-csv = CSV (UTF-8 with BOM, ';') of every organization of the view
api-op-xlsx = An Excel workbook of the view
api-op-geojson = GeoJSON of the view
api-op-jsonl = JSON Lines of the view, in the import's shape
api-op-changes = Organizations that became public, changed or stopped being public
api-op-clusters = Clusters and markers for a map view
api-op-card = A marker's card
api-op-ties = Ties between partner organizations: a line between each pair when both are in the view (the search's filters), with the tie's kind.
api-op-okrugs = Okrug boundaries with counts
api-op-places = Village and town names
api-op-hsds = HSDS: this API's version and description
api-op-hsds-organizations = HSDS organizations
api-op-hsds-services = HSDS services
api-op-hsds-sal = HSDS services at their locations
api-op-hsds-zip = The HSDS tabular data package
api-op-hsds-json = Every organization as nested HSDS JSON
api-op-openapi = This description
api-op-sitemap = The sitemap (or its index)
api-op-robots = What crawlers may read
api-p-q = The words typed (at most 200 characters are read).
api-p-direction = Directions (OR within, AND across facets).
api-p-audience = Who is helped.
api-p-event-format = Ways of working.
api-p-kind = Kinds of organization.
api-p-okrug = Okrugs, by slug.
api-p-freshness = How recently the listing was confirmed.
api-p-verified = Only organizations checked by staff.
api-p-has-needs = Only organizations with current needs.
api-p-accepts-volunteers = Only organizations looking for volunteers.
api-p-near = A point, LAT,LON.
api-p-radius = With near: the distance to keep.
api-p-bbox = MINLON,MINLAT,MAXLON,MAXLAT.
api-p-sort = The order.
api-p-page = The page, from 1.
api-p-per-page = Results a page.
api-p-search = Full-text search.
api-p-term = Only with this term.
api-p-taxonomy = Only with a term of this taxonomy.
api-p-organization = Only this organization's.
api-p-modified-after = Changed at or after.
api-p-format = ndjson: every result, one a line.
api-p-full = Fully nested objects.
api-p-minimal = Services: id, name, status and last_modified only.
api-p-full-service = Organizations: with every service nested.
api-p-since = At or after this moment.
api-p-cursor = The last next_cursor.
api-p-limit = Changes a page.
api-p-zoom = The map's zoom.
api-p-org-id = The organization's number
api-p-uuid = The UUID
api-p-words = Words in the name, code or description.

## Posters for the noticeboard
poster-link = Poster for the noticeboard
poster-okrug-link = "Who helps in the okrug" poster for the noticeboard
poster-title-org = Poster: { $name }
poster-okrug-title = "Who helps" poster: { $okrug }
poster-hint = Print this page on an A4 sheet (Print in the browser's menu) and put it up on a noticeboard: at the shop, the library, the village council, the health post.
poster-back = Back to the organization's page
poster-okrug-back = Back to the okrug's page
poster-for = Who we help
poster-services = How we help
poster-phone = Phone
poster-address = Address
poster-qr-label = QR code linking to the page on the site
poster-scan = Point a phone camera at the code to open the organization's page on the Poputchiki map:
poster-okrug-heading = Who helps in your okrug
poster-okrug-scan = Every organization of the okrug, with services and events, on the site:
poster-okrug-empty = No organizations of this okrug are on the map yet.
poster-other = Other
poster-more = And { $count ->
    [one] { $count } more organization
   *[other] { $count } more organizations
} on the site.

# The events calendar (/events) and its feeds.
nav-events = Events
events-title = Events calendar
events-intro = Seminars, consultations, master classes and contests of the region's organizations. Pick an okrug, a format or dates; you can subscribe to the calendar on your phone.
events-found = { $count ->
    [one] { $count } event found
   *[other] { $count } events found
}
events-none = No events on these dates. Try another month or remove a filter.
events-from = From
events-to = To
events-format = Format
events-all-formats = All formats
events-audience = For whom
events-all-audiences = For everyone
events-of-org = Only “{ $name }”
events-view = Calendar view
events-view-list = As a list
events-view-month = By month
events-months = Months
events-prev-month = ← Previous month
events-next-month = Next month →
events-subscribe = Subscribe to the calendar
events-download-ics = Download the .ics file
event-online = online
event-sign-up = Sign up
event-sign-up-phone = Sign up by phone
event-report = How it went
org-past-events = Past events
ical-name-region = Poputchiki: events — { $region }
ical-name-okrug = Poputchiki: events — { $okrug }
ical-name-org = Poputchiki: { $name }
ical-organizer = Organizer: { $name }
ical-registration-url = Sign-up: { $url }
ical-registration-phone = Sign-up by phone: { $phone }
ical-report = How it went: { $report }
month-name-1 = January
month-name-2 = February
month-name-3 = March
month-name-4 = April
month-name-5 = May
month-name-6 = June
month-name-7 = July
month-name-8 = August
month-name-9 = September
month-name-10 = October
month-name-11 = November
month-name-12 = December
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun

# Offers of help and the needs they answer.
org-offers = How we can help others
need-helpers = Can help:
offer-answers = Who needs it:
match-km = { $km } km
help-login = I can help — log in to offer help on behalf of your organization
help-button = I can help
help-send = Send the offer
field-help-from = From which organization
field-help-message = What you offer (optional)
field-help-message-hint = The mail goes to the people who keep this organization's page, with your organization's contacts and your address. Their addresses are not shown to you.
err-help-need-gone = This need has changed or is closed. Look at the page again.
err-help-no-address = This organization has no editor and no email address: call the phone on its page.
notice-help-sent = Thank you! A mail with your contacts went to the organization.
audit-help-offered = Help offered with a need
mail-help-offer-subject = Poputchiki: someone can help you
mail-help-offer-body = Hello!

    On the Poputchiki map, “{ $helper }” can help “{ $organization }” with the need “{ $need }”.

    { $message }

    Contacts of “{ $helper }”:
    { $contacts }
    Page: { $helper_page }

    Written by { $sender }, { $sender_email }. Reply to this address or use the contacts above.

    { $site }

# Partnerships ("попутчики").
org-partners = Fellow travellers
partners-none = No fellow travellers yet.
partners-waiting = Awaiting an answer
partner-invites-you = Invites you:
partner-waits = You invited:
partner-accept = Accept
partner-decline = Decline
partner-withdraw = Withdraw the invitation
partner-end = End
partner-invite-title = Invite an organization as a fellow traveller
partner-record-title = Record a tie between organizations
partner-invite = Invite
partner-record = Record
field-partner = Organization
field-partner-hint = The address of its page on the map (e.g. https://…/org/42-…) or its number.
field-partner-kind = What you do together
field-partner-note = A few words about it (optional)
partner-kind-joint-project = Joint project
partner-kind-mentoring = Mentoring (you mentor)
partner-kind-mentor = Mentor
partner-kind-mentee = Mentee
partner-kind-resources = Sharing resources
partner-kind-information = Information partner
err-partner-unknown = There is no such organization on the map: paste its page's address or its number.
err-partner-exists = There already is a tie or an invitation with this organization.
notice-partner-invited = Invitation sent. The tie appears on both pages once they accept.
notice-partner-recorded = The tie is recorded and shown on both organizations' pages.
notice-partner-accepted = You accepted: you are fellow travellers now.
notice-partner-declined = Invitation declined.
notice-partner-ended = The tie has ended.
audit-partner-invited = Partner invitation
audit-partner-recorded = Tie recorded by staff
audit-partner-accepted = Invitation accepted
audit-partner-declined = Invitation declined
audit-partner-ended = Tie ended
mail-partner-invite-subject = Poputchiki: an invitation to walk together
mail-partner-invite-body = Hello!

    “{ $from }” invites “{ $to }” to be fellow travellers on the Poputchiki map: { $kind }.

    { $note }

    Accept or decline on your organization's page (log in first):
    { $link }

    { $site }

# The network page (/network).
nav-network = Network of fellow travellers
network-title = Network of fellow travellers
network-intro = Who walks together: joint projects, mentoring, shared resources and information partnerships of the region's organizations, and who still looks for fellow travellers.
network-counts = In figures
network-ties = Ties in all
network-alone = Organizations without fellow travellers
network-no-cross = Okrugs with no ties to other okrugs
network-all-cross = Every okrug has ties with others.
network-alone-here = Still without fellow travellers:
network-and-more = and { $count } more

## Subscriptions and feeds
subscribe-title = Subscribe to news
subscribe-intro = Once a week, on Monday morning, we mail what is new: new organizations, upcoming events and requests for help. No account needed. Nobody sees your address, and one click in any mail unsubscribes.
subscribe-topic = What interests you
subscribe-any-okrug = The whole region
subscribe-any-direction = Any direction
subscribe-any-audience = Everyone
subscribe-button = Subscribe
subscribe-sent = We have sent a mail. Open its link to confirm the subscription. If it is not there, look in the spam folder.
subscribe-feed = News feed (Atom) for this subscription
subscribe-feed-hint = For feed readers: paste the address into any of them.
subscribe-link = Subscribe to news
subscribe-confirm-title = Confirm the subscription
subscribe-confirm-text = Weekly news: { $topic }.
subscribe-confirm-button = Confirm the subscription
subscribe-gone-title = This link no longer works
subscribe-gone-text = This link was used or has expired. Subscribe again if you need to.
unsubscribe-title = Unsubscribe
unsubscribe-text = Subscription: { $topic }. After you press the button no more mail comes and the address is deleted.
unsubscribe-button = Unsubscribe
unsubscribe-gone-text = This subscription no longer exists: no mail will come.
notice-subscribed = Subscription confirmed. The first mail comes on Monday morning if there is news.
notice-unsubscribed = You have unsubscribed. The address is deleted; no more mail will come.
feed-title = Poputchiki: { $topic }
feed-kind-organization = New organization
feed-kind-event = Event
feed-kind-need = Request for help
mail-subscribe-subject = Poputchiki: confirm your subscription
mail-subscribe-body = Hello!

    Someone (probably you) subscribed this address to the weekly news of the Poputchiki map: { $topic }.

    To confirm, open the link:
    { $confirm }

    The link works for { $days } days. If you did not subscribe, do nothing: without confirmation no mail comes and the address is deleted by itself. Or delete it now:
    { $unsubscribe }

    { $site }
mail-digest-subject = Poputchiki: this week's news — { $topic }
mail-digest-intro = Hello! What is new on the Poputchiki map: { $topic }.
mail-digest-organizations = New organizations:
mail-digest-events = Upcoming events:
mail-digest-needs = Requests for help:
mail-digest-footer = All organizations of this subscription:
    { $search }

    You get this mail because you subscribed to Poputchiki's news. Unsubscribe with one click:
    { $unsubscribe }
search-feed = News feed (Atom)
okrug-subscribe = Subscribe to the okrug's news
api-op-feed = The view's news as an Atom feed (RFC 4287): organizations new in the last 30 days, events of the next 60 days and requests for help of the last 30 days. The same filters as search.
api-op-ical = The region's events calendar as iCalendar (RFC 5545). An unknown filter value is no filter.
api-p-from = First day (YYYY-MM-DD).
api-p-to = Last day (YYYY-MM-DD), inclusive.
facet-offer = Offers help to others
facet-partners = Fellow travellers
facet-partners-seeking = Looking for partners
facet-partners-has-partners = Has partners
facet-partners-has-mentor = Has a mentor
facet-partners-mentor = Mentors others
api-p-offer = The help an organization offers others (need-kind codes); may repeat.
api-p-partners = Fellow travellers: seeking (an open need of the kind «partners»), has_partners (active ties), has_mentor (a mentor's mentee), mentor (mentors another); may repeat.
export-col-offers = How it can help others
export-col-offer-codes = Help-to-others codes
audit-event-photo-added = Event photo added
audit-event-photo-removed = Event photo removed
notice-photo-added = Photo added.
notice-photo-removed = Photo removed.
photos-add = Add a photo
field-photo = Photo
field-photo-hint = JPEG, PNG, WebP or GIF up to 8 MB. We make it smaller and remove where it was taken.
field-photo-caption = Caption
photos-upload = Upload
photos-remove = Delete the photo
photos-alt = Photo: { $event }
err-photo-too-many = The event already has { $max } photos. Delete one to add another.
err-photo-event-gone = This event is no longer among the past ones.
err-photo-missing = Choose a photo.
field-event-point = Point on the map
field-event-point-hint = When the event is not at the organization's address: latitude and longitude with a comma between, e.g. 55.44, 65.34 (click the place in Yandex Maps or OpenStreetMap and copy its coordinates).
err-event-point = «{ $value }» is not a pair of coordinates. Write latitude and longitude with a comma between, e.g. 55.44, 65.34.
event-on-map = on the map
