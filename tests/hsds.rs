//! The Open Referral HSDS 3.0 API and package through the real router, checked by the
//! official validators (scripts/check-hsds.py: check-jsonschema with the spec's schemas, and
//! frictionless for the tabular package): every object and the package are valid, ids are
//! stable UUIDs that lead back to the same object, the spec's parameters filter and page,
//! bad parameters give 400 and unknown ids 404.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::process::Command;

use poputchiki_tests::{repo_root, run_checker, TestApp};
use serde_json::Value;

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("JSON: {e}: {body:.300}"))
}

/// Validates each object in `docs` against the HSDS schema `schema` with check-jsonschema.
fn assert_valid(schema: &str, docs: &[Value]) {
    assert!(!docs.is_empty(), "nothing to validate against {schema}");
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let f = dir.path().join(format!("{i}.json"));
            std::fs::write(&f, serde_json::to_vec(d).expect("json")).expect("write");
            f
        })
        .collect();
    let mut args = vec![OsString::from("json"), OsString::from(schema)];
    args.extend(files.into_iter().map(OsString::from));
    let (ok, said) = run_checker("check-hsds.py", &args);
    assert!(ok, "{schema}: {said}");
}

async fn get_json(app: &TestApp, path: &str) -> Value {
    let page = app.get(path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    json(&page.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hsds_object_is_valid_against_the_official_schemas() {
    let app = TestApp::with_demo().await;
    let root = get_json(&app, "/hsds/").await;
    assert_eq!(root["version"], "3.0");
    assert!(root["openapi_url"]
        .as_str()
        .is_some_and(|u| u.ends_with("/api/v1/openapi.json")));

    let orgs = get_json(&app, "/hsds/organizations?per_page=20").await;
    let published = app
        .scalar_i64("select count(*) from organization where status = 'published'")
        .await;
    assert_eq!(orgs["total_items"], published);
    assert_eq!(orgs["size"], 20);
    assert_eq!(orgs["first_page"], true);
    assert_eq!(orgs["last_page"], false);
    let list: Vec<Value> = orgs["contents"].as_array().expect("contents").clone();
    assert_valid("compiled/organization_list", &list);

    let full = get_json(&app, "/hsds/organizations?per_page=30&page=2&full=true").await;
    let full_list: Vec<Value> = full["contents"].as_array().expect("contents").clone();
    assert_valid("compiled/organization", &full_list);

    let services = get_json(&app, "/hsds/services?per_page=40").await;
    let service_list: Vec<Value> = services["contents"].as_array().expect("contents").clone();
    assert_eq!(service_list.len(), 40);
    assert_valid("compiled/service_list", &service_list);
    let mut nested = vec![];
    for s in service_list.iter().take(12) {
        let id = s["id"].as_str().expect("id");
        let one = get_json(&app, &format!("/hsds/services/{id}")).await;
        assert_eq!(one["id"], s["id"], "the id leads back to the same service");
        nested.push(one);
    }
    assert_valid("compiled/service", &nested);

    let places = get_json(&app, "/hsds/service_at_locations?per_page=10&full=true").await;
    let place_list: Vec<Value> = places["contents"].as_array().expect("contents").clone();
    assert_valid("compiled/service_at_location", &place_list);
    let sal_id = place_list[0]["id"].as_str().expect("id");
    let one = get_json(&app, &format!("/hsds/service_at_locations/{sal_id}")).await;
    assert_eq!(
        one["location"]["latitude"],
        place_list[0]["location"]["latitude"]
    );

    let taxonomies = get_json(&app, "/hsds/taxonomies").await;
    let tax_list: Vec<Value> = taxonomies["contents"].as_array().expect("contents").clone();
    assert_valid("taxonomy", &tax_list);
    let terms = get_json(&app, "/hsds/taxonomy_terms?per_page=100").await;
    let term_list: Vec<Value> = terms["contents"].as_array().expect("contents").clone();
    assert_valid("taxonomy_term", &term_list);
    let tid = term_list[0]["id"].as_str().expect("id");
    assert_eq!(
        get_json(&app, &format!("/hsds/taxonomy_terms/{tid}")).await["id"],
        tid
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ids_are_stable_and_parameters_filter_page_and_refuse() {
    let app = TestApp::with_demo().await;
    // An organization with ИНН and ОГРН: identifiers with the RU schemes, and the tax id.
    let (id, inn, ogrn): (i64, String, String) = sqlx::query_as(
        "select id, inn, ogrn from organization where status = 'published'
         and inn is not null and ogrn is not null order by id limit 1",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("an organization");
    let all = get_json(&app, "/hsds/organizations?per_page=100&full=true").await;
    let first = all["contents"]
        .as_array()
        .and_then(|a| a.iter().find(|o| o["tax_id"] == *inn))
        .cloned()
        .expect("the organization is listed");
    let oid = first["id"].as_str().expect("id").to_owned();
    let schemes: BTreeSet<(String, String)> = first["organization_identifiers"]
        .as_array()
        .expect("identifiers")
        .iter()
        .map(|i| {
            (
                i["identifier_scheme"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                i["identifier"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(schemes.contains(&("RU-INN".to_owned(), inn.clone())));
    assert!(schemes.contains(&("RU-OGRN".to_owned(), ogrn)));
    let again = get_json(&app, &format!("/hsds/organizations/{oid}")).await;
    assert_eq!(again, first, "the same object under the same id");
    assert!(again["uri"]
        .as_str()
        .is_some_and(|u| u.contains(&format!("/org/{id}-"))));

    // organization_id: only that organization's services.
    let own = get_json(&app, &format!("/hsds/services?organization_id={oid}")).await;
    let own_list = own["contents"].as_array().expect("contents");
    assert!(!own_list.is_empty());
    assert!(own_list.iter().all(|s| s["organization_id"] == *oid));

    // taxonomy_term_id: only organizations with that term.
    let terms = get_json(&app, "/hsds/taxonomy_terms?per_page=100").await;
    let term = terms["contents"]
        .as_array()
        .and_then(|a| a.iter().find(|t| t["taxonomy"] == "direction"))
        .cloned()
        .expect("a direction");
    let code = term["code"].as_str().expect("code");
    let tid = term["id"].as_str().expect("id");
    let with = get_json(
        &app,
        &format!("/hsds/organizations?taxonomy_term_id={tid}&per_page=100&full=true"),
    )
    .await;
    let expected = app
        .scalar_i64(&format!(
            "select count(*) from organization o join organization_term ot on ot.organization_id = o.id
             join taxonomy_term t on t.id = ot.term_id
             where o.status = 'published' and t.vocabulary = 'direction' and t.code = '{code}'"
        ))
        .await;
    assert_eq!(with["total_items"], expected);
    for o in with["contents"].as_array().expect("contents") {
        assert!(
            o["attributes"]
                .as_array()
                .expect("attributes")
                .iter()
                .any(|a| a["taxonomy_term_id"] == *tid),
            "{}",
            o["name"]
        );
    }

    // modified_after: nothing changed in the future; everything after the epoch.
    let none = get_json(
        &app,
        "/hsds/organizations?modified_after=2999-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(none["total_items"], 0);
    assert_eq!(none["empty"], true);
    let since = get_json(&app, "/hsds/organizations?modified_after=2000-01-01").await;
    assert_eq!(since["total_items"], all["total_items"]);

    // format=ndjson: every organization, one a line, no pages.
    let lines = app.get("/hsds/organizations?format=ndjson").await;
    assert_eq!(lines.status, 200);
    assert!(lines.headers["content-type"]
        .to_str()
        .expect("ascii")
        .starts_with("application/x-ndjson"));
    let count = lines
        .body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(json)
        .count();
    assert_eq!(count as i64, all["total_items"].as_i64().expect("total"));

    // Paging covers every service exactly once.
    let total = get_json(&app, "/hsds/services?per_page=1").await["total_items"]
        .as_u64()
        .expect("total");
    let mut seen = BTreeSet::new();
    let pages = total.div_ceil(100);
    for page in 1..=pages {
        let p = get_json(
            &app,
            &format!("/hsds/services?per_page=100&page={page}&minimal=true"),
        )
        .await;
        for s in p["contents"].as_array().expect("contents") {
            assert!(
                seen.insert(s["id"].as_str().expect("id").to_owned()),
                "twice: {}",
                s["id"]
            );
        }
    }
    assert_eq!(seen.len() as u64, total);

    for bad in [
        "page=0",
        "per_page=1000",
        "full=maybe",
        "format=xml",
        "modified_after=yesterday",
        "organization_id=42",
    ] {
        let r = app.get(&format!("/hsds/services?{bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
        assert_eq!(json(&r.body)["error"], "bad_request", "{bad}");
    }
    for missing in [
        "/hsds/organizations/00000000-0000-8000-8000-000000000000",
        "/hsds/services/not-a-uuid",
        "/hsds/taxonomy_terms/00000000-0000-8000-8000-000000000000",
    ] {
        assert_eq!(app.get(missing).await.status, 404, "{missing}");
    }
    // Unpublished organizations are not there.
    sqlx::query("update organization set status = 'pending' where id = $1")
        .bind(id)
        .execute(&app.state.db)
        .await
        .expect("update");
    assert_eq!(
        app.get(&format!("/hsds/organizations/{oid}")).await.status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tabular_package_passes_frictionless_and_is_rebuilt_after_a_change() {
    let app = TestApp::with_demo().await;
    let (status, headers, bytes) = app.get_bytes("/api/v1/hsds.zip").await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/zip");
    assert!(headers["link"]
        .to_str()
        .expect("ascii")
        .contains("rel=\"license\""));
    let dir = tempfile::tempdir().expect("temp dir");
    let zip = dir.path().join("hsds.zip");
    std::fs::write(&zip, &bytes).expect("write");
    let (ok, report) = run_checker("check-hsds.py", &[OsStr::new("package"), zip.as_os_str()]);
    assert!(ok, "frictionless: {report}");
    for table in [
        "organizations.csv",
        "services.csv",
        "locations.csv",
        "taxonomy_terms.csv",
        "attributes.csv",
        "metadata.csv",
    ] {
        assert!(
            report.contains(table),
            "{table} was validated: {report:.2000}"
        );
    }
    // The same file until something changes; a new one after.
    let (_, _, same) = app.get_bytes("/api/v1/hsds.zip").await;
    assert_eq!(same, bytes);
    sqlx::query("update organization set name = name || ' (обновлено)' where id = (select min(id) from organization where status = 'published')")
        .execute(&app.state.db)
        .await
        .expect("update");
    let (_, _, newer) = app.get_bytes("/api/v1/hsds.zip").await;
    assert_ne!(newer, bytes);
    let files: Vec<_> = std::fs::read_dir(app.data_dir().join("hsds"))
        .expect("dir")
        .collect();
    assert_eq!(files.len(), 1, "the old package is gone");

    // HSDS JSON: every organization, fully nested, as one array.
    let all = app.get("/api/v1/hsds.json").await;
    assert_eq!(all.status, 200);
    let list = json(&all.body);
    let published = app
        .scalar_i64("select count(*) from organization where status = 'published'")
        .await;
    assert_eq!(list.as_array().map(Vec::len), Some(published as usize));
    let sample: Vec<Value> = list
        .as_array()
        .expect("array")
        .iter()
        .step_by(25)
        .cloned()
        .collect();
    assert_valid("compiled/organization", &sample);
}

/// The validators are real: they refuse a broken object and a package whose service points
/// at an organization that is not in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_validators_refuse_what_the_standard_does_not_allow() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"id": "42", "name": "x", "website": "not a uri"}"#).expect("write");
    let args = [
        OsStr::new("json"),
        OsStr::new("compiled/organization"),
        bad.as_os_str(),
    ];
    let (ok, said) = run_checker("check-hsds.py", &args);
    assert!(!ok, "{said}");
    for problem in [
        "is not a 'uuid'",
        "'description' is a required property",
        "is not a 'uri'",
    ] {
        assert!(said.contains(problem), "{problem}: {said}");
    }

    let app = TestApp::with_demo().await;
    let (_, _, bytes) = app.get_bytes("/api/v1/hsds.zip").await;
    let good = dir.path().join("good.zip");
    std::fs::write(&good, &bytes).expect("write");
    let broken = dir.path().join("broken.zip");
    // Rewrites services.csv so that its first service belongs to an unknown organization.
    let script = "import sys, zipfile\n\
        src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w')\n\
        for item in src.infolist():\n\
        \x20   data = src.read(item.filename)\n\
        \x20   if item.filename == 'services.csv':\n\
        \x20       lines = data.decode().split('\\n')\n\
        \x20       cells = lines[1].split(',')\n\
        \x20       cells[1] = '00000000-0000-8000-8000-000000000000'\n\
        \x20       lines[1] = ','.join(cells)\n\
        \x20       data = '\\n'.join(lines).encode()\n\
        \x20   dst.writestr(item, data)\n\
        dst.close()\n";
    let status = Command::new(repo_root().join(".venv/bin/python"))
        .args(["-c", script])
        .arg(&good)
        .arg(&broken)
        .status()
        .expect("python");
    assert!(status.success());
    let (ok, said) = run_checker(
        "check-hsds.py",
        &[OsStr::new("package"), broken.as_os_str()],
    );
    assert!(!ok, "{said}");
    assert!(said.contains("foreign-key"), "{said:.3000}");
}
