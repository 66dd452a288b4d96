//! The authorization matrix: every endpoint that changes data, called as every role. The
//! allowed calls succeed; every other call is refused with 401, 403 or 404 and changes
//! nothing in the database. Removing any authorization check makes this test fail.
//!
//! Mutations are form posts, all passing the CSRF gate; Poputchiki's server fns only read.
//! The last test checks that the gate refuses posts without the token or from another site.

use http::StatusCode;
use poputchiki_tests::{Browser, Page, TestApp};

const PW: &str = "рыжий кот на крыше";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Anonymous,
    EditorA,
    EditorB,
    Staff,
    OtherStaff,
    Admin,
}

const ROLES: [Role; 6] = [
    Role::Anonymous,
    Role::EditorA,
    Role::EditorB,
    Role::Staff,
    Role::OtherStaff,
    Role::Admin,
];

#[derive(Clone, Copy, Debug)]
enum Endpoint {
    Edit,
    Revert,
    Invite,
    RemoveEditor,
    Verify,
    Moderate,
    ResolveReport,
    GrantStaff,
    RevokeStaff,
    Propose,
    Report,
    AcceptInvite,
    ImportUpload,
    ImportMapping,
    ImportFix,
    ImportRun,
    ImportInvite,
    Archive,
    Restore,
    ReminderLink,
    AcceptEdit,
    Merge,
    DismissDuplicate,
    OfferHelp,
    PartnerInvite,
    PartnerAccept,
    PartnerDecline,
    PartnerEnd,
    Subscribe,
    SubscriptionConfirm,
    Unsubscribe,
    EventPhotoAdd,
    EventPhotoRemove,
}

impl Endpoint {
    /// Who may call it.
    fn allowed(self, role: Role) -> bool {
        use Role::*;
        match self {
            Self::Edit | Self::Revert | Self::EventPhotoAdd | Self::EventPhotoRemove => {
                matches!(role, EditorA | Staff | Admin)
            }
            Self::Invite
            | Self::RemoveEditor
            | Self::Verify
            | Self::Moderate
            | Self::ResolveReport => {
                matches!(role, Staff | Admin)
            }
            Self::GrantStaff | Self::RevokeStaff => role == Admin,
            Self::Propose | Self::AcceptInvite => role != Anonymous,
            Self::ImportUpload
            | Self::ImportMapping
            | Self::ImportFix
            | Self::ImportRun
            | Self::ImportInvite
            | Self::Archive
            | Self::Restore
            | Self::AcceptEdit
            | Self::Merge
            | Self::DismissDuplicate => matches!(role, Staff | Admin),
            // On behalf of B: its editor, or staff who keep B's page.
            Self::OfferHelp => matches!(role, EditorB | Staff | Admin),
            // A ties itself to another; B answers A's invitation; either side ends it.
            Self::PartnerInvite => matches!(role, EditorA | Staff | Admin),
            Self::PartnerAccept | Self::PartnerDecline => matches!(role, EditorB | Staff | Admin),
            Self::PartnerEnd => matches!(role, EditorA | EditorB | Staff | Admin),
            // The mailed link is the credential: anyone holding it may press its button.
            Self::Report | Self::ReminderLink => true,
            // Subscriptions need no account; their links are the credential.
            Self::Subscribe | Self::SubscriptionConfirm | Self::Unsubscribe => true,
        }
    }
}

/// The world every endpoint is tried in.
struct World {
    app: TestApp,
    a: i64,
    /// Another published organization (Бета), for the pair endpoints.
    b: i64,
    pending: i64,
    report: i64,
    baseline: i64,
    editor_a: i64,
    editor_b: i64,
    staff: i64,
    invitation: String,
    batch: i64,
    archived: i64,
    /// A proposed tie from A to B.
    partnership: i64,
}

/// A reminder link's token for organization A.
const REMINDER_TOKEN: &str = "0123456789abcdef0123456789abcdef";
/// A pending subscription's confirmation and unsubscribe links.
const SUB_CONFIRM_TOKEN: &str = "00000000000000000000000000000c0f";
const SUB_LEAVE_TOKEN: &str = "0000000000000000000000000000dead";

/// A list a staff member uploaded for import: one new club.
const LIST: &str = "Название;Район;Примечание\nКлуб «Дельта»;Кетовский;новый\n";

