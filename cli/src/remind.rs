//! `server remind [--dry-run]`: one pass of the re-confirmation scheduler from the command
//! line (the server runs it every hour by itself), or with --dry-run the list of what it
//! would send, writing nothing. Mail goes into the queue; a running server delivers it.

use poputchiki_core::reconfirm::run::{self, Ctx, Reminder};

use crate::config::CommonArgs;

fn line(r: &Reminder) -> String {
    let to = if r.recipients.is_empty() {
        "нет адреса — нужно позвонить".to_owned()
    } else {
        r.recipients.join(", ")
    };
    format!("  #{} «{}» ({}) → {to}", r.organization_id, r.name, r.round)
}

pub async fn run(common: &CommonArgs, dry_run: bool) -> anyhow::Result<()> {
    let (db, region) = crate::startup::open_region(common).await?;
    let ctx = Ctx {
        db: &db,
        region: &region,
        public_url: &common.public_url,
    };
    let now = chrono::Utc::now();
    let report = if dry_run {
        run::dry_run(ctx, now).await?
    } else {
        run::run_once(ctx, now).await?
    };
    println!(
        "{}",
        if dry_run {
            "Напоминания — пробный прогон, ничего не отправлено и не записано:"
        } else {
            "Напоминания отправлены (письма в очереди; их доставит работающий сервер):"
        }
    );
    for r in report.sent.iter().chain(&report.no_address) {
        println!("{}", line(r));
    }
    println!(
        "Итого: писем {}, без адреса {}, новых раундов {}, снято устаревших {}.",
        report.sent.len(),
        report.no_address.len(),
        report.queued,
        report.skipped
    );
    Ok(())
}
