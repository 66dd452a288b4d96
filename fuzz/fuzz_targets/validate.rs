//! Fuzz target: organizations (as JSON Lines, the import's shape) through the validator
//! with the real Kurgan catalog: every field, okrug, coordinate and identifier rule. A row
//! may be refused with field issues; it must never panic.
#![no_main]

use std::sync::LazyLock;

use app::region::RegionCatalog;
use libfuzzer_sys::fuzz_target;

static CATALOG: LazyLock<RegionCatalog> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../seed/regions/kurgan");
    let seed = app::seed::read_region_dir(&dir).expect("seed");
    app::seed::catalog_from_seed(&seed).expect("catalog")
});

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = app::import::parse_json_lines(data) {
        for row in rows {
            if let Ok(input) = row.input {
                let _ = app::organizations::validate::validate(&input, &CATALOG);
            }
        }
    }
});
