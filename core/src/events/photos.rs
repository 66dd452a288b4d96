//! Photos of an organization's events: its history, next to «Как прошло». An editor adds a
//! few pictures to an event that has taken place; each is checked and decoded like a logo,
//! then kept in two sizes without its metadata (a small one for the page over slow rural
//! networks, a large one it links to). Photos follow the event's lasting uid; housekeeping
//! deletes those whose event left the list, files and all. All SQL of event photos is here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::db::{now, Db};
use crate::editing::logo::{self, Logo, Upload};
use crate::organizations::PhotoView;

/// The most photos one event keeps.
pub const MAX_PER_EVENT: i64 = 6;
/// The longest side of the large and the small picture, in pixels.
pub const LARGE_SIDE: u32 = 1280;
pub const SMALL_SIDE: u32 = 360;
/// The longest caption, in characters.
pub const MAX_CAPTION: usize = 200;

/// A photo ready to store: both sizes.
pub struct Processed {
    large: Logo,
    small: Logo,
}

/// Checks, decodes and re-encodes an upload in both sizes. The error is an i18n key.
pub fn process(upload: &Upload) -> Result<Processed, &'static str> {
    let img = logo::decode(upload)?;
    Ok(Processed {
        large: logo::fit(&img, LARGE_SIDE)?,
        small: logo::fit(&img, SMALL_SIDE)?,
    })
}

/// The folder photos are kept in.
pub fn dir(uploads: &Path) -> PathBuf {
    uploads.join("events")
}

fn small_name(file: &str) -> String {
    match file.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-s.{ext}"),
        None => format!("{file}-s"),
    }
}

/// Whether the organization has an event with this uid that has begun by `today`.
pub async fn past_event(db: &Db, org_id: i64, uid: &str, today: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from event where organization_id = $1 and uid = $2 and uid != ''
           and substr(starts_at, 1, 10) <= $3",
    )
    .bind(org_id)
    .bind(uid)
    .bind(today)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// How many photos an event has.
pub async fn count(db: &Db, org_id: i64, uid: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from event_photo where organization_id = $1 and event_uid = $2",
    )
    .bind(org_id)
    .bind(uid)
    .fetch_one(db)
    .await
}

async fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    tokio::fs::write(&tmp, bytes).await?;
    tokio::fs::rename(&tmp, dir.join(name)).await
}

/// Stores both files and the row; returns the photo's id.
pub async fn add(
    db: &Db,
    uploads: &Path,
    org_id: i64,
    uid: &str,
    photo: &Processed,
    caption: &str,
    account_id: i64,
) -> anyhow::Result<i64> {
    let dir = dir(uploads);
    tokio::fs::create_dir_all(&dir).await?;
    // A name of its own for every upload: the same picture added twice is two photos, and
    // deleting one must not take the other's file.
    let token = crate::accounts::token::new_token();
    let file = format!("{org_id}-{}.{}", &token[..16], photo.large.extension);
    write(&dir, &small_name(&file), &photo.small.bytes).await?;
    write(&dir, &file, &photo.large.bytes).await?;
    let ts = now();
    let id = sqlx::query_scalar(
        "insert into event_photo (organization_id, event_uid, file, caption, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
    )
    .bind(org_id)
    .bind(uid)
    .bind(&file)
    .bind(caption)
    .bind(account_id)
    .bind(&ts)
    .bind(&ts)
    .fetch_one(db)
    .await?;
    Ok(id)
}

async fn delete_files(uploads: &Path, file: &str) {
    if file.contains('/') || file.contains("..") {
        return;
    }
    let dir = dir(uploads);
    let _ = tokio::fs::remove_file(dir.join(file)).await;
    let _ = tokio::fs::remove_file(dir.join(small_name(file))).await;
}

/// Deletes one photo of the organization; false if it has no such photo.
pub async fn remove(db: &Db, uploads: &Path, org_id: i64, photo_id: i64) -> sqlx::Result<bool> {
    let file: Option<String> = sqlx::query_scalar(
        "delete from event_photo where id = $1 and organization_id = $2 returning file",
    )
    .bind(photo_id)
    .bind(org_id)
    .fetch_optional(db)
    .await?;
    if let Some(file) = &file {
        delete_files(uploads, file).await;
    }
    Ok(file.is_some())
}

/// The photos of an organization's events, by event uid, oldest first.
pub async fn of_organization(
    db: impl crate::db::AnyExecutor<'_>,
    org_id: i64,
) -> sqlx::Result<HashMap<String, Vec<PhotoView>>> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select id, event_uid, file, caption from event_photo where organization_id = $1 order by id",
    )
    .bind(org_id)
    .fetch_all(db)
    .await?;
    let mut out: HashMap<String, Vec<PhotoView>> = HashMap::new();
    for (id, uid, file, caption) in rows {
        out.entry(uid).or_default().push(PhotoView {
            id,
            small: format!("/uploads/events/{}", small_name(&file)),
            large: format!("/uploads/events/{file}"),
            caption,
        });
    }
    Ok(out)
}

/// Housekeeping: photos whose event is no longer in its organization's list, with their
/// files; returns how many.
pub async fn purge_orphans(db: &Db, uploads: &Path) -> sqlx::Result<u64> {
    let files: Vec<String> = sqlx::query_scalar(
        "delete from event_photo where not exists (select 1 from event e
           where e.organization_id = event_photo.organization_id and e.uid = event_photo.event_uid)
         returning file",
    )
    .fetch_all(db)
    .await?;
    for file in &files {
        delete_files(uploads, file).await;
    }
    Ok(files.len() as u64)
}
