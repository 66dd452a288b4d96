//! The same build serves another country's region with its own directions: a Kazakh test
//! fixture (Birgemiz directions, Kazakh labels, no ИНН/ОГРН rules) loaded purely from files.

use poputchiki_tests::{found_count, repo_root, TestApp};

async fn kz() -> TestApp {
    TestApp::with_seed_dir(repo_root().join("tests/fixtures/regions"), "kz-demo").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kazakh_region_uses_its_own_directions_and_districts() {
    let app = kz().await;
    let csv = "name,kind,okrug,lat,lon,directions,inn\n\
               Еріктілер «Қамқор»,ngo,Батыс,50.5,56.5,qamqor,123\n\
               Клуб «Білім»,initiative_group,shygys,,,Білім,\n\
               Совет ветеранов,ngo,Батыс,,,social_services,\n";
    let report = app.import_csv(csv, false).await;
    // An unknown direction is optional: the row comes in without it, with a warning.
    assert_eq!(
        (report.created, report.rejected_rows),
        (3, 0),
        "{}",
        report.render()
    );
    let noted = &report.warnings[0];
    assert_eq!(
        (noted.row, noted.field.as_str()),
        (4, "directions"),
        "Kurgan's codes mean nothing here"
    );

    let page = app.get("/").await;
    assert_eq!(found_count(&page.body), Some(3));
    assert!(
        page.body.contains("Помощь в домах престарелых"),
        "the Birgemiz direction label shows"
    );
    assert!(
        page.body.contains(">Западный<"),
        "its own districts fill the filter"
    );
    assert!(
        !page.body.contains("Шумихинский"),
        "no Kurgan okrugs leak in"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn district_assignment_uses_the_fixture_polygons() {
    let app = kz().await;
    let report = app
        .import_csv(
            "name,kind,lat,lon\nГруппа,initiative_group,50.5,57.5\n",
            false,
        )
        .await;
    assert_eq!(report.created, 1, "{}", report.render());
    let slug: String =
        sqlx::query_scalar("select k.slug from organization o join okrug k on k.id = o.okrug_id")
            .fetch_one(&app.state.db)
            .await
            .expect("row");
    assert_eq!(slug, "shygys");
}
