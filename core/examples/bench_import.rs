//! Benchmark of the staff import at list sizes a region really has: writes a list of N
//! generated organizations as a Russian-headed CSV (as Excel saves it), or reads the file
//! given, then times the preview (read + classify every row, writing nothing), the import
//! (one transaction) and the repeated import (every row unchanged), on a throwaway database.
//!
//! `… --example bench_import -- 10000` (a generated list), `… -- 0 FILE` (a given file),
//! `… -- --write FILE 10000` (only write the generated list).
//! (scripts/bench-import.sh runs it for CSV and for the .xlsx LibreOffice makes of it).

use std::time::Instant;

use poputchiki_core::i18n::I18n;
use poputchiki_core::import::{batch, read_file};
use poputchiki_core::staff_import::preview;
use poputchiki_core::testing;

const HEADER: &str = "№;Наименование организации;ОПФ;Район;Населённый пункт;Адрес;Широта;Долгота;Целевая группа;Направление деятельности;Телефон;E-mail;ИНН;ФИО руководителя";

fn csv_cell(s: &str) -> String {
    if s.contains([';', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A generated list written as staff keep it: okrug names, not codes; labels, not codes.
fn write_list(core: &poputchiki_core::state::Core, count: usize, path: &std::path::Path) {
    let region = &core.region;
    let tax = &region.taxonomy;
    let mut out = String::from("\u{feff}Реестр СОНКО (сгенерирован для замера)\r\n\r\n");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for (i, o) in poputchiki_core::demo::generate(region, count, 7)
        .iter()
        .enumerate()
    {
        let okrug = region
            .okrug_by_slug(&o.okrug)
            .map(|k| format!("{} район", k.name.get(Default::default())))
            .unwrap_or_default();
        let label = |v, codes: &[String]| {
            codes
                .iter()
                .map(|c| tax.label(v, c, Default::default()))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let cells = [
            (i + 1).to_string(),
            o.name.clone(),
            String::new(),
            okrug,
            o.settlement.clone(),
            o.address.clone(),
            o.lat
                .map(|x| x.to_string().replace('.', ","))
                .unwrap_or_default(),
            o.lon
                .map(|x| x.to_string().replace('.', ","))
                .unwrap_or_default(),
            label(
                poputchiki_core::taxonomy::Vocabulary::Audience,
                &o.audiences,
            ),
            label(
                poputchiki_core::taxonomy::Vocabulary::Direction,
                &o.directions,
            ),
            o.phone.clone(),
            o.email.clone(),
            o.inn.clone(),
            "Иванова Мария Петровна".into(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    std::fs::write(path, out).expect("write the list");
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (core, dir) = testing::open(testing::repo_root().join("seed/regions"), "kurgan", "").await;
    if args.get(1).map(String::as_str) == Some("--write") {
        let path = std::path::PathBuf::from(args.get(2).expect("--write PATH COUNT"));
        let count = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10_000);
        write_list(&core, count, &path);
        return Ok(());
    }
    let count: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let file = match args.get(2) {
        Some(f) => std::path::PathBuf::from(f),
        None => {
            let f = dir.path().join(format!("list-{count}.csv"));
            write_list(&core, count, &f);
            f
        }
    };
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("list.csv")
        .to_owned();
    let bytes = std::fs::read(&file)?;
    // A batch belongs to a staff account.
    let account = poputchiki_core::accounts::store::create_account(
        &core.db,
        "bench@example.org",
        "bench",
        "x",
        false,
    )
    .await?
    .ok_or_else(|| anyhow::anyhow!("the bench account exists"))?;
    let id = batch::create(&core.db, core.region.id, account, &name, &bytes).await?;
    let b = batch::get(&core.db, id).await?.expect("batch");
    let i18n = I18n::default();
    let t = Instant::now();
    let p = preview::preview(&core, &b, &i18n, "problems", 1).await?;
    let preview_s = t.elapsed().as_secs_f64();
    println!(
        "{name}: {} rows, {} bytes; preview {:.2} s (new {}, refused {}, warnings {})",
        p.counts.rows,
        bytes.len(),
        preview_s,
        p.counts.new,
        p.counts.refused,
        p.counts.with_warnings
    );
    for round in ["import", "re-import"] {
        let (rows, _) = read_file(&file)?;
        let t = Instant::now();
        let report =
            poputchiki_core::import::import_rows(&core.db, &core.region, rows, false).await?;
        println!(
            "{name}: {round} {:.2} s (created {}, updated {}, unchanged {}, refused {})",
            t.elapsed().as_secs_f64(),
            report.created,
            report.updated,
            report.unchanged,
            report.rejected_rows
        );
    }
    Ok(())
}
