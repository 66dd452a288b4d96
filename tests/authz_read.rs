//! The read-side authorization matrix: every page and server fn that shows data that is
//! not public, read as every role. It fails if any check is removed. (A module of the
//! `authz_matrix` test binary: it shares its world and roles.)

use calamine::Reader;
use http::StatusCode;
use poputchiki_tests::Page;

use super::{browser_as, world, Role, World, ROLES};

/// Pages and server fns that show data that is not public, read as every role.
#[derive(Clone, Copy, Debug)]
enum Read {
    EditPage,
    EditFn,
    History,
    HistoryFn,
    Manage,
    ManageFn,
    Staff,
    StaffFn,
    Audit,
    AuditFn,
    Admin,
    AdminFn,
    AdminAccounts,
    AdminAccountsFn,
    Account,
    AccountFn,
    Security,
    SecurityFn,
    SecondFactor,
    SecondFactorFn,
    PendingOrg,
    PendingOrgFn,
    DraftOfA,
    DraftOfAFn,
    ImportHome,
    ImportHomeFn,
    ImportPreview,
    ImportPreviewFn,
    CoverageCsv,
    CoverageXlsx,
    Desk,
    DeskFn,
    Queue,
    QueueFn,
    NeedsCsv,
    NeedsXlsx,
    EditsFn,
    Merge,
    MergeFn,
    PendingPoster,
    PendingPosterFn,
    PendingFeed,
    PendingEventsFn,
}

const READS: [Read; 43] = [
    Read::EditPage,
    Read::EditFn,
    Read::History,
    Read::HistoryFn,
    Read::Manage,
    Read::ManageFn,
    Read::Staff,
    Read::StaffFn,
    Read::Audit,
    Read::AuditFn,
    Read::Admin,
    Read::AdminFn,
    Read::AdminAccounts,
    Read::AdminAccountsFn,
    Read::Account,
    Read::AccountFn,
    Read::Security,
    Read::SecurityFn,
    Read::SecondFactor,
    Read::SecondFactorFn,
    Read::PendingOrg,
    Read::PendingOrgFn,
    Read::DraftOfA,
    Read::DraftOfAFn,
    Read::ImportHome,
    Read::ImportHomeFn,
    Read::ImportPreview,
    Read::ImportPreviewFn,
    Read::CoverageCsv,
    Read::CoverageXlsx,
    Read::Desk,
    Read::DeskFn,
    Read::Queue,
    Read::QueueFn,
    Read::NeedsCsv,
    Read::NeedsXlsx,
    Read::EditsFn,
    Read::Merge,
    Read::MergeFn,
    Read::PendingPoster,
    Read::PendingPosterFn,
    Read::PendingFeed,
    Read::PendingEventsFn,
];

/// What editor A typed into a draft: only A may ever read it back.
const SECRET: &str = "Черновик редактора А: не для чужих глаз";

impl Read {
    fn allowed(self, role: Role) -> bool {
        use Role::*;
        match self {
            Self::EditPage | Self::EditFn | Self::History | Self::HistoryFn => {
                matches!(role, EditorA | Staff | Admin)
            }
            Self::Manage
            | Self::ManageFn
            | Self::Staff
            | Self::StaffFn
            | Self::Audit
            | Self::AuditFn
            | Self::PendingOrg
            | Self::PendingOrgFn
            | Self::ImportHome
            | Self::ImportHomeFn
            | Self::ImportPreview
            | Self::ImportPreviewFn
            | Self::CoverageCsv
            | Self::CoverageXlsx
            | Self::Desk
            | Self::DeskFn
            | Self::Queue
            | Self::QueueFn
            | Self::NeedsCsv
            | Self::NeedsXlsx
            | Self::EditsFn
            | Self::Merge
            | Self::MergeFn => matches!(role, Staff | Admin),
            Self::Admin | Self::AdminFn | Self::AdminAccounts | Self::AdminAccountsFn => {
                role == Admin
            }
            Self::Account
            | Self::AccountFn
            | Self::Security
            | Self::SecurityFn
            | Self::SecondFactor
            | Self::SecondFactorFn => role != Anonymous,
            Self::DraftOfA | Self::DraftOfAFn => role == EditorA,
            // A poster's QR code must lead somewhere anyone can open: none before publication.
            Self::PendingPoster | Self::PendingPosterFn => false,
            // Feeds and the calendar are public: nothing of an organization before publication.
            Self::PendingFeed | Self::PendingEventsFn => false,
        }
    }

