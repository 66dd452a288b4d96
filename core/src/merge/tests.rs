//! The merged record takes each field from the record staff chose, and lists from both
//! without repeats.

use std::collections::HashMap;

use super::*;
use crate::organizations::input::{NeedInput, ServiceInput};

fn service(name: &str) -> ServiceInput {
    ServiceInput {
        name: name.into(),
        ..Default::default()
    }
}

fn records() -> (OrganizationInput, OrganizationInput) {
    let a = OrganizationInput {
        name: "Совет ветеранов села Уксянское".into(),
        description: "Старое описание".into(),
        settlement: "с. Уксянское".into(),
        lat: Some(55.1),
        lon: Some(63.2),
        phone: "+7 912 000-00-01".into(),
        directions: vec!["veterans".into()],
        services: vec![service("Юридическая консультация")],
        ..Default::default()
    };
    let b = OrganizationInput {
        name: "Совет ветеранов Уксянского".into(),
        description: String::new(),
        settlement: "с. Уксянское".into(),
        address: "ул. Ленина, 1".into(),
        lat: Some(55.2),
        lon: Some(63.3),
        phone: "+79120000001, 8 (35256) 2-11-33".into(),
        email: "sovet@example.ru".into(),
        inn: "4500000000".into(),
        directions: vec!["veterans".into(), "culture".into()],
        services: vec![service("юридическая  консультация"), service("Клуб")],
        needs: vec![NeedInput {
            kind: "premises".into(),
            title: "Помещение".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    (a, b)
}

#[test]
fn each_field_comes_from_the_chosen_record_and_the_place_moves_whole() {
    let (a, b) = records();
    let picks: HashMap<String, Pick> = [("name", Pick::B), ("place", Pick::B), ("inn", Pick::B)]
        .into_iter()
        .map(|(k, p)| (k.to_owned(), p))
        .collect();
    let m = compose(&a, &b, &picks);
    assert_eq!(m.name, b.name);
    assert_eq!(
        m.description, a.description,
        "unpicked fields stay with the first record"
    );
    assert_eq!(
        (m.address.as_str(), m.lat, m.lon),
        ("ул. Ленина, 1", Some(55.2), Some(63.3))
    );
    assert_eq!(m.inn, "4500000000");
    assert_eq!(m.phone, a.phone);
}

#[test]
fn both_joins_lists_without_repeats() {
    let (a, b) = records();
    let picks: HashMap<String, Pick> = ["phone", "directions", "services", "needs", "name"]
        .into_iter()
        .map(|k| (k.to_owned(), Pick::Both))
        .collect();
    let m = compose(&a, &b, &picks);
    assert_eq!(m.phone, "+7 912 000-00-01, 8 (35256) 2-11-33");
    assert_eq!(m.directions, vec!["veterans", "culture"]);
    let names: Vec<&str> = m.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["Юридическая консультация", "Клуб"]);
    assert_eq!(m.needs.len(), 1);
    assert_eq!(m.name, a.name, "a single value cannot be both");
}

#[test]
fn the_proposal_keeps_the_survivor_and_fills_its_gaps_from_the_other() {
    let (a, b) = records();
    let p = default_picks(&a, &b, Pick::A);
    assert_eq!(p["name"], Pick::A);
    assert_eq!(p["description"], Pick::A);
    assert_eq!(p["email"], Pick::B, "the survivor has no email");
    assert_eq!(p["inn"], Pick::B);
    assert_eq!(p["phone"], Pick::Both);
    let p = default_picks(&a, &b, Pick::B);
    assert_eq!(p["name"], Pick::B);
    assert_eq!(p["description"], Pick::A, "the survivor has no description");
    assert_eq!(p["kind"], Pick::B, "empty on both: the survivor's");
}
