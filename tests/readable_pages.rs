//! Pages that search engines and other sites read: the sitemap (checked by xmllint against
//! the sitemaps.org XSD), its index past the per-file limit, robots.txt, OpenGraph and
//! canonical tags, and schema.org JSON-LD on organization and okrug pages (checked against
//! the schema.org vocabulary by scripts/check-schemaorg.py).

use std::collections::BTreeSet;
use std::process::Command;

use poputchiki_core::export::sitemap;
use poputchiki_tests::{repo_root, run_checker, TestApp};
use serde_json::Value;

const SITE: &str = "http://127.0.0.1:3000";

/// Runs xmllint on `xml` against `schema` (sitemap.xsd or siteindex.xsd) and fails the
/// test with its messages when the document is invalid.
fn assert_valid_xml(xml: &str, schema: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = repo_root();
    for (from, name) in [
        (
            root.join("node_modules/sitemap/schema/sitemap.xsd"),
            "sitemap.xsd",
        ),
        (root.join("tests/schemas/siteindex.xsd"), "siteindex.xsd"),
    ] {
        std::fs::copy(&from, dir.path().join(name))
            .unwrap_or_else(|e| panic!("{}: {e} (run scripts/setup.sh)", from.display()));
    }
    let doc = dir.path().join("doc.xml");
    std::fs::write(&doc, xml).expect("write");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(dir.path().join(schema))
        .arg(&doc)
        .output()
        .expect("xmllint (Debian's libxml2-utils; scripts/setup.sh installs it)");
    assert!(
        out.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The `<loc>` values of a sitemap or sitemap index, in order.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(|s| s.replace("&amp;", "&"))
        .collect()
}

/// Whether the page has a `<tag>` with all these attributes (in any order).
fn has_tag(html: &str, tag: &str, attrs: &[(&str, &str)]) -> bool {
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|s| s.split('>').next())
        .any(|t| {
            attrs
                .iter()
                .all(|(k, v)| t.contains(&format!("{k}=\"{v}\"")))
        })
}

/// The JSON-LD documents of a page.
fn json_ld(html: &str) -> Vec<Value> {
    html.split("<script type=\"application/ld+json\">")
        .skip(1)
        .filter_map(|s| s.split("</script>").next())
        .map(|s| serde_json::from_str(s).expect("JSON-LD parses"))
        .collect()
}