const ORGS: &str = r#"[
  {"name": "Совет ветеранов села Альфа", "kind": "ngo", "okrug": "ketovsky", "description": "Помогаем пожилым.",
   "needs": [{"kind": "transport", "title": "Водители на субботник"}],
   "events": [{"title": "Субботник", "starts_at": "2020-05-01 10:00", "uid": "subbotnik-2020"}]},
  {"name": "ТОС «Бета»", "kind": "initiative_group", "okrug": "shumikhinsky", "description": "Благоустройство."},
  {"name": "Новая группа «Гамма»", "kind": "initiative_group", "okrug": "kargapolsky", "description": "Ждёт модерации."},
  {"name": "Клуб «Эпсилон»", "kind": "initiative_group", "okrug": "kargapolsky", "description": "Больше не работает."},
  {"name": "Клуб «Дзета»", "kind": "initiative_group", "okrug": "kargapolsky", "description": "Для второго объединения."}
]"#;

async fn world() -> World {
    let app = TestApp::empty().await;
    app.import_json(ORGS).await;
    let a = app.org_id("Альфа").await;
    let b = app.org_id("Бета").await;
    let pending = app.org_id("Гамма").await;
    let db = &app.state.db;
    sqlx::query("update organization set status = 'pending' where id = $1")
        .bind(pending)
        .execute(db)
        .await
        .expect("pending");
    let archived = app.org_id("Эпсилон").await;
    sqlx::query("update organization set status = 'archived' where id = $1")
        .bind(archived)
        .execute(db)
        .await
        .expect("archived");
    let editor_a = app.editor("a@example.ru", PW, a).await;
    let editor_b = app.editor("b@example.ru", PW, b).await;
    let staff = app.staff("staff@example.ru", PW, app.state.region.id).await;
    sqlx::query("insert into region (slug, name, country, center_lat, center_lon, created_at, updated_at) values ('other', '{}', 'KZ', 50, 70, '', '')")
        .execute(db)
        .await
        .expect("other region");
    let other: i64 = app
        .scalar_i64("select id from region where slug = 'other'")
        .await;
    app.staff("other@example.ru", PW, other).await;
    app.admin("admin@example.ru", PW).await;
    app::editing::store::add_report(db, a, "Телефон устарел", "")
        .await
        .expect("report");
    let report = app.scalar_i64("select max(id) from error_report").await;
    let e = app::editing::store::load_editable(db, &app.state.region, a)
        .await
        .expect("load")
        .expect("a");
    let mut tx = db.begin().await.expect("tx");
    app::editing::store::insert_revision(
        &mut tx,
        app::editing::store::NewRevision {
            organization_id: a,
            number: e.row.version,
            account_id: None,
            kind: app::kinds::RevisionKind::Baseline,
            reverted_to: None,
            snapshot: &e.input,
            changed: &[],
        },
    )
    .await
    .expect("revision");
    tx.commit().await.expect("commit");
    // A significant edit waiting for staff's look.
    sqlx::query("update revision set review = 'pending' where organization_id = $1")
        .bind(a)
        .execute(db)
        .await
        .expect("pending edit");
    let job = app
        .scalar_i64(&format!(
            "insert into reconfirm_job (organization_id, region_id, round, due_at, state, created_at)
             values ({a}, {}, 'periodic:test', '', 'sent', '') returning id",
            app.state.region.id
        ))
        .await;
    sqlx::query("insert into reconfirm_token (token_hash, job_id, organization_id, action, expires_at) values ($1, $2, $3, 'confirm', $4)")
        .bind(app::accounts::token::token_hash(REMINDER_TOKEN))
        .bind(job)
        .bind(a)
        .bind(poputchiki_core::db::from_now(chrono::Duration::days(1)))
        .execute(db)
        .await
        .expect("reminder link");
    let sub = app
        .scalar_i64(&format!(
            "insert into subscription (region_id, email, filter, status, created_at, updated_at)
             values ({}, 'reader@example.ru', 'okrug=ketovsky', 'pending', '', '') returning id",
            app.state.region.id
        ))
        .await;
    for (token, purpose) in [
        (SUB_CONFIRM_TOKEN, "confirm"),
        (SUB_LEAVE_TOKEN, "unsubscribe"),
    ] {
        sqlx::query("insert into subscription_token (hash, subscription_id, purpose, created_at) values ($1, $2, $3, '')")
            .bind(app::accounts::token::token_hash(token))
            .bind(sub)
            .bind(purpose)
            .execute(db)
            .await
            .expect("subscription link");
    }
    // Photos of A's past event: one for each role allowed to delete one.
    for n in 0..3 {
        sqlx::query("insert into event_photo (organization_id, event_uid, file, created_at, updated_at) values ($1, 'subbotnik-2020', $2, '', '')")
            .bind(a)
            .bind(format!("{a}-test{n}.jpg"))
            .execute(db)
            .await
            .expect("photo");
    }
    let invitation = app::accounts::store::create_invitation(db, a, "", staff)
        .await
        .expect("invitation");
    let batch =
        app::import::batch::create(db, app.state.region.id, staff, "list.csv", LIST.as_bytes())
            .await
            .expect("batch");
    // A invited B; B has not answered.
    let partnership = app::partners::store::create(
        db,
        a,
        b,
        app::kinds::PartnershipKind::JointProject,
        "",
        app::kinds::PartnershipStatus::Proposed,
        editor_a,
    )
    .await
    .expect("partnership")
    .expect("new");
    World {
        app,
        a,
        b,
        pending,
        report,
        baseline: e.row.version,
        editor_a,
        editor_b,
        staff,
        invitation,
        batch,
        archived,
        partnership,
    }
}

