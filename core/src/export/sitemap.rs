//! The sitemap (sitemaps.org protocol 0.9) and robots.txt: every public page worth indexing
//! (the home page, the okrug list, each okrug and each published organization) with its
//! last change. Past [`PER_FILE`] addresses `/sitemap.xml` becomes a sitemap index over
//! `/sitemap-1.xml`, `/sitemap-2.xml`, …, each read from the database a page at a time.

use crate::db::Db;
use crate::organizations::org_url;
use crate::region::RegionCatalog;
use crate::text::escape_html;

use super::store;

/// The protocol's limit of addresses in one sitemap file.
pub const PER_FILE: usize = 50_000;

const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// Public pages that are not one organization or okrug.
const STATIC_PAGES: [&str; 7] = [
    "/",
    "/okrug",
    "/needs",
    "/places",
    "/events",
    "/network",
    "/open-data",
];

/// One address of the sitemap.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    path: String,
    lastmod: Option<String>,
}

/// What `/sitemap.xml` is: the whole list, or an index of `files` numbered parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Single,
    Index { files: usize },
}

/// The pages that come before the organizations: static pages, then every okrug.
async fn leading(db: &Db, region: &RegionCatalog) -> sqlx::Result<Vec<Entry>> {
    let lastmods = store::okrug_lastmods(db, region.id).await?;
    let newest = lastmods.iter().map(|(_, at)| at.clone()).max();
    let mut out: Vec<Entry> = STATIC_PAGES
        .iter()
        .map(|p| Entry {
            path: (*p).to_owned(),
            lastmod: (*p == "/" || *p == "/okrug")
                .then(|| newest.clone())
                .flatten(),
        })
        .collect();
    out.extend(region.okrugs.iter().map(|o| {
        Entry {
            path: format!("/okrug/{}", o.slug),
            lastmod: lastmods
                .iter()
                .find(|(id, _)| *id == o.id)
                .map(|(_, at)| at.clone()),
        }
    }));
    Ok(out)
}

/// How many files the sitemap needs for `total` addresses, `per_file` to a file.
pub fn layout(total: usize, per_file: usize) -> Layout {
    let per_file = per_file.max(1);
    if total <= per_file {
        Layout::Single
    } else {
        Layout::Index {
            files: total.div_ceil(per_file),
        }
    }
}

/// The addresses numbered `start..start + len` (static and okrug pages first, then the
/// organizations in id order).
async fn entries(
    db: &Db,
    region: &RegionCatalog,
    start: usize,
    len: usize,
) -> sqlx::Result<Vec<Entry>> {
    let lead = leading(db, region).await?;
    let mut out: Vec<Entry> = lead.iter().skip(start).take(len).cloned().collect();
    let org_start = start.saturating_sub(lead.len());
    let want = len - out.len();
    if want > 0 {
        let rows = store::published_pages(db, region.id, org_start as i64, want as i64).await?;
        out.extend(rows.into_iter().map(|(id, slug, at)| Entry {
            path: org_url(id, &slug),
            lastmod: Some(at),
        }));
    }
    Ok(out)
}

/// The number of addresses in the sitemap.
async fn total(db: &Db, region: &RegionCatalog) -> sqlx::Result<usize> {
    let orgs = crate::search::store::published_count(db, region.id).await?;
    Ok(STATIC_PAGES.len() + region.okrugs.len() + orgs.max(0) as usize)
}

/// The body of `/sitemap.xml`: a `<urlset>` of everything, or the index of its parts.
pub async fn root(
    db: &Db,
    region: &RegionCatalog,
    site: &str,
    per_file: usize,
) -> sqlx::Result<String> {
    let total = total(db, region).await?;
    match layout(total, per_file) {
        Layout::Single => Ok(urlset(site, &entries(db, region, 0, total).await?)),
        Layout::Index { files } => Ok(index(site, files)),
    }
}

/// The body of `/sitemap-{n}.xml` (numbered from 1), or `None` past the last part or when
/// the sitemap fits in one file.
pub async fn part(
    db: &Db,
    region: &RegionCatalog,
    site: &str,
    n: usize,
    per_file: usize,
) -> sqlx::Result<Option<String>> {
    let per_file = per_file.max(1);
    let total = total(db, region).await?;
    match layout(total, per_file) {
        Layout::Index { files } if (1..=files).contains(&n) => {
            let list = entries(db, region, (n - 1) * per_file, per_file).await?;
            Ok(Some(urlset(site, &list)))
        }
        _ => Ok(None),
    }
}

fn urlset(site: &str, list: &[Entry]) -> String {
    let site = site.trim_end_matches('/');
    let mut out = String::with_capacity(64 + list.len() * 110);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<urlset xmlns=\"{NS}\">\n"));
    for e in list {
        out.push_str("<url><loc>");
        out.push_str(&escape_html(&format!("{site}{}", e.path)));
        out.push_str("</loc>");
        if let Some(at) = &e.lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", escape_html(at)));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn index(site: &str, files: usize) -> String {
    let site = escape_html(site.trim_end_matches('/'));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<sitemapindex xmlns=\"{NS}\">\n"));
    for n in 1..=files {
        out.push_str(&format!(
            "<sitemap><loc>{site}/sitemap-{n}.xml</loc></sitemap>\n"
        ));
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// `/robots.txt`: everything public may be crawled; accounts, staff pages, forms and the
/// API's downloads may not (they are for people and programs, and cost the server).
pub fn robots(site: &str) -> String {
    let site = site.trim_end_matches('/');
    let mut out = String::from("User-agent: *\n");
    for path in [
        "/account",
        "/admin",
        "/staff",
        "/login",
        "/register",
        "/password",
        "/invite/",
        "/confirm/",
        "/verify-email/",
        "/org/new",
        "/lang/",
        "/api/",
    ] {
        out.push_str(&format!("Disallow: {path}\n"));
    }
    // The organization's own forms and history under /org/{id}/…
    for tail in ["/edit", "/history", "/manage"] {
        out.push_str(&format!("Disallow: /org/*{tail}\n"));
    }
    out.push_str("Allow: /\n\n");
    out.push_str(&format!("Sitemap: {site}/sitemap.xml\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sitemap_splits_only_past_the_limit() {
        assert_eq!(layout(0, 3), Layout::Single);
        assert_eq!(layout(3, 3), Layout::Single);
        assert_eq!(layout(4, 3), Layout::Index { files: 2 });
        assert_eq!(layout(100_001, PER_FILE), Layout::Index { files: 3 });
    }

    #[test]
    fn addresses_are_absolute_and_escaped() {
        let xml = urlset(
            "https://example.org/",
            &[Entry {
                path: "/org/1-a&b".into(),
                lastmod: Some("2026-01-02T03:04:05Z".into()),
            }],
        );
        assert!(
            xml.contains("<loc>https://example.org/org/1-a&amp;b</loc>"),
            "{xml}"
        );
        assert!(xml.contains("<lastmod>2026-01-02T03:04:05Z</lastmod>"));
        let robots = robots("https://example.org");
        assert!(robots.ends_with("Sitemap: https://example.org/sitemap.xml\n"));
        assert!(robots.contains("Disallow: /staff\n"));
    }
}
