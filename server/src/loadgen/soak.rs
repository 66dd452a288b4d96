//! The soak test's traffic: a fixed rate of mixed requests (search, organization pages,
//! map clusters, okrug pages, logins, edits) for a fixed time, open loop (a slow answer does
//! not slow the schedule), with latency percentiles per kind, the errors, and the server's
//! resident memory and open file descriptors sampled from /proc.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::db::Db;

use super::http::Client;
use super::{LOAD_EMAIL, LOAD_PASSWORD};

/// The kinds of request, with their share of the traffic (out of 20).
const MIX: [(&str, u32); 6] = [
    ("search", 8),
    ("organization", 4),
    ("map", 3),
    ("okrug", 1),
    ("login", 2),
    ("edit", 2),
];

const QUERIES: [&str; 8] = [
    "пожилым",
    "дети",
    "ветеран",
    "спорт",
    "помощь семьям",
    "волонтёр",
    "инвалид",
    "культура",
];

#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<f64>>,
    errors: BTreeMap<&'static str, u64>,
    error_samples: Vec<String>,
}

/// A sample of the server process.
#[derive(Debug, Clone, Copy)]
pub struct ProcSample {
    pub rss_kib: u64,
    /// Heap and other anonymous memory: what a leak would grow.
    pub anon_kib: u64,
    /// Pages of mapped files (the search index) and shared memory: caches the kernel can drop.
    pub file_kib: u64,
    pub fds: u64,
}

/// Reads the resident set size and the open file descriptors of `pid`.
pub fn sample(pid: u32) -> Option<ProcSample> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count() as u64;
    Some(ProcSample {
        rss_kib: field("VmRSS:")?,
        anon_kib: field("RssAnon:").unwrap_or(0),
        file_kib: field("RssFile:").unwrap_or(0) + field("RssShmem:").unwrap_or(0),
        fds,
    })
}

fn kind_at(n: u64) -> &'static str {
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    let mut at = (n % u64::from(total)) as u32;
    for (kind, w) in MIX {
        if at < w {
            return kind;
        }
        at -= w;
    }
    MIX[0].0
}

