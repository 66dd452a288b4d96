//! Offers of help matched to needs, as leaders use them: an offer in the edit form's shape,
//! a need that shows who offers that help nearest first, an offer that shows who needs it,
//! and «Могу помочь», which mails the needing organization's editors the helper's contacts
//! (never the other way round), for organizations the sender edits, a few an hour.

use http::StatusCode;
use poputchiki_tests::{location, TestApp};

const PW: &str = "рыжий кот на крыше";

/// Orgs around Ketovo: the needing one, three that offer advice at growing distances, one
/// that offers something else.
async fn app() -> TestApp {
    let app = TestApp::empty().await;
    let region = &app.state.region;
    let at = |slug: &str, dlat: f64| {
        let c = region.okrug_by_slug(slug).expect("okrug").center;
        (c.lat + dlat, c.lon)
    };
    let (n, near, mid, far) = (
        at("ketovsky", 0.0),
        at("ketovsky", 0.02),
        at("kurgan", 0.0),
        at("shumikhinsky", 0.0),
    );
    let json = format!(
        r#"[
  {{"name": "Совет ветеранов Кетово", "kind": "ngo", "lat": {}, "lon": {},
    "needs": [{{"kind": "consultations", "title": "Юрист для устава"}}]}},
  {{"name": "Юристы Кетово", "kind": "ngo", "lat": {}, "lon": {}, "phone": "+7 900 111-22-33",
    "offers": [{{"kind": "consultations", "title": "Юридическая консультация", "description": "По четвергам"}}]}},
  {{"name": "Курганский ресурсный центр", "kind": "ngo", "lat": {}, "lon": {},
    "offers": [{{"kind": "consultations", "title": "Консультации по грантам"}}]}},
  {{"name": "Шумихинский центр помощи", "kind": "ngo", "lat": {}, "lon": {},
    "offers": [{{"kind": "consultations", "title": "Бухгалтерская помощь"}}]}},
  {{"name": "Перевозчики Кетово", "kind": "initiative_group", "lat": {}, "lon": {},
    "offers": [{{"kind": "transport", "title": "Газель на выходные"}}]}}
]"#,
        n.0, n.1, near.0, near.1, mid.0, mid.1, far.0, far.1, n.0, n.1
    );
    let report = app.import_json(&json).await;
    assert_eq!(report.created, 5, "{:?}", report.errors);
    app
}

