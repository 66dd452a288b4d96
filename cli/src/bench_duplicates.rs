//! `server bench-duplicates`: the duplicate detector at scale, on synthetic organizations
//! (`server generate`'s, in memory): every pair of a region (the staff queue), and one
//! uploaded list's rows against everything on the map (the import preview).

use std::time::Instant;

use poputchiki_core::duplicates::{look_alikes, pairs, pairs_exhaustive, record_of, Record};
use poputchiki_core::organizations::validate::validate;

use crate::config::CommonArgs;
use crate::startup::open_region;

/// Runs the benchmark for `count` organizations and a list of `list` rows; then compares
/// the blocking with comparing every pair on the first `exhaustive` organizations.
pub async fn run(
    common: &CommonArgs,
    count: usize,
    list: usize,
    exhaustive: usize,
) -> anyhow::Result<()> {
    let (_, region) = open_region(common).await?;
    let orgs = poputchiki_core::demo::generate(&region, count + list, 1);
    let started = Instant::now();
    let records: Vec<Record> = orgs
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            validate(o, &region)
                .ok()
                .map(|v| record_of(i as i64 + 1, &v))
        })
        .collect();
    println!(
        "{} organizations validated into records in {:.2?}",
        records.len(),
        started.elapsed()
    );
    let (on_map, rows) = records.split_at(records.len().saturating_sub(list));
    let started = Instant::now();
    let found = pairs(on_map);
    println!(
        "staff queue: all pairs among {} organizations in {:.2?} ({} suspected pairs; the synthetic names repeat by construction)",
        on_map.len(),
        started.elapsed(),
        found.len()
    );
    let candidates: Vec<(i64, Record)> = rows.iter().map(|r| (r.id, r.clone())).collect();
    let started = Instant::now();
    let alike = look_alikes(&candidates, on_map);
    println!(
        "import preview: {} rows against {} organizations in {:.2?} ({} rows look like one)",
        candidates.len(),
        on_map.len(),
        started.elapsed(),
        alike.len()
    );
    let sample = &on_map[..exhaustive.min(on_map.len())];
    let started = Instant::now();
    let blocked = pairs(sample);
    let blocked_time = started.elapsed();
    let started = Instant::now();
    let every = pairs_exhaustive(sample);
    let found: std::collections::HashSet<(i64, i64)> =
        blocked.iter().map(|(a, b, _)| (*a, *b)).collect();
    let missed = every
        .iter()
        .filter(|(a, b, _)| !found.contains(&(*a, *b)))
        .count();
    println!(
        "blocking against every pair, {} organizations: {} of {} pairs found ({missed} missed), {:.2?} against {:.2?}",
        sample.len(),
        every.len() - missed,
        every.len(),
        blocked_time,
        started.elapsed()
    );
    for (a, b, why) in every
        .iter()
        .filter(|(a, b, _)| !found.contains(&(*a, *b)))
        .take(5)
    {
        let name = |id: &i64| {
            sample
                .iter()
                .find(|r| r.id == *id)
                .map_or("", |r| r.name.as_str())
        };
        println!("  missed ({why:?}): {} / {}", name(a), name(b));
    }
    Ok(())
}
