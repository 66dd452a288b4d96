//! The changes feed for mirrors (`GET /api/v1/changes`): which organizations became public,
//! changed, or stopped being public since a moment or a cursor, each once with its state
//! now, cursor-paginated. Organizations that were never public (proposals awaiting
//! moderation, rejected ones) never appear.

use serde::Serialize;

use crate::db::Db;
use crate::search::params::ParamError;

/// Most entries one page may ask for, and the default.
pub const MAX_LIMIT: u32 = 1000;
pub const DEFAULT_LIMIT: u32 = 500;

/// What a mirror should do with an organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeState {
    /// Public now: fetch `/api/v1/organizations/{id}` (or take it from a download).
    Published,
    /// «Больше не работает»: drop it from search and maps; its page stays.
    Archived,
    /// Merged into `merged_into`: drop it, the other record carries on.
    Merged,
    /// Not public any more (back in moderation): drop it.
    Unpublished,
}

impl ChangeState {
    fn of(status: &str) -> Self {
        match status {
            "published" => Self::Published,
            "archived" => Self::Archived,
            "merged" => Self::Merged,
            _ => Self::Unpublished,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub id: i64,
    pub state: ChangeState,
    /// The latest change, UTC RFC 3339.
    pub changed_at: String,
    /// The public JSON record (for `published`; 404 otherwise).
    pub url: String,
    pub merged_into: Option<i64>,
}

/// One page of the feed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangesPage {
    pub changes: Vec<Change>,
    /// Pass as `cursor` to continue; keep the last one to poll for newer changes later.
    pub next_cursor: String,
    pub has_more: bool,
}

/// The feed's parameters, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangesQuery {
    /// UTC, as stored (`YYYY-MM-DDTHH:MM:SSZ`); empty: from the beginning.
    pub since: String,
    pub after_seq: i64,
    pub limit: u32,
}

impl ChangesQuery {
    pub fn from_pairs<'a>(
        pairs: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Vec<ParamError>> {
        let mut q = Self {
            since: String::new(),
            after_seq: 0,
            limit: DEFAULT_LIMIT,
        };
        let mut bad = vec![];
        for (k, v) in pairs {
            let v = v.trim();
            match k {
                "since" if !v.is_empty() => match chrono::DateTime::parse_from_rfc3339(v) {
                    Ok(t) => q.since = crate::db::stamp(t.with_timezone(&chrono::Utc)),
                    Err(_) => bad.push(ParamError::new("since", "err-param-since", v)),
                },
                "cursor" if !v.is_empty() => match v.parse::<i64>() {
                    Ok(n) if n >= 0 => q.after_seq = n,
                    _ => bad.push(ParamError::new("cursor", "err-param-cursor", v)),
                },
                "limit" if !v.is_empty() => match v.parse::<u32>() {
                    Ok(n) if (1..=MAX_LIMIT).contains(&n) => q.limit = n,
                    _ => bad.push(ParamError::new("limit", "err-param-limit", v)),
                },
                _ => {}
            }
        }
        if bad.is_empty() {
            Ok(q)
        } else {
            Err(bad)
        }
    }
}

/// One page of changes in the region after the cursor and at or after `since`.
pub async fn page(db: &Db, region_id: i64, q: &ChangesQuery) -> sqlx::Result<ChangesPage> {
    let rows =
        super::store::changes(db, region_id, &q.since, q.after_seq, i64::from(q.limit) + 1).await?;
    let has_more = rows.len() > q.limit as usize;
    let rows = &rows[..rows.len().min(q.limit as usize)];
    let next = rows.last().map_or(q.after_seq, |r| r.seq);
    Ok(ChangesPage {
        changes: rows
            .iter()
            .map(|r| Change {
                id: r.organization_id,
                state: ChangeState::of(&r.status),
                changed_at: r.at.clone(),
                url: format!("/api/v1/organizations/{}", r.organization_id),
                merged_into: r.merged_into,
            })
            .collect(),
        next_cursor: next.to_string(),
        has_more,
    })
}
