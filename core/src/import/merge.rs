//! Re-importing into an organization that is already stored: the file's values replace the
//! stored ones only where the file has them. A list without a services column does not wipe
//! the services a leader added; an empty phone cell does not delete the phone they typed.
//! So importing the same file twice changes nothing the second time.

use crate::organizations::input::OrganizationInput;

/// The stored organization with the file's non-empty values laid over it. `present` names
/// the input fields the file has columns (or JSON keys) for.
pub fn overlay(
    stored: OrganizationInput,
    file: OrganizationInput,
    present: &[String],
) -> OrganizationInput {
    let has = |f: &str| present.iter().any(|p| p == f);
    let text = |f: &str, new: String, old: String| {
        if has(f) && !new.trim().is_empty() {
            new
        } else {
            old
        }
    };
    let list = |f: &str, new: Vec<String>, old: Vec<String>| {
        if has(f) && !new.is_empty() {
            new
        } else {
            old
        }
    };
    // Destructured without `..`: a new field must decide here how a re-import treats it.
    let OrganizationInput {
        name,
        kind,
        legal_form,
        okrug,
        settlement,
        address,
        lat,
        lon,
        phone,
        email,
        website,
        vk,
        ok,
        telegram,
        inn,
        ogrn,
        directions,
        audiences,
        event_formats,
        summary,
        description,
        services,
        events,
        needs,
        offers,
        verification,
        demo,
    } = file;
    let point = has("lat") && lat.is_some() && lon.is_some();
    // A stored point (its okrug is then empty) stays; the validator checks the file's okrug
    // against it.
    let moved = !point
        && stored.lat.is_none()
        && has("okrug")
        && !okrug.trim().is_empty()
        && okrug != stored.okrug;
    OrganizationInput {
        name: text("name", name, stored.name),
        kind: text("kind", kind, stored.kind),
        legal_form: text("legal_form", legal_form, stored.legal_form),
        // A new okrug without a point moves the organization to that okrug's centre; a new
        // point decides the okrug itself.
        okrug: if point {
            okrug
        } else {
            text("okrug", okrug, stored.okrug)
        },
        settlement: text("settlement", settlement, stored.settlement),
        address: text("address", address, stored.address),
        lat: if point {
            lat
        } else if moved {
            None
        } else {
            stored.lat
        },
        lon: if point {
            lon
        } else if moved {
            None
        } else {
            stored.lon
        },
        phone: text("phone", phone, stored.phone),
        email: text("email", email, stored.email),
        website: text("website", website, stored.website),
        vk: text("vk", vk, stored.vk),
        ok: text("ok", ok, stored.ok),
        telegram: text("telegram", telegram, stored.telegram),
        inn: text("inn", inn, stored.inn),
        ogrn: text("ogrn", ogrn, stored.ogrn),
        directions: list("directions", directions, stored.directions),
        audiences: list("audiences", audiences, stored.audiences),
        event_formats: list("event_formats", event_formats, stored.event_formats),
        summary: text("summary", summary, stored.summary),
        description: text("description", description, stored.description),
        services: if has("services") && !services.is_empty() {
            services
        } else {
            stored.services
        },
        events: if has("events") && !events.is_empty() {
            events
        } else {
            stored.events
        },
        needs: if has("needs") && !needs.is_empty() {
            needs
        } else {
            stored.needs
        },
        offers: if has("offers") && !offers.is_empty() {
            offers
        } else {
            stored.offers
        },
        // Verification history is only ever added to.
        verification: verification.or(stored.verification),
        demo: if has("demo") { demo } else { stored.demo },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organizations::input::ServiceInput;

    #[test]
    fn only_the_files_non_empty_columns_replace_stored_values() {
        let stored = OrganizationInput {
            name: "Совет ветеранов".into(),
            phone: "2-11-01".into(),
            email: "sovet@example.org".into(),
            services: vec![ServiceInput {
                name: "Юридическая консультация".into(),
                ..Default::default()
            }],
            lat: Some(55.2),
            lon: Some(63.3),
            ..Default::default()
        };
        let file = OrganizationInput {
            name: "Совет ветеранов".into(),
            phone: String::new(),
            email: "new@example.org".into(),
            ..Default::default()
        };
        let present: Vec<String> = ["name", "phone", "email", "okrug"]
            .map(String::from)
            .to_vec();
        let merged = overlay(stored.clone(), file, &present);
        assert_eq!(merged.phone, "2-11-01", "an empty cell keeps the phone");
        assert_eq!(merged.email, "new@example.org");
        assert_eq!(merged.services, stored.services, "no services column: kept");
        assert_eq!((merged.lat, merged.lon), (Some(55.2), Some(63.3)));
    }
}