async fn browser_as(w: &World, role: Role) -> Browser {
    let mut b = w.app.browser();
    let email = match role {
        Role::Anonymous => return b,
        Role::EditorA => "a@example.ru",
        Role::EditorB => "b@example.ru",
        Role::Staff => "staff@example.ru",
        Role::OtherStaff => "other@example.ru",
        Role::Admin => "admin@example.ru",
    };
    b.login(email, PW).await;
    b
}

/// Everything a mutation could touch, as one comparable text.
async fn fingerprint(app: &TestApp) -> String {
    let mut out = String::new();
    for sql in [
        "select string_agg(id || ':' || version || ':' || status || ':' || summary || ':' || coalesce(logo, '') || ':' || coalesce(archived_at, ''), '|') from (select * from organization order by id) t",
        "select string_agg(account_id || '-' || organization_id, '|') from (select * from membership order by 1, 2) t",
        "select string_agg(account_id || '-' || region_id, '|') from (select * from staff_role order by 1, 2) t",
        "select count(*) || '/' || count(used_at) from invitation",
        "select count(*) from verification",
        "select string_agg(id || status, '|') from error_report",
        "select count(*) || ':' || string_agg(id || review, '|') from revision",
        "select string_agg(id || ':' || is_admin || ':' || disabled || ':' || email || ':' || password_hash || ':' || coalesce(totp_enabled_at, ''), '|') from account",
        "select count(*) from session",
        "select count(*) from email_token",
        "select count(*) || '/' || count(used_at) from recovery_code",
        "select count(*) from form_draft",
        "select count(*) from service",
        "select string_agg(id || ':' || status || ':' || coalesce(mapping, '') || fixes || skipped, '|') from import_batch",
        "select count(*) from outgoing_mail",
        "select count(used_at) || '/' || (select string_agg(state || answer, ',') from reconfirm_job) from reconfirm_token",
        "select string_agg(id || ':' || coalesce(cast(merged_into as text), ''), '|') from organization",
        "select count(*) from duplicate_dismissal",
        "select string_agg(id || status, '|') from partnership",
        "select string_agg(id || status, '|') from subscription",
        "select string_agg(cast(id as text), '|') from event_photo",
    ] {
        let v: Option<String> = sqlx::query_scalar(&format!("select cast(({sql}) as text)")).fetch_one(&app.state.db).await.expect("fingerprint query");
        out.push_str(&v.unwrap_or_default());
        out.push('\n');
    }
    out
}

const ENDPOINTS: [Endpoint; 33] = [
    Endpoint::Edit,
    Endpoint::Revert,
    Endpoint::Invite,
    Endpoint::RemoveEditor,
    Endpoint::Verify,
    Endpoint::Moderate,
    Endpoint::ResolveReport,
    Endpoint::GrantStaff,
    Endpoint::RevokeStaff,
    Endpoint::Propose,
    Endpoint::Report,
    Endpoint::AcceptInvite,
    Endpoint::ImportUpload,
    Endpoint::ImportMapping,
    Endpoint::ImportFix,
    Endpoint::ImportRun,
    Endpoint::ImportInvite,
    Endpoint::Archive,
    Endpoint::Restore,
    Endpoint::ReminderLink,
    Endpoint::AcceptEdit,
    Endpoint::Merge,
    Endpoint::DismissDuplicate,
    Endpoint::OfferHelp,
    Endpoint::PartnerInvite,
    Endpoint::PartnerAccept,
    Endpoint::PartnerDecline,
    Endpoint::PartnerEnd,
    Endpoint::Subscribe,
    Endpoint::SubscriptionConfirm,
    Endpoint::Unsubscribe,
    Endpoint::EventPhotoAdd,
    Endpoint::EventPhotoRemove,
];

