//! The staff import page end to end over HTTP: upload the messy Excel list, read the
//! preview (statuses and reasons next to the cells), fix a cell, skip a row, change a
//! column's mapping, import, see the result with links, invite the leaders in bulk, and
//! upload the same list again to be told nothing would change.

use http::StatusCode;
use poputchiki_tests::{location, Browser, TestApp};

const PW: &str = "рыжий кот на крыше";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        poputchiki_tests::repo_root()
            .join("tests/fixtures/import")
            .join(name),
    )
    .expect("fixture")
}

async fn upload(b: &mut Browser, name: &str) -> String {
    let file = ("file", name, "application/octet-stream", fixture(name));
    let page = b.post_multipart("/staff/import", &[], &[file]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    location(&page)
}

/// Waits for a started import to finish (it runs in the background).
async fn wait_done(app: &TestApp, id: &str) {
    for _ in 0..200 {
        let status = app
            .scalar_text(&format!("select status from import_batch where id = {id}"))
            .await;
        if status == "done" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the import did not finish");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_load_a_messy_list_fix_it_and_import_it_once() {
    let app = TestApp::empty().await;
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;

    let url = upload(&mut b, "messy-kurgan.xlsx").await;
    let id = url.trim_start_matches("/staff/import/").to_owned();
    let preview = b.get(&url).await;
    assert_eq!(preview.status, StatusCode::OK);
    // Row 25's ИНН fails its check digit: the reason stands next to that cell.
    assert!(preview.body.contains("Строка 25"), "{}", preview.body);
    assert!(preview.body.contains("неверная контрольная цифра"));
    assert!(preview
        .body
        .contains("Загрузить на карту: новых 26, обновить 0"));
    assert!(preview
        .body
        .contains("Не загружаются: ФИО руководителя, Примечание"));

    // Fix the ИНН (column 15, index 14) by clearing it, skip the row without a name.
    let fixed = b
        .post(
            &format!("{url}/rows/25"),
            &[("action", "save"), ("cell-14", "")],
        )
        .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER);
    b.post(&format!("{url}/rows/21"), &[("action", "skip")])
        .await;
    // «Примечание» (index 17) becomes the description.
    let preview = b.get(&format!("{url}?show=all")).await;
    let selects: Vec<(String, String)> = (0..19)
        .map(|i| {
            let value = if i == 17 {
                "description".to_owned()
            } else {
                selected(&preview.body, i)
            };
            (format!("col-{i}"), value)
        })
        .collect();
    let mapped = b.post_fields(&format!("{url}/mapping"), &selects).await;
    assert_eq!(mapped.status, StatusCode::SEE_OTHER);
    let preview = b.get(&url).await;
    assert!(
        preview
            .body
            .contains("Загрузить на карту: новых 27, обновить 0"),
        "{}",
        preview.body
    );

    let started = b.post(&format!("{url}/run"), &[]).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    wait_done(&app, &id).await;
    assert_eq!(app.count().await, 27);
    let description = app
        .scalar_text("select description from organization where name like 'ТОС «Сосновый бор»%'")
        .await;
    assert_eq!(
        description, "без регистрации юрлица",
        "the remapped column came in"
    );
    let result = b.get(&url).await;
    assert!(result.body.contains("добавлено 27"), "{}", result.body);
    assert!(result.body.contains("Организации без редактора"));
    assert!(result.body.contains("/org/"), "links to what was added");

    // Invite two leaders: one by mail, one as a link to pass on.
    let a = app.org_id("Серебряная нить").await.to_string();
    let c = app.org_id("Сосновый бор").await.to_string();
    let fields = [
        ("org", a.as_str()),
        (&format!("email-{a}"), "nit@example.org"),
        ("org", c.as_str()),
        (&format!("email-{c}"), ""),
    ];
    let invited = b.post(&format!("{url}/invite"), &fields).await;
    assert_eq!(invited.status, StatusCode::SEE_OTHER);
    let shown = b.get(&location(&invited)).await;
    assert_eq!(shown.body.matches("/invite/").count(), 2, "{}", shown.body);
    app.deliver_mail().await;
    assert_eq!(app.mails_to("nit@example.org").await.len(), 1);

    // An organization this list did not bring in cannot be invited through it.
    app.import_csv("name;okrug\nЧужой клуб;Кетовский\n", false)
        .await;
    let other = app.org_id("Чужой клуб").await.to_string();
    let before = app.scalar_i64("select count(*) from invitation").await;
    let refused = b
        .post(&format!("{url}/invite"), &[("org", other.as_str())])
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.scalar_i64("select count(*) from invitation").await,
        before
    );

    // The same list again: nothing new, and the page says so.
    let again = upload(&mut b, "messy-kurgan.xlsx").await;
    let preview = b.get(&again).await;
    assert!(
        preview.body.contains("новых 0, обновить 0"),
        "{}",
        preview.body
    );
    assert!(preview.body.contains("уже есть на карте"));
}

/// The value selected in the mapping select `col-{i}`.
fn selected(body: &str, i: usize) -> String {
    let start = body.find(&format!("name=\"col-{i}\"")).expect("select");
    let rest = &body[start..];
    let end = rest.find("</select>").unwrap_or(rest.len());
    let select = &rest[..end];
    let at = select.find(" selected").expect("a selected option");
    let before = &select[..at];
    let v = before.rfind("value=\"").expect("value") + 7;
    before[v..].split('"').next().unwrap_or("").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_is_not_a_list_comes_back_with_the_reason() {
    let app = TestApp::empty().await;
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    let file = (
        "file",
        "notes.csv",
        "text/csv",
        b"just some text\nno header here\n".to_vec(),
    );
    let page = b.post_multipart("/staff/import", &[], &[file]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let back = b.get(&location(&page)).await;
    assert!(
        back.body.contains("не найдена строка заголовков"),
        "{}",
        back.body
    );
    assert_eq!(app.scalar_i64("select count(*) from import_batch").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_row_that_looks_like_an_organization_on_the_map_is_flagged_before_import() {
    let app = TestApp::empty().await;
    app.import_json(
        r#"[{"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Уже на карте.", "phone": "8 (35200) 1-11-11"}]"#,
    )
    .await;
    let alfa = app.org_id("Альфа").await;
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    let list = "Название;Район;Телефон\nСовет ветеранов с. Альфа;Кетовский;\nКлуб «Омега»;Шумихинский;+7 (35200) 1-11-11\nКлуб «Сигма»;Шумихинский;8 35200 99999\n";
    let file = ("file", "list.csv", "text/csv", list.as_bytes().to_vec());
    let page = b.post_multipart("/staff/import", &[], &[file]).await;
    let preview = b.get(&format!("{}?show=all", location(&page))).await.body;
    let note = format!(
        "Похоже, эта организация уже есть на карте: «Совет ветеранов села Альфа» (№ {alfa})"
    );
    assert_eq!(
        poputchiki_tests::occurrences(&preview, &note),
        2,
        "the same name in the okrug, and the same phone in another okrug"
    );
    assert!(preview.contains("то же название в округе") && preview.contains("тот же телефон"));
    assert!(
        preview.contains("Загрузить на карту: новых 3"),
        "flagged rows still load if staff want them"
    );
}
