//! `poputchiki`: the domain commands without the web server, e.g. `poputchiki import FILE`,
//! `poputchiki reindex`, `poputchiki remind --dry-run`, `poputchiki create-admin --email …`.
//! `server` takes the same commands and also serves the site.

use std::process::ExitCode;

use clap::Parser;
use poputchiki_cli::{commands, startup, Cli};

fn main() -> ExitCode {
    startup::limit_malloc_arenas();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("Ошибка: the async runtime cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        startup::init_tracing();
        let cli = Cli::parse();
        commands::run(&cli.common, cli.command)
            .await
            .unwrap_or_else(|e| {
                tracing::error!("{e:#}");
                eprintln!("Ошибка: {e:#}");
                ExitCode::FAILURE
            })
    })
}
