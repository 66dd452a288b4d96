//! Property tests for the query path: any text, any parameter values, never a panic or an
//! internal error. Runs against a real in-RAM index with a few documents.

use std::sync::Arc;

use proptest::prelude::*;

use super::engine::SearchEngine;
use super::index::{IndexDoc, SearchIndex};
use super::params::SearchParams;
use super::table::OrgTable;
use crate::i18n::I18n;

/// One engine for all cases (building the catalog parses 26 polygons).
fn engine() -> &'static SearchEngine {
    static ENGINE: std::sync::LazyLock<SearchEngine> = std::sync::LazyLock::new(build_engine);
    &ENGINE
}

fn build_engine() -> SearchEngine {
    let index = SearchIndex::in_ram().expect("RAM index");
    let docs = [
        ("Совет ветеранов", "Помогаем пожилым людям и ветеранам."),
        ("Клуб «Ёлочка»", "Бесплатные секции для детей."),
        (
            "Юридическая консультация",
            "Юрист консультирует пенсионеров.",
        ),
    ]
    .iter()
    .enumerate()
    .map(|(i, (name, body))| IndexDoc {
        id: i as i64 + 1,
        name: (*name).into(),
        body: (*body).into(),
        ..Default::default()
    })
    .collect::<Vec<_>>();
    index.apply(&[1, 2, 3], &docs).expect("indexed");
    SearchEngine::new(
        index,
        OrgTable::default(),
        Arc::new(crate::seed::test_catalog()),
    )
}

/// Text people (and attackers) type: Cyrillic, Latin, digits, query syntax, emoji, spaces.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[а-яёА-ЯЁ]{1,12}",
        "[a-zA-Z0-9]{1,8}",
        Just("\"".to_owned()),
        Just("AND".to_owned()),
        Just("OR".to_owned()),
        Just("NOT".to_owned()),
        "[()\\[\\]{}:*~^+\\-!/\\\\]{1,3}",
        Just("🙂".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{202e}".to_owned()),
        " {1,3}",
        "\\PC{1,5}",
    ];
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_query_text_searches_without_error(q in nasty_text()) {
        let e = engine();
        let params = SearchParams::from_pairs([("q", q.as_str())]).expect("any text is a valid query");
        prop_assert!(params.q.chars().count() <= super::params::MAX_QUERY_CHARS);
        prop_assert!(e.search(&params, &I18n::default()).is_ok());
    }

    #[test]
    fn any_parameter_values_parse_or_are_refused_cleanly(
        key in prop_oneof![Just("near"), Just("bbox"), Just("radius_km"), Just("sort"), Just("page"),
                           Just("per_page"), Just("direction"), Just("okrug"), Just("verified")],
        value in "\\PC{0,40}",
    ) {
        let e = engine();
        if let Ok(params) = SearchParams::from_pairs([(key, value.as_str())]) {
            // Valid-looking codes may still be unknown: that is a clean `Params` error.
            match e.search(&params, &I18n::default()) {
                Ok(_) | Err(super::engine::SearchError::Params(_)) => {}
                Err(other) => prop_assert!(false, "internal error for {key}={value:?}: {other}"),
            }
        }
    }
}

#[test]
fn ten_kilobytes_of_text_is_cut_not_refused() {
    let long = "помощь пожилым (\"AND\") ".repeat(500);
    let params = SearchParams::from_pairs([("q", long.as_str())]).expect("valid");
    assert!(engine().search(&params, &I18n::default()).is_ok());
}
