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
