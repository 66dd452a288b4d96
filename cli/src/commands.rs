//! The domain commands, shared by the `poputchiki` binary and `server`: import, reminders,
//! the search index, the benchmarks that need no web server, and administrator accounts.

use std::process::ExitCode;

use crate::config::{Command, CommonArgs};
use crate::startup::{open_region, search_dir};

/// Runs one command. Exit codes: 0 done; 2 an import rejected some rows (the rest went in).
pub async fn run(common: &CommonArgs, command: Command) -> anyhow::Result<ExitCode> {
    let done = |r: anyhow::Result<()>| r.map(|_| ExitCode::SUCCESS);
    match command {
        Command::Import { file, dry_run } => import(common, &file, dry_run).await,
        Command::Reindex => done(reindex(common).await),
        Command::Remind { dry_run } => done(crate::remind::run(common, dry_run).await),
        Command::BenchSearch { rounds } => done(bench_search(common, rounds).await),
        Command::BenchMap { viewports } => done(bench_map(common, viewports).await),
        Command::BenchDuplicates {
            count,
            list,
            exhaustive,
        } => done(crate::bench_duplicates::run(common, count, list, exhaustive).await),
        Command::CreateAdmin {
            email,
            name,
            existing,
        } => done(create_admin(common, &email, &name, existing).await),
        Command::Generate { count, seed, out } => done(generate(common, count, seed, &out).await),
    }
}

/// `create-admin`: see [`crate::admin::create_admin`].
async fn create_admin(
    common: &CommonArgs,
    email: &str,
    name: &str,
    existing: bool,
) -> anyhow::Result<()> {
    let (db, _) = open_region(common).await?;
    let pw = admin_password()?;
    let message = crate::admin::create_admin(&db, email, name, &pw, existing).await?;
    println!("{message}");
    Ok(())
}

fn admin_password() -> anyhow::Result<String> {
    Ok(match std::env::var("POPUTCHIKI_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("Пароль администратора (одна строка):");
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    })
}

/// Exit codes: 0 every row imported, 2 some rows rejected (the rest imported), 1 nothing
/// could be read.
async fn import(
    common: &CommonArgs,
    file: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let (db, region) = open_region(common).await?;
    let started = std::time::Instant::now();
    let (rows, unknown) = poputchiki_core::import::read_file(file)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    // A running server notices the changes within two seconds and updates search itself.
    let mut report = poputchiki_core::import::import_rows(&db, &region, rows, dry_run).await?;
    report.unknown_columns = unknown;
    print!("{}", report.render());
    println!("Время: {:.2} с", started.elapsed().as_secs_f64());
    Ok(if report.rejected_rows > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

async fn generate(
    common: &CommonArgs,
    count: usize,
    seed: u64,
    out: &std::path::Path,
) -> anyhow::Result<()> {
    let (_, region) = open_region(common).await?;
    let orgs = poputchiki_core::demo::generate(&region, count, seed);
    let mut text = String::new();
    for o in &orgs {
        text.push_str(&serde_json::to_string(o)?);
        text.push('\n');
    }
    if out.as_os_str() == "-" {
        print!("{text}");
    } else {
        std::fs::write(out, text)?;
        eprintln!("Записано организаций: {} → {}", orgs.len(), out.display());
    }
    Ok(())
}

/// Rebuilds the search index with a progress bar.
async fn reindex(common: &CommonArgs) -> anyhow::Result<()> {
    let (db, region) = open_region(common).await?;
    let engine = poputchiki_core::search::engine::SearchEngine::open(
        &search_dir(common),
        &db,
        region,
        false,
    )
    .await
    .map_err(|e| {
        anyhow::anyhow!("{e:#}\nIs the server running? It holds the index; stop it first.")
    })?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} ({per_sec})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let b = bar.clone();
    let progress = std::sync::Arc::new(move |done: usize, total: usize| {
        b.set_length(total as u64);
        b.set_position(done as u64);
    });
    let stats = engine.rebuild(&db, progress).await?;
    bar.finish();
    println!(
        "Индекс перестроен: {} организаций за {:.1} с",
        stats.docs, stats.seconds
    );
    Ok(())
}

async fn bench_map(common: &CommonArgs, viewports: usize) -> anyhow::Result<()> {
    let (db, region) = open_region(common).await?;
    let dir = search_dir(common);
    let engine =
        poputchiki_core::search::engine::SearchEngine::open(&dir, &db, region, true).await?;
    crate::bench_map::run(&engine, &db, viewports).await
}

async fn bench_search(common: &CommonArgs, rounds: usize) -> anyhow::Result<()> {
    let (db, region) = open_region(common).await?;
    let dir = search_dir(common);
    let engine =
        poputchiki_core::search::engine::SearchEngine::open(&dir, &db, region, false).await?;
    crate::bench::run(&engine, &db, &dir, rounds).await
}