/// Runs the traffic and prints the report.
pub async fn run(
    addr: SocketAddr,
    db: Db,
    region: Arc<app::region::RegionCatalog>,
    rate: f64,
    seconds: u64,
    pid: Option<u32>,
) -> anyhow::Result<()> {
    let orgs: Vec<(i64, String)> =
        sqlx::query_as("select id, slug from organization where status = 'published' order by id")
            .fetch_all(&db)
            .await?;
    let mine: Vec<i64> = sqlx::query_scalar(
        "select organization_id from membership m join account a on a.id = m.account_id where a.email = $1",
    )
    .bind(LOAD_EMAIL)
    .fetch_all(&db)
    .await?;
    anyhow::ensure!(
        !orgs.is_empty() && !mine.is_empty(),
        "run `server load-setup` first"
    );
    let okrugs: Vec<String> = sqlx::query_scalar("select slug from okrug")
        .fetch_all(&db)
        .await?;
    let tally = Arc::new(Mutex::new(Tally::default()));
    let in_flight = Arc::new(tokio::sync::Semaphore::new(256));
    let started = Instant::now();
    let mut samples = vec![(0u64, pid.and_then(sample))];
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    let ctx = Arc::new((orgs, mine, okrugs, db, region));
    let mut n = 0u64;
    while started.elapsed() < Duration::from_secs(seconds) {
        tick.tick().await;
        let Ok(permit) = in_flight.clone().try_acquire_owned() else {
            record_error(
                &tally,
                "overload",
                "more than 256 requests in flight".into(),
            );
            continue;
        };
        let (tally, ctx, kind) = (tally.clone(), ctx.clone(), kind_at(n));
        tokio::spawn(async move {
            let t = Instant::now();
            let outcome = one(addr, kind, n, &ctx).await;
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            match outcome {
                Ok(()) => {
                    if let Ok(mut t) = tally.lock() {
                        t.latencies.entry(kind).or_default().push(ms);
                    }
                }
                Err(e) => record_error(&tally, kind, format!("{e:#}")),
            }
            drop(permit);
        });
        n += 1;
        if n.is_multiple_of((rate as u64 * 30).max(1)) {
            samples.push((started.elapsed().as_secs(), pid.and_then(sample)));
        }
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    samples.push((started.elapsed().as_secs(), pid.and_then(sample)));
    print_report(&tally, n, started.elapsed(), &samples);
    Ok(())
}

fn record_error(tally: &Mutex<Tally>, kind: &'static str, message: String) {
    if let Ok(mut t) = tally.lock() {
        *t.errors.entry(kind).or_default() += 1;
        if t.error_samples.len() < 10 {
            t.error_samples.push(format!("{kind}: {message}"));
        }
    }
}

type Ctx = (
    Vec<(i64, String)>,
    Vec<i64>,
    Vec<String>,
    Db,
    Arc<app::region::RegionCatalog>,
);

async fn one(addr: SocketAddr, kind: &str, n: u64, ctx: &Ctx) -> anyhow::Result<()> {
    let (orgs, mine, okrugs, db, region) = ctx;
    let mut c = Client::new(addr);
    let pick = |len: usize| (n.wrapping_mul(2_654_435_761) % len as u64) as usize;
    let expect = |status: u16, wanted: u16, what: &str| {
        anyhow::ensure!(status == wanted, "{what}: status {status}");
        Ok(())
    };
    match kind {
        "search" => {
            let q: String =
                form_urlencoded::byte_serialize(QUERIES[pick(QUERIES.len())].as_bytes()).collect();
            let path = if n.is_multiple_of(2) {
                format!("/?q={q}")
            } else {
                format!("/api/v1/search?q={q}")
            };
            expect(c.get(&path).await?.status, 200, &path)
        }
        "organization" => {
            let (id, slug) = &orgs[pick(orgs.len())];
            expect(
                c.get(&format!("/org/{id}-{slug}")).await?.status,
                200,
                "organization",
            )
        }
        "map" => {
            let zoom = 6 + (n % 6);
            let path = format!("/api/v1/map/clusters?zoom={zoom}&bbox=61.0,54.2,68.5,56.9");
            expect(c.get(&path).await?.status, 200, "map")
        }
        "okrug" => {
            let slug = &okrugs[pick(okrugs.len())];
            expect(c.get(&format!("/okrug/{slug}")).await?.status, 200, "okrug")
        }
        "login" => {
            let r = c
                .post_form(
                    "/login",
                    &[("email", LOAD_EMAIL), ("password", LOAD_PASSWORD)],
                )
                .await?;
            anyhow::ensure!(
                r.status == 303 && r.header("location") == Some("/account"),
                "login: {} {:?}",
                r.status,
                r.header("location")
            );
            Ok(())
        }
        _ => {
            c.post_form(
                "/login",
                &[("email", LOAD_EMAIL), ("password", LOAD_PASSWORD)],
            )
            .await?;
            let org = mine[pick(mine.len())];
            let e = app::editing::store::load_editable(db, region, org)
                .await?
                .ok_or_else(|| anyhow::anyhow!("organization {org} is gone"))?;
            let mut fields = app::editing::form::to_fields(&e.input);
            fields.retain(|(k, _)| k != "summary");
            fields.push(("summary".into(), format!("Проверка под нагрузкой {n}")));
            fields.push(("version".into(), e.row.version.to_string()));
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let r = c.post_form(&format!("/org/{org}/edit"), &pairs).await?;
            let to = r.header("location").unwrap_or("");
            // Two edits of one organization at once: the second is a conflict, by design.
            anyhow::ensure!(
                r.status == 303 && (to.contains("notice=saved") || to.contains("draft=")),
                "edit: {} {to}",
                r.status
            );
            Ok(())
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn print_report(
    tally: &Mutex<Tally>,
    sent: u64,
    elapsed: Duration,
    samples: &[(u64, Option<ProcSample>)],
) {
    let Ok(mut t) = tally.lock() else { return };
    let errors: u64 = t.errors.values().sum();
    println!(
        "requests sent: {sent} in {:.0} s; errors: {errors}",
        elapsed.as_secs_f64()
    );
    println!("\n| kind | requests | p50 ms | p99 ms | max ms | errors |\n| --- | --- | --- | --- | --- | --- |");
    let kinds: Vec<&'static str> = MIX.iter().map(|(k, _)| *k).collect();
    for kind in kinds {
        let errs = t.errors.get(kind).copied().unwrap_or(0);
        let l = t.latencies.entry(kind).or_default();
        l.sort_by(|a, b| a.total_cmp(b));
        println!(
            "| {kind} | {} | {:.1} | {:.1} | {:.1} | {errs} |",
            l.len(),
            percentile(l, 0.5),
            percentile(l, 0.99),
            l.last().copied().unwrap_or(0.0)
        );
    }
    println!("\n| second | RSS MiB | of it anonymous | of it file pages | open fds |\n| --- | --- | --- | --- | --- |");
    let mib = |k: u64| k as f64 / 1024.0;
    for (s, sample) in samples {
        if let Some(p) = sample {
            println!(
                "| {s} | {:.1} | {:.1} | {:.1} | {} |",
                mib(p.rss_kib),
                mib(p.anon_kib),
                mib(p.file_kib),
                p.fds
            );
        }
    }
    for e in &t.error_samples {
        println!("error: {e}");
    }
}
