//! Unit tests of the validator: every rule, with the field and message key it reports.

use super::*;
use crate::organizations::contacts::{normalize_email, normalize_phone, normalize_url};

#[test]
fn phones_in_rural_formats_pass() {
    assert_eq!(
        normalize_phone("8 (35245) 2-13-45"),
        Some("8 (35245) 2-13-45".into())
    );
    assert_eq!(
        normalize_phone("+7 912 000-00-00"),
        Some("+7 912 000-00-00".into())
    );
    assert_eq!(normalize_phone("звоните"), None);
    assert_eq!(normalize_phone("12"), None);
}

#[test]
fn emails_and_urls_are_checked() {
    assert_eq!(
        normalize_email("Info@Sovet.RU"),
        Some("info@sovet.ru".into())
    );
    assert_eq!(normalize_email("info@localhost"), None);
    assert_eq!(
        normalize_url("sovet45.ru", None),
        Some("https://sovet45.ru".into())
    );
    assert_eq!(normalize_url("javascript:alert(1)", None), None);
    assert_eq!(
        normalize_url("@rodnik45", Some("vk.com")),
        Some("https://vk.com/rodnik45".into())
    );
    assert_eq!(
        normalize_url("https://evil.example/x", Some("vk.com")),
        None
    );
    assert_eq!(
        normalize_url("https://evil.ru\\@vk.com", Some("vk.com")),
        None
    );
    assert_eq!(
        normalize_url("https://evil.ru@vk.com/x", Some("vk.com")),
        None
    );
    assert_eq!(normalize_url("https://evilvk.com/x", Some("vk.com")), None);
    assert_eq!(
        normalize_url("https://vk.com.evil.ru/x", Some("vk.com")),
        None
    );
    assert_eq!(normalize_url("https://t.me.evil.ru/x", Some("t.me")), None);
    assert_eq!(
        normalize_url("https://m.vk.com/club1", Some("vk.com")),
        Some("https://m.vk.com/club1".into())
    );
    assert_eq!(
        normalize_url("javascript:alert(1)//vk.com", Some("vk.com")),
        None
    );
}

fn base() -> OrganizationInput {
    OrganizationInput {
        name: "Совет ветеранов Кетовского округа".into(),
        kind: "ngo".into(),
        legal_form: "Общественная организация".into(),
        lat: Some(55.35),
        lon: Some(65.32),
        inn: "7707083893".into(),
        ogrn: "1027700132195".into(),
        directions: vec!["social_services".into(), "Патриотическое воспитание".into()],
        audiences: vec!["elderly".into()],
        ..Default::default()
    }
}

fn fields(r: Result<ValidOrganization, Vec<FieldIssue>>) -> Vec<(String, String)> {
    r.expect_err("should be refused")
        .into_iter()
        .map(|i| (i.field, i.key))
        .collect()
}

#[test]
fn a_good_record_gets_its_okrug_from_the_point() {
    let c = crate::seed::test_catalog();
    let v = validate(&base(), &c).expect("valid");
    assert_eq!(
        c.okrug_by_id(v.okrug_id).map(|o| o.slug.as_str()),
        Some("ketovsky")
    );
    assert!(!v.approximate);
    assert_eq!(
        v.legal_form.as_deref(),
        Some("public_org"),
        "Russian label accepted"
    );
    assert_eq!(v.term_ids.len(), 3);
    assert_eq!(v.slug, "sovet-veteranov-ketovskogo-okruga");
}

#[test]
fn without_coordinates_the_okrug_centre_is_used_and_flagged() {
    let c = crate::seed::test_catalog();
    let input = OrganizationInput {
        lat: None,
        lon: None,
        okrug: "Шумихинский".into(),
        ..base()
    };
    let v = validate(&input, &c).expect("valid");
    let okrug = c.okrug_by_slug("shumikhinsky").expect("exists");
    assert_eq!(
        (v.okrug_id, v.location, v.approximate),
        (okrug.id, okrug.center, true)
    );
}

#[test]
fn points_outside_the_region_are_refused_with_a_hint_when_swapped() {
    let c = crate::seed::test_catalog();
    let moscow = OrganizationInput {
        lat: Some(55.75),
        lon: Some(37.62),
        ..base()
    };
    assert_eq!(
        fields(validate(&moscow, &c)),
        vec![("lat".into(), "err-outside-region".into())]
    );
    let swapped = OrganizationInput {
        lat: Some(65.32),
        lon: Some(55.35),
        ..base()
    };
    assert_eq!(
        fields(validate(&swapped, &c)),
        vec![("lat".into(), "err-outside-region-swapped".into())]
    );
}

#[test]
fn a_stated_okrug_that_contradicts_the_point_is_refused() {
    let c = crate::seed::test_catalog();
    let input = OrganizationInput {
        okrug: "shumikhinsky".into(),
        ..base()
    };
    assert_eq!(
        fields(validate(&input, &c)),
        vec![("okrug".into(), "err-okrug-mismatch".into())]
    );
}

#[test]
fn every_problem_in_a_record_is_reported_at_once() {
    let c = crate::seed::test_catalog();
    let input = OrganizationInput {
        name: " ".into(),
        kind: "клуб".into(),
        inn: "7707083894".into(),
        email: "нет почты".into(),
        directions: vec!["flying".into()],
        ..base()
    };
    let got = fields(validate(&input, &c));
    for expected in [
        ("name", "err-required"),
        ("kind", "err-unknown-term"),
        ("inn", "err-id-checksum"),
        ("email", "err-email"),
        ("directions", "err-unknown-term"),
    ] {
        assert!(
            got.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} missing from {got:?}"
        );
    }
}

#[test]
fn datetimes_in_common_forms() {
    assert_eq!(
        parse_local_datetime("2026-12-05"),
        Some("2026-12-05T00:00".into())
    );
    assert_eq!(
        parse_local_datetime("05.12.2026 14:30"),
        Some("2026-12-05T14:30".into())
    );
    assert_eq!(parse_local_datetime("завтра"), None);
}

#[test]
fn a_need_keeps_its_state_and_date_and_a_bad_date_is_refused_on_its_field() {
    let c = crate::seed::test_catalog();
    let need = |until: &str| NeedInput {
        kind: "volunteers".into(),
        title: "Водители".into(),
        met: true,
        until: until.into(),
        ..Default::default()
    };
    let ok = OrganizationInput {
        needs: vec![need("2027-05-01")],
        ..base()
    };
    let v = validate(&ok, &c).expect("valid");
    assert!(v.needs[0].met);
    assert_eq!(v.needs[0].until.as_deref(), Some("2027-05-01"));
    let bad = OrganizationInput {
        needs: vec![need("к маю")],
        ..base()
    };
    assert_eq!(
        fields(validate(&bad, &c)),
        vec![("needs[1].until".into(), "err-need-until".into())]
    );
}
