//! The regional events calendar as people use it without JavaScript: `/events` by day and by
//! month with its filters, the organization page's events and history, and the iCal feeds,
//! checked against RFC 5545's rules directly and by an independent parser (`icalendar`).

use http::StatusCode;
use poputchiki_tests::{occurrences, run_checker, TestApp};

const PW: &str = "рыжий кот на крыше";

/// Three organizations in two okrugs; dates far ahead, so "today" never moves them.
const ORGS: &str = r#"[
  {"name": "АНО «Школа ухода»", "kind": "ngo", "okrug": "ketovsky", "address": "с. Кетово, ул. Ленина, 1",
   "phone": "8 (35231) 2-33-44", "audiences": ["elderly"],
   "events": [
     {"title": "Школа ухода за пожилыми", "starts_at": "2099-03-10 14:00", "ends_at": "2099-03-10 16:00",
      "format": "training_seminar", "registration_phone": true,
      "description": "Как ухаживать за лежачим больным дома; что выдаёт соцзащита, и где это получить."},
     {"title": "Итоги года", "starts_at": "2020-12-20 11:00", "report": "Пришли сорок человек, собрали три заявки."}
   ]},
  {"name": "Клуб «Журавушка»", "kind": "initiative_group", "okrug": "ketovsky",
   "audiences": ["children"],
   "events": [
     {"title": "Мастер-класс по народной кукле", "starts_at": "2099-03-12 10:00", "format": "workshop",
      "online": true, "registration_url": "https://example.ru/kukla"}
   ]},
  {"name": "Шумихинский центр консультаций", "kind": "ngo", "okrug": "shumikhinsky",
   "events": [
     {"title": "День правовой консультации", "starts_at": "2099-03-10", "format": "consultation"},
     {"title": "Весенний форум", "starts_at": "2099-04-02 10:00", "format": "forum_rally"}
   ]}
]"#;

const ALL: [&str; 4] = [
    "Школа ухода за пожилыми",
    "Мастер-класс по народной кукле",
    "День правовой консультации",
    "Весенний форум",
];

/// Which of the four upcoming events a page shows.
fn shown(body: &str) -> Vec<&'static str> {
    ALL.into_iter().filter(|t| body.contains(t)).collect()
}

