//! Import of more rows than one storing step takes, new and known rows interleaved: every
//! row ends where it should and every part belongs to its own organization.

use std::collections::HashMap;

use app::import::{import_rows, ParsedRow, RowOutcome};
use app::organizations::input::OrganizationInput;
use poputchiki_core as app;
use poputchiki_core::testing::TestCore as TestApp;

fn rows(inputs: &[OrganizationInput]) -> Vec<ParsedRow> {
    inputs
        .iter()
        .enumerate()
        .map(|(n, input)| ParsedRow {
            row: n + 2,
            input: Ok(input.clone()),
            warnings: vec![],
            present: None,
        })
        .collect()
}

/// E-mail → name of every stored organization, read through the contact table.
async fn emails(app: &TestApp) -> HashMap<String, String> {
    sqlx::query_as::<_, (String, String)>(
        "select c.value, o.name from organization o join contact c on c.organization_id = o.id
         where c.kind = 'email'",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("contacts")
    .into_iter()
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_changed_and_unchanged_rows_mixed_over_many_chunks_each_land_right() {
    let app = TestApp::empty().await;
    let all = app::demo::generate(&app.state.region, 1_300, 7);
    let first = import_rows(&app.state.db, &app.state.region, rows(&all[..900]), false)
        .await
        .expect("first import");
    assert_eq!(
        (first.created, first.rejected_rows),
        (900, 0),
        "{}",
        first.render()
    );

    // The second file: a new row, a changed one and an unchanged one in turn, then the rest
    // of the new ones, so that additions wait for and follow looked-up rows in every chunk.
    let mut second = vec![];
    for i in 0..450 {
        second.push(all[900 + i % 400].clone());
        let mut changed = all[i].clone();
        changed.summary = format!("Новое описание {i}");
        second.push(changed);
        second.push(all[450 + i].clone());
    }
    let report = import_rows(&app.state.db, &app.state.region, rows(&second), false)
        .await
        .expect("second import");
    assert_eq!(
        (
            report.created,
            report.updated,
            report.unchanged,
            report.duplicates,
            report.rejected_rows
        ),
        (400, 450, 450, 50, 0),
        "{}",
        report.render()
    );
    assert_eq!(app.count().await, 1_300);

    // Each reported id is the organization of that row's name, and its e-mail is that row's.
    let names: HashMap<i64, String> =
        sqlx::query_as::<_, (i64, String)>("select id, name from organization")
            .fetch_all(&app.state.db)
            .await
            .expect("names")
            .into_iter()
            .collect();
    let stored_rows = report
        .results
        .iter()
        .filter(|r| !matches!(r.outcome, RowOutcome::Duplicate { .. }));
    for r in stored_rows {
        let id = r.id.expect("every row stored");
        assert_eq!(names.get(&id), Some(&r.name), "row {}", r.row);
    }
    let stored = emails(&app).await;
    for input in &all {
        let email = input.email.to_lowercase();
        assert_eq!(stored.get(&email), Some(&input.name), "{email}");
    }
    let summaries: Vec<String> = sqlx::query_scalar(
        "select summary from organization where summary like 'Новое описание %'",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("summaries");
    assert_eq!(summaries.len(), 450);
}
