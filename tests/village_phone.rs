//! What a village phone on slow 3G is spared: pages without an island load no WASM (and no
//! preload of it), static files come under content-hashed names, precompressed and cached
//! for a year, and a page seen before answers "not modified" without its body.

use std::sync::Arc;

use http::StatusCode;
use poputchiki_tests::TestApp;

/// A built site in miniature: the glue, the module with its brotli twin, the CSS, a script.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    std::fs::create_dir_all(d.join("pkg")).expect("pkg");
    std::fs::write(d.join("pkg/poputchiki.js"), "export default function(){}").expect("js");
    std::fs::write(d.join("pkg/poputchiki.wasm"), vec![0u8; 4000]).expect("wasm");
    std::fs::write(d.join("pkg/poputchiki.wasm.br"), b"tiny").expect("br");
    std::fs::write(d.join("pkg/poputchiki.css"), "body{color:#000}").expect("css");
    std::fs::write(d.join("map.js"), "(function(){})()").expect("map");
    dir
}

async fn app_with_site(site: &tempfile::TempDir) -> TestApp {
    let mut app = TestApp::with_demo().await;
    app.state.assets = Arc::new(app::assets::Assets::scan(site.path()));
    app
}

/// The first `attr="..."` value that starts with `prefix`.
fn first_url(body: &str, attr: &str, prefix: &str) -> Option<String> {
    let needle = format!("{attr}=\"{prefix}");
    let at = body.find(&needle)? + attr.len() + 2;
    body[at..].split('"').next().map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_without_an_island_load_no_wasm_and_the_search_page_loads_it_last() {
    let site = site();
    let app = app_with_site(&site).await;
    for path in [
        "/org/1",
        "/okrug",
        "/okrug/shumikhinsky",
        "/login",
        "/places",
        "/register",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            !page.body.contains("<leptos-island"),
            "{path} has no island"
        );
        assert!(
            !page.body.contains(".wasm") && !page.body.contains("modulepreload"),
            "{path} must not load or preload the WASM"
        );
    }
    let home = app.get("/?q=пожилым").await;
    assert!(home.body.contains("<leptos-island"));
    let (css_at, boot_at, results_at) = (
        home.body.find("rel=\"stylesheet\"").expect("css"),
        home.body
            .find("id=\"island-boot\"")
            .expect("the search page loads its island"),
        home.body.find("id=\"results-heading\"").expect("results"),
    );
    assert!(
        css_at < results_at && results_at < boot_at,
        "CSS, then the content, then the WASM's bootstrap"
    );
    // Nothing fetches the WASM ahead of the page: no preload hints, and the bootstrap is
    // inert text until public/boot.js starts it after the load event.
    assert!(!home.body.contains("modulepreload") && !home.body.contains("rel=\"preload\""));
    assert!(home
        .body
        .contains("<script type=\"text/plain\" id=\"island-boot\""));
    assert!(home.body.contains("/boot.js\""), "the starter script");
    // The bootstrap loads the module under the same content hash as the stylesheet's group.
    let css = first_url(&home.body, "href", "/a/").expect("hashed CSS");
    let root = css.trim_end_matches("/pkg/poputchiki.css");
    assert!(
        home.body
            .contains(&format!("\"{root}\", \"pkg\", \"poputchiki\"")),
        "hashed module root {root}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organization_names_its_absolute_canonical_address() {
    let app = TestApp::with_demo().await;
    let page = app.get("/org/1").await;
    let link = page.body.find("rel=\"canonical\"").map(|i| {
        let start = page.body[..i].rfind('<').unwrap_or(i);
        let end = i + page.body[i..].find('>').unwrap_or(0);
        &page.body[start..end]
    });
    let link = link.unwrap_or_else(|| panic!("no canonical link ({})", page.status));
    let href = link
        .split("href=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .unwrap_or_default();
    assert!(
        href.starts_with("http") && href.contains("/org/1-"),
        "canonical link must be absolute: {href}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_are_hashed_precompressed_and_kept_for_a_year() {
    let site = site();
    let app = app_with_site(&site).await;
    let page = app.get("/org/1").await;
    let css = first_url(&page.body, "href", "/a/").expect("a hashed stylesheet");
    assert!(css.ends_with("/pkg/poputchiki.css"), "{css}");
    let got = app.get(&css).await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.body, "body{color:#000}");
    assert_eq!(
        got.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // The module shares the glue's hash and comes as its brotli twin when asked.
    let wasm = css.replace("poputchiki.css", "poputchiki.wasm");
    let br = app
        .get_with(&wasm, &[("accept-encoding", "gzip, br")])
        .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.headers["content-encoding"], "br");
    assert_eq!(br.body, "tiny");
    assert!(br.headers.get_all("vary").iter().any(|v| v
        .to_str()
        .is_ok_and(|v| v.to_lowercase().contains("accept-encoding"))));
    let plain = app.get(&wasm).await;
    assert_eq!(plain.body.len(), 4000, "without br the file itself");
    // An old hash still gets the file, but not for a year; unknown files are not served.
    let old = app.get("/a/0123456789abcdef/pkg/poputchiki.css").await;
    assert_eq!(old.status, StatusCode::OK);
    assert_eq!(old.headers["cache-control"], "no-cache");
    for bad in [
        "/a/0/Cargo.toml",
        "/a/0/../Cargo.toml",
        "/a/0/pkg/poputchiki.wasm.br",
        "/a/0/pkg/",
    ] {
        assert_eq!(app.get(bad).await.status, StatusCode::NOT_FOUND, "{bad}");
    }
    // Hashed files carry no cookie.
    assert!(got.headers.get("set-cookie").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_seen_before_answers_not_modified_until_it_changes() {
    let app = TestApp::with_demo().await;
    let first = app.get("/org/1").await;
    let cookie = first.headers["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let again = app.get_with("/org/1", &[("cookie", &cookie)]).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.headers["cache-control"], "private, max-age=60");
    let etag = again.headers["etag"].to_str().expect("etag").to_owned();
    let not_modified = app
        .get_with("/org/1", &[("cookie", &cookie), ("if-none-match", &etag)])
        .await;
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);
    assert!(not_modified.body.is_empty());
    assert!(
        not_modified
            .headers
            .get("content-security-policy")
            .is_none(),
        "the stored page keeps the policy whose nonce it carries"
    );
    // Another page, another tag; a changed page, a new one.
    let other = app
        .get_with("/org/2", &[("cookie", &cookie), ("if-none-match", &etag)])
        .await;
    assert_eq!(other.status, StatusCode::OK);
    app.scalar_text(
        "update organization set summary = 'Новое описание' where id = 1 returning summary",
    )
    .await;
    // Changed straight in the database: a running server sees it through the change log.
    app.state.pages.clear();
    let changed = app
        .get_with("/org/1", &[("cookie", &cookie), ("if-none-match", &etag)])
        .await;
    assert_eq!(changed.status, StatusCode::OK, "the page changed");
}