    fn path(self, w: &World, draft: &str) -> String {
        let (a, p) = (w.a, w.pending);
        match self {
            Self::EditPage => format!("/org/{a}/edit"),
            Self::EditFn => format!("/api/edit/page?id={a}"),
            Self::History => format!("/org/{a}/history"),
            Self::HistoryFn => format!("/api/edit/history?id={a}"),
            Self::Manage => format!("/org/{a}/manage"),
            Self::ManageFn => format!("/api/edit/manage?id={a}"),
            Self::Staff => "/staff".into(),
            Self::StaffFn => "/api/staff/page".into(),
            Self::Audit => "/staff/audit".into(),
            Self::AuditFn => "/api/staff/audit".into(),
            Self::Admin => "/admin".into(),
            Self::AdminFn => "/api/admin/page".into(),
            Self::AdminAccounts => "/admin/accounts".into(),
            Self::AdminAccountsFn => "/api/admin/accounts?q=".into(),
            Self::Account => "/account".into(),
            Self::AccountFn => "/api/account/page".into(),
            Self::Security => "/account/security".into(),
            Self::SecurityFn => "/api/account/security".into(),
            Self::SecondFactor => "/account/second-factor".into(),
            Self::SecondFactorFn => "/api/account/second-factor".into(),
            Self::PendingOrg => format!("/org/{p}"),
            Self::PendingOrgFn => format!("/api/organizations/page?id={p}"),
            Self::DraftOfA => format!("/org/{a}/edit?draft={draft}"),
            Self::DraftOfAFn => format!("/api/forms/draft?form=edit&draft={draft}"),
            Self::ImportHome => "/staff/import".into(),
            Self::ImportHomeFn => "/api/staff/import/home".into(),
            Self::ImportPreview => format!("/staff/import/{}?show=all", w.batch),
            Self::ImportPreviewFn => format!("/api/staff/import/preview?id={}&show=all", w.batch),
            Self::CoverageCsv => "/staff/coverage.csv?by=audience".into(),
            Self::CoverageXlsx => "/staff/coverage.xlsx?verified=true".into(),
            Self::Desk => "/staff?okrug=ketovsky".into(),
            Self::DeskFn => "/api/staff/desk?okrug=ketovsky".into(),
            Self::Queue => "/staff/queue/no-editor".into(),
            Self::QueueFn => "/api/staff/queue?queue=no-editor".into(),
            Self::NeedsCsv => "/staff/needs.csv".into(),
            Self::NeedsXlsx => "/staff/needs.xlsx".into(),
            Self::EditsFn => "/api/staff/edits".into(),
            Self::Merge => format!("/staff/merge/{a}/{}", w.b),
            Self::MergeFn => format!("/api/staff/merge?a={a}&b={}", w.b),
            Self::PendingPoster => format!("/org/{p}/poster"),
            Self::PendingPosterFn => format!("/api/posters/org?id_slug={p}"),
            Self::PendingFeed => format!("/org/{p}/events.ics"),
            Self::PendingEventsFn => format!("/api/events/page?org={p}"),
        }
    }