/// Runs the schema.org vocabulary check on `docs`.
fn assert_schema_org(docs: &[Value]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("docs.json");
    std::fs::write(&file, serde_json::to_string(docs).expect("json")).expect("write");
    let (ok, said) = run_checker("check-schemaorg.py", &[&file]);
    assert!(ok, "schema.org check: {said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sitemap_lists_every_public_page_once_and_nothing_else() {
    let app = TestApp::with_demo().await;
    let db = &app.state.db;
    let pending = app
        .scalar_i64("select id from organization order by id limit 1 offset 3")
        .await;
    let archived = app
        .scalar_i64("select id from organization order by id limit 1 offset 4")
        .await;
    sqlx::query("update organization set status = 'pending' where id = $1")
        .bind(pending)
        .execute(db)
        .await
        .expect("update");
    sqlx::query("update organization set status = 'archived' where id = $1")
        .bind(archived)
        .execute(db)
        .await
        .expect("update");
    let page = app.get("/sitemap.xml").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.headers["content-type"],
        "application/xml; charset=utf-8"
    );
    assert_valid_xml(&page.body, "sitemap.xsd");
    let all = locs(&page.body);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "no address twice");
    let published = app
        .scalar_i64("select count(*) from organization where status = 'published'")
        .await;
    let okrugs = app.state.region.okrugs.len() as i64;
    // The static pages: home, okrugs, needs, places, events, network, open data.
    assert_eq!(all.len() as i64, published + okrugs + 7);
    let (id, slug, updated): (i64, String, String) = sqlx::query_as(
        "select id, slug, updated_at from organization where status = 'published' order by id desc limit 1",
    )
    .fetch_one(db)
    .await
    .expect("an organization");
    let entry = format!("<loc>{SITE}/org/{id}-{slug}</loc><lastmod>{updated}</lastmod>");
    assert!(page.body.contains(&entry), "{entry}");
    for hidden in [pending, archived] {
        let prefix = format!("{SITE}/org/{hidden}-");
        assert!(
            !all.iter().any(|l| l.starts_with(&prefix)),
            "{hidden} is not public"
        );
    }
    let okrug = &app.state.region.okrugs[0].slug;
    assert!(all.contains(&format!("{SITE}/okrug/{okrug}")));
    assert!(all.contains(&format!("{SITE}/")));
    // One file is enough: there are no numbered parts.
    assert_eq!(app.get("/sitemap-1.xml").await.status, 404);
    assert_eq!(app.get("/sitemap-x.xml").await.status, 404);

    let robots = app.get("/robots.txt").await;
    assert_eq!(robots.status, 200);
    assert!(
        robots
            .body
            .contains(&format!("Sitemap: {SITE}/sitemap.xml")),
        "{}",
        robots.body
    );
    assert!(robots.body.contains("Disallow: /staff\n"));
    assert!(robots.body.contains("Disallow: /account\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_limit_the_sitemap_becomes_an_index_of_valid_parts() {
    let app = TestApp::with_demo().await;
    let (db, region) = (&app.state.db, &app.state.region);
    let whole = sitemap::root(db, region, SITE, sitemap::PER_FILE)
        .await
        .expect("sitemap");
    let per_file = 40;
    let index = sitemap::root(db, region, SITE, per_file)
        .await
        .expect("index");
    assert!(index.contains("<sitemapindex"), "{index}");
    assert_valid_xml(&index, "siteindex.xsd");
    let parts = locs(&index);
    let expected = locs(&whole).len().div_ceil(per_file);
    assert_eq!(parts.len(), expected);
    let mut joined = Vec::new();
    for (n, loc) in parts.iter().enumerate() {
        assert_eq!(loc, &format!("{SITE}/sitemap-{}.xml", n + 1));
        let part = sitemap::part(db, region, SITE, n + 1, per_file)
            .await
            .expect("part")
            .expect("the part exists");
        assert_valid_xml(&part, "sitemap.xsd");
        let list = locs(&part);
        assert!(list.len() <= per_file);
        joined.extend(list);
    }
    assert_eq!(
        joined,
        locs(&whole),
        "the parts together are the whole list, in order"
    );
    let past = sitemap::part(db, region, SITE, parts.len() + 1, per_file)
        .await
        .expect("query");
    assert_eq!(past, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organization_and_okrug_pages_carry_valid_schema_org_and_previews() {
    let app = TestApp::with_demo().await;
    // An organization with an upcoming event, an ИНН and a social link.
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M").to_string();
    let id = app
        .scalar_i64(&format!(
            "select o.id from organization o join event e on e.organization_id = o.id
             where o.status = 'published' and o.inn is not null
               and e.starts_at >= '{now}'
             order by o.id limit 1"
        ))
        .await;
    let page = app.get(&format!("/org/{id}")).await;
    assert_eq!(page.status, 200);
    let docs = json_ld(&page.body);
    assert_eq!(docs.len(), 1, "one JSON-LD document");
    let org = &docs[0];
    let (lat, lon, inn): (f64, f64, String) =
        sqlx::query_as("select lat, lon, inn from organization where id = $1")
            .bind(id)
            .fetch_one(&app.state.db)
            .await
            .expect("organization");
    assert!(matches!(
        org["@type"].as_str(),
        Some("NGO" | "GovernmentOrganization")
    ));
    assert_eq!(org["location"]["geo"]["latitude"].as_f64(), Some(lat));
    assert_eq!(org["location"]["geo"]["longitude"].as_f64(), Some(lon));
    assert_eq!(org["taxID"].as_str(), Some(inn.as_str()));
    assert_eq!(org["identifier"][0]["propertyID"], "RU-INN");
    let event = &org["event"][0];
    assert_eq!(event["@type"], "Event");
    assert!(event["startDate"].as_str().is_some_and(|d| d.len() >= 16));
    let url = org["url"].as_str().expect("url");
    assert!(url.starts_with(&format!("{SITE}/org/{id}-")), "{url}");
    let api = format!("/api/v1/organizations/{id}");
    for (tag, attrs) in [
        ("link", vec![("rel", "canonical"), ("href", url)]),
        ("meta", vec![("property", "og:url"), ("content", url)]),
        (
            "meta",
            vec![("property", "og:type"), ("content", "profile")],
        ),
        (
            "meta",
            vec![("property", "og:locale"), ("content", "ru_RU")],
        ),
        (
            "link",
            vec![
                ("rel", "alternate"),
                ("type", "application/json"),
                ("href", &api),
            ],
        ),
    ] {
        assert!(has_tag(&page.body, tag, &attrs), "<{tag} {attrs:?}>");
    }
    // The preview's title is the organization's name, as the page shows it (HTML-escaped).
    let name = org["name"].as_str().expect("name");
    let shown = poputchiki_core::text::escape_html(name);
    let title = [("property", "og:title"), ("content", shown.as_str())];
    assert!(has_tag(&page.body, "meta", &title), "{title:?}");

    let slug = app.state.region.okrugs[0].slug.clone();
    let okrug = app.get(&format!("/okrug/{slug}")).await;
    assert_eq!(okrug.status, 200);
    let list = json_ld(&okrug.body);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["@type"], "ItemList");
    let items = list[0]["itemListElement"].as_array().expect("items");
    assert!(!items.is_empty());
    assert_eq!(items[0]["position"], 1);
    let csv = format!("/api/v1/organizations.csv?okrug={slug}");
    let alternate = [
        ("rel", "alternate"),
        ("type", "text/csv"),
        ("href", csv.as_str()),
    ];
    assert!(has_tag(&okrug.body, "link", &alternate), "{alternate:?}");

    // Many pages at once through the vocabulary check: every kind of organization.
    let mut all = docs.clone();
    all.extend(list);
    let ids: Vec<i64> = sqlx::query_scalar(
        "select min(id) from organization where status = 'published' group by kind, okrug_id limit 30",
    )
    .fetch_all(&app.state.db)
    .await
    .expect("ids");
    for id in ids {
        all.extend(json_ld(&app.get(&format!("/org/{id}")).await.body));
    }
    assert_schema_org(&all);
}

#[test]
fn the_vocabulary_check_refuses_what_schema_org_does_not_have() {
    let bad = r#"[{"@context": "https://schema.org", "@type": "NGO", "taxId": "1",
        "location": {"@type": "Event", "name": "x"}}]"#;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.json");
    std::fs::write(&file, bad).expect("write");
    let (ok, said) = run_checker("check-schemaorg.py", &[&file]);
    assert!(!ok, "{said}");
    assert!(said.contains("taxId: not a schema.org property"), "{said}");
    assert!(said.contains("Event is not among the expected"), "{said}");
}
