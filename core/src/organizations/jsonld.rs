//! schema.org JSON-LD for the public pages, so search engines and other sites read an
//! organization (an `NGO`, or a `GovernmentOrganization` for state institutions, with its
//! address, place, identifiers, social links and upcoming events) and an okrug's list
//! (an `ItemList`) without scraping. Only what the page itself shows goes in.

use serde_json::{json, Map, Value};

use super::{ContactKind, OkrugPage, OrganizationPage};

/// The schema.org type of an organization of this kind.
fn org_type(kind: &str) -> &'static str {
    match kind {
        "state_institution" => "GovernmentOrganization",
        _ => "NGO",
    }
}

/// `path` under the site's address.
fn absolute(site: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        return path.to_owned();
    }
    format!("{}{path}", site.trim_end_matches('/'))
}

/// A stored local time ("2026-12-05T14:00", older rows "2026-12-05 14:00") in ISO 8601.
fn iso(t: &str) -> String {
    t.trim().replacen(' ', "T", 1)
}

/// Sets `key` only when `value` has text.
fn put(obj: &mut Map<String, Value>, key: &str, value: &str) {
    if !value.trim().is_empty() {
        obj.insert(key.into(), Value::String(value.to_owned()));
    }
}

/// The organization page's JSON-LD. `site` is the site's public address, `region` the
/// region's name (the address's `addressRegion`).
pub fn organization(p: &OrganizationPage, site: &str, region: &str) -> Value {
    let url = absolute(site, &p.url);
    let id = format!("{url}#organization");
    let mut address = Map::new();
    address.insert("@type".into(), "PostalAddress".into());
    put(&mut address, "streetAddress", &p.address);
    put(&mut address, "addressLocality", &p.settlement);
    put(&mut address, "addressRegion", region);
    address.insert("addressCountry".into(), "RU".into());
    let address = Value::Object(address);
    let mut place = Map::new();
    place.insert("@type".into(), "Place".into());
    put(&mut place, "name", &p.settlement);
    place.insert("address".into(), address.clone());
    place.insert(
        "geo".into(),
        json!({"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon}),
    );
    let mut o = Map::new();
    o.insert("@context".into(), "https://schema.org".into());
    o.insert("@type".into(), org_type(&p.kind).into());
    o.insert("@id".into(), id.clone().into());
    o.insert("name".into(), p.name.clone().into());
    o.insert("url".into(), url.into());
    put(&mut o, "description", &p.summary);
    if let Some(logo) = &p.logo_url {
        o.insert("logo".into(), absolute(site, logo).into());
    }
    o.insert("address".into(), address);
    o.insert("location".into(), Value::Object(place));
    o.insert(
        "areaServed".into(),
        json!({
            "@type": "AdministrativeArea",
            "name": p.okrug.name,
            "url": absolute(site, &format!("/okrug/{}", p.okrug.slug)),
        }),
    );
    let first = |kind: ContactKind| p.contacts.iter().find(|c| c.kind == kind);
    if let Some(phone) = first(ContactKind::Phone) {
        put(&mut o, "telephone", &phone.value);
    }
    if let Some(email) = first(ContactKind::Email) {
        put(&mut o, "email", &email.value);
    }
    let links: Vec<Value> = p
        .contacts
        .iter()
        .filter(|c| !matches!(c.kind, ContactKind::Phone | ContactKind::Email))
        .filter(|c| c.href.starts_with("https://") || c.href.starts_with("http://"))
        .map(|c| c.href.clone().into())
        .collect();
    if !links.is_empty() {
        o.insert("sameAs".into(), Value::Array(links));
    }
    let mut ids = Vec::new();
    if let Some(inn) = &p.inn {
        o.insert("taxID".into(), inn.clone().into());
        ids.push(json!({"@type": "PropertyValue", "propertyID": "RU-INN", "value": inn}));
    }
    if let Some(ogrn) = &p.ogrn {
        ids.push(json!({"@type": "PropertyValue", "propertyID": "RU-OGRN", "value": ogrn}));
    }
    if !ids.is_empty() {
        o.insert("identifier".into(), Value::Array(ids));
    }
    let topics: Vec<Value> = p
        .directions
        .iter()
        .map(|d| d.label.clone().into())
        .collect();
    if !topics.is_empty() {
        o.insert("knowsAbout".into(), Value::Array(topics));
    }
    let events: Vec<Value> = p
        .upcoming_events
        .iter()
        .map(|e| {
            let mut ev = Map::new();
            ev.insert("@type".into(), "Event".into());
            ev.insert("name".into(), e.title.clone().into());
            put(&mut ev, "description", &e.description);
            put(&mut ev, "startDate", &iso(&e.starts_at));
            if let Some(end) = &e.ends_at {
                put(&mut ev, "endDate", &iso(end));
            }
            let venue = if e.place.trim().is_empty() {
                &p.settlement
            } else {
                &e.place
            };
            if !venue.trim().is_empty() {
                ev.insert("location".into(), json!({"@type": "Place", "name": venue}));
            }
            ev.insert("organizer".into(), json!({"@id": id}));
            Value::Object(ev)
        })
        .collect();
    if !events.is_empty() {
        o.insert("event".into(), Value::Array(events));
    }
    Value::Object(o)
}

/// The okrug page's JSON-LD: the organizations listed on this page of it, in order.
pub fn okrug(p: &OkrugPage, site: &str) -> Value {
    let first = (p.list.page.max(1) as usize - 1) * p.list.per_page as usize;
    let items: Vec<Value> = p
        .list
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "@type": "ListItem",
                "position": first + i + 1,
                "url": absolute(site, &c.url),
                "name": c.name,
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": p.full_name,
        "url": absolute(site, &format!("/okrug/{}", p.slug)),
        "numberOfItems": p.list.total,
        "itemListElement": items,
    })
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` written as JSON
/// escapes, so no text from the data can close the script element or look like markup.
pub fn script_text(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
