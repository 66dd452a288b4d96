//! The coverage page as a visitor and as staff use it: the matrix, white spots, a cell
//! that leads to the same number of results, the options, and the staff downloads.

use http::StatusCode;
use poputchiki_tests::{found_count, TestApp};

const PW: &str = "рыжий кот на крыше";

/// The `href` and text of every cell link in the table body (`<td><a href=…>N</a></td>`).
fn cell_links(body: &str) -> Vec<(String, i64)> {
    let tbody = body.split("<tbody>").nth(1).unwrap_or_default();
    let tbody = tbody.split("</tbody>").next().unwrap_or_default();
    tbody
        .split("<td><a href=\"")
        .skip(1)
        .filter_map(|rest| {
            let href = rest.split('"').next()?.replace("&amp;", "&");
            let n = rest
                .split('>')
                .nth(1)?
                .split('<')
                .next()?
                .trim()
                .parse()
                .ok()?;
            Some((href, n))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_matrix_shows_white_spots_and_each_cell_leads_to_as_many_results() {
    let app = TestApp::with_demo().await;
    let page = app.get("/coverage").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("id=\"coverage-caption\">Организации по округам и направлениям<"));
    // 26 okrugs, each a row header.
    assert_eq!(
        page.body
            .matches("<th scope=\"row\"><a href=\"/okrug/")
            .count(),
        26
    );
    let spots = page.body.matches("<td class=\"spot\"><a href=").count();
    assert!(spots > 0, "the demo has white spots");
    assert!(page.body.contains(&format!("белых пятен: {spots}.")));
    let links = cell_links(&page.body);
    assert!(links.len() > 50, "{} cell links", links.len());
    // Every fifth cell, checked against the search it opens.
    for (href, n) in links.iter().step_by(5) {
        let found = found_count(&app.get(href).await.body);
        assert_eq!(found, Some(*n), "{href}");
    }
    // No download links for visitors.
    assert!(!page.body.contains("/staff/coverage.xlsx"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_options_switch_columns_and_count_only_verified_organizations() {
    let app = TestApp::with_demo().await;
    let page = app.get("/coverage?by=audience&verified=true").await;
    assert!(page
        .body
        .contains("Организации по округам и тем, кому помогают (только проверенные)"));
    assert!(page
        .body
        .contains("id=\"by-audience\" name=\"by\" value=\"audience\" checked"));
    let links = cell_links(&page.body);
    assert!(links
        .iter()
        .all(|(h, _)| h.contains("audience=") && h.ends_with("verified=true")));
    let (href, n) = &links[0];
    assert_eq!(found_count(&app.get(href).await.body), Some(*n), "{href}");
    // A column header opens the map shaded by okrug for that audience.
    assert!(page
        .body
        .contains("/?audience=elderly&amp;map=1&amp;map_mode=choropleth"));
    // Nonsense options fall back to the defaults instead of an error.
    let odd = app.get("/coverage?by=%3Cscript%3E&verified=maybe").await;
    assert_eq!(odd.status, StatusCode::OK);
    assert!(odd.body.contains("Организации по округам и направлениям<"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_download_the_matrix_as_csv_and_excel() {
    let app = TestApp::with_demo().await;
    app.staff("staff@example.ru", PW, app.state.region.id).await;
    let mut b = app.browser();
    b.login("staff@example.ru", PW).await;
    let page = b.get("/coverage?by=audience").await;
    assert!(page
        .body
        .contains("href=\"/staff/coverage.xlsx?by=audience\""));
    let csv = b.get("/staff/coverage.csv?by=audience").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.headers["cache-control"], "no-store");
    let disposition = csv.headers["content-disposition"]
        .to_str()
        .unwrap_or_default();
    assert!(
        disposition.starts_with("attachment; filename=\"coverage-audience-"),
        "{disposition}"
    );
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 28, "header, 26 okrugs, the region");
    assert!(lines[0].starts_with("Округ,Пожилые люди,"), "{}", lines[0]);
    // The region's total is the number of organizations the search finds.
    let total = lines[27].rsplit(',').next().unwrap_or_default();
    let found = found_count(&app.get("/").await.body).expect("count");
    assert_eq!(total, found.to_string());
    let xlsx = b.get("/staff/coverage.xlsx").await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert_eq!(
        xlsx.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    // Visitors are sent to log in.
    let anonymous = app.get("/staff/coverage.csv").await;
    assert_ne!(anonymous.status, StatusCode::OK);
}
