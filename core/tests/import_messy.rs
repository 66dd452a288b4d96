//! The messy list a resource centre really keeps (tests/fixtures/import, with a title row,
//! Russian headers, abbreviations, synonyms and Excel-mangled numbers) imports with the
//! expected result for every row, the same from CSV as from the .xlsx and .xls a
//! spreadsheet program made of it, and a second import of the same file changes nothing.

use std::path::PathBuf;

use poputchiki_core as app;
use poputchiki_core::import::{ImportReport, RowOutcome};
use poputchiki_core::organizations::store::{self, Events};
use poputchiki_core::testing::TestCore;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
struct Expected {
    row: usize,
    name: String,
    outcome: String,
    kind: String,
    legal_form: Option<String>,
    okrug: Option<String>,
    audiences: Vec<String>,
    directions: Vec<String>,
    phones: usize,
    inn: Option<String>,
    warnings: Vec<String>,
    /// The staff check's date, from «Дата проверки» in any Russian form.
    verified_at: Option<String>,
}

fn fixture(name: &str) -> PathBuf {
    app::testing::repo_root()
        .join("tests/fixtures/import")
        .join(name)
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(fixture("messy-kurgan.expected.json")).expect("fixture");
    serde_json::from_str(&text).expect("expected rows")
}

async fn import(core: &TestCore, file: &str) -> ImportReport {
    let (rows, unknown) = app::import::read_file(&fixture(file)).expect("reads");
    let mut report = app::import::import_rows(&core.state.db, &core.state.region, rows, false)
        .await
        .expect("imports");
    report.unknown_columns = unknown;
    report
}

/// Checks one created row against the organization stored for it.
async fn check_created(core: &TestCore, e: &Expected, id: i64) {
    let catalog = &core.state.region;
    let rec = store::read(&core.state.db, id, true, Events::All)
        .await
        .expect("reads")
        .expect("stored");
    let input = app::editing::store::input_of(&rec, catalog);
    let at = format!("row {} ({})", e.row, e.name);
    assert_eq!(rec.org.kind, e.kind, "{at}: kind");
    assert_eq!(rec.org.legal_form, e.legal_form, "{at}: legal form");
    let okrug = catalog
        .okrug_by_id(rec.org.okrug_id)
        .map(|o| o.slug.clone());
    assert_eq!(okrug, e.okrug, "{at}: okrug");
    let mut audiences = input.audiences.clone();
    let mut want = e.audiences.clone();
    audiences.sort();
    want.sort();
    assert_eq!(audiences, want, "{at}: audiences");
    let mut directions = input.directions.clone();
    let mut want = e.directions.clone();
    directions.sort();
    want.sort();
    assert_eq!(directions, want, "{at}: directions");
    let phones = rec.contacts.iter().filter(|c| c.kind == "phone").count();
    assert_eq!(phones, e.phones, "{at}: phones");
    assert_eq!(rec.org.inn, e.inn, "{at}: ИНН");
    let verified = rec.verification.as_ref().map(|v| v.verified_at.clone());
    assert_eq!(verified, e.verified_at, "{at}: verified");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_row_of_the_messy_list_gets_its_expected_outcome() {
    let core = TestCore::empty().await;
    let report = import(&core, "messy-kurgan.csv").await;
    let log = report.render();
    assert_eq!(
        report.unknown_columns,
        vec!["ФИО руководителя", "Примечание"],
        "{log}"
    );
    let expected = expected();
    assert_eq!(report.results.len(), expected.len(), "{log}");
    for (e, r) in expected.iter().zip(&report.results) {
        assert_eq!(r.row, e.row, "{log}");
        let outcome = match r.outcome {
            RowOutcome::Created => "created",
            RowOutcome::Refused => "refused",
            RowOutcome::Duplicate { .. } => "duplicate",
            RowOutcome::Updated | RowOutcome::Unchanged => "updated",
        };
        assert_eq!(outcome, e.outcome, "row {}: {log}", e.row);
        let warnings = report.warnings.iter().filter(|w| w.row == e.row).count();
        if e.outcome == "created" {
            assert_eq!(warnings, e.warnings.len(), "row {} warnings: {log}", e.row);
            check_created(&core, e, r.id.expect("an id")).await;
        }
        if e.outcome == "refused" {
            assert!(
                report.errors.iter().any(|x| x.row == e.row),
                "row {}",
                e.row
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn importing_the_same_list_again_changes_nothing_and_says_so() {
    let core = TestCore::empty().await;
    let first = import(&core, "messy-kurgan.csv").await;
    let count = core.count().await;
    let again = import(&core, "messy-kurgan.csv").await;
    assert_eq!((again.created, again.updated), (0, 0), "{}", again.render());
    assert_eq!(again.unchanged, first.created);
    assert!(again.render().contains("база не изменилась"));
    assert_eq!(core.count().await, count);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workbooks_a_spreadsheet_program_made_import_like_the_csv() {
    let core = TestCore::empty().await;
    let csv = import(&core, "messy-kurgan.csv").await;
    for book in ["messy-kurgan.xlsx", "messy-kurgan.xls"] {
        let other = TestCore::empty().await;
        let from_book = import(&other, book).await;
        let outcomes = |r: &ImportReport| {
            r.results
                .iter()
                .map(|x| (x.row, x.name.clone(), x.outcome))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            outcomes(&from_book),
            outcomes(&csv),
            "{book}: {}",
            from_book.render()
        );
        // The same warnings on the same cells (a number cell reads «4500000000» where the
        // CSV has «4.5E+09»).
        let cells = |r: &ImportReport| {
            r.warnings
                .iter()
                .map(|w| (w.row, w.field.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(cells(&from_book), cells(&csv), "{book}");
        assert_eq!(from_book.unknown_columns, csv.unknown_columns, "{book}");
    }
}