/// Judges one call: an allowed role gets its 303; any other is refused (401, 403 or 404) and
/// leaves the database as it was. Failures are collected, so one run lists them all.
async fn judge(
    w: &World,
    label: String,
    allowed: bool,
    page: &Page,
    before: &str,
    failures: &mut Vec<String>,
) {
    if allowed {
        if page.status != StatusCode::SEE_OTHER {
            failures.push(format!("{label}: allowed but got {}", page.status));
        }
        return;
    }
    let refused = matches!(
        page.status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    );
    if !refused {
        failures.push(format!("{label}: should be refused, got {}", page.status));
    }
    if fingerprint(&w.app).await != before {
        failures.push(format!("{label}: refused but the database changed"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_mutation_is_refused_to_every_role_that_may_not_make_it() {
    let mut failures = vec![];
    for endpoint in ENDPOINTS {
        let w = world().await;
        // Refused roles first, so the world is untouched when they call.
        let mut roles = ROLES.to_vec();
        roles.sort_by_key(|r| endpoint.allowed(*r));
        for role in roles {
            let mut b = browser_as(&w, role).await;
            let before = fingerprint(&w.app).await;
            let page = call(&w, &mut b, endpoint).await;
            let label = format!("{endpoint:?} as {role:?}");
            judge(
                &w,
                label,
                endpoint.allowed(role),
                &page,
                &before,
                &mut failures,
            )
            .await;
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix failures:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_without_the_token_or_from_another_site_are_refused_and_change_nothing() {
    let w = world().await;
    let mut b = browser_as(&w, Role::Staff).await;
    let before = fingerprint(&w.app).await;
    let verify = format!("/org/{}/verify", w.a);
    let no_token = b.post_raw(&verify, &[("method", "visit")]).await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert!(
        no_token.body.contains("Отправить ещё раз"),
        "a same-site stale form can be re-sent, nothing lost"
    );
    let wrong = b
        .post_raw(
            &verify,
            &[
                ("csrf_token", "0123456789abcdef0123456789abcdef"),
                ("method", "visit"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let token = b.csrf();
    let req = http::Request::post(&verify)
        .header(
            "cookie",
            format!(
                "poputchiki_csrf={token}; poputchiki_session={}",
                b.cookies["poputchiki_session"]
            ),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:3000")
        .header("origin", "https://evil.example")
        .body(axum::body::Body::from(format!(
            "csrf_token={token}&method=visit"
        )))
        .expect("request");
    assert_eq!(
        b.send(req).await.status,
        StatusCode::FORBIDDEN,
        "another site is refused even with the token"
    );
    let json = http::Request::post(&verify)
        .header("cookie", format!("poputchiki_csrf={token}"))
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{}"))
        .expect("request");
    assert_eq!(
        b.send(json).await.status,
        StatusCode::FORBIDDEN,
        "a body that is not a form needs the header"
    );
    // Leptos server fns only read (GET); a POST to their endpoints needs the header token too.
    let server_fn = http::Request::post("/api/organizations/page")
        .header("cookie", format!("poputchiki_csrf={token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("id={}", w.a)))
        .expect("request");
    assert_eq!(b.send(server_fn).await.status, StatusCode::FORBIDDEN);
    assert_eq!(fingerprint(&w.app).await, before);
    // The same request with the token goes through.
    let ok = b.post(&verify, &[("method", "visit")]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    // So does a form whose token comes in the header (a script), not a 500.
    let token = b.csrf();
    let scripted = http::Request::post(&verify)
        .header(
            "cookie",
            format!(
                "poputchiki_csrf={token}; poputchiki_session={}",
                b.cookies["poputchiki_session"]
            ),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-csrf-token", token.clone())
        .body(axum::body::Body::from("method=visit"))
        .expect("request");
    assert_eq!(b.send(scripted).await.status, StatusCode::SEE_OTHER);
}

#[path = "authz_calls.rs"]
mod calls;
use calls::call;

#[path = "authz_read.rs"]
mod read;

#[path = "authz_accounts.rs"]
mod accounts;
