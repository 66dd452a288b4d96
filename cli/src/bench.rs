//! `server bench-search`: the search benchmark (docs/BENCHMARKS.md). On the current
//! database it rebuilds the index (timed), then runs a fixed mix of realistic queries on
//! one thread and prints p50/p99 per kind of query, the index size and the process RSS.

use std::path::Path;
use std::time::{Duration, Instant};

use poputchiki_core::i18n::I18n;
use poputchiki_core::search::params::SearchParams;

/// The fixed query mix: (kind, query string).
pub const QUERIES: &[(&str, &str)] = &[
    ("one word", "q=помощь "),
    ("one word", "q=библиотека "),
    ("two words", "q=помощь пожилым "),
    ("two words", "q=совет ветеранов "),
    ("everyday phrase", "q=кружок для детей бесплатно "),
    ("as-you-type: prefix", "q=юрид"),
    ("as-you-type: prefix", "q=пожарн"),
    ("as-you-type: prefix", "q=помощь пож"),
    ("as-you-type: typo", "q=валантёры "),
    ("as-you-type: prefix + typo", "q=валантё"),
    ("as-you-type: prefix + typo", "q=ветиран"),
    ("words + facets", "q=ветеранов&direction=social_services"),
    (
        "words + facets",
        "q=библиотека&okrug=shumikhinsky&audience=elderly",
    ),
    (
        "words + facets + geo",
        "q=спорт&near=55.449,65.343&radius_km=30",
    ),
    (
        "words + facets + geo",
        "q=юрист&bbox=65.0,55.2,65.6,55.6&audience=elderly",
    ),
    (
        "two words + small box",
        "q=помощь пожилым &bbox=65.28,55.40,65.40,55.48",
    ),
    (
        "empty + facets",
        "direction=social_services&audience=elderly",
    ),
    (
        "empty + facets",
        "audience=children&okrug=ketovsky&okrug=kurgan",
    ),
    ("empty + facets", "verified=true&has_needs=true"),
    ("sort by name", "sort=name"),
    ("freshness (staff facet)", "freshness=stale"),
    (
        "freshness (staff facet)",
        "q=совет ветеранов &freshness=ageing&okrug=ketovsky",
    ),
    ("sort by recently verified", "sort=verified"),
    (
        "sort by name",
        "direction=charity_volunteering&sort=name&page=5",
    ),
    (
        "sort by distance",
        "near=55.449,65.343&radius_km=50&sort=distance",
    ),
    (
        "sort by distance",
        "q=помощь&near=56.086,63.638&sort=distance",
    ),
];

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The process's current and peak resident memory, from /proc (Linux).
pub fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| format!("{} MB", kb / 1024))
            .unwrap_or_else(|| "?".into())
    };
    format!("{} now, {} peak", field("VmRSS:"), field("VmHWM:"))
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

fn parse(q: &str) -> SearchParams {
    let pairs: Vec<(&str, &str)> = q.split('&').filter_map(|kv| kv.split_once('=')).collect();
    SearchParams::from_pairs(pairs).unwrap_or_default()
}

/// Runs the benchmark and prints Markdown rows.
pub async fn run(
    engine: &std::sync::Arc<poputchiki_core::search::engine::SearchEngine>,
    db: &poputchiki_core::db::Db,
    index_dir: &Path,
    rounds: usize,
) -> anyhow::Result<()> {
    let stats = engine.rebuild(db, std::sync::Arc::new(|_, _| {})).await?;
    println!("| measure | result |\n| --- | --- |");
    println!("| organizations | {} |", stats.docs);
    println!(
        "| full index rebuild from the database | {:.1} s |",
        stats.seconds
    );
    println!(
        "| index size on disk | {} MB |",
        dir_size(index_dir) / 1_000_000
    );
    let i18n = I18n::default();
    let queries: Vec<(&str, SearchParams)> = QUERIES.iter().map(|(k, q)| (*k, parse(q))).collect();
    for (_, p) in &queries {
        engine
            .search(p, &i18n)
            .map_err(|e| anyhow::anyhow!("{e}"))?; // warm-up
    }
    // Each query as if asked for the first time: nothing kept from an earlier search (the
    // rounds below find the words of the round before kept).
    let mut first = vec![];
    for _ in 0..rounds {
        for (_, p) in &queries {
            engine.forget_kept();
            let t = Instant::now();
            let r = engine
                .search(p, &i18n)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            first.push(t.elapsed());
            std::hint::black_box(r);
        }
    }
    first.sort();
    println!(
        "| search, each query asked for the first time (kept results dropped): p50 / p99 | {} / {} |",
        ms(percentile(&first, 0.5)),
        ms(percentile(&first, 0.99))
    );
    // One round unmeasured, so that the first measured one finds its words kept from the
    // round before as every later one does (the loop above left only the last list).
    for (_, p) in &queries {
        engine
            .search(p, &i18n)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let mut by_kind: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    let mut all = vec![];
    for _ in 0..rounds {
        for (kind, p) in &queries {
            let t = Instant::now();
            let r = engine
                .search(p, &i18n)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let d = t.elapsed();
            std::hint::black_box(r);
            by_kind.entry(kind).or_default().push(d);
            all.push(d);
        }
    }
    all.sort();
    println!(
        "| search, all {} queries × {rounds} rounds, one thread, words kept from the round before: p50 / p99 | {} / {} |",
        QUERIES.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99))
    );
    for (kind, mut v) in by_kind {
        v.sort();
        println!(
            "| {kind}: p50 / p99 | {} / {} |",
            ms(percentile(&v, 0.5)),
            ms(percentile(&v, 0.99))
        );
    }
    println!("| process RSS after the run | {} |", rss());
    Ok(())
}
