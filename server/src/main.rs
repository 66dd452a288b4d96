#![recursion_limit = "256"]
//! `server`: runs Poputchiki. `server` (or `server serve`) starts the web server;
//! `server import FILE` loads organizations; `server generate` writes synthetic ones.

use std::process::ExitCode;

use clap::Parser;
use server::config::{Cli, Command, ServeArgs};
use server::startup::{build_state, init_tracing, leptos_options, load_demo_if_empty};

#[tokio::main]
async fn main() -> ExitCode {
    init_tracing();
    let cli = Cli::parse();
    let result = match cli.command.clone().unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli, cli.serve.clone())
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::Import { file, dry_run } => import(&cli, &file, dry_run).await,
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
    let app = server::router(state);
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    tracing::info!("Poputchiki is listening on http://{}", args.addr);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
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

/// Exit codes: 0 every row imported, 2 some rows rejected (the rest imported), 1 nothing
/// could be read.
async fn import(cli: &Cli, file: &std::path::Path, dry_run: bool) -> anyhow::Result<ExitCode> {
    let options = leptos_options("target/site", ([127, 0, 0, 1], 0).into());
    let state = build_state(&cli.common, options).await?;
    let started = std::time::Instant::now();
    let (rows, unknown) =
        app::import::read_file(file).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    let mut report = app::import::import_rows(&state.db, &state.region, rows, dry_run).await?;
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
    let options = leptos_options("target/site", ([127, 0, 0, 1], 0).into());
    let state = build_state(&cli.common, options).await?;
    let orgs = app::demo::generate(&state.region, count, seed);
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
