//! Unit tests of the tidy pass: each rule with the values lists really hold.

use super::*;

fn catalog() -> RegionCatalog {
    crate::seed::test_catalog()
}

fn tidied(input: OrganizationInput) -> (OrganizationInput, Vec<FieldIssue>) {
    tidy(input, &catalog())
}

fn named(name: &str) -> OrganizationInput {
    OrganizationInput {
        name: name.into(),
        okrug: "Шумихинский район".into(),
        ..Default::default()
    }
}

#[test]
fn legal_form_from_the_name_and_kind_inferred() {
    let (i, w) = tidied(named("АНО «Серебряная нить»"));
    assert_eq!((i.legal_form.as_str(), i.kind.as_str()), ("ano", "ngo"));
    assert_eq!(i.okrug, "shumikhinsky");
    assert!(w.is_empty(), "{w:?}");
    let (i, _) = tidied(named("МКУК «Каменская сельская библиотека»"));
    assert_eq!(i.kind, "state_institution");
    let (i, _) = tidied(OrganizationInput {
        legal_form: "Инициативная группа".into(),
        ..named("Добрые соседи")
    });
    assert_eq!(
        (i.legal_form.as_str(), i.kind.as_str()),
        ("", "initiative_group")
    );
}

#[test]
fn unknown_optional_values_are_dropped_with_a_warning() {
    let (i, w) = tidied(OrganizationInput {
        legal_form: "ООО".into(),
        audiences: vec!["пенсионеры, космонавты".into()],
        phone: "8 (35245) 2-11-01, звонить в сельсовет".into(),
        ..named("Клуб «Огонёк»")
    });
    assert_eq!(i.legal_form, "");
    assert_eq!(i.audiences, vec!["elderly"]);
    assert_eq!(i.phone, "8 (35245) 2-11-01");
    let fields: Vec<&str> = w.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(fields, vec!["legal_form", "audiences", "phone"]);
    assert!(w.iter().all(|w| w.key == "warn-dropped"));
}

#[test]
fn synonyms_and_comma_lists_become_codes_once() {
    let (i, w) = tidied(OrganizationInput {
        audiences: vec![
            "Пенсионеры".into(),
            "пожилые, старшее поколение".into(),
            "ОВЗ".into(),
        ],
        directions: vec!["Социальная поддержка; волонтерство".into()],
        ..named("Совет ветеранов")
    });
    assert_eq!(i.audiences, vec!["elderly", "people_with_disabilities"]);
    // One cell with «;» is split by the row reader; here it is one unknown value.
    assert_eq!(w.len(), 1);
    let (i, _) = tidied(OrganizationInput {
        directions: vec!["Образование, культура, здоровье и спорт".into()],
        ..named("Клуб")
    });
    assert_eq!(i.directions, vec!["education_culture_health_sport"]);
}

#[test]
fn phones_emails_and_links_as_typed() {
    let (i, w) = tidied(OrganizationInput {
        phone: "тел. 8 (35235) 2-11-01 (Ирина Петровна); +7 35235 21101 доб. 12".into(),
        email: " info @example.org , mailto:club@example.org".into(),
        website: "www.example.org".into(),
        ..named("Клуб")
    });
    assert_eq!(i.phone, "8 (35235) 2-11-01; +7 35235 21101");
    assert_eq!(i.email, "info@example.org; club@example.org");
    assert_eq!(i.website, "www.example.org");
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn identifiers_that_excel_mangled() {
    let mut w = vec![];
    assert_eq!(identifier("inn", "4501012345.0", &mut w), "4501012345");
    assert_eq!(identifier("inn", "'4501012345", &mut w), "4501012345");
    assert_eq!(identifier("inn", "45 01 012345", &mut w), "4501012345");
    assert_eq!(
        identifier("ogrn", "1.024500000001E+12", &mut w),
        "1024500000001"
    );
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(identifier("inn", "4.5E+09", &mut w), "");
    assert_eq!(w[0].key, "warn-identifier-excel");
    // The same number from a workbook's number cell, rounded to zeros.
    assert_eq!(identifier("inn", "4500000000", &mut w), "");
    assert_eq!(w[1].key, "warn-identifier-excel");
    // A region-02 ИНН that lost its leading zero: restored only when the check digits pass.
    let mut w = vec![];
    assert_eq!(identifier("inn", "299004175", &mut w), "0299004175");
    assert_eq!(w[0].key, "warn-identifier-zero");
    let mut w = vec![];
    assert_eq!(identifier("inn", "299004176", &mut w), "");
    assert_eq!(w[0].key, "warn-dropped");
    // Right length, wrong check digit: kept for the validator to refuse.
    assert_eq!(identifier("inn", "4599018931", &mut vec![]), "4599018931");
    assert_eq!(identifier("inn", "нет", &mut vec![]), "");
}

#[test]
fn an_unknown_okrug_with_coordinates_gives_way_to_the_point() {
    let (i, w) = tidied(OrganizationInput {
        okrug: "Нигдеевский".into(),
        lat: Some(55.22),
        lon: Some(63.29),
        ..named("Клуб")
    });
    assert_eq!(i.okrug, "");
    assert_eq!(w[0].field, "okrug");
    let (i, w) = tidied(OrganizationInput {
        okrug: "Нигдеевский".into(),
        ..named("Клуб")
    });
    assert_eq!(i.okrug, "Нигдеевский", "left for the validator to refuse");
    assert!(w.is_empty());
    let (i, _) = tidied(OrganizationInput {
        okrug: String::new(),
        address: "Шумихинский р-н, с. Каменное".into(),
        ..named("Клуб")
    });
    assert_eq!(i.okrug, "shumikhinsky");
}
