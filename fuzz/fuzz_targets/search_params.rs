//! Fuzz target: any query string through the search parameter parser, and every accepted
//! one through the query builder and a real in-RAM index. Parameter errors are fine; a
//! panic or an internal error is a bug.
#![no_main]

use std::sync::{Arc, LazyLock};

use app::i18n::I18n;
use app::search::engine::{SearchEngine, SearchError};
use app::search::index::{IndexDoc, SearchIndex};
use app::search::params::SearchParams;
use app::search::table::OrgTable;
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<SearchEngine> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/regions/kurgan");
    let seed = app::seed::read_region_dir(&dir).expect("seed");
    let catalog = app::seed::catalog_from_seed(&seed).expect("catalog");
    let index = SearchIndex::in_ram().expect("index");
    let docs: Vec<IndexDoc> = [
        "Совет ветеранов помогает пожилым людям",
        "Клуб «Ёлочка»: бесплатные секции для детей",
        "Юридическая консультация для пенсионеров",
    ]
    .iter()
    .enumerate()
    .map(|(i, text)| IndexDoc {
        id: i as i64 + 1,
        name: (*text).into(),
        body: (*text).into(),
        ..Default::default()
    })
    .collect();
    index.apply(&[1, 2, 3], &docs).expect("indexed");
    SearchEngine::new(index, OrgTable::default(), Arc::new(catalog))
});

fuzz_target!(|data: &[u8]| {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    let params = SearchParams::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if let Ok(params) = params {
        if let Err(SearchError::Internal(e)) = ENGINE.search(&params, &I18n::default()) {
            panic!("internal error for {pairs:?}: {e:#}");
        }
    }
});