    /// Whether the answer shows the data (for drafts: the secret text itself).
    fn shows(self, page: &Page) -> bool {
        let refused = !page.status.is_success()
            || ["\"Unauthorized\"", "\"Forbidden\"", "\"NotFound\""]
                .iter()
                .any(|e| page.body.contains(e));
        match self {
            Self::DraftOfA | Self::DraftOfAFn => !refused && page.body.contains(SECRET),
            // The uploaded list's content is what must not leak.
            Self::ImportPreview | Self::ImportPreviewFn => !refused && page.body.contains("Дельта"),
            // The queue's own name: in its page's filter and in the server fns' answers.
            Self::Queue | Self::QueueFn | Self::Desk | Self::DeskFn => {
                !refused && page.body.contains("no-editor")
            }
            // The calendar answers for any filter; what must not show is the organization.
            Self::PendingEventsFn => !refused && !page.body.contains("\"organization\":null"),
            _ => !refused,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_private_page_and_server_fn_is_shown_only_to_the_roles_that_may_see_it() {
    let w = world().await;
    let db = &w.app.state.db;
    let draft = app::forms::draft::save(
        db,
        &w.app.state.throttle,
        &format!("account:{}", w.editor_a),
        "127.0.0.1",
        app::forms::draft::NewDraft {
            form: app::kinds::DraftForm::Edit,
            target_id: Some(w.a),
            base_version: Some(1),
            fields: vec![("summary".into(), SECRET.into())],
            issues: vec![],
        },
    )
    .await
    .expect("draft");
    let mut failures = vec![];
    for role in ROLES {
        let mut b = browser_as(&w, role).await;
        for read in READS {
            let t0 = std::time::Instant::now();
            let page = b.get(&read.path(&w, &draft)).await;
            if t0.elapsed().as_secs() > 2 {
                eprintln!("SLOW {read:?} {role:?} {:?} {}", t0.elapsed(), page.status);
            }
            let shown = read.shows(&page);
            if shown != read.allowed(role) {
                failures.push(format!(
                    "{read:?} as {role:?}: shown = {shown}, status {}",
                    page.status
                ));
            }
            if !read.allowed(role) && page.body.contains(SECRET) {
                failures.push(format!("{read:?} as {role:?}: the draft leaked"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "read authorization failures:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_verification_note_is_never_public() {
    let w = world().await;
    let mut staff = browser_as(&w, Role::Staff).await;
    let note = "Заметка сотрудника: звонили председателю";
    staff
        .post(
            &format!("/org/{}/verify", w.a),
            &[("method", "visit"), ("note", note)],
        )
        .await;
    let mut anon = w.app.browser();
    for path in [
        format!("/org/{}", w.a),
        format!("/api/organizations/page?id={}", w.a),
        format!("/api/v1/organizations/{}", w.a),
        "/api/v1/organizations.csv".to_owned(),
        "/api/v1/organizations.geojson".to_owned(),
        "/api/v1/organizations.jsonl".to_owned(),
    ] {
        let page = anon.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains(note), "{path} leaks the staff note");
    }
    // The workbook is a zip: read its cells.
    let (status, _, xlsx) = w.app.get_bytes("/api/v1/organizations.xlsx").await;
    assert_eq!(status, StatusCode::OK);
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx)).expect("a workbook");
    let cells: Vec<String> = book
        .worksheets()
        .into_iter()
        .flat_map(|(_, range)| {
            range
                .rows()
                .flatten()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        cells.iter().any(|c| c.contains("CC BY 4.0")),
        "the workbook was read"
    );
    assert!(
        !cells.iter().any(|c| c.contains(note)),
        "the workbook leaks the staff note"
    );
    let own = staff
        .get(&format!("/api/organizations/page?id={}", w.a))
        .await;
    assert!(own.body.contains(note), "staff still see it");
}

/// Open data (the changes feed, HSDS, the API description, the sitemap and robots.txt, the
/// posters of published organizations and okrugs, the events calendar and its iCal feeds,
/// the network of fellow travellers, the Atom feeds, and their pages) is public: every role reads the same, nobody reads a proposal awaiting
/// moderation through it, and nobody changes anything through it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_data_is_the_same_for_every_role_and_changes_nothing() {
    let w = world().await;
    let pending_name: String = sqlx::query_scalar("select name from organization where id = $1")
        .bind(w.pending)
        .fetch_one(&w.app.state.db)
        .await
        .expect("pending");
    let first = |body: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(body).expect("JSON");
        v["contents"][0]["id"].as_str().expect("an id").to_owned()
    };
    let mut anon = w.app.browser();
    let org = first(&anon.get("/hsds/organizations").await.body);
    let service = first(&anon.get("/hsds/services").await.body);
    let sal = first(&anon.get("/hsds/service_at_locations").await.body);
    let taxonomy = first(&anon.get("/hsds/taxonomies").await.body);
    let term = first(&anon.get("/hsds/taxonomy_terms").await.body);
    let paths = [
        "/api/v1/changes".to_owned(),
        "/hsds".to_owned(),
        "/hsds/".to_owned(),
        "/hsds/organizations?full=true".to_owned(),
        format!("/hsds/organizations/{org}"),
        "/hsds/services?full=true".to_owned(),
        format!("/hsds/services/{service}"),
        "/hsds/service_at_locations?full=true".to_owned(),
        format!("/hsds/service_at_locations/{sal}"),
        "/hsds/taxonomies".to_owned(),
        format!("/hsds/taxonomies/{taxonomy}"),
        "/hsds/taxonomy_terms".to_owned(),
        format!("/hsds/taxonomy_terms/{term}"),
        "/hsds/organizations?format=ndjson&full=true".to_owned(),
        "/api/v1/hsds.json".to_owned(),
        "/api/v1/hsds.zip".to_owned(),
        "/api/v1/openapi.json".to_owned(),
        "/sitemap.xml".to_owned(),
        "/robots.txt".to_owned(),
        "/api".to_owned(),
        "/api/".to_owned(),
        "/open-data".to_owned(),
        format!("/org/{}/poster", w.a),
        format!("/api/posters/org?id_slug={}", w.a),
        "/okrug/ketovsky/poster".to_owned(),
        "/api/posters/okrug?slug=ketovsky".to_owned(),
        "/events".to_owned(),
        "/events?view=month&okrug=ketovsky".to_owned(),
        "/api/events/page".to_owned(),
        "/api/events/page?okrug=ketovsky&view=month".to_owned(),
        "/events.ics".to_owned(),
        format!("/org/{}/events.ics", w.a),
        "/okrug/ketovsky/events.ics?format=consultation".to_owned(),
        "/network".to_owned(),
        "/api/v1/map/ties.geojson".to_owned(),
        "/api/network/page".to_owned(),
        "/feed.atom".to_owned(),
        "/feed.atom?okrug=ketovsky&q=%D1%81%D0%BE%D0%B2%D0%B5%D1%82".to_owned(),
    ];
    let mut browsers = vec![];
    for role in ROLES {
        browsers.push((role, browser_as(&w, role).await));
    }
    // Taken after the logins, which make sessions.
    let before = super::fingerprint(&w.app).await;
    let mut failures = vec![];
    let mut seen: Vec<(String, StatusCode, usize)> = vec![];
    for (role, b) in &mut browsers {
        let role = *role;
        for path in &paths {
            let page = b.get(path).await;
            let expected = if path == "/api/" {
                StatusCode::PERMANENT_REDIRECT
            } else {
                StatusCode::OK
            };
            if page.status != expected {
                failures.push(format!("GET {path} as {role:?}: {}", page.status));
            }
            if page.body.contains(&pending_name) || page.body.contains(SECRET) {
                failures.push(format!("GET {path} as {role:?} shows private data"));
            }
            // The data is the same whoever asks (pages differ only in their header).
            if path.starts_with("/hsds") || path.starts_with("/api/v1/") {
                match seen.iter().find(|(p, _, _)| p == path) {
                    Some((_, status, len)) if (*status, *len) != (page.status, page.body.len()) => {
                        failures.push(format!("GET {path} as {role:?} differs from anonymous"))
                    }
                    Some(_) => {}
                    None => seen.push((path.clone(), page.status, page.body.len())),
                }
            }
            let post = b.post(path, &[("name", "Захват")]).await;
            if post.status != StatusCode::METHOD_NOT_ALLOWED {
                failures.push(format!("POST {path} as {role:?}: {}", post.status));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "open data failures:\n{}",
        failures.join("\n")
    );
    assert_eq!(super::fingerprint(&w.app).await, before, "nothing changed");
}
