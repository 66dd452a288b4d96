//! Server fns that load the editing pages. They only read, and each checks who is asking.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::{EditPage, HistoryPage, ManagePage, NewPage, StaffPage};
use crate::audit::AuditLine;
use crate::error::PublicError;

#[server(input = GetUrl, endpoint = "edit/page")]
pub async fn load_edit_page(id: i64, draft: Option<String>) -> Result<EditPage, PublicError> {
    Ok(queries::edit_page(id, draft.as_deref()).await?)
}

#[server(input = GetUrl, endpoint = "edit/new")]
pub async fn load_new_page(draft: Option<String>) -> Result<NewPage, PublicError> {
    Ok(queries::new_page(draft.as_deref()).await?)
}

#[server(input = GetUrl, endpoint = "edit/history")]
pub async fn load_history(id: i64) -> Result<HistoryPage, PublicError> {
    Ok(queries::history(id).await?)
}

#[server(input = GetUrl, endpoint = "edit/manage")]
pub async fn load_manage_page(
    id: i64,
    draft: Option<String>,
    invite: Option<String>,
) -> Result<ManagePage, PublicError> {
    Ok(queries::manage(id, draft.as_deref(), invite.as_deref()).await?)
}

#[server(input = GetUrl, endpoint = "staff/page")]
pub async fn load_staff_page(
    draft: Option<String>,
    okrug: Option<String>,
) -> Result<StaffPage, PublicError> {
    Ok(queries::staff(draft.as_deref(), okrug.as_deref()).await?)
}

#[server(input = GetUrl, endpoint = "staff/audit")]
pub async fn load_audit() -> Result<Vec<AuditLine>, PublicError> {
    Ok(queries::audit().await?)
}

#[cfg(feature = "ssr")]
pub mod queries {
    use super::super::diff::{diff, FieldChange};
    use super::super::form::{from_fields, to_fields};
    use super::super::store as edit_store;
    use super::super::{
        EditPage, EditorView, FormOptions, HistoryPage, InviteLink, ManagePage, NewPage,
        PendingView, ReportView, RevisionView, StaffPage,
    };
    use crate::accounts::{authz, store as account_store};
    use crate::audit::AuditLine;
    use crate::error::AppError;
    use crate::forms::draft::{self, Draft};
    use crate::forms::FormState;
    use crate::i18n::I18n;
    use crate::organizations::view::date_text;
    use crate::organizations::{org_url, Cost, VerificationMethod};
    use crate::region::RegionCatalog;
    use crate::state::AppState;
    use crate::taxonomy::Vocabulary;
    use crate::web::gate::RequestAuth;

    use crate::web::request::server_fn_context as context;

    fn pairs(catalog: &RegionCatalog, vocab: Vocabulary, i18n: &I18n) -> Vec<(String, String)> {
        catalog
            .taxonomy
            .options(vocab, i18n.locale)
            .into_iter()
            .map(|t| (t.code, t.label))
            .collect()
    }

    /// The form's choices in the reader's language.
    pub fn options(catalog: &RegionCatalog, i18n: &I18n) -> FormOptions {
        let mut okrugs: Vec<(String, String)> = catalog
            .okrugs
            .iter()
            .map(|o| (o.slug.clone(), o.name.get(i18n.locale).to_owned()))
            .collect();
        okrugs.sort_by(|a, b| {
            crate::text::collation_key(&a.1).cmp(&crate::text::collation_key(&b.1))
        });
        FormOptions {
            kinds: pairs(catalog, Vocabulary::OrgKind, i18n),
            legal_forms: pairs(catalog, Vocabulary::LegalForm, i18n),
            okrugs,
            directions: pairs(catalog, Vocabulary::Direction, i18n),
            audiences: pairs(catalog, Vocabulary::Audience, i18n),
            event_formats: pairs(catalog, Vocabulary::EventFormat, i18n),
            need_kinds: pairs(catalog, Vocabulary::NeedKind, i18n),
            costs: [Cost::Free, Cost::Partly, Cost::Paid]
                .map(|c| (c.as_str().to_owned(), i18n.t(c.label_key())))
                .to_vec(),
            center: (catalog.center.lat, catalog.center.lon),
            settlements: catalog
                .settlements
                .iter()
                .map(|s| {
                    let okrug = catalog
                        .okrug_by_id(s.okrug_id)
                        .map(|o| o.name.get(i18n.locale).to_owned());
                    (s.label(), okrug.unwrap_or_default())
                })
                .collect(),
        }
    }