async fn app() -> (TestApp, Vec<i64>) {
    let app = TestApp::empty().await;
    let report = app.import_json(ORGS).await;
    assert_eq!(report.created, 3, "{:?}", report.errors);
    let ids = vec![
        app.org_id("Школа ухода").await,
        app.org_id("Журавушка").await,
        app.org_id("Шумихинский центр").await,
    ];
    (app, ids)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_lists_events_by_day_and_every_filter_narrows_it() {
    let (app, ids) = app().await;
    let page = app.get("/events?from=2099-01-01").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(shown(&page.body), ALL.to_vec());
    // In date order, under a heading per day, with the organization and its okrug.
    let at = |t: &str| page.body.find(t).unwrap_or(usize::MAX);
    assert!(at("День правовой консультации") < at("Мастер-класс по народной кукле"));
    assert!(at("Мастер-класс по народной кукле") < at("Весенний форум"));
    assert!(page.body.contains("10 марта 2099, вторник"));
    assert!(page.body.contains("Кетовский"));
    assert!(
        !page.body.contains("Итоги года"),
        "past events are not upcoming"
    );
    // The event's ways to sign up, and "online".
    assert!(page.body.contains("href=\"https://example.ru/kukla\""));
    assert!(
        page.body.contains("tel:83523123344"),
        "sign-up by phone shows the number"
    );
    assert!(page.body.contains("онлайн"));

    for (query, expected) in [
        ("okrug=ketovsky", vec![ALL[0], ALL[1]]),
        ("format=consultation", vec![ALL[2]]),
        ("audience=elderly", vec![ALL[0]]),
        (&*format!("org={}", ids[2]), vec![ALL[2], ALL[3]]),
        ("to=2099-03-11", vec![ALL[0], ALL[2]]),
        ("from=2099-03-11&to=2099-12-31", vec![ALL[1], ALL[3]]),
    ] {
        let page = app.get(&format!("/events?from=2099-01-01&{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}");
        let mut got = shown(&page.body);
        got.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got, want, "{query}");
    }
    // A page number past any end is the first page, not an overflow.
    for page in ["18446744073709551615", "99999999999999999999999", "-1"] {
        let far = app.get(&format!("/events?page={page}")).await;
        assert_eq!(far.status, StatusCode::OK, "page={page}");
    }
    // An unknown value is no filter at all, not an error.
    let page = app
        .get("/events?from=2099-01-01&okrug=atlantis&format=%3Cb%3E")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(shown(&page.body).len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_month_view_is_a_plain_table_linking_each_day_to_its_events() {
    let (app, _) = app().await;
    let page = app
        .get("/events?view=month&month=2099-03&okrug=ketovsky")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("<table class=\"month\">"));
    assert!(body.contains("<caption>Март 2099"));
    assert_eq!(occurrences(body, "<th scope=\"col\""), 7);
    // March 2099 starts on a Sunday: six padding cells before the 1st.
    let first_week = &body[body.find("<tbody>").unwrap_or(0)..];
    let first_week = &first_week[..first_week.find("</tr>").unwrap_or(0)];
    assert_eq!(occurrences(first_week, "class=\"pad\""), 6);
    // The okrug filter holds in the month too, and the next month keeps it.
    assert_eq!(shown(body), vec![ALL[0], ALL[1]]);
    assert!(body.contains("href=\"#e-0\""));
    assert!(body.contains("id=\"e-0\""));
    assert!(body.contains("okrug=ketovsky&amp;view=month&amp;month=2099-04"));
    assert!(body.contains("okrug=ketovsky&amp;view=month&amp;month=2099-02"));
    // The view's feed carries the filter, for a phone's calendar app.
    assert!(body.contains("webcal://"));
    assert!(body.contains("/events.ics?okrug=ketovsky"));
}

/// Every content line ends in CRLF and is at most 75 octets (RFC 5545 §3.1).
fn assert_rfc_lines(feed: &[u8]) {
    assert!(feed.ends_with(b"\r\n"));
    for line in feed.split(|b| *b == b'\n') {
        if line.is_empty() {
            continue;
        }
        assert_eq!(line.last(), Some(&b'\r'), "a line without CR");
        assert!(line.len() - 1 <= 75, "{} octets", line.len() - 1);
        assert!(
            std::str::from_utf8(line).is_ok(),
            "a fold split a character"
        );
    }
}

async fn feed(app: &TestApp) -> String {
    String::from_utf8(app.get_bytes("/events.ics?from=2020-01-01").await.2).expect("utf-8")
}

fn uid_of(feed: &str, title: &str) -> String {
    let unfolded = feed.replace("\r\n ", "");
    let at = unfolded
        .find(&format!("SUMMARY:{title}"))
        .expect("the event is in the feed");
    let start = unfolded[..at].rfind("UID:").expect("its UID") + 4;
    unfolded[start..start + unfolded[start..].find("\r\n").unwrap_or(0)].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feeds_follow_rfc_5545_and_an_independent_parser_reads_them() {
    let (app, ids) = app().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = vec![];
    for (name, path, events) in [
        ("region", "/events.ics?from=2020-01-01".to_owned(), 5),
        ("org", format!("/org/{}/events.ics", ids[0]), 1),
        (
            "okrug",
            "/okrug/ketovsky/events.ics?format=workshop".to_owned(),
            1,
        ),
    ] {
        let (status, headers, body) = app.get_bytes(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers["content-type"], "text/calendar; charset=utf-8");
        assert_rfc_lines(&body);
        let text = String::from_utf8(body.clone()).expect("utf-8");
        assert_eq!(occurrences(&text, "BEGIN:VEVENT"), events, "{path}");
        for needle in [
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:",
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Yekaterinburg\r\n",
            "TZOFFSETFROM:+0500\r\nTZOFFSETTO:+0500\r\n",
        ] {
            assert!(text.contains(needle), "{needle} in {path}");
        }
        assert_eq!(occurrences(&text, "DTSTAMP:"), events);
        assert_eq!(occurrences(&text, "\r\nUID:"), events);
        let file = dir.path().join(format!("{name}.ics"));
        std::fs::write(&file, &body).expect("write");
        files.push(file);
    }
    let (_, _, region) = app.get_bytes("/events.ics?from=2020-01-01").await;
    let region = String::from_utf8_lossy(&region).replace("\r\n ", "");
    assert!(region.contains("DTSTART;TZID=Asia/Yekaterinburg:20990310T140000\r\n"));
    assert!(region.contains("DTEND;TZID=Asia/Yekaterinburg:20990310T160000\r\n"));
    assert!(
        region.contains("DTSTART;VALUE=DATE:20990310\r\n"),
        "a day without a time is a whole day"
    );
    assert!(region.contains("Запись по телефону: 8 (35231) 2-33-44"));
    assert!(region.contains("соцзащита\\, и где"), "commas are escaped");
    assert!(region.contains("Как прошло: Пришли сорок человек\\, собрали три заявки."));
    let (ok, said) = run_checker("check-ical.py", &files);
    assert!(ok, "{said}");

    for missing in ["/okrug/atlantis/events.ics", "/org/999999/events.ics"] {
        let (status, _, _) = app.get_bytes(missing).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_keeps_its_uid_through_an_edit_and_a_reimport_and_its_page_shows_the_history() {
    let (app, ids) = app().await;
    let before = uid_of(&feed(&app).await, "Школа ухода за пожилыми");

    // Importing the same file again changes nothing, identities included.
    let again = app.import_json(ORGS).await;
    assert_eq!(again.unchanged, 3, "{again:?}");
    assert_eq!(uid_of(&feed(&app).await, "Школа ухода за пожилыми"), before);

    // The editor renames the event: calendars that subscribed update it, not add another.
    let id = ids[0];
    app.editor("ed@example.ru", PW, id).await;
    let mut b = app.browser();
    b.login("ed@example.ru", PW).await;
    // The form a browser gets carries the event's identity through the save.
    let form = b.get(&format!("/org/{id}/edit")).await;
    let uid = before.split_once('-').map(|(_, u)| u).unwrap_or_default();
    let uid = uid.trim_end_matches("@poputchiki");
    assert!(
        form.body
            .contains(&format!("name=\"events[2].uid\" value=\"{uid}\"")),
        "the edit form keeps the UID"
    );
    let fields: Vec<(String, String)> = app
        .edit_form(id)
        .await
        .into_iter()
        .map(|(k, v)| match v.as_str() {
            "Школа ухода за пожилыми" => {
                (k, "Школа ухода: весенний набор".to_owned())
            }
            _ => (k, v),
        })
        .collect();
    let saved = b.post_fields(&format!("/org/{id}/edit"), &fields).await;
    assert!(poputchiki_tests::location(&saved).contains("notice=saved"));
    let after = feed(&app).await;
    assert_eq!(uid_of(&after, "Школа ухода: весенний набор"), before);
    assert!(!after.contains("SUMMARY:Школа ухода за пожилыми"));

    // The page: the upcoming event with its sign-up, the past one with its report, and the
    // organization's own feed.
    let page = app.get(&format!("/org/{id}")).await;
    assert!(page.body.contains("Школа ухода: весенний набор"));
    assert!(page.body.contains("Запись по телефону"));
    assert!(page.body.contains("Прошедшие события"));
    assert!(page.body.contains("Пришли сорок человек"));
    assert!(page.body.contains(&format!("/org/{id}/events.ics")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_held_elsewhere_has_its_own_point_in_the_feed_and_on_the_page() {
    let app = TestApp::empty().await;
    let report = app
        .import_json(
            r#"[{"name": "Клуб «Журавушка»", "kind": "initiative_group", "okrug": "ketovsky",
  "events": [
    {"title": "Сплав по Тоболу", "starts_at": "2099-06-10 09:00", "place": "Берег у моста", "point": "55,4412 65,3567"},
    {"title": "Чаепитие", "starts_at": "2099-06-11 15:00"}
  ]}]"#,
        )
        .await;
    assert_eq!(report.created, 1, "{:?}", report.errors);
    let id = app.org_id("Журавушка").await;
    let ics = app.get(&format!("/org/{id}/events.ics")).await.body;
    assert!(ics.contains("GEO:55.441200;65.356700"), "{ics}");
    let page = app.get(&format!("/org/{id}")).await.body;
    assert!(
        page.contains("openstreetmap.org/?mlat=55.4412&amp;mlon=65.3567"),
        "{page}"
    );
    assert_eq!(
        occurrences(&page, "openstreetmap.org/?mlat="),
        1,
        "only the event with a point"
    );

    // A point that is not one comes back from the edit form with what was typed.
    app.editor("lead@example.ru", PW, id).await;
    let mut b = app.browser();
    b.login("lead@example.ru", PW).await;
    let mut fields = app.edit_form(id).await;
    for (k, v) in fields.iter_mut() {
        if k == "events[1].point" {
            *v = "у моста".into();
        }
    }
    let sent = b.post_fields(&format!("/org/{id}/edit"), &fields).await;
    let back = b.get(&poputchiki_tests::location(&sent)).await;
    assert!(back.body.contains("не координаты"), "{}", back.body);
    assert!(back.body.contains(r#"value="у моста""#));
}
