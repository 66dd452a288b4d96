//! Start-up with the demo: the region's demo organizations go in through the import path
//! when the database has none.

use crate::state::Core;

/// Loads the region's demo organizations through the import path, unless it already has
/// organizations.
pub async fn load_demo_if_empty(core: &Core) -> anyhow::Result<()> {
    use anyhow::Context;
    let count = crate::organizations::store::count_all(&core.db, core.region.id).await?;
    if count > 0 {
        tracing::info!(count, "organizations present; demo data not loaded");
        return Ok(());
    }
    let dir = core.config.seed_dir.join(&core.config.region);
    let seed = crate::seed::read_region_dir(&dir)?;
    let file = seed.demo_file().context("the region has no demo file")?;
    let (rows, _) =
        crate::import::read_file(&file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let report = crate::import::import_rows(&core.db, &core.region, rows, false).await?;
    spread_ages(core, chrono::Utc::now()).await?;
    core.search.refresh(&core.db, &report.changed_ids).await?;
    tracing::info!(
        created = report.created,
        rejected = report.rejected_rows,
        "demo data loaded"
    );
    if report.rejected_rows > 0 {
        tracing::warn!("{}", report.render());
    }
    Ok(())
}

/// Gives the demo listings believable ages: last edited from today to 15 months ago (so
/// about one in five is stale under the default policy), and one in three confirmed by the
/// organization within the last two months. Deterministic: the same ids get the same ages.
async fn spread_ages(core: &Core, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<()> {
    use crate::organizations::store::freshness;
    // Half a day off whole days: a threshold ("12 months ago") falls on a whole day from
    // now, so no demo listing sits on it and turns stale while someone is looking.
    let stamp = |days: i64| {
        (now - chrono::Duration::days(days) - chrono::Duration::hours(12))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    let dates: Vec<_> = freshness::demo_ids(&core.db, core.region.id)
        .await?
        .into_iter()
        .map(|id| {
            let confirmed = (id % 3 == 0).then(|| stamp(id * 13 % 60));
            (id, stamp(id * 37 % 450), confirmed)
        })
        .collect();
    freshness::set_dates(&core.db, &dates).await?;
    Ok(())
}