    /// Readable labels for codes in diffs.
    pub fn label(catalog: &RegionCatalog, i18n: &I18n, field: &str, code: &str) -> String {
        if code.is_empty() {
            return String::new();
        }
        let vocab = match field {
            "kind" => Vocabulary::OrgKind,
            "legal_form" => Vocabulary::LegalForm,
            "directions" => Vocabulary::Direction,
            "audiences" => Vocabulary::Audience,
            "event_formats" => Vocabulary::EventFormat,
            "needs" => Vocabulary::NeedKind,
            "okrug" => {
                return catalog
                    .find_okrug(code)
                    .map(|o| o.name.get(i18n.locale).to_owned())
                    .unwrap_or_else(|| code.to_owned())
            }
            "cost" => {
                return Cost::parse(code)
                    .map(|c| i18n.t(c.label_key()))
                    .unwrap_or_else(|| code.to_owned())
            }
            _ => return code.to_owned(),
        };
        catalog
            .taxonomy
            .find(vocab, code)
            .map(|t| t.label.get(i18n.locale).to_owned())
            .unwrap_or_else(|| code.to_owned())
    }

    async fn own_draft(
        state: &AppState,
        auth: &RequestAuth,
        id: Option<&str>,
        form: &str,
        target: Option<i64>,
    ) -> Result<Option<Draft>, AppError> {
        let Some(id) = id else { return Ok(None) };
        let d = draft::load(&state.db, id, &draft::owner_key(auth)).await?;
        Ok(d.filter(|d| d.form == form && d.target_id == target))
    }

