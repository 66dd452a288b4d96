//! The rules of partnerships: who may invite whom, and what a page shows of the ties.

use super::{label_key, store, PartnerView, PartnershipKind, PartnershipStatus, MAX_NOTE};
use crate::accounts::Viewer;
use crate::error::{AppError, FieldIssue};
use crate::i18n::I18n;
use crate::kinds::OrgStatus;
use crate::organizations::org_url;
use crate::organizations::store::OrgAccess;
use crate::state::Core;

/// What an invitation became.
#[derive(Debug, PartialEq)]
pub enum Invited {
    /// Waits for the other side's answer (its editors got a mail).
    Proposed(i64),
    /// Staff recorded it: public at once.
    Recorded(i64),
}

/// The organization a person named: its page's address (`…/org/42-…`) or its number.
pub fn named_id(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    let tail = raw.rsplit_once("/org/").map_or(raw, |(_, t)| t);
    crate::organizations::parse_id(tail)
}

/// After a tie becomes active or ends: both organizations' rows in search (the
/// «Попутчики» facet). The change is saved either way; a failure is logged, and the next
/// full rebuild repairs it.
pub async fn refresh_search(core: &Core, a: i64, b: i64) {
    if let Err(e) = core.search.refresh(&core.db, &[a, b]).await {
        tracing::error!(error = %format!("{e:#}"), a, b, "search refresh after a partnership change failed");
    }
}

/// `from` (which the viewer may edit) invites the organization named in `partner`.
pub async fn invite(
    core: &Core,
    viewer: &Viewer,
    from: &OrgAccess,
    partner: &str,
    kind: &str,
    note: &str,
) -> Result<Result<Invited, Vec<FieldIssue>>, AppError> {
    let mut issues = vec![];
    let kind = PartnershipKind::parse(kind);
    if kind.is_none() {
        issues.push(FieldIssue::new("kind", "err-required"));
    }
    issues.extend(crate::organizations::validate::too_long(
        "note", note, MAX_NOTE,
    ));
    let other = match named_id(partner) {
        Some(id) => crate::accounts::authz::org_access(&core.db, id).await?,
        None => None,
    };
    let other = other.filter(|o| {
        o.status == OrgStatus::Published && o.region_id == from.region_id && o.id != from.id
    });
    match &other {
        None => issues.push(FieldIssue::new("partner", "err-partner-unknown")),
        Some(o) if store::open_between(&core.db, from.id, o.id).await? => {
            issues.push(FieldIssue::new("partner", "err-partner-exists"));
        }
        Some(_) => {}
    }
    let (Some(other), Some(kind), true) = (other, kind, issues.is_empty()) else {
        return Ok(Err(issues));
    };
    let staff = viewer.is_staff_of(from.region_id);
    let status = if staff {
        PartnershipStatus::Active
    } else {
        PartnershipStatus::Proposed
    };
    let Some(id) = store::create(
        &core.db,
        from.id,
        other.id,
        kind,
        note,
        status,
        viewer.account_id,
    )
    .await?
    else {
        return Ok(Err(vec![FieldIssue::new("partner", "err-partner-exists")]));
    };
    if staff {
        refresh_search(core, from.id, other.id).await;
        return Ok(Ok(Invited::Recorded(id)));
    }
    let i18n = I18n::default();
    let site = core.config.public_url.trim_end_matches('/');
    let args = [
        ("from", from.name.clone()),
        ("to", other.name.clone()),
        ("kind", i18n.t(&label_key(kind, true))),
        ("note", note.to_owned()),
        (
            "link",
            format!("{site}{}#partners", org_url(other.id, &other.slug)),
        ),
    ];
    for to in crate::reconfirm::store::recipients(&core.db, other.id).await? {
        crate::notify::send(core, &to, "mail-partner-invite", &args).await?;
    }
    Ok(Ok(Invited::Proposed(id)))
}

/// The ties an organization's page shows: active ones, and for its editors (`pending`) the
/// ones waiting for an answer.
pub async fn views(
    db: impl crate::db::AnyExecutor<'_>,
    org: i64,
    pending: bool,
    i18n: &I18n,
) -> Result<Vec<PartnerView>, AppError> {
    Ok(store::of_org(db, org, pending)
        .await?
        .into_iter()
        .map(|t| PartnerView {
            id: t.id,
            url: org_url(t.other_id, &t.other_slug),
            organization: t.other_name,
            label: i18n.t(&label_key(t.kind, t.incoming)),
            kind: t.kind,
            note: t.note,
            status: t.status,
            incoming: t.incoming,
        })
        .collect())
}
