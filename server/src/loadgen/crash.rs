//! The crash test's two halves. `crash-load` edits and proposes organizations through the
//! real forms as fast as the server answers, and appends each write the server
//! acknowledged (a 303 to the success page) to a log, flushed at once. `crash-check`, run
//! after the killed server has been restarted and stopped again, proves that every
//! acknowledged write is in the database, that nothing is half-written, and that the
//! search index holds the same ids at the same versions as the database.

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

use app::db::{Backend, Db};
use app::region::RegionCatalog;

use super::http::Client;
use super::{LOAD_EMAIL, LOAD_PASSWORD};

/// One acknowledged write, as logged.
#[derive(Debug, PartialEq, Eq)]
pub enum Acked {
    /// An edit of an organization that set its summary to a unique marker.
    Edit { org: i64, marker: String },
    /// A proposed organization with a unique name.
    Proposal { name: String },
    /// An import that finished: every name in the file.
    Import { file: String },
}

impl Acked {
    pub fn line(&self) -> String {
        match self {
            Self::Edit { org, marker } => format!("edit\t{org}\t{marker}"),
            Self::Proposal { name } => format!("proposal\t{name}"),
            Self::Import { file } => format!("import\t{file}"),
        }
    }

    pub fn parse(line: &str) -> Option<Self> {
        let mut parts = line.split('\t');
        match parts.next()? {
            "edit" => Some(Self::Edit {
                org: parts.next()?.parse().ok()?,
                marker: parts.next()?.to_owned(),
            }),
            "proposal" => Some(Self::Proposal {
                name: parts.next()?.to_owned(),
            }),
            "import" => Some(Self::Import {
                file: parts.next()?.to_owned(),
            }),
            _ => None,
        }
    }
}

fn append(log: &Path, acked: &Acked) -> anyhow::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)?;
    writeln!(f, "{}", acked.line())?;
    f.sync_data()?;
    Ok(())
}

