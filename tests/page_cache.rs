//! The shared page cache (`app::web::page_cache`) as visitors meet it: a public page is
//! served from memory to the next anonymous visitor with that visitor's own CSRF token and a
//! fresh nonce; a change to the data, a post, a login or a draft is never answered from it.

use poputchiki_tests::{occurrences, TestApp};

const HIT: &str = "x-page-cache";

fn nonce_in(policy: &str) -> String {
    let at = policy.find("'nonce-").expect("a nonce") + "'nonce-".len();
    policy[at..].split('\'').next().unwrap_or("").to_owned()
}

#[tokio::test]
async fn a_second_anonymous_visitor_gets_the_stored_page_with_their_own_token_and_nonce() {
    let app = TestApp::with_demo().await;
    let id = app.org_id("").await;
    let path = format!("/org/{id}");
    let first = app.get(&path).await;
    assert_eq!(first.status, 200);
    assert!(first.headers.get(HIT).is_none(), "the first visit renders");

    let mut visitor = app.browser();
    let second = visitor.get(&path).await;
    assert_eq!(second.status, 200);
    assert_eq!(
        second.headers.get(HIT).map(|v| v.as_bytes()),
        Some(&b"hit"[..])
    );
    // The visitor had no cookie: the stored page carries the token of the cookie it now sets.
    let token = visitor.csrf();
    assert_eq!(token.len(), 32);
    assert!(
        second.body.contains(&token),
        "the page's forms carry the visitor's token"
    );
    let first_policy = first.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    let policy = second.headers["content-security-policy"]
        .to_str()
        .expect("ascii");
    let nonce = nonce_in(policy);
    assert_ne!(nonce, nonce_in(first_policy), "a fresh nonce");
    assert!(second.body.contains(&format!("nonce=\"{nonce}\"")));
    assert_eq!(occurrences(&second.body, &nonce_in(first_policy)), 0);
    // Apart from the token and the nonce it is the same page.
    let blank = |body: &str, t: &str, n: &str| body.replace(t, "T").replace(n, "N");
    let first_token = first.headers["set-cookie"]
        .to_str()
        .expect("ascii")
        .split(['=', ';'])
        .nth(1)
        .expect("token")
        .to_owned();
    assert_eq!(
        blank(&first.body, &first_token, &nonce_in(first_policy)),
        blank(&second.body, &token, &nonce)
    );

    // The same visitor again: their cookie's token, no new cookie.
    let third = visitor.get(&path).await;
    assert!(third.headers.get(HIT).is_some());
    assert!(third.headers.get("set-cookie").is_none());
    assert!(third.body.contains(&token));
}

#[tokio::test]
async fn a_change_a_login_a_language_or_a_draft_is_never_answered_from_the_cache() {
    let app = TestApp::with_demo().await;
    let id = app.org_id("").await;
    let path = format!("/org/{id}");
    app.get(&path).await;
    assert!(app.get(&path).await.headers.get(HIT).is_some());

    // Another language is another page.
    let english = app.get_with(&path, &[("cookie", "lang=en")]).await;
    assert!(english.headers.get(HIT).is_none());
    assert!(app
        .get_with(&path, &[("cookie", "lang=en")])
        .await
        .headers
        .get(HIT)
        .is_some());

    // A logged-in editor always gets a page rendered for them.
    app.editor("lead@example.ru", "рыжий кот на крыше", id)
        .await;
    let mut editor = app.browser();
    editor.login("lead@example.ru", "рыжий кот на крыше").await;
    assert!(editor.get(&path).await.headers.get(HIT).is_none());
    assert!(editor.get(&path).await.headers.get(HIT).is_none());

    // The editor's save (a post) makes every stored page out of date. (The login was a post
    // too: the first visit after it renders.)
    assert!(app.get(&path).await.headers.get(HIT).is_none());
    assert!(app.get(&path).await.headers.get(HIT).is_some());
    let mut fields = app.edit_form(id).await;
    for (k, v) in fields.iter_mut() {
        if k == "summary" {
            *v = "Новый кружок резьбы по дереву".into();
        }
    }
    let saved = editor
        .post_fields(&format!("/org/{id}/edit"), &fields)
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let after = app.get(&path).await;
    assert!(
        after.headers.get(HIT).is_none(),
        "rendered again after the post"
    );

    // A change made elsewhere (another instance, the importer) reaches the cache through
    // the search engine's generation.
    let search = "/?q=%D1%80%D0%B5%D0%B7%D1%8C%D0%B1%D0%B0";
    app.get(search).await;
    assert!(app.get(search).await.headers.get(HIT).is_some());
    app.import_json(
        r#"[{"name": "Мастерская резьбы", "kind": "initiative_group", "okrug": "ketovsky"}]"#,
    )
    .await;
    let fresh = app.get(search).await;
    assert!(fresh.headers.get(HIT).is_none());
    assert!(fresh.body.contains("Мастерская резьбы"));

    // A form's draft belongs to one visitor.
    let draft = format!("{path}?draft=1");
    app.get(&draft).await;
    assert!(app.get(&draft).await.headers.get(HIT).is_none());
}
