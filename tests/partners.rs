//! Partnerships as leaders use them: A invites B (by its page's address), B's editors
//! accept or decline, either side ends it; nothing shows publicly without both sides (or
//! staff), and nobody ties another organization.

use http::StatusCode;
use poputchiki_tests::{location, TestApp};

const PW: &str = "рыжий кот на крыше";

const ORGS: &str = r#"[
  {"name": "Ресурсный центр «Опора»", "kind": "ngo", "okrug": "ketovsky"},
  {"name": "ТОС «Родник»", "kind": "initiative_group", "okrug": "shumikhinsky"},
  {"name": "Клуб «Ласточка»", "kind": "initiative_group", "okrug": "kargapolsky"}
]"#;

/// The «Попутчики» section of a page, or "" when it has none.
fn partners_of(body: &str) -> String {
    body.find("id=\"partners\"")
        .map(|i| {
            let rest = &body[i..];
            rest[..rest.find("</section>").unwrap_or(rest.len())].to_owned()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tie_shows_only_when_both_sides_agree_and_either_side_ends_it() {
    let app = TestApp::empty().await;
    app.import_json(ORGS).await;
    let (a, b) = (app.org_id("Опора").await, app.org_id("Родник").await);
    app.editor("a@example.ru", PW, a).await;
    app.editor("b@example.ru", PW, b).await;
    let (mut ea, mut eb) = (app.browser(), app.browser());
    ea.login("a@example.ru", PW).await;
    eb.login("b@example.ru", PW).await;
    let b_page = app.get(&format!("/org/{b}")).await;
    let b_url = format!("https://example.ru{}", location_of(&b_page.body, b));

    let invite = |kind: &'static str| {
        vec![
            ("partner".to_owned(), b_url.clone()),
            ("kind".to_owned(), kind.to_owned()),
            ("note".to_owned(), "Вместе учим волонтёров".to_owned()),
        ]
    };
    let sent = ea
        .post_fields(&format!("/org/{a}/partners"), &invite("mentoring"))
        .await;
    assert!(
        location(&sent).contains("notice=partner-invited"),
        "{}",
        location(&sent)
    );
    let mails = app.mails_to("b@example.ru").await;
    assert!(mails
        .iter()
        .any(|(s, t)| s.contains("приглашают") && t.contains("Ресурсный центр «Опора»")));
    // Nothing public yet.
    assert!(!partners_of(&app.get(&format!("/org/{a}")).await.body).contains("Родник"));
    assert!(!app.get(&format!("/org/{b}")).await.body.contains("Опора"));
    // B's editors see the invitation and decline it.
    let mine = eb.get(&format!("/org/{b}")).await;
    assert!(partners_of(&mine.body).contains("Приглашает вас:"));
    let id = app.scalar_i64("select max(id) from partnership").await;
    let declined = eb.post(&format!("/partnerships/{id}/decline"), &[]).await;
    assert!(location(&declined).contains("notice=partner-declined"));
    assert!(!app.get(&format!("/org/{a}")).await.body.contains("Родник"));
    // A may ask again, and this time B accepts: both pages show the tie, each its side.
    let again = ea
        .post_fields(&format!("/org/{a}/partners"), &invite("mentoring"))
        .await;
    assert!(location(&again).contains("notice=partner-invited"));
    let id = app.scalar_i64("select max(id) from partnership").await;
    // The inviting side cannot answer its own invitation.
    let own = ea.post(&format!("/partnerships/{id}/accept"), &[]).await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    let accepted = eb.post(&format!("/partnerships/{id}/accept"), &[]).await;
    assert!(location(&accepted).contains("notice=partner-accepted"));
    let on_a = partners_of(&app.get(&format!("/org/{a}")).await.body);
    assert!(
        on_a.contains("ТОС «Родник»") && on_a.contains("Подопечная организация"),
        "{on_a}"
    );
    let on_b = partners_of(&app.get(&format!("/org/{b}")).await.body);
    assert!(
        on_b.contains("Ресурсный центр «Опора»") && on_b.contains("Наставник"),
        "{on_b}"
    );
    // A second invitation while one is open comes back with the form kept.
    let twice = ea
        .post_fields(&format!("/org/{a}/partners"), &invite("resources"))
        .await;
    assert!(location(&twice).contains("draft="));
    let back = ea.get(&location(&twice)).await;
    assert!(back.body.contains("уже есть связь"));
    assert!(back.body.contains("Вместе учим волонтёров"));
    // B ends it: gone from both pages.
    let ended = eb.post(&format!("/partnerships/{id}/end"), &[]).await;
    assert!(location(&ended).contains("notice=partner-ended"));
    assert!(!app.get(&format!("/org/{a}")).await.body.contains("Родник"));
    assert!(!app.get(&format!("/org/{b}")).await.body.contains("Опора"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_ties_an_organization_they_do_not_edit_and_staff_record_ties_at_once() {
    let app = TestApp::empty().await;
    app.import_json(ORGS).await;
    let (a, b) = (app.org_id("Опора").await, app.org_id("Родник").await);
    app.editor("a@example.ru", PW, a).await;
    let mut ea = app.browser();
    ea.login("a@example.ru", PW).await;
    let fields = [("partner", &*a.to_string()), ("kind", "joint_project")];
    let foreign = ea.post(&format!("/org/{b}/partners"), &fields).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    let mut anon = app.browser();
    let anonymous = anon.post(&format!("/org/{b}/partners"), &fields).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.scalar_i64("select count(*) from partnership").await, 0);
    // An unknown organization or itself: the form comes back.
    let itself = ea
        .post(
            &format!("/org/{a}/partners"),
            &[("partner", &*a.to_string()), ("kind", "resources")],
        )
        .await;
    assert!(location(&itself).contains("draft="));

    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut staff = app.browser();
    staff.login("staff@example.ru", PW).await;
    let recorded = staff
        .post(
            &format!("/org/{b}/partners"),
            &[("partner", &*a.to_string()), ("kind", "information")],
        )
        .await;
    assert!(
        location(&recorded).contains("notice=partner-recorded"),
        "{}",
        location(&recorded)
    );
    let on_a = partners_of(&app.get(&format!("/org/{a}")).await.body);
    assert!(
        on_a.contains("ТОС «Родник»") && on_a.contains("Информационный партнёр"),
        "{on_a}"
    );

    // The region's network: the tie under both okrugs, the counts, who is still alone, and
    // the okrugs with no tie across their border.
    let network = app.get("/network").await;
    assert_eq!(network.status, StatusCode::OK);
    let body = &network.body;
    let block = |slug: &str| {
        let start = body
            .find(&format!("id=\"n-{slug}\""))
            .expect("the okrug's block");
        body[start..start + body[start..].find("</section>").unwrap_or(0)].to_owned()
    };
    let ketovsky = block("ketovsky");
    assert!(ketovsky.contains("Ресурсный центр «Опора»") && ketovsky.contains("ТОС «Родник»"));
    assert!(
        ketovsky.contains("Шумихинский"),
        "the partner's okrug is named"
    );
    assert!(block("shumikhinsky").contains("Ресурсный центр «Опора»"));
    assert!(
        block("kargapolsky").contains("Клуб «Ласточка»"),
        "still alone"
    );
    let no_cross = &body[body.find("Округа без связей").expect("the heading")..];
    let no_cross = &no_cross[..no_cross.find("</p>").unwrap_or(0)];
    assert!(
        no_cross.contains("Каргапольский") && !no_cross.contains("Кетовский"),
        "{no_cross}"
    );
    // The kinds' counts: the label's row, then its number.
    let facts = &body[body.find("class=\"facts\"").expect("the counts")..];
    let at = facts
        .find("Информационный партнёр")
        .expect("the kind's row");
    let cell = facts[at..].split("</dd>").next().unwrap_or_default();
    let count = cell.rsplit("<dd>").next().unwrap_or_default();
    assert_eq!(
        count.replace("<!---->", "").replace("<!>", "").trim(),
        "1",
        "{cell}"
    );

    // The map's «связи» layer: a line when both are in the view, none when one is filtered out.
    for (query, expected) in [
        ("", 1),
        ("?okrug=ketovsky&okrug=shumikhinsky", 1),
        ("?okrug=ketovsky", 0),
    ] {
        let page = app.get(&format!("/api/v1/map/ties.geojson{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let v: serde_json::Value = serde_json::from_str(&page.body).expect("GeoJSON");
        let lines = v["features"].as_array().map_or(0, Vec::len);
        assert_eq!(lines, expected, "{query}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merge_hands_the_second_records_ties_to_the_survivor() {
    let app = TestApp::empty().await;
    app.import_json(
        r#"[
  {"name": "Ресурсный центр «Опора»", "kind": "ngo", "okrug": "ketovsky"},
  {"name": "ТОС «Родник»", "kind": "initiative_group", "okrug": "shumikhinsky"},
  {"name": "РЦ Опора (старая запись)", "kind": "ngo", "okrug": "ketovsky"}
]"#,
    )
    .await;
    let (a, b, old) = (
        app.org_id("«Опора»").await,
        app.org_id("Родник").await,
        app.org_id("старая запись").await,
    );
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut staff = app.browser();
    staff.login("staff@example.ru", PW).await;
    let tie = [("partner", &*b.to_string()), ("kind", "joint_project")];
    let recorded = staff.post(&format!("/org/{old}/partners"), &tie).await;
    assert!(location(&recorded).contains("notice=partner-recorded"));
    let merged = staff
        .post(&format!("/staff/merge/{a}/{old}"), &[("keep", "a")])
        .await;
    assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.body);
    let on_b = partners_of(&app.get(&format!("/org/{b}")).await.body);
    assert!(on_b.contains("Ресурсный центр «Опора»"), "{on_b}");
    assert!(!on_b.contains("старая запись"), "{on_b}");
}

/// The organization's own page address (`/org/42-slug`) as its canonical link names it.
fn location_of(body: &str, id: i64) -> String {
    let start = body
        .find(&format!("/org/{id}-"))
        .expect("the page names itself");
    body[start..start + body[start..].find('"').unwrap_or(0)].to_owned()
}

/// The names a search API answer lists.
async fn names(app: &TestApp, query: &str) -> Vec<String> {
    let page = app.get(&format!("/api/v1/search?{query}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let v: serde_json::Value = serde_json::from_str(&page.body).expect("JSON");
    let mut out: Vec<String> = v["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fellow_travellers_facet_follows_ties_and_requests_for_partners() {
    let app = TestApp::empty().await;
    app.import_json(
        r#"[
  {"name": "Ресурсный центр «Опора»", "kind": "ngo", "okrug": "ketovsky"},
  {"name": "ТОС «Родник»", "kind": "initiative_group", "okrug": "shumikhinsky"},
  {"name": "Клуб «Ласточка»", "kind": "initiative_group", "okrug": "kargapolsky",
   "needs": [{"kind": "partners", "title": "Ищем, с кем провести фестиваль"}]}
]"#,
    )
    .await;
    let (a, b) = (app.org_id("Опора").await, app.org_id("Родник").await);
    assert_eq!(names(&app, "partners=seeking").await, ["Клуб «Ласточка»"]);
    assert!(names(&app, "partners=has_partners").await.is_empty());

    app.editor("a@example.ru", PW, a).await;
    app.editor("b@example.ru", PW, b).await;
    let (mut ea, mut eb) = (app.browser(), app.browser());
    ea.login("a@example.ru", PW).await;
    eb.login("b@example.ru", PW).await;
    let fields = [("partner", b.to_string()), ("kind", "mentoring".into())];
    let fields: Vec<(String, String)> = fields.into_iter().map(|(k, v)| (k.into(), v)).collect();
    ea.post_fields(&format!("/org/{a}/partners"), &fields).await;
    // Proposed is not a tie yet.
    assert!(names(&app, "partners=has_partners").await.is_empty());
    let id = app.scalar_i64("select max(id) from partnership").await;
    eb.post(&format!("/partnerships/{id}/accept"), &[]).await;

    assert_eq!(names(&app, "partners=has_mentor").await, ["ТОС «Родник»"]);
    assert_eq!(
        names(&app, "partners=mentor").await,
        ["Ресурсный центр «Опора»"]
    );
    assert_eq!(
        names(&app, "partners=has_partners").await,
        ["Ресурсный центр «Опора»", "ТОС «Родник»"]
    );
    // OR within the facet, AND with the others; the page shows the facet with its counts.
    assert_eq!(
        names(
            &app,
            "partners=has_mentor&partners=seeking&okrug=kargapolsky"
        )
        .await,
        ["Клуб «Ласточка»"]
    );
    let page = app.get("/").await;
    assert!(page.body.contains("Есть наставник") && page.body.contains("Ищет попутчиков"));

    // Ended: the tie leaves search too.
    eb.post(&format!("/partnerships/{id}/end"), &[]).await;
    assert!(names(&app, "partners=has_partners").await.is_empty());
    let bad = app.get("/api/v1/search?partners=friends").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}
