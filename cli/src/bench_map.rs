//! `server bench-map`: the map benchmark (docs/BENCHMARKS.md). On the current database it
//! times the reload of the search table (everything clustering needs: positions and facet
//! masks), then asks for clusters over many viewports, phone- and desktop-sized, at zooms
//! 5 to 18, centred on real organizations, with and without filters. It prints the server
//! time per response (one thread), the number of features and the gzip size of the JSON.

use std::io::Write;
use std::time::{Duration, Instant};

use poputchiki_core::i18n::I18n;
use poputchiki_core::map::features::cluster_collection;
use poputchiki_core::region::LatLon;
use poputchiki_core::search::params::{BBox, SearchParams};
use poputchiki_core::search::table::{mercator, unmercator, OrgTable};

use crate::bench::{ms, percentile, rss};

const FILTERS: &[(&str, &str)] = &[
    ("no filter", ""),
    ("one facet", "direction=social_services"),
    ("two facets", "audience=elderly&kind=ngo"),
    ("words", "q=помощь "),
];

/// Screen sizes in CSS pixels: an old phone and a laptop.
const SCREENS: &[(&str, f64, f64)] = &[
    ("phone 360×640", 360.0, 640.0),
    ("desktop 1280×800", 1280.0, 800.0),
];

/// The box a screen of `w`×`h` pixels shows around `centre` at `zoom`.
fn viewport(centre: LatLon, zoom: u8, w: f64, h: f64) -> BBox {
    let scale = 256.0 * f64::from(1u32 << zoom);
    let (x, y) = mercator(centre);
    let (dx, dy) = (w / 2.0 / scale, h / 2.0 / scale);
    let nw = unmercator(((x - dx).max(0.0), (y - dy).max(0.0)));
    let se = unmercator(((x + dx).min(1.0), (y + dy).min(1.0)));
    BBox {
        min_lon: nw.lon.max(-180.0),
        max_lon: se.lon.min(180.0),
        min_lat: se.lat.max(-90.0),
        max_lat: nw.lat.min(90.0),
    }
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    if enc.write_all(bytes).is_err() {
        return 0;
    }
    enc.finish().map(|v| v.len()).unwrap_or(0)
}

/// Runs the benchmark and prints Markdown rows.
pub async fn run(
    engine: &std::sync::Arc<poputchiki_core::search::engine::SearchEngine>,
    db: &poputchiki_core::db::Db,
    viewports: usize,
) -> anyhow::Result<()> {
    let mut reloads = vec![];
    for _ in 0..3 {
        let t = Instant::now();
        let rows = poputchiki_core::search::records::table_rows(db, &engine.catalog, None).await?;
        let table = OrgTable::from_rows(rows);
        reloads.push(t.elapsed());
        *engine
            .table
            .write()
            .map_err(|_| anyhow::anyhow!("lock poisoned"))? = table;
    }
    reloads.sort();
    let centres: Vec<LatLon> = {
        let t = engine
            .table
            .read()
            .map_err(|_| anyhow::anyhow!("lock poisoned"))?;
        let rows = t.rows();
        anyhow::ensure!(!rows.is_empty(), "the database has no organizations");
        // A fixed pseudo-random sample (LCG), so every run asks the same viewports.
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        (0..viewports)
            .map(|_| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                rows[(seed >> 33) as usize % rows.len()].at
            })
            .collect()
    };
    println!("| measure | result |\n| --- | --- |");
    println!("| organizations | {} |", engine.table_len());
    println!(
        "| full table reload from the database (start-up, rebuild), median of 3 | {} |",
        ms(reloads[1])
    );
    // What an edit or import costs the map: the changed rows are re-read and swapped in.
    let sample: Vec<i64> = {
        let t = engine
            .table
            .read()
            .map_err(|_| anyhow::anyhow!("lock poisoned"))?;
        t.rows()
            .iter()
            .step_by(97)
            .take(1000)
            .map(|r| r.id)
            .collect()
    };
    for n in [1usize, 1000] {
        let ids = &sample[..n.min(sample.len())];
        let mut times = vec![];
        for _ in 0..5 {
            let t = Instant::now();
            let rows = poputchiki_core::search::records::table_rows(db, &engine.catalog, Some(ids))
                .await?;
            engine
                .table
                .write()
                .map_err(|_| anyhow::anyhow!("lock poisoned"))?
                .apply(ids, rows);
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "| clustering data after {n} changed organization(s): re-read + swap in, median of 5 | {} |",
            ms(times[2])
        );
    }
    let t = Instant::now();
    engine.refresh(db, &sample[..1]).await?;
    println!(
        "| whole refresh of 1 organization (search index commit + table) | {} |",
        ms(t.elapsed())
    );
    let i18n = I18n::default();
    let mut all = vec![];
    let (mut max_features, mut max_gzip, mut max_raw) = (0usize, 0usize, 0usize);
    let mut gz_sizes = vec![];
    let mut worst = (Duration::ZERO, String::new());
    for (label, filter) in FILTERS {
        let mut times = vec![];
        for (screen, w, h) in SCREENS {
            for (i, c) in centres.iter().enumerate() {
                let zoom = 5 + (i % 14) as u8;
                let b = viewport(*c, zoom, *w, *h);
                let bbox = format!("{},{},{},{}", b.min_lon, b.min_lat, b.max_lon, b.max_lat);
                let mut pairs: Vec<(&str, &str)> = filter
                    .split('&')
                    .filter_map(|kv| kv.split_once('='))
                    .collect();
                pairs.push(("bbox", &bbox));
                let params = SearchParams::from_pairs(pairs)
                    .map_err(|e| anyhow::anyhow!("bad parameters: {e:?}"))?;
                let t = Instant::now();
                let body = cluster_collection(engine, &params, zoom, &i18n)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                let bytes = serde_json::to_vec(&body)?;
                let d = t.elapsed();
                if d > worst.0 {
                    worst = (d, format!("{label}, {screen}, zoom {zoom}"));
                }
                times.push(d);
                let n = body["features"].as_array().map_or(0, Vec::len);
                max_features = max_features.max(n);
                max_raw = max_raw.max(bytes.len());
                let gz = gzip_len(&bytes);
                max_gzip = max_gzip.max(gz);
                gz_sizes.push(gz);
            }
        }
        all.extend(times.iter().copied());
        times.sort();
        println!(
            "| clusters, {label}: p50 / p99 ({} viewports) | {} / {} |",
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99))
        );
    }
    all.sort();
    gz_sizes.sort_unstable();
    println!(
        "| clusters, all {} requests, one thread: p50 / p99 / max | {} / {} / {} |",
        all.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(all.last().copied().unwrap_or_default())
    );
    println!("| slowest request | {} |", worst.1);
    println!("| features per response: max | {max_features} |");
    println!(
        "| response JSON gzip: median / max (max uncompressed) | {:.1} KB / {:.1} KB ({:.1} KB) |",
        gz_sizes.get(gz_sizes.len() / 2).copied().unwrap_or(0) as f64 / 1000.0,
        max_gzip as f64 / 1000.0,
        max_raw as f64 / 1000.0
    );
    println!("| process RSS after the run | {} |", rss());
    Ok(())
}