    pub async fn edit_page(id: i64, draft_id: Option<&str>) -> Result<EditPage, AppError> {
        let (state, i18n, auth) = context()?;
        let (viewer, org) = authz::require_edit(&state.db, &auth, id).await?;
        if org.region_id != state.region.id {
            return Err(AppError::NotFound);
        }
        let current = edit_store::load_editable(&state.db, &state.region, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let draft = own_draft(&state, &auth, draft_id, "edit", Some(id)).await?;
        let mut conflict = None;
        let form = match draft {
            Some(d) => {
                if d.base_version.is_some_and(|b| b < current.row.version) {
                    let labels = |f: &str, c: &str| label(&state.region, &i18n, f, c);
                    let mine = from_fields(&d.fields).input;
                    conflict = Some(diff(&current.input, &mine, &labels));
                }
                d.form_state()
            }
            None => FormState::from_fields(to_fields(&current.input)),
        };
        Ok(EditPage {
            id,
            url: org_url(id, &org.slug),
            name: org.name.clone(),
            version: current.row.version,
            status: org.status,
            moderation_note: current.moderation_note.clone(),
            form,
            conflict,
            options: options(&state.region, &i18n),
            logo_url: current.logo.as_deref().map(super::super::logo::url),
            can_manage: viewer.is_staff_of(org.region_id),
        })
    }

    pub async fn new_page(draft_id: Option<&str>) -> Result<NewPage, AppError> {
        let (state, i18n, auth) = context()?;
        authz::require_viewer(&auth)?;
        let form = own_draft(&state, &auth, draft_id, "new", None)
            .await?
            .map(|d| d.form_state())
            .unwrap_or_default();
        let mut maybe_duplicates = vec![];
        for id in form
            .value("maybe_duplicates")
            .split(',')
            .filter_map(|s| s.parse().ok())
        {
            let found = authz::org_access(&state.db, id).await?;
            if let Some(o) = found.filter(|o| o.status == crate::kinds::OrgStatus::Published) {
                maybe_duplicates.push((o.name.clone(), org_url(o.id, &o.slug)));
            }
        }
        Ok(NewPage {
            form,
            options: options(&state.region, &i18n),
            maybe_duplicates,
        })
    }

    pub async fn history(id: i64) -> Result<HistoryPage, AppError> {
        let (state, i18n, auth) = context()?;
        let org = authz::org_access(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !authz::can_see(&state.db, auth.viewer.as_ref(), &org).await? {
            return Err(AppError::NotFound);
        }
        let can_edit = match &auth.viewer {
            Some(v) => authz::can_edit(&state.db, v, &org).await?,
            None => false,
        };
        // History names who changed what: for the organization's editors and staff only.
        if !can_edit {
            return Err(if auth.viewer.is_some() {
                AppError::Forbidden
            } else {
                AppError::Unauthorized
            });
        }
        let rows = edit_store::revisions(&state.db, id, 101).await?;
        let labels = |f: &str, c: &str| label(&state.region, &i18n, f, c);
        let revisions = rows
            .iter()
            .enumerate()
            .take(100)
            .map(|(i, r)| {
                let changes: Vec<FieldChange> = match rows.get(i + 1) {
                    Some(prev) => diff(&prev.input(), &r.input(), &labels),
                    None => vec![],
                };
                RevisionView {
                    number: r.number,
                    kind: r.kind.clone(),
                    author: r.author.clone(),
                    when: format!(
                        "{}, {}",
                        date_text(&i18n, &r.created_at),
                        r.created_at.get(11..16).unwrap_or("")
                    ),
                    reverted_to: r.reverted_to,
                    merged_from: r.merged_from,
                    changes,
                    is_current: r.number == org.version,
                }
            })
            .collect();
        Ok(HistoryPage {
            id,
            name: org.name.clone(),
            url: org_url(id, &org.slug),
            can_edit,
            revisions,
        })
    }

    pub async fn manage(
        id: i64,
        draft_id: Option<&str>,
        invite: Option<&str>,
    ) -> Result<ManagePage, AppError> {
        let (state, i18n, auth) = context()?;
        let (_, org) = authz::require_staff_for_org(&state.db, &auth, id).await?;
        let editors = account_store::members_of(&state.db, id)
            .await?
            .into_iter()
            .map(|m| EditorView {
                account_id: m.account_id,
                name: if m.display_name.is_empty() {
                    m.email
                } else {
                    format!("{} ({})", m.display_name, m.email)
                },
                since: date_text(&i18n, &m.created_at),
            })
            .collect();
        let owner = draft::owner_key(&auth);
        let invite = match invite {
            Some(i) => draft::load(&state.db, i, &owner)
                .await?
                .filter(|d| d.form == "invite-link" && d.target_id == Some(id)),
            None => None,
        };
        let invite = invite.map(|d| {
            let f = d.form_state();
            InviteLink {
                link: f.value("link"),
                email: f.value("email"),
                sent: f.value("sent") == "1",
            }
        });
        let form = match draft_id {
            Some(d) => draft::load(&state.db, d, &owner)
                .await?
                .filter(|d| d.target_id == Some(id))
                .map(|d| d.form_state()),
            None => None,
        };
        let last_verified = edit_store::last_verified_at(&state.db, id).await?;
        Ok(ManagePage {
            id,
            name: org.name.clone(),
            url: org_url(id, &org.slug),
            status: org.status,
            editors,
            invite,
            form: form.unwrap_or_default(),
            methods: VerificationMethod::ALL
                .iter()
                .map(|m| (m.as_str().to_owned(), i18n.t(&m.label_key())))
                .collect(),
            last_verified: last_verified.map(|d| date_text(&i18n, &d)),
            verifications: edit_store::verifications(&state.db, id)
                .await?
                .into_iter()
                .map(|(at, method, by, note)| {
                    let label = VerificationMethod::parse(&method)
                        .map_or(method, |m| i18n.t(&m.label_key()));
                    [date_text(&i18n, &at), label, by, note]
                })
                .collect(),
        })
    }

    pub async fn staff(draft_id: Option<&str>, okrug: Option<&str>) -> Result<StaffPage, AppError> {
        let (state, i18n, auth) = context()?;
        authz::require_staff(&auth, state.region.id)?;
        // The workspace's okrug filter narrows both lists (an unknown slug: the region).
        let okrug = okrug
            .and_then(|s| state.region.okrug_by_slug(s))
            .map(|o| o.id);
        let in_okrug = |id: i64| okrug.is_none_or(|k| k == id);
        let pending = edit_store::pending(&state.db, state.region.id)
            .await?
            .into_iter()
            .filter(|p| in_okrug(p.okrug_id))
            .map(|p| PendingView {
                url: org_url(p.id, &p.slug),
                id: p.id,
                name: p.name,
                okrug: state
                    .region
                    .okrug_by_id(p.okrug_id)
                    .map(|o| o.name.get(i18n.locale).to_owned())
                    .unwrap_or_default(),
                proposer: p.proposer.unwrap_or_default(),
                created: date_text(&i18n, &p.created_at),
            })
            .collect();
        let reports = edit_store::open_reports(&state.db, state.region.id)
            .await?
            .into_iter()
            .filter(|r| in_okrug(r.okrug_id))
            .map(|r| ReportView {
                id: r.id,
                url: org_url(r.organization_id, &r.slug),
                organization: r.organization,
                message: r.message,
                reply_to: crate::text::looks_like_email(&r.contact)
                    .then(|| r.contact.trim().to_owned()),
                contact: r.contact,
                created: date_text(&i18n, &r.created_at),
            })
            .collect();
        let form = match draft_id {
            Some(d) => draft::load(&state.db, d, &draft::owner_key(&auth))
                .await?
                .filter(|d| d.form == "moderation")
                .map(|d| d.form_state()),
            None => None,
        };
        Ok(StaffPage {
            region: state.region.name.get(i18n.locale).to_owned(),
            pending,
            reports,
            form: form.unwrap_or_default(),
        })
    }

    pub async fn audit() -> Result<Vec<AuditLine>, AppError> {
        let (state, _, auth) = context()?;
        let viewer = authz::require_staff(&auth, state.region.id)?;
        let region = (!viewer.is_admin).then_some(state.region.id);
        Ok(crate::audit::recent(&state.db, region, 300).await?)
    }
}
