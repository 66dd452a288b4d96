//! Search quality on hand-written organizations (not the generated demo): Russian
//! morphology, ё, typos, prefixes, facets with counts, geo, orders and suggestions.

use app::i18n::I18n;
use app::search::params::SearchParams;
use app::search::SearchResponse;
use poputchiki_core as app;
use poputchiki_core::testing::TestCore as TestApp;

const ORGS: &str = r#"[
 {"name": "Совет ветеранов Кетовского округа", "kind": "ngo", "okrug": "ketovsky",
  "description": "Помогаем пожилым людям и ветеранам труда: навещаем одиноких, поздравляем юбиляров.",
  "directions": ["social_services"], "audiences": ["elderly", "veterans"]},
 {"name": "Детский спортивный клуб «Ёлочка»", "kind": "ngo", "okrug": "kurgan", "lat": 55.4500, "lon": 65.3500,
  "description": "Секции лыжных гонок и футбола для школьников.",
  "directions": ["education_culture_health_sport"], "audiences": ["children"],
  "services": [{"name": "Секция лыжных гонок", "cost": "free", "audiences": ["children"]}]},
 {"name": "Юридическая консультация «Право»", "kind": "ngo", "okrug": "shumikhinsky",
  "description": "Юрист бесплатно консультирует пенсионеров по жилищным вопросам.",
  "directions": ["legal_aid_rights"], "audiences": ["elderly", "low_income"]},
 {"name": "Волонтёры Шумихи", "kind": "initiative_group", "okrug": "shumikhinsky", "settlement": "г. Шумиха",
  "description": "Отряд волонтёров помогает одиноким соседям: дрова, вода, снег.",
  "directions": ["charity_volunteering"], "audiences": ["elderly"],
  "needs": [{"kind": "volunteers", "title": "Нужны помощники с машиной"}]},
 {"name": "Ёжики — клуб для малышей", "kind": "initiative_group", "okrug": "kurgan", "lat": 55.4400, "lon": 65.3300,
  "description": "Развивающие занятия для детей трёх–шести лет.", "audiences": ["children"]},
 {"name": "Аистёнок — центр для семей", "kind": "ngo", "okrug": "kurgan", "lat": 55.4700, "lon": 65.3000,
  "description": "Поддержка молодых семей с детьми.", "audiences": ["families_with_children"],
  "verification": {"method": "visit", "verified_by": "Ресурсный центр", "verified_at": "2026-10-01"}},
 {"name": "Жемчужина", "kind": "ngo", "okrug": "shadrinsk",
  "description": "Хор ветеранов труда города Шадринска.", "audiences": ["veterans", "elderly"]}
]"#;

async fn app() -> TestApp {
    let app = TestApp::empty().await;
    let report = app.import_json(ORGS).await;
    assert_eq!(report.rejected_rows, 0, "{}", report.render());
    app
}

fn search(app: &TestApp, query: &str) -> SearchResponse {
    let pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .collect();
    let params = SearchParams::from_pairs(pairs).expect("valid parameters");
    app.state
        .search
        .search(&params, &I18n::default())
        .expect("search runs")
}

fn names(r: &SearchResponse) -> Vec<&str> {
    r.items.iter().map(|h| h.name.as_str()).collect()
}

