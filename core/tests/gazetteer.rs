//! The gazetteer places organizations that have a settlement but no coordinates: at the
//! village (approximately), and in its okrug when the list names none; a name that two
//! okrugs share needs the okrug; the okrug's centre keeps the okrug's centre point.

use poputchiki_core::organizations::store::{self, Events};
use poputchiki_core::testing::TestCore;

async fn placed(core: &TestCore, csv: &str) -> Vec<(String, f64, f64, bool)> {
    let report = core.import_csv(csv, false).await;
    assert_eq!(report.rejected_rows, 0, "{}", report.render());
    let mut out = vec![];
    for id in &report.changed_ids {
        let rec = store::read(&core.state.db, *id, true, Events::All)
            .await
            .expect("reads")
            .expect("stored");
        let okrug = core
            .state
            .region
            .okrug_by_id(rec.org.okrug_id)
            .expect("okrug")
            .slug
            .clone();
        out.push((
            okrug,
            rec.org.lat,
            rec.org.lon,
            rec.org.location_approximate,
        ));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_without_coordinates_is_placed_at_its_village() {
    let core = TestCore::empty().await;
    assert!(
        core.state.region.settlements.len() > 300,
        "the Kurgan gazetteer is loaded"
    );
    let rows = placed(
        &core,
        "Наименование;Район;Населённый пункт\n\
         Клуб «Кипель»;Шумихинский район;с. Кипель\n\
         Клуб без района;;д. Бороздинка\n\
         Клуб в центре;Шумихинский район;г. Шумиха\n\
         Клуб в неизвестной деревне;Шумихинский район;д. Несуществующая\n",
    )
    .await;
    let shumikha = core
        .state
        .region
        .okrug_by_slug("shumikhinsky")
        .expect("okrug")
        .center;
    assert_eq!(
        rows[0],
        ("shumikhinsky".into(), 55.3011, 63.0861, true),
        "at the village"
    );
    assert_eq!(
        rows[1],
        ("almenevsky".into(), 54.9039, 62.9225, true),
        "its okrug from the village"
    );
    assert_eq!(
        rows[2],
        ("shumikhinsky".into(), shumikha.lat, shumikha.lon, true),
        "the centre stays the centre"
    );
    assert_eq!(
        rows[3],
        ("shumikhinsky".into(), shumikha.lat, shumikha.lon, true),
        "unknown village: the okrug's centre"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_village_name_two_okrugs_share_needs_the_okrug() {
    let core = TestCore::empty().await;
    let report = core
        .import_csv(
            "Наименование;Населённый пункт\nКлуб «Пески»;с. Пески\n",
            false,
        )
        .await;
    assert_eq!(
        report.rejected_rows,
        1,
        "«Пески» is in more than one okrug: {}",
        report.render()
    );
}
