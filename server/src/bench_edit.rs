//! `server bench-edit`: what accounts and editing cost on the current database
//! (docs/BENCHMARKS.md). It times argon2id hashing one at a time and under load (the cap of
//! two concurrent hashes shows as queueing), then saves real edits through the same path
//! as the edit form (validation, optimistic-concurrency update, revision, search refresh)
//! and checks each edit is findable in search as soon as the save returns.

use std::time::{Duration, Instant};

use app::accounts::password;
use app::accounts::store as account_store;
use app::accounts::Viewer;
use app::editing::service::{self, Save, SaveOutcome};
use app::state::AppState;

use crate::bench::{ms, percentile, rss};

fn row(name: &str, value: String) {
    println!("| {name} | {value} |");
}

async fn hashes(count: usize) -> anyhow::Result<()> {
    let mut one = vec![];
    for i in 0..count {
        let t = Instant::now();
        password::hash_password(&format!("пароль для замера {i}")).await?;
        one.push(t.elapsed());
    }
    one.sort();
    row(
        "argon2id hash, one at a time: p50 / p99",
        format!(
            "{} / {}",
            ms(percentile(&one, 0.5)),
            ms(percentile(&one, 0.99))
        ),
    );
    let started = Instant::now();
    let jobs: Vec<_> = (0..16)
        .map(|i| {
            tokio::spawn(async move {
                password::hash_password(&format!("параллельно {i}")).await
            })
        })
        .collect();
    for j in jobs {
        j.await??;
    }
    let all = started.elapsed();
    row(
        "16 logins at once (at most 2 hashes run together): total",
        ms(all),
    );
    Ok(())
}

pub async fn run(state: &AppState, edits: usize) -> anyhow::Result<()> {
    println!("| measure | result |\n| --- | --- |");
    hashes(20).await?;
    let email = format!("bench-{}@example.org", std::process::id());
    let hash = password::hash_password("пароль для замера").await?;
    let account_id = account_store::create_account(&state.db, &email, "bench", &hash, true)
        .await?
        .ok_or_else(|| anyhow::anyhow!("bench account exists"))?;
    let viewer = Viewer {
        account_id,
        email,
        display_name: "bench".into(),
        is_admin: true,
        staff_regions: vec![],
        email_verified: true,
        needs_second_factor: false,
        totp_enabled: false,
    };
    let ids: Vec<i64> = sqlx::query_scalar("select id from organization where region_id = $1 and status = 'published' order by id limit $2")
        .bind(state.region.id)
        .bind(edits as i64)
        .fetch_all(&state.db)
        .await?;
    let mut saves = vec![];
    let mut misses = 0;
    for (i, id) in ids.iter().enumerate() {
        let org = app::accounts::authz::org_access(&state.db, *id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("org {id}"))?;
        let mut input = app::editing::store::load_editable(&state.db, &state.region, *id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("org {id}"))?
            .input;
        let word = format!("замерправки{i}");
        input.summary = format!("Проверка скорости сохранения {word}");
        let t = Instant::now();
        let outcome = service::save(
            state,
            &viewer,
            Save {
                org: &org,
                base_version: org.version,
                input,
                kind: app::kinds::RevisionKind::Edit,
                reverted_to: None,
                logo_changed: false,
            },
        )
        .await?;
        saves.push(t.elapsed());
        anyhow::ensure!(
            matches!(outcome, SaveOutcome::Saved { .. }),
            "edit of {id}: {outcome:?}"
        );
        let params = app::search::params::SearchParams::from_pairs([("q", word.as_str())])
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let found = state
            .search
            .search(&params, &app::i18n::I18n::default())
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        if !found.items.iter().any(|it| it.id == *id) {
            misses += 1;
        }
    }
    saves.sort();
    row(
        &format!("save an edit ({} organizations): validate + update + revision + search refresh, p50 / p99 / max", ids.len()),
        format!("{} / {} / {}", ms(percentile(&saves, 0.5)), ms(percentile(&saves, 0.99)), ms(saves.last().copied().unwrap_or(Duration::ZERO))),
    );
    row(
        "edits not yet findable by search when the save returned",
        format!("{misses} of {}", ids.len()),
    );
    row("process RSS", rss());
    Ok(())
}