fn finds(app: &TestApp, query: &str, name: &str) -> bool {
    names(&search(app, query)).contains(&name)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn word_forms_meet_at_one_stem() {
    let app = app().await;
    assert!(
        finds(&app, "q=пожилые ", "Совет ветеранов Кетовского округа"),
        "пожилые → пожилым"
    );
    assert!(
        finds(&app, "q=ветераны ", "Совет ветеранов Кетовского округа"),
        "ветераны → ветеранов"
    );
    assert!(
        finds(&app, "q=юристы ", "Юридическая консультация «Право»"),
        "юристы → юрист"
    );
    let r = search(&app, "q=ветеранов ");
    assert_eq!(
        names(&r)[0],
        "Совет ветеранов Кетовского округа",
        "a name match ranks above a description match"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn yo_and_ye_are_the_same_letter() {
    let app = app().await;
    assert!(finds(&app, "q=елочка ", "Детский спортивный клуб «Ёлочка»"));
    assert!(finds(&app, "q=ЁЖИКИ ", "Ёжики — клуб для малышей"));
    assert!(finds(&app, "q=волонтеры ", "Волонтёры Шумихи"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typos_are_forgiven_and_exact_matches_rank_first() {
    let app = app().await;
    assert!(
        finds(&app, "q=валантёры ", "Волонтёры Шумихи"),
        "one edit in a long word"
    );
    assert!(
        finds(&app, "q=юридичиская ", "Юридическая консультация «Право»"),
        "two edits from 8 letters"
    );
    assert!(
        !finds(&app, "q=хор ", "Ёжики — клуб для малышей"),
        "short words get no fuzziness"
    );
    let r = search(&app, "q=Шумихи ");
    assert_eq!(names(&r)[0], "Волонтёры Шумихи");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_word_is_a_prefix_while_typing() {
    let app = app().await;
    assert!(finds(&app, "q=юрид", "Юридическая консультация «Право»"));
    assert!(finds(&app, "q=лыжн", "Детский спортивный клуб «Ёлочка»"));
    assert!(finds(
        &app,
        "q=секция лыж",
        "Детский спортивный клуб «Ёлочка»"
    ));
    assert!(
        !finds(&app, "q=юрид ", "Юридическая консультация «Право»"),
        "a finished word is not a prefix"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cost_words_and_stop_words_help_everyday_queries() {
    let app = app().await;
    let r = search(&app, "q=кружок для детей бесплатно");
    assert!(
        names(&r).contains(&"Детский спортивный клуб «Ёлочка»"),
        "{:?}",
        names(&r)
    );
    // Few full matches: the ones missing a word follow, ranked below.
    let r = search(&app, "q=помощь пожилым ");
    assert!(r.total >= 3, "{:?}", names(&r));
    assert_eq!(
        names(&r)[0],
        "Юридическая консультация «Право»",
        "both words beat one word"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn facets_combine_or_within_and_across_with_disjunctive_counts() {
    let app = app().await;
    let all = search(&app, "");
    assert_eq!(all.total, 7);
    let r = search(&app, "audience=children&audience=veterans");
    assert_eq!(r.total, 4, "OR within a facet: {:?}", names(&r));
    let r = search(&app, "audience=elderly&okrug=shumikhinsky");
    assert_eq!(r.total, 2, "AND across facets: {:?}", names(&r));
    let count = |r: &SearchResponse, facet: &str, code: &str| {
        r.facets[facet]
            .iter()
            .find(|v| v.code == code)
            .map(|v| v.count)
            .expect("value listed")
    };
    // With okrug=shumikhinsky active, okrug counts ignore the okrug filter itself...
    assert_eq!(
        count(&r, "okrug", "ketovsky"),
        1,
        "another okrug still shows its elderly-serving count"
    );
    // ...but respect the audience filter.
    assert_eq!(
        count(&r, "okrug", "kurgan"),
        0,
        "no elderly-serving organization in Kurgan"
    );
    assert_eq!(count(&r, "audience", "low_income"), 1);
    assert!(r.facets["okrug"]
        .iter()
        .any(|v| v.code == "shumikhinsky" && v.selected));
    let v = search(&app, "verified=true");
    assert_eq!(names(&v), ["Аистёнок — центр для семей"]);
    let vol = search(&app, "accepts_volunteers=true");
    assert_eq!(names(&vol), ["Волонтёры Шумихи"]);
    assert_eq!(count(&all, "has_needs", "true"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_radius_is_exact_and_distance_orders_results() {
    let app = app().await;
    let r = search(&app, "near=55.4500,65.3500&radius_km=5&sort=distance");
    assert_eq!(
        names(&r),
        [
            "Детский спортивный клуб «Ёлочка»",
            "Ёжики — клуб для малышей",
            "Аистёнок — центр для семей"
        ]
    );
    let d: Vec<f64> = r
        .items
        .iter()
        .map(|h| h.distance_km.expect("distance"))
        .collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
    assert_eq!(d[0], 0.0);
    // Аистёнок is about 3.5 km away: inside 5 km, outside 3 km.
    assert_eq!(search(&app, "near=55.4500,65.3500&radius_km=3").total, 2);
    let all_by_distance = search(&app, "near=55.4500,65.3500&sort=distance");
    assert_eq!(
        all_by_distance.total, 7,
        "no radius: everything, nearest first"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bounding_box_keeps_only_what_is_inside() {
    let app = app().await;
    let r = search(&app, "bbox=65.32,55.43,65.36,55.46");
    assert_eq!(
        names(&r),
        [
            "Детский спортивный клуб «Ёлочка»",
            "Ёжики — клуб для малышей"
        ]
    );
    // Words inside a box: the box cuts the text matches before they are counted, and the
    // counts and the way out of an empty box still see the whole region.
    let words = search(&app, "q=клуб&bbox=65.32,55.43,65.36,55.46");
    assert_eq!(names(&words), names(&r));
    let okrugs = &words.facets["okrug"];
    assert_eq!(okrugs.iter().map(|f| f.count).sum::<u64>(), 2, "{okrugs:?}");
    let empty = search(&app, "q=юрист&bbox=65.32,55.43,65.36,55.46");
    assert_eq!(empty.total, 0);
    assert!(
        empty
            .suggestions
            .iter()
            .any(|s| matches!(s, app::search::Suggestion::DropGeo { count: 1 })),
        "{:?}",
        empty.suggestions
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_query_names_come_in_russian_order() {
    let app = app().await;
    let r = search(&app, "");
    assert_eq!(
        names(&r),
        [
            "Аистёнок — центр для семей",
            "Волонтёры Шумихи",
            "Детский спортивный клуб «Ёлочка»",
            "Ёжики — клуб для малышей",
            "Жемчужина",
            "Совет ветеранов Кетовского округа",
            "Юридическая консультация «Право»",
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_results_come_with_a_way_out() {
    let app = app().await;
    let r = search(&app, "q=юрист&okrug=ketovsky");
    assert_eq!(r.total, 0);
    assert!(
        r.suggestions.iter().any(|s| matches!(s, app::search::Suggestion::DropFilter { code, count, .. } if code == "ketovsky" && *count == 1)),
        "{:?}",
        r.suggestions
    );
    let r = search(&app, "q=юрист&near=56.08,63.63&radius_km=5");
    assert!(
        r.suggestions
            .iter()
            .any(|s| matches!(s, app::search::Suggestion::DropGeo { count: 1 })),
        "{:?}",
        r.suggestions
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_queries_are_plain_text() {
    let app = app().await;
    for q in [
        "\"AND OR NOT ( ) : * ~ ^",
        "юрист\"",
        "((((",
        "🙂🙂🙂",
        "*",
        ":",
        "~~~",
        "title:юрист",
        "",
    ] {
        let params = SearchParams::from_pairs([("q", q)]).expect("any text is a valid query");
        app.state
            .search
            .search(&params, &I18n::default())
            .expect("never an error");
    }
    let long = "помощь ".repeat(2000);
    let params = SearchParams::from_pairs([("q", long.as_str())]).expect("valid");
    assert!(params.q.chars().count() <= 200);
    app.state
        .search
        .search(&params, &I18n::default())
        .expect("long queries are cut, not refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snippets_show_why_a_result_matched() {
    let app = app().await;
    let r = search(&app, "q=пенсионеров ");
    let hit = r
        .items
        .iter()
        .find(|h| h.name.starts_with("Юридическая"))
        .expect("found");
    assert!(
        hit.snippet.contains("<mark>пенсионеров</mark>"),
        "{}",
        hit.snippet
    );
    let r = search(&app, "q=валантёры ");
    let hit = r
        .items
        .iter()
        .find(|h| h.name == "Волонтёры Шумихи")
        .expect("found");
    assert!(
        hit.snippet.contains("<mark>"),
        "a typo match is highlighted too: {}",
        hit.snippet
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_organization_is_findable_by_its_exact_name() {
    let app = app().await;
    // Imported straight into the database, as `server import` does in another process...
    let csv = "name,kind,okrug\nКлуб «Северное сияние»,initiative_group,makushinsky\n";
    let (rows, _) = app::import::parse_csv(csv.as_bytes()).expect("CSV");
    let report = app::import::import_rows(&app.state.db, &app.state.region, rows, false)
        .await
        .expect("import");
    assert!(
        search(&app, "q=Северное сияние ").items.is_empty(),
        "not in search before the watcher runs"
    );
    // ...then one round of the running server's watcher picks it up.
    let mut mark = app::search::watch::Watermark::default();
    app::search::watch::tick(&app.state.search, &app.state.db, &mut mark)
        .await
        .expect("tick");
    assert_eq!(report.created, 1);
    let r = search(&app, "q=Клуб «Северное сияние»");
    assert_eq!(names(&r).first().copied(), Some("Клуб «Северное сияние»"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_running_watcher_makes_an_import_searchable_within_two_seconds() {
    let app = app().await;
    app::search::watch::spawn(app.state.search.clone(), app.state.db.clone());
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let csv = "name,kind,okrug\nТОС «Полярная звезда»,initiative_group,petukhovsky\n";
    let (rows, _) = app::import::parse_csv(csv.as_bytes()).expect("CSV");
    let started = std::time::Instant::now();
    app::import::import_rows(&app.state.db, &app.state.region, rows, false)
        .await
        .expect("import");
    let deadline = started + std::time::Duration::from_secs(2);
    loop {
        if !search(&app, "q=Полярная звезда ").items.is_empty() {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not searchable within 2 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
