//! The self-editing flows against a real temporary database, through the real router:
//! invitation → registration → claim → edit → revision → revert, proposals and moderation,
//! field errors that keep the form filled, and the edit conflict.

use http::StatusCode;
use poputchiki_core::db::Backend;
use poputchiki_tests::{location, Browser, TestApp};

const PW: &str = "рыжий кот на крыше";

/// The edit form's fields for an organization as its page would fill them, with the version.
async fn form_of(app: &TestApp, id: i64) -> Vec<(String, String)> {
    app.edit_form(id).await
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(k, _)| k != name);
    fields.push((name.to_owned(), value.to_owned()));
}

async fn post_fields(
    b: &mut Browser,
    path: &str,
    fields: &[(String, String)],
) -> poputchiki_tests::Page {
    b.post_fields(path, fields).await
}

/// The value of the input with this id in a page.
fn input_value(body: &str, id: &str) -> String {
    let start = body.find(&format!("id=\"{id}\"")).expect("input present");
    let rest = &body[start..];
    let v = rest.find("value=\"").expect("value") + 7;
    rest[v..rest[v..].find('"').map(|e| v + e).expect("end")].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invited_leader_claims_edits_and_reverts_and_search_shows_it_at_once() {
    let app = TestApp::with_demo().await;
    let region = app.state.region.id;
    let id = app
        .scalar_i64("select id from organization order by id limit 1")
        .await;
    app.staff("staff@example.ru", PW, region).await;
    let mut staff = app.browser();
    staff.login("staff@example.ru", PW).await;

    let made = staff
        .post(&format!("/org/{id}/invite"), &[("email", "")])
        .await;
    assert!(
        location(&made).starts_with(&format!("/org/{id}/manage?invite=")),
        "{}",
        location(&made)
    );
    let manage = staff.get(&location(&made)).await;
    let link = input_value(&manage.body, "invite-link");
    let invite_path = link
        .split("127.0.0.1:3000")
        .nth(1)
        .expect("our address")
        .to_owned();

    // The leader opens the link, registers, comes back and accepts.
    let mut leader = app.browser();
    let prompt = leader.get(&invite_path).await;
    assert!(prompt.body.contains("войдите или зарегистрируйтесь"));
    let back = app
        .register(&mut leader, "leader@example.ru", PW, &invite_path)
        .await;
    assert!(back.starts_with(&invite_path), "{back}");
    let accepted = leader.post(&invite_path, &[]).await;
    assert_eq!(
        location(&accepted),
        format!("/org/{id}/edit?notice=welcome")
    );
    // Single use: nobody else can claim with the same link.
    let mut other = app.browser();
    app.register(&mut other, "other@example.ru", PW, "/account")
        .await;
    other.post(&invite_path, &[]).await;
    assert_eq!(
        app.scalar_i64(&format!(
            "select count(*) from membership where organization_id = {id}"
        ))
        .await,
        1
    );

    // The leader renames the first service and saves.
    let updated_before = app
        .scalar_text(&format!(
            "select updated_at from organization where id = {id}"
        ))
        .await;
    let verifications = app.scalar_i64("select count(*) from verification").await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let mut fields = form_of(&app, id).await;
    let old_service = fields
        .iter()
        .find(|(k, _)| k == "services[1].name")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    set(
        &mut fields,
        "services[1].name",
        "Курсы скандинавской ходьбы",
    );
    set(&mut fields, "services[1].cost", "free");
    let saved = post_fields(&mut leader, &format!("/org/{id}/edit"), &fields).await;
    assert!(
        location(&saved).ends_with("?notice=saved"),
        "{}",
        location(&saved)
    );
    let page = leader.get(&location(&saved)).await;
    assert!(page.body.contains("Курсы скандинавской ходьбы"));
    assert!(page.body.contains("Сохранено."));
    let found = app.get("/api/v1/search?q=скандинавской").await;
    assert!(
        found.body.contains(&format!("\"id\":{id}")),
        "search sees the edit at once: {}",
        found.body
    );
    let updated_after = app
        .scalar_text(&format!(
            "select updated_at from organization where id = {id}"
        ))
        .await;
    assert!(updated_after > updated_before, "last updated moves");
    assert_eq!(
        app.scalar_i64("select count(*) from verification").await,
        verifications,
        "last verified does not"
    );

    // The history shows who changed what, field by field.
    let history = leader.get(&format!("/org/{id}/history")).await;
    assert!(history.body.contains("leader@example.ru"));
    assert!(
        history.body.contains("<ins>1. Курсы скандинавской ходьбы"),
        "the new value"
    );
    if !old_service.is_empty() {
        assert!(
            history.body.contains(&format!("<del>1. {old_service}")),
            "the old value"
        );
    }
    let baseline = app
        .scalar_i64(&format!(
            "select min(number) from revision where organization_id = {id}"
        ))
        .await;
    let reverted = leader
        .post(&format!("/org/{id}/revert/{baseline}"), &[])
        .await;
    assert_eq!(
        location(&reverted),
        format!("/org/{id}/history?notice=reverted")
    );
    let page = app.get(&format!("/org/{id}")).await;
    assert!(
        !page.body.contains("Курсы скандинавской ходьбы"),
        "the revert is on the public page"
    );
    assert_eq!(
        app.scalar_i64(&format!(
            "select count(*) from revision where organization_id = {id}"
        ))
        .await,
        3,
        "baseline, edit, revert"
    );
    assert_eq!(
        app.scalar_i64("select count(*) from audit_event where action = 'org_reverted'")
            .await,
        1
    );
    assert_eq!(
        app.scalar_i64("select count(*) from audit_event where action = 'editor_added'")
            .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_waits_for_moderation_and_its_author_sees_the_decision() {
    let app = TestApp::with_demo().await;
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut author = app.browser();
    app.register(&mut author, "author@example.ru", PW, "/account")
        .await;
    let fields = [
        ("name", "Клуб «Серебряные пряхи»"),
        ("kind", "initiative_group"),
        ("okrug", "ketovsky"),
        (
            "description",
            "Вяжем для детского дома и учим рукоделию всех желающих.",
        ),
        ("directions", "education_culture_health_sport"),
        ("audiences", "elderly"),
        ("services[1].name", "Кружок вязания"),
        ("services[1].cost", "free"),
    ];
    let sent = author.post("/org/new", &fields).await;
    assert_eq!(location(&sent), "/account?notice=proposed");
    let account = author.get("/account").await;
    assert!(account.body.contains("Серебряные пряхи") && account.body.contains("На модерации"));
    let id = app.org_id("Серебряные пряхи").await;
    assert_eq!(
        app.get(&format!("/org/{id}")).await.status,
        StatusCode::NOT_FOUND,
        "hidden from the public"
    );
    assert!(!app
        .get("/api/v1/search?q=пряхи")
        .await
        .body
        .contains("Серебряные"));
    assert_eq!(
        author.get(&format!("/org/{id}")).await.status,
        StatusCode::OK,
        "its author sees it"
    );

    let mut staff = app.browser();
    staff.login("staff@example.ru", PW).await;
    assert!(staff.get("/staff").await.body.contains("Серебряные пряхи"));
    let no_reason = staff
        .post(
            &format!("/staff/moderation/{id}"),
            &[("decision", "reject")],
        )
        .await;
    let desk = staff.get(&location(&no_reason)).await;
    assert!(desk.body.contains("Напишите причину отказа"));
    let reason_field = format!("reason-{id}");
    staff
        .post(
            &format!("/staff/moderation/{id}"),
            &[
                ("decision", "reject"),
                (&reason_field, "Укажите телефон руководителя."),
            ],
        )
        .await;
    let account = author.get("/account").await;
    assert!(
        account.body.contains("Отклонена")
            && account.body.contains("Укажите телефон руководителя.")
    );

    // The author fixes it; it goes back to the queue; staff publish it.
    let mut fixed = form_of(&app, id).await;
    set(&mut fixed, "phone", "8 (35231) 2-13-45");
    let saved = post_fields(&mut author, &format!("/org/{id}/edit"), &fixed).await;
    assert!(
        location(&saved).ends_with("?notice=saved"),
        "{}",
        location(&saved)
    );
    assert_eq!(
        app.scalar_text(&format!("select status from organization where id = {id}"))
            .await,
        "pending"
    );
    staff
        .post(
            &format!("/staff/moderation/{id}"),
            &[("decision", "approve")],
        )
        .await;
    assert_eq!(app.get(&format!("/org/{id}")).await.status, StatusCode::OK);
    assert!(
        app.get("/api/v1/search?q=пряхи")
            .await
            .body
            .contains("Серебряные"),
        "published and searchable"
    );
    let actions = app
        .scalar_i64(
            "select count(*) from audit_event where action in ('org_rejected', 'org_approved')",
        )
        .await;
    assert_eq!(actions, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_inn_comes_back_with_its_message_and_everything_typed() {
    let app = TestApp::with_demo().await;
    let id = app
        .scalar_i64("select id from organization order by id limit 1")
        .await;
    app.editor("ed@example.ru", PW, id).await;
    let mut b = app.browser();
    b.login("ed@example.ru", PW).await;
    let mut fields = form_of(&app, id).await;
    let long_text = "Мы помогаем пожилым людям: привозим продукты, лекарства и дрова. ".repeat(20);
    set(&mut fields, "description", &long_text);
    set(&mut fields, "inn", "4501000001");
    set(&mut fields, "services[3].name", "Новая услуга из черновика");
    let back = post_fields(&mut b, &format!("/org/{id}/edit"), &fields).await;
    assert!(
        location(&back).starts_with(&format!("/org/{id}/edit?draft=")),
        "{}",
        location(&back)
    );
    let form = b.get(&location(&back)).await;
    assert!(
        form.body.contains("неверная контрольная цифра"),
        "the message is shown"
    );
    assert!(
        form.body.contains("aria-invalid=\"true\""),
        "the field is marked"
    );
    assert!(
        form.body.contains("value=\"4501000001\""),
        "the wrong value is kept to fix"
    );
    assert!(
        form.body
            .contains("Мы помогаем пожилым людям: привозим продукты"),
        "long text kept"
    );
    assert!(
        form.body.contains("value=\"Новая услуга из черновика\""),
        "the new row kept"
    );
    let stored = app
        .scalar_text(&format!(
            "select description from organization where id = {id}"
        ))
        .await;
    assert!(
        !stored.contains("привозим продукты, лекарства и дрова"),
        "nothing was saved"
    );
    // The draft survives a reload and is listed on the account page.
    assert!(b.get("/account").await.body.contains("Черновик от"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_editors_conflict_and_the_second_loses_nothing() {
    let app = TestApp::with_demo().await;
    let id = app
        .scalar_i64("select id from organization order by id limit 1")
        .await;
    app.editor("first@example.ru", PW, id).await;
    app.editor("second@example.ru", PW, id).await;
    let mut first = app.browser();
    first.login("first@example.ru", PW).await;
    let mut second = app.browser();
    second.login("second@example.ru", PW).await;
    // Both open the form at the same version.
    let mut a = form_of(&app, id).await;
    let mut b = form_of(&app, id).await;
    set(&mut a, "summary", "Версия первого редактора");
    set(&mut b, "summary", "Версия второго редактора, очень важная");
    let ok = post_fields(&mut first, &format!("/org/{id}/edit"), &a).await;
    assert!(location(&ok).ends_with("?notice=saved"));
    let clash = post_fields(&mut second, &format!("/org/{id}/edit"), &b).await;
    assert!(
        location(&clash).starts_with(&format!("/org/{id}/edit?draft=")),
        "{}",
        location(&clash)
    );
    assert_eq!(
        app.scalar_text(&format!("select summary from organization where id = {id}"))
            .await,
        "Версия первого редактора",
        "nothing was silently overwritten"
    );
    let page = second.get(&location(&clash)).await;
    assert!(page
        .body
        .contains("Пока вы редактировали, страницу изменил кто-то другой"));
    assert!(
        page.body.contains("Версия первого редактора"),
        "their version is shown"
    );
    assert!(
        page.body.contains("Версия второго редактора, очень важная"),
        "and ours, to copy"
    );
    // Having seen both, the second editor saves again on purpose.
    let version = input_value(
        &page
            .body
            .replace("name=\"version\" value", "id=\"version\" value"),
        "version",
    );
    set(&mut b, "version", &version);
    let again = post_fields(&mut second, &format!("/org/{id}/edit"), &b).await;
    assert!(
        location(&again).ends_with("?notice=saved"),
        "{}",
        location(&again)
    );
    assert_eq!(
        app.scalar_text(&format!("select summary from organization where id = {id}"))
            .await,
        "Версия второго редактора, очень важная"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inn_taken_between_the_check_and_the_save_is_a_field_error_not_a_500() {
    let app = TestApp::empty().await;
    let id = app
        .import_json(r#"[{"name": "Клуб «Ветеран»", "kind": "ngo", "okrug": "ketovsky"}]"#)
        .await
        .changed_ids[0];
    app.editor("ed@example.ru", PW, id).await;
    // Another save takes the same ИНН while this one is between its check and its write:
    // a trigger plays the other save, inside the write itself.
    let insert = "insert into organization (region_id, okrug_id, slug, name, sort_name, kind, lat, lon, status, created_at, updated_at, inn)
           select region_id, okrug_id, slug || '-race', 'Другая организация', sort_name, kind, lat, lon,
                  'published', created_at, updated_at, new.inn from organization where id = new.id";
    let statements = match Backend::of(&app.state.db) {
        Backend::Sqlite => vec![format!(
            "create trigger race before update of inn on organization
             when new.inn = '7707083893' and old.inn is not new.inn
             begin {insert}; end"
        )],
        Backend::Postgres => vec![
            format!(
                "create function race() returns trigger language plpgsql as $$ begin
                   if new.inn = '7707083893' and old.inn is distinct from new.inn then {insert}; end if;
                   return new;
                 end $$"
            ),
            "create trigger race before update of inn on organization
             for each row execute function race()"
                .to_owned(),
        ],
    };
    for sql in statements {
        sqlx::query(&sql)
            .execute(&app.state.db)
            .await
            .expect("trigger");
    }
    let mut b = app.browser();
    b.login("ed@example.ru", PW).await;
    let mut fields = form_of(&app, id).await;
    set(&mut fields, "inn", "7707083893");
    set(&mut fields, "summary", "Текст, который нельзя терять");
    let page = post_fields(&mut b, &format!("/org/{id}/edit"), &fields).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let back = location(&page);
    assert!(back.contains("draft="), "{back}");
    let form = b.get(&back).await;
    assert!(form.body.contains("уже указан у другой организации"));
    assert!(form.body.contains("Текст, который нельзя терять"));
    assert_eq!(
        app.scalar_i64(&format!("select version from organization where id = {id}"))
            .await,
        1,
        "nothing was saved"
    );
}

/// Every field of an organization, filled, for the round trip below. Destructured without
/// `..` there: a field added to the input breaks the build until it is covered.
fn every_field(lat: f64, lon: f64) -> app::organizations::input::OrganizationInput {
    use app::organizations::input::{
        EventInput, NeedInput, OfferInput, OrganizationInput, ServiceInput,
    };
    OrganizationInput {
        name: "АНО «Все поля»".into(),
        kind: "ngo".into(),
        legal_form: "ano".into(),
        okrug: "ketovsky".into(),
        settlement: "с. Кетово".into(),
        address: "с. Кетово, ул. Ленина, 1".into(),
        lat: Some(lat),
        lon: Some(lon),
        phone: "8 (35231) 2-11-11".into(),
        email: "all@example.org".into(),
        website: "https://example.org".into(),
        vk: "https://vk.com/allfields".into(),
        ok: "https://ok.ru/allfields".into(),
        telegram: "https://t.me/allfields".into(),
        inn: "7707083893".into(),
        ogrn: "1027700132195".into(),
        directions: vec!["social_services".into()],
        audiences: vec!["elderly".into()],
        event_formats: vec!["home_care".into()],
        summary: "Коротко о нас".into(),
        description: "Помогаем пожилым жить дома.\n\nВторой абзац.".into(),
        services: vec![ServiceInput {
            name: "Помощь на дому".into(),
            description: "Уборка и продукты".into(),
            audiences: vec!["elderly".into()],
            cost: "partly".into(),
            how_to_apply: "Позвоните".into(),
            schedule: "Пн–пт, 9:00–17:00".into(),
        }],
        events: vec![EventInput {
            title: "Школа ухода".into(),
            description: "Для родственников".into(),
            starts_at: "2099-01-15T14:00".into(),
            ends_at: "2099-01-15T16:00".into(),
            place: "Кетово, ДК".into(),
            format: "training_seminar".into(),
            // A new event: the save gives it its lasting identity.
            uid: String::new(),
            registration_url: "https://example.ru/zapis".into(),
            registration_phone: true,
            online: true,
            report: "Пришли двенадцать человек".into(),
            point: "55.4412, 65.3567".into(),
        }],
        needs: vec![NeedInput {
            kind: "volunteers".into(),
            title: "Водители".into(),
            description: "По субботам".into(),
            met: true,
            until: "2099-06-01".into(),
        }],
        offers: vec![OfferInput {
            kind: "consultations".into(),
            title: "Юридическая консультация".into(),
            description: "По четвергам, по записи".into(),
        }],
        verification: None,
        demo: false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_field_survives_the_form_the_save_the_revision_and_the_downloads_and_an_unchanged_save_changes_nothing(
) {
    use app::organizations::input::{
        EventInput, NeedInput, OfferInput, OrganizationInput, ServiceInput,
    };
    let app = TestApp::empty().await;
    let id = app
        .import_json(r#"[{"name": "Пока пусто", "kind": "ngo", "okrug": "ketovsky"}]"#)
        .await
        .changed_ids[0];
    app.editor("ed@example.ru", PW, id).await;
    let mut b = app.browser();
    b.login("ed@example.ru", PW).await;
    let c = app
        .state
        .region
        .okrug_by_slug("ketovsky")
        .expect("okrug")
        .center;
    let mut fields = app::editing::form::to_fields(&every_field(c.lat, c.lon));
    fields.push(("version".into(), "1".into()));
    let page = post_fields(&mut b, &format!("/org/{id}/edit"), &fields).await;
    assert!(
        location(&page).contains("notice=saved"),
        "{}",
        location(&page)
    );

    let loaded = app::editing::store::load_editable(&app.state.db, &app.state.region, id)
        .await
        .expect("load")
        .expect("exists");
    // Nothing dropped on the way: every field came back filled.
    let OrganizationInput {
        name,
        kind,
        legal_form,
        okrug,
        settlement,
        address,
        lat,
        lon,
        phone,
        email,
        website,
        vk,
        ok,
        telegram,
        inn,
        ogrn,
        directions,
        audiences,
        event_formats,
        summary,
        description,
        services,
        events,
        needs,
        offers,
        verification: _, // staff's record, not part of the edit form
        demo: _,         // set by import only
    } = &loaded.input;
    for (what, value) in [
        ("name", name),
        ("kind", kind),
        ("legal_form", legal_form),
        ("settlement", settlement),
        ("address", address),
        ("phone", phone),
        ("email", email),
        ("website", website),
        ("vk", vk),
        ("ok", ok),
        ("telegram", telegram),
        ("inn", inn),
        ("ogrn", ogrn),
        ("summary", summary),
        ("description", description),
    ] {
        assert!(!value.is_empty(), "{what} was dropped");
    }
    assert!(lat.is_some() && lon.is_some(), "coordinates were dropped");
    // With exact coordinates the okrug follows from the point (the form leaves it empty).
    assert!(okrug.is_empty());
    assert_eq!(
        app.scalar_text(&format!(
            "select k.slug from organization o join okrug k on k.id = o.okrug_id where o.id = {id}"
        ))
        .await,
        "ketovsky"
    );
    for (what, list) in [
        ("directions", directions),
        ("audiences", audiences),
        ("event_formats", event_formats),
    ] {
        assert!(!list.is_empty(), "{what} were dropped");
    }
    let ServiceInput {
        name,
        description,
        audiences,
        cost,
        how_to_apply,
        schedule,
    } = &services[0];
    for v in [name, description, cost, how_to_apply, schedule] {
        assert!(
            !v.is_empty(),
            "a service field was dropped: {:?}",
            services[0]
        );
    }
    assert!(!audiences.is_empty(), "a service's audiences were dropped");
    let EventInput {
        title,
        description,
        starts_at,
        ends_at,
        place,
        format,
        uid,
        registration_url,
        registration_phone,
        online,
        report,
        point,
    } = &events[0];
    for v in [
        title,
        description,
        starts_at,
        ends_at,
        place,
        format,
        uid,
        registration_url,
        report,
        point,
    ] {
        assert!(!v.is_empty(), "an event field was dropped: {:?}", events[0]);
    }
    assert!(
        *registration_phone && *online,
        "an event's sign-up by phone or its online mark was dropped: {:?}",
        events[0]
    );
    let NeedInput {
        kind,
        title,
        description,
        met,
        until,
    } = &needs[0];
    for v in [kind, title, description, until] {
        assert!(!v.is_empty(), "a need field was dropped: {:?}", needs[0]);
    }
    assert!(*met, "the need's state was dropped: {:?}", needs[0]);
    let OfferInput {
        kind,
        title,
        description,
    } = &offers[0];
    for v in [kind, title, description] {
        assert!(!v.is_empty(), "an offer field was dropped: {:?}", offers[0]);
    }
    // The revision holds exactly what was saved.
    let snapshot: String = sqlx::query_scalar(
        "select snapshot from revision where organization_id = $1 order by number desc limit 1",
    )
    .bind(id)
    .fetch_one(&app.state.db)
    .await
    .expect("revision");
    let from_revision: OrganizationInput = serde_json::from_str(&snapshot).expect("snapshot");
    assert_eq!(from_revision, loaded.input);

    // The downloads carry it too: the JSON Lines export (the import's shape) is exactly the
    // saved input, and the spreadsheet row has every listed field.
    let (_, _, jsonl) = app.get_bytes("/api/v1/organizations.jsonl").await;
    let line = std::str::from_utf8(&jsonl)
        .expect("utf-8")
        .lines()
        .find(|l| l.contains("АНО «Все поля»"))
        .expect("the organization in the JSON Lines download");
    let from_export: OrganizationInput = serde_json::from_str(line).expect("an import line");
    assert_eq!(from_export, loaded.input);
    let (_, _, csv) = app.get_bytes("/api/v1/organizations.csv").await;
    let csv = String::from_utf8_lossy(&csv);
    let row = csv
        .lines()
        .find(|l| l.contains("АНО «Все поля»"))
        .expect("the organization in the CSV download");
    for value in [
        "7707083893",
        "1027700132195",
        "с. Кетово, ул. Ленина, 1",
        "all@example.org",
        "https://example.org",
        "https://vk.com/allfields",
        "https://ok.ru/allfields",
        "https://t.me/allfields",
        "Коротко о нас",
        "social_services",
        "elderly",
        "home_care",
    ] {
        assert!(
            row.contains(value),
            "{value} is missing from the CSV row {row}"
        );
    }

    // Saving the same form again changes nothing at all.
    let before = (
        loaded.row.version,
        app.scalar_i64("select count(*) from revision").await,
        app.scalar_text(&format!(
            "select updated_at from organization where id = {id}"
        ))
        .await,
    );
    let mut again = app::editing::form::to_fields(&loaded.input);
    again.push(("version".into(), loaded.row.version.to_string()));
    let page = post_fields(&mut b, &format!("/org/{id}/edit"), &again).await;
    assert!(location(&page).contains("notice=saved"));
    let after = (
        app.scalar_i64(&format!("select version from organization where id = {id}"))
            .await,
        app.scalar_i64("select count(*) from revision").await,
        app.scalar_text(&format!(
            "select updated_at from organization where id = {id}"
        ))
        .await,
    );
    assert_eq!(before, after, "an unchanged save wrote nothing");
}
