#![recursion_limit = "256"]
//! `server`: runs Poputchiki. `server` (or `server serve`) starts the web server; the
//! load tools drive a running one; every domain command of the `poputchiki` binary
//! (`import FILE`, `reindex`, `remind`, `generate`, `create-admin`, `bench-*`) works here
//! too under the same name (docs/BENCHMARKS.md for the benchmarks).

use std::process::ExitCode;

use clap::Parser;
use server::config::{Cli, Command, ServeArgs};
use server::startup::{build_state, init_tracing, leptos_options, load_demo_if_empty, open_region};

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
        Command::Domain(command) => poputchiki_cli::commands::run(&cli.common, command).await,
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