/// Runs `workers` editors until the process is killed (or the server stays away).
pub async fn load(
    addr: SocketAddr,
    db: Db,
    region: std::sync::Arc<RegionCatalog>,
    log: &Path,
    workers: usize,
) -> anyhow::Result<()> {
    let orgs: Vec<i64> = sqlx::query_scalar(
        "select organization_id from membership m join account a on a.id = m.account_id where a.email = $1 order by 1",
    )
    .bind(LOAD_EMAIL)
    .fetch_all(&db)
    .await?;
    anyhow::ensure!(!orgs.is_empty(), "run `server load-setup` first");
    let mut tasks = vec![];
    for w in 0..workers {
        let mine: Vec<i64> = orgs.iter().copied().skip(w).step_by(workers).collect();
        let (db, region, log) = (db.clone(), region.clone(), log.to_owned());
        tasks.push(tokio::spawn(async move {
            worker(addr, db, region, &log, w, mine).await
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(())
}

async fn worker(
    addr: SocketAddr,
    db: Db,
    region: std::sync::Arc<RegionCatalog>,
    log: &Path,
    w: usize,
    orgs: Vec<i64>,
) -> anyhow::Result<()> {
    let mut client = Client::new(addr);
    let mut failures = 0;
    let run = std::process::id();
    for n in 0u64.. {
        if failures > 50 {
            anyhow::bail!("the server is gone");
        }
        if !client.cookies.contains_key("poputchiki_session") {
            match client
                .post_form(
                    "/login",
                    &[("email", LOAD_EMAIL), ("password", LOAD_PASSWORD)],
                )
                .await
            {
                Ok(_) => {}
                Err(_) => {
                    failures += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            }
        }
        let result = if n % 5 == 4 {
            propose(&mut client, log, &format!("Проверка сбоя {run}-{w}-{n}")).await
        } else {
            let org = orgs[(n as usize) % orgs.len()];
            edit(
                &mut client,
                &db,
                &region,
                log,
                org,
                &format!("сбой-{run}-{w}-{n}"),
            )
            .await
        };
        if result.is_err() {
            failures += 1;
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        } else {
            failures = 0;
        }
    }
    Ok(())
}

async fn edit(
    client: &mut Client,
    db: &Db,
    region: &RegionCatalog,
    log: &Path,
    org: i64,
    marker: &str,
) -> anyhow::Result<()> {
    let e = app::editing::store::load_editable(db, region, org)
        .await?
        .ok_or_else(|| anyhow::anyhow!("organization {org} is gone"))?;
    let mut fields = app::editing::form::to_fields(&e.input);
    fields.retain(|(k, _)| k != "summary");
    fields.push(("summary".into(), marker.to_owned()));
    fields.push(("version".into(), e.row.version.to_string()));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let resp = client
        .post_form(&format!("/org/{org}/edit"), &pairs)
        .await?;
    if resp.status == 303
        && resp
            .header("location")
            .is_some_and(|l| l.contains("notice=saved"))
    {
        append(
            log,
            &Acked::Edit {
                org,
                marker: marker.to_owned(),
            },
        )?;
    }
    Ok(())
}

async fn propose(client: &mut Client, log: &Path, name: &str) -> anyhow::Result<()> {
    let fields = [
        ("name", name),
        ("kind", "initiative_group"),
        ("okrug", "ketovsky"),
        ("description", "Запись теста на сбои."),
    ];
    let resp = client.post_form("/org/new", &fields).await?;
    if resp.status == 303 && resp.header("location") == Some("/account?notice=proposed") {
        append(
            log,
            &Acked::Proposal {
                name: name.to_owned(),
            },
        )?;
    }
    Ok(())
}

/// What the check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub acked: usize,
    pub lost: Vec<String>,
    pub half_written: Vec<String>,
    pub index: app::search::consistency::IndexDiff,
}

/// Checks the database and the index against the log of acknowledged writes.
pub async fn check(
    db: &Db,
    engine: &app::search::engine::SearchEngine,
    log: &Path,
) -> anyhow::Result<CheckReport> {
    let mut report = CheckReport::default();
    let text = std::fs::read_to_string(log).unwrap_or_default();
    for acked in text.lines().filter_map(Acked::parse) {
        report.acked += 1;
        if !is_stored(db, &acked).await? {
            report.lost.push(acked.line());
        }
    }
    // SQLite's own checks of its file; PostgreSQL enforces foreign keys as it writes.
    if Backend::of(db) == Backend::Sqlite {
        let integrity: String = sqlx::query_scalar("pragma integrity_check")
            .fetch_one(db)
            .await?;
        if integrity != "ok" {
            report
                .half_written
                .push(format!("integrity_check: {integrity}"));
        }
        let dangling: Vec<(String, i64)> = sqlx::query_as("pragma foreign_key_check")
            .fetch_all(db)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|r: (String, i64, String, i64)| (r.0, r.1))
            .collect();
        for (table, row) in dangling {
            report
                .half_written
                .push(format!("{table} row {row} points nowhere"));
        }
    }
    // Every save writes the row and its revision in one transaction: a version without its
    // revision (or the reverse) would be half a save.
    let torn: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select o.id, o.version, max(r.number) from organization o join revision r on r.organization_id = o.id
         group by o.id having max(r.number) <> o.version",
    )
    .fetch_all(db)
    .await?;
    for (id, version, revision) in torn {
        report.half_written.push(format!(
            "organization {id}: version {version}, last revision {revision}"
        ));
    }
    report.index = engine.compare_with(db).await?;
    Ok(report)
}

async fn is_stored(db: &Db, acked: &Acked) -> anyhow::Result<bool> {
    Ok(match acked {
        Acked::Edit { org, marker } => {
            let n: i64 = sqlx::query_scalar(
                "select count(*) from revision where organization_id = $1 and snapshot like '%' || $2 || '%'",
            )
            .bind(org)
            .bind(marker)
            .fetch_one(db)
            .await?;
            n > 0
        }
        Acked::Proposal { name } => {
            let n: i64 = sqlx::query_scalar("select count(*) from organization where name = $1")
                .bind(name)
                .fetch_one(db)
                .await?;
            n == 1
        }
        Acked::Import { file } => {
            let (rows, _) = app::import::read_file(Path::new(file))
                .map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
            let mut all = true;
            for r in rows {
                let Ok(input) = r.input else { continue };
                let n: i64 =
                    sqlx::query_scalar("select count(*) from organization where name = $1")
                        .bind(&input.name)
                        .fetch_one(db)
                        .await?;
                all &= n >= 1;
            }
            all
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_round_trip() {
        for a in [
            Acked::Edit {
                org: 7,
                marker: "сбой-1-2-3".into(),
            },
            Acked::Proposal {
                name: "Проверка сбоя 1".into(),
            },
            Acked::Import {
                file: "/tmp/x.jsonl".into(),
            },
        ] {
            assert_eq!(Acked::parse(&a.line()), Some(a));
        }
        assert_eq!(Acked::parse("junk"), None);
    }
}