fn pos(body: &str, text: &str) -> usize {
    body.find(text)
        .unwrap_or_else(|| panic!("{text} is missing"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_need_shows_who_offers_that_help_nearest_first_and_an_offer_shows_who_needs_it() {
    let app = app().await;
    let n = app.org_id("Совет ветеранов").await;
    let page = app.get(&format!("/org/{n}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    let helpers = &body[pos(body, "Могут помочь:")..];
    assert!(pos(helpers, "Юристы Кетово") < pos(helpers, "Курганский ресурсный центр"));
    assert!(pos(helpers, "Курганский ресурсный центр") < pos(helpers, "Шумихинский центр помощи"));
    assert!(helpers.contains("Юридическая консультация"));
    assert!(
        !body.contains("Перевозчики Кетово"),
        "another kind of help is no match"
    );
    // A visitor is asked to log in to offer help.
    assert!(body.contains("войдите, чтобы предложить помощь"));

    let helper = app.org_id("Юристы Кетово").await;
    let page = app.get(&format!("/org/{helper}")).await;
    assert!(page.body.contains("Чем можем помочь другим"));
    let answers = &page.body[pos(&page.body, "Кому это нужно:")..];
    assert!(answers.contains("Совет ветеранов Кетово"));
    assert!(answers.contains("Юрист для устава"));

    // Offers are found by search too.
    let found = app
        .get("/api/v1/search?q=%D1%8E%D1%80%D0%B8%D0%B4%D0%B8%D1%87%D0%B5%D1%81%D0%BA%D0%B0%D1%8F")
        .await;
    assert!(found.body.contains("Юристы Кетово"), "{}", found.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn i_can_help_mails_the_needing_editors_the_helpers_contacts_within_limits() {
    let app = app().await;
    let n = app.org_id("Совет ветеранов").await;
    let helper = app.org_id("Юристы Кетово").await;
    app.editor("needs@example.ru", PW, n).await;
    app.editor("helps@example.ru", PW, helper).await;
    let mut b = app.browser();
    b.login("helps@example.ru", PW).await;
    let page = b.get(&format!("/org/{n}")).await;
    assert!(page.body.contains("Могу помочь"));
    assert!(page.body.contains(&format!("<option value=\"{helper}\"")));
    assert!(
        !page.body.contains("needs@example.ru"),
        "the needing side's address is not shown"
    );

    let path = format!("/org/{n}/needs/1/help");
    let from = helper.to_string();
    let offer = |message: &'static str, need: &'static str| {
        vec![
            ("need", need),
            ("from_org-1", from.as_str()),
            ("message-1", message),
        ]
    };
    let sent = b
        .post(
            &path,
            &offer("Поможем с уставом бесплатно", "Юрист для устава"),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(
        location(&sent).contains("notice=help-sent"),
        "{}",
        location(&sent)
    );
    let mails = app.mails_to("needs@example.ru").await;
    assert_eq!(mails.len(), 1);
    let (subject, text) = &mails[0];
    assert_eq!(subject, "Попутчики: вам готовы помочь");
    for part in [
        "Юристы Кетово",
        "Юрист для устава",
        "Поможем с уставом бесплатно",
        "helps@example.ru",
        &format!("/org/{helper}-"),
    ] {
        assert!(text.contains(part), "{part} missing from {text}");
    }
    assert!(app.mails_to("helps@example.ru").await.is_empty());

    // A need that changed meanwhile: the form comes back with the text kept.
    let stale = b
        .post(&path, &offer("Текст не пропадёт", "Старая просьба"))
        .await;
    assert!(location(&stale).contains("draft="), "{}", location(&stale));
    let back = b.get(&location(&stale)).await;
    assert!(back.body.contains("Текст не пропадёт"));
    assert!(back.body.contains("Эта просьба изменилась"));

    // Nobody offers help on behalf of an organization they do not edit, or to their own.
    let mut other = app.browser();
    app.editor("own@example.ru", PW, n).await;
    other.login("own@example.ru", PW).await;
    let own = other
        .post(
            &path,
            &[("need", "Юрист для устава"), ("from_org-1", &n.to_string())],
        )
        .await;
    assert_eq!(own.status, StatusCode::FORBIDDEN);
    let foreign = other
        .post(
            &path,
            &[("need", "Юрист для устава"), ("from_org-1", &from)],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);

    // Five an hour per account, then a wait (the form keeps the text).
    for _ in 0..4 {
        let r = b.post(&path, &offer("Ещё раз", "Юрист для устава")).await;
        assert!(location(&r).contains("notice=help-sent"));
    }
    let limited = b
        .post(&path, &offer("Шестое письмо", "Юрист для устава"))
        .await;
    assert!(location(&limited).contains("draft="));
    let back = b.get(&location(&limited)).await;
    assert!(back.body.contains("Шестое письмо"));
    assert_eq!(app.mails_to("needs@example.ru").await.len() + 1, 6);
    // Every offer went to the needing side's editors only (both, once the second joined).
    let elsewhere =
        "select count(*) from outgoing_mail where subject = 'Попутчики: вам готовы помочь'
        and recipient not in ('needs@example.ru', 'own@example.ru')";
    assert_eq!(app.scalar_i64(elsewhere).await, 0);
    assert_eq!(app.mails_to("own@example.ru").await.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offers_are_a_search_filter_a_download_column_and_a_spreadsheet_column() {
    let app = app().await;
    let total = |body: &str| -> i64 {
        let v: serde_json::Value = serde_json::from_str(body).expect("JSON");
        v["total"].as_i64().unwrap_or(-1)
    };
    let advice = app.get("/api/v1/search?offer=consultations").await;
    assert_eq!(total(&advice.body), 3, "{}", advice.body);
    assert!(!advice.body.contains("Перевозчики Кетово"));
    let v: serde_json::Value = serde_json::from_str(&advice.body).expect("JSON");
    let counts = v["facets"]["offer"].as_array().cloned().unwrap_or_default();
    let transport = counts.iter().find(|c| c["code"] == "transport");
    assert!(
        transport.is_some(),
        "the offer facet lists its values: {counts:?}"
    );
    let both = app
        .get("/api/v1/search?offer=consultations&offer=transport")
        .await;
    assert_eq!(total(&both.body), 4);
    assert!(app.get("/").await.body.contains("Предлагает помощь другим"));

    let csv = app.get("/api/v1/organizations.csv?offer=transport").await;
    assert!(csv.body.contains("Чем может помочь другим"), "{}", csv.body);
    assert!(
        csv.body.contains("Транспорт: Газель на выходные"),
        "{}",
        csv.body
    );
    assert!(!csv.body.contains("Юристы Кетово"));

    // A list from a spreadsheet: a «Чем может помочь» column of kinds, by label or code.
    let report = app
        .import_csv(
            "Название;Округ;Чем может помочь\nКлуб «Дельта»;Кетовский;Помещение, transport, пироги\n",
            false,
        )
        .await;
    assert_eq!(report.created, 1, "{:?}", report.errors);
    assert!(
        format!("{:?}", report.warnings).contains("пироги"),
        "{:?}",
        report.warnings
    );
    let delta = app.org_id("Дельта").await;
    let kinds = app
        .scalar_text(&format!(
            "select string_agg(kind, ',') from (select kind from offer where organization_id = {delta} order by position) t"
        ))
        .await;
    assert_eq!(
        kinds, "premises,transport",
        "an unknown kind is dropped with a warning"
    );
    let found = app.get("/api/v1/search?offer=premises").await;
    assert!(found.body.contains("Клуб «Дельта»"));
    // A download's own «kind: title» cells come back with their titles.
    let report = app
        .import_csv(
            "Название;Округ;Чем может помочь другим\nКлуб «Эхо»;Кетовский;\"Транспорт: Газель на выходные; Помещение\"\n",
            false,
        )
        .await;
    assert_eq!(report.created, 1, "{:?}", report.errors);
    let echo = app.org_id("Эхо").await;
    let titles = app
        .scalar_text(&format!(
            "select string_agg(kind || '=' || title, ',') from (select kind, title from offer where organization_id = {echo} order by position) t"
        ))
        .await;
    assert_eq!(titles, "transport=Газель на выходные,premises=Помещение");
}
