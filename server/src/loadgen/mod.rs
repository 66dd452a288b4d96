//! Load for the reliability scripts (`scripts/crash-test.sh`, `scripts/soak.sh`): a small
//! HTTP client, the crash test's writer and checker, and the soak test's mixed traffic.
//! They drive a running server over loopback exactly as browsers would.

pub mod crash;
pub mod http;
pub mod soak;

use app::db::Db;

/// The account the load logs in with (an editor of the first organizations).
pub const LOAD_EMAIL: &str = "load@poputchiki.test";
/// Its password (a throwaway database only).
pub const LOAD_PASSWORD: &str = "нагрузочная проверка сайта";

/// Creates the load account (verified) as editor of the first `orgs` published
/// organizations. Idempotent.
pub async fn setup(db: &Db, orgs: i64) -> anyhow::Result<()> {
    use app::accounts::{password, security_store, store};
    let id = match store::find_by_email(db, LOAD_EMAIL).await? {
        Some(a) => a.id,
        None => {
            let hash = password::hash_password(LOAD_PASSWORD).await?;
            store::create_account(db, LOAD_EMAIL, "Нагрузка", &hash, false)
                .await?
                .ok_or_else(|| anyhow::anyhow!("the load account could not be made"))?
        }
    };
    security_store::mark_verified(db, id).await?;
    let ids: Vec<i64> = sqlx::query_scalar(
        "select id from organization where status = 'published' order by id limit $1",
    )
    .bind(orgs)
    .fetch_all(db)
    .await?;
    for org in ids {
        store::add_member(db, id, org, None).await?;
    }
    Ok(())
}

/// `server crash-check`: prints the report; an error when anything was lost or differs.
pub async fn crash_check(
    common: &crate::config::CommonArgs,
    log: &std::path::Path,
) -> anyhow::Result<()> {
    let (db, region) = crate::startup::open_region(common).await?;
    let dir = crate::startup::search_dir(common);
    let engine = app::search::engine::SearchEngine::open(&dir, &db, region, false).await?;
    let r = crash::check(&db, &engine, log).await?;
    println!(
        "acknowledged writes: {}; lost: {}; half-written: {}; index missing/extra/stale: {}/{}/{}",
        r.acked,
        r.lost.len(),
        r.half_written.len(),
        r.index.missing.len(),
        r.index.extra.len(),
        r.index.stale.len()
    );
    for line in r.lost.iter().chain(&r.half_written).take(20) {
        println!("  {line}");
    }
    anyhow::ensure!(
        r.lost.is_empty() && r.half_written.is_empty() && r.index.is_empty(),
        "the crash check failed"
    );
    Ok(())
}
