#![recursion_limit = "256"]
//! `server`: runs Poputchiki. `server` (or `server serve`) starts the web server;
//! `server import FILE` loads organizations; `server reindex` rebuilds the search index;
//! `server remind [--dry-run]` sends (or lists) the re-confirmation reminders due;
//! `server generate` writes synthetic ones; `server bench-*` measure (docs/BENCHMARKS.md).

use std::process::ExitCode;

use clap::Parser;
use server::config::{Cli, Command, ServeArgs};
use server::startup::{
    build_state, init_tracing, leptos_options, load_demo_if_empty, open_region, search_dir,
};

fn main() -> ExitCode {
    // Before any thread starts: see `limit_malloc_arenas`.
    server::startup::limit_malloc_arenas();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(e) => {
            eprintln!("Ошибка: the async runtime cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    init_tracing();
    let cli = Cli::parse();
    let result = match cli.command.clone().unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli, cli.serve.clone())
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::Import { file, dry_run } => import(&cli, &file, dry_run).await,
        Command::Reindex => reindex(&cli).await.map(|_| ExitCode::SUCCESS),
        Command::Remind { dry_run } => server::remind::run(&cli.common, dry_run)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::BenchSearch { rounds } => {
            bench_search(&cli, rounds).await.map(|_| ExitCode::SUCCESS)
        }
        Command::BenchMap { viewports } => {
            bench_map(&cli, viewports).await.map(|_| ExitCode::SUCCESS)
        }
        Command::BenchDuplicates {
            count,
            list,
            exhaustive,
        } => server::bench_duplicates::run(&cli.common, count, list, exhaustive)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::BenchEdit { edits } => bench_edit(&cli, edits).await.map(|_| ExitCode::SUCCESS),
        Command::LoadSetup { orgs } => load_setup(&cli, orgs).await.map(|_| ExitCode::SUCCESS),
        Command::CrashLoad {
            target,
            log,
            workers,
        } => crash_load(&cli, target, &log, workers)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::CrashCheck { log } => server::loadgen::crash_check(&cli.common, &log)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::Soak {
            target,
            rate,
            seconds,
            pid,
        } => soak(&cli, target, rate, seconds, pid)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::CreateAdmin {
            email,
            name,
            existing,
        } => create_admin(&cli, &email, &name, existing)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::Generate { count, seed, out } => generate(&cli, count, seed, &out)
            .await
            .map(|_| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|e| {
        tracing::error!("{e:#}");
        eprintln!("Ошибка: {e:#}");
        ExitCode::FAILURE
    })
}

async fn serve(cli: &Cli, args: ServeArgs) -> anyhow::Result<()> {
    let state = build_state(&cli.common, leptos_options(&args.site_root, args.addr)).await?;
    if args.demo {
        load_demo_if_empty(&state).await?;
    }
    app::search::watch::spawn(state.search.clone(), state.db.clone());
    state.mailer.log_links_for_demo(args.demo);
    app::mail_queue::spawn(
        state.db.clone(),
        state.mailer.clone(),
        state.mail_wake.clone(),
    );
    app::scheduler::spawn(state.core.clone());
    server::startup::release_freed_memory();
    server::startup::spawn_memory_trim();
    let app = server::router(state);
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    tracing::info!("Poputchiki is listening on http://{}", args.addr);
    server::listen::serve(listener, app, shutdown_signal()).await?;
    Ok(())
}

/// `server create-admin`: see [`server::admin::create_admin`].
async fn create_admin(cli: &Cli, email: &str, name: &str, existing: bool) -> anyhow::Result<()> {
    let (db, _) = open_region(&cli.common).await?;
    let pw = admin_password()?;
    let message = server::admin::create_admin(&db, email, name, &pw, existing).await?;
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

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Exit codes: 0 every row imported, 2 some rows rejected (the rest imported), 1 nothing
/// could be read.
async fn import(cli: &Cli, file: &std::path::Path, dry_run: bool) -> anyhow::Result<ExitCode> {
    let (db, region) = open_region(&cli.common).await?;
    let started = std::time::Instant::now();
    let (rows, unknown) =
        app::import::read_file(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    // A running server notices the changes within two seconds and updates search itself.
    let mut report = app::import::import_rows(&db, &region, rows, dry_run).await?;
    report.unknown_columns = unknown;
    print!("{}", report.render());
    println!("Время: {:.2} с", started.elapsed().as_secs_f64());
    Ok(if report.rejected_rows > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

async fn generate(cli: &Cli, count: usize, seed: u64, out: &std::path::Path) -> anyhow::Result<()> {
    let (_, region) = open_region(&cli.common).await?;
    let orgs = app::demo::generate(&region, count, seed);
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
async fn reindex(cli: &Cli) -> anyhow::Result<()> {
    let (db, region) = open_region(&cli.common).await?;
    let engine =
        app::search::engine::SearchEngine::open(&search_dir(&cli.common), &db, region, false)
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

async fn bench_map(cli: &Cli, viewports: usize) -> anyhow::Result<()> {
    let (db, region) = open_region(&cli.common).await?;
    let dir = search_dir(&cli.common);
    let engine = app::search::engine::SearchEngine::open(&dir, &db, region, true).await?;
    server::bench_map::run(&engine, &db, viewports).await
}

async fn load_setup(cli: &Cli, orgs: i64) -> anyhow::Result<()> {
    let (db, _) = open_region(&cli.common).await?;
    server::loadgen::setup(&db, orgs).await
}

async fn crash_load(
    cli: &Cli,
    target: std::net::SocketAddr,
    log: &std::path::Path,
    workers: usize,
) -> anyhow::Result<()> {
    let (db, region) = open_region(&cli.common).await?;
    server::loadgen::crash::load(target, db, region, log, workers).await
}

async fn soak(
    cli: &Cli,
    target: std::net::SocketAddr,
    rate: f64,
    seconds: u64,
    pid: Option<u32>,
) -> anyhow::Result<()> {
    let (db, region) = open_region(&cli.common).await?;
    server::loadgen::soak::run(target, db, region, rate, seconds, pid).await
}

async fn bench_edit(cli: &Cli, edits: usize) -> anyhow::Result<()> {
    let state = build_state(&cli.common, leptos_options("target/site", cli.serve.addr)).await?;
    server::bench_edit::run(&state, edits).await
}

async fn bench_search(cli: &Cli, rounds: usize) -> anyhow::Result<()> {
    let (db, region) = open_region(&cli.common).await?;
    let dir = search_dir(&cli.common);
    let engine = app::search::engine::SearchEngine::open(&dir, &db, region, false).await?;
    server::bench::run(&engine, &db, &dir, rounds).await
}
