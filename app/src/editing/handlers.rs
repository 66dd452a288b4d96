//! The editing forms' POST handlers. Each one: authorization first, then the domain call in
//! `service.rs`, then a 303 redirect: to the result, or back to the form with a draft of
//! everything that was typed.

use crate::kinds::{AuditAction, AuditTarget, DraftForm, Notice, RevisionKind};
use crate::organizations::validate::{
    too_long, MAX_REJECTION_REASON, MAX_REPORT, MAX_REPORT_CONTACT, MAX_VERIFICATION_NOTE,
};
use axum::extract::Path;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use super::form;
use super::logo;
use super::service::{self, Save, SaveOutcome};
use super::store as edit_store;
use crate::accounts::throttle::FORM_IP;
use crate::accounts::{authz, store as account_store, Viewer};
use crate::audit::{self, AuditEvent};
use crate::error::{AppError, FieldIssue};
use crate::forms::draft::{self, NewDraft};
use crate::organizations::parse_id;
use crate::organizations::{org_url, ContactKind, VerificationMethod};
use crate::state::AppState;
use crate::web::gate::{RequestAuth, SubmittedForm};

use crate::web::error::{PageError, PageResult};
use crate::web::extract::{FormPost, Lang, OrgId};
use crate::web::redirect::{back_to_form, see_other};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/org/new", post(propose))
        .route("/org/{id_slug}/edit", post(edit))
        .route("/org/{id_slug}/revert/{number}", post(revert))
        .route("/org/{id_slug}/invite", post(invite))
        .route("/org/{id_slug}/editors/remove", post(remove_editor))
        .route("/org/{id_slug}/verify", post(verify))
        .route("/org/{id_slug}/report", post(report))
        .route("/staff/moderation/{id_slug}", post(moderate))
}

/// Who acts on which organization, for the audit events a handler writes.
struct OrgAudit<'a> {
    state: &'a AppState,
    auth: &'a RequestAuth,
    actor: i64,
    region_id: i64,
    organization_id: i64,
}

impl<'a> OrgAudit<'a> {
    fn new(
        state: &'a AppState,
        auth: &'a RequestAuth,
        viewer: &Viewer,
        region_id: i64,
        organization_id: i64,
    ) -> Self {
        Self {
            state,
            auth,
            actor: viewer.account_id,
            region_id,
            organization_id,
        }
    }

    /// Writes one event.
    async fn record(&self, action: AuditAction, detail: impl Into<String>) {
        let event = AuditEvent {
            region_id: Some(self.region_id),
            account_id: Some(self.actor),
            target_kind: AuditTarget::Organization,
            target_id: Some(self.organization_id),
            detail: detail.into(),
            ..AuditEvent::new(action, &self.auth.client_ip)
        };
        audit::record(&self.state.db, event).await;
    }
}

fn org_id(id_slug: &str) -> Result<i64, AppError> {
    parse_id(id_slug).ok_or(AppError::NotFound)
}

fn bad_form() -> AppError {
    AppError::BadRequest("err-bad-form".into())
}

async fn edit(Path(id_slug): Path<String>, FormPost { state, auth, form }: FormPost) -> PageResult {
    Ok(edit_inner(&state, &id_slug, &auth, &form).await?)
}

async fn edit_inner(
    state: &AppState,
    id_slug: &str,
    auth: &RequestAuth,
    form: &SubmittedForm,
) -> Result<Response, AppError> {
    let id = org_id(id_slug)?;
    let (viewer, org) = authz::require_edit(&state.db, auth, id).await?;
    let path = format!("/org/{id}/edit");
    let parsed = form::from_fields(&form.fields);
    // Without the version the form was based on, a save could overwrite someone else's
    // changes unseen: nothing is saved, and the text comes back for a deliberate save.
    let base_version = parsed.version.unwrap_or(org.version);
    if parsed.version.is_none() {
        let d = NewDraft {
            form: DraftForm::Edit,
            target_id: Some(id),
            base_version: Some(org.version),
            fields: form.keepable_fields(),
            issues: vec![FieldIssue::new("", "err-version-missing")],
        };
        return back_to_form(state, auth, &path, d).await;
    }
    let back = |issues: Vec<FieldIssue>| NewDraft {
        form: DraftForm::Edit,
        target_id: Some(id),
        base_version: Some(base_version),
        fields: form.keepable_fields(),
        issues,
    };
    let new_logo = match form.file("logo") {
        Some(upload) => {
            let upload = upload.clone();
            match tokio::task::spawn_blocking(move || logo::process(&upload)).await {
                Ok(Ok(l)) => Some(l),
                Ok(Err(key)) => {
                    return back_to_form(
                        state,
                        auth,
                        &path,
                        back(vec![FieldIssue::new("logo", key)]),
                    )
                    .await
                }
                Err(e) => return Err(AppError::Internal(anyhow::anyhow!("logo task failed: {e}"))),
            }
        }
        None => None,
    };
    if !parsed.issues.is_empty() {
        return back_to_form(state, auth, &path, back(parsed.issues.clone())).await;
    }
    let save = Save {
        org: &org,
        base_version,
        input: parsed.input.clone(),
        kind: RevisionKind::Edit,
        reverted_to: None,
        logo_changed: new_logo.is_some() || form.get("logo_remove") == "1",
    };
    match service::save(state, &viewer, save).await? {
        SaveOutcome::Invalid(issues) => {
            back_to_form(state, auth, &path, back(parsed.renumber(issues))).await
        }
        SaveOutcome::Conflict { .. } => {
            back_to_form(
                state,
                auth,
                &path,
                back(vec![FieldIssue::new("", "err-conflict")]),
            )
            .await
        }
        SaveOutcome::Saved { .. } => {
            let removed = form.get("logo_remove") == "1";
            let logo_event = match (&new_logo, removed) {
                (Some(_), _) => Some(AuditAction::LogoChanged),
                (None, true) => Some(AuditAction::LogoRemoved),
                (None, false) => None,
            };
            update_logo(state, id, new_logo, removed).await?;
            if let Some(action) = logo_event {
                OrgAudit::new(state, auth, &viewer, org.region_id, id)
                    .record(action, String::new())
                    .await;
            }
            let draft_id = form.get("draft_id");
            if !draft_id.is_empty() {
                draft::discard(&state.db, draft_id, &draft::owner_key(auth)).await?;
            }
            Ok(see_other(&Notice::Saved.on(&org_url(id, &org.slug))))
        }
    }
}

async fn update_logo(
    state: &AppState,
    id: i64,
    new_logo: Option<logo::Logo>,
    remove: bool,
) -> Result<(), AppError> {
    if new_logo.is_none() && !remove {
        return Ok(());
    }
    let old = edit_store::logo_of(&state.db, id).await?;
    let name = match &new_logo {
        Some(l) => Some(logo::store(&state.config.uploads_dir, id, l).await?),
        None => None,
    };
    edit_store::set_logo(&state.db, id, name.as_deref()).await?;
    if let Some(old) = old.filter(|o| Some(o) != name.as_ref()) {
        logo::remove(&state.config.uploads_dir, &old).await;
    }
    Ok(())
}

async fn propose(FormPost { state, auth, form }: FormPost) -> PageResult {
    let viewer = authz::require_viewer(&auth)?;
    let parsed = form::from_fields(&form.fields);
    let back = |issues| NewDraft {
        form: DraftForm::New,
        target_id: None,
        base_version: None,
        fields: form.keepable_fields(),
        issues,
    };
    if !parsed.issues.is_empty() {
        return back_to_form(&state, &auth, "/org/new", back(parsed.issues.clone())).await;
    }
    // The author becomes the organization's editor: that needs a proven address.
    if !viewer.email_verified {
        let unverified = vec![FieldIssue::new("", "err-email-unverified")];
        return back_to_form(&state, &auth, "/org/new", back(unverified)).await;
    }
    // "Похоже, эта организация уже есть на карте": shown once, with links, until the
    // person ticks that theirs is another one.
    if form.get("not_duplicate").is_empty() {
        let alike = crate::duplicates::store::similar_to(&state.db, &state.region, &parsed.input);
        let ids: Vec<String> = alike.await?.iter().map(|(id, ..)| id.to_string()).collect();
        if !ids.is_empty() {
            let mut d = back(vec![FieldIssue::new(
                "not_duplicate",
                "err-maybe-duplicate",
            )]);
            d.fields.push(("maybe_duplicates".into(), ids.join(",")));
            return back_to_form(&state, &auth, "/org/new", d).await;
        }
    }
    match service::propose(&state, &viewer, parsed.input.clone()).await? {
        Err(issues) => back_to_form(&state, &auth, "/org/new", back(parsed.renumber(issues))).await,
        Ok(id) => {
            OrgAudit::new(&state, &auth, &viewer, state.region.id, id)
                .record(AuditAction::OrgProposed, parsed.input.name.clone())
                .await;
            let draft_id = form.get("draft_id");
            if !draft_id.is_empty() {
                draft::discard(&state.db, draft_id, &draft::owner_key(&auth)).await?;
            }
            Ok(see_other(&Notice::Proposed.on("/account")))
        }
    }
}

async fn revert(
    Path((id_slug, number)): Path<(String, i64)>,
    FormPost { state, auth, .. }: FormPost,
) -> PageResult {
    let id = org_id(&id_slug)?;
    let (viewer, org) = authz::require_edit(&state.db, &auth, id).await?;
    match service::revert(&state, &viewer, &org, number).await? {
        SaveOutcome::Saved { version } => {
            OrgAudit::new(&state, &auth, &viewer, org.region_id, id)
                .record(
                    AuditAction::OrgReverted,
                    format!("revision {number} → version {version}"),
                )
                .await;
            Ok(see_other(
                &Notice::Reverted.on(&format!("/org/{id}/history")),
            ))
        }
        SaveOutcome::Invalid(_) => Err(AppError::BadRequest("err-revert-invalid".into()).into()),
        SaveOutcome::Conflict { .. } => Err(AppError::BadRequest("err-conflict".into()).into()),
    }
}

async fn invite(
    OrgId(id): OrgId,
    FormPost { state, auth, form }: FormPost,
    Lang(i18n): Lang,
) -> PageResult {
    let (viewer, org) = authz::require_staff_for_org(&state.db, &auth, id).await?;
    let path = format!("/org/{id}/manage");
    let email = account_store::normalize_email(form.get("email"));
    if !email.is_empty()
        && crate::organizations::validate::normalize_contact(ContactKind::Email, &email).is_none()
    {
        let d = NewDraft {
            form: DraftForm::Invite,
            target_id: Some(id),
            base_version: None,
            fields: form.keepable_fields(),
            issues: vec![FieldIssue::new("email", "err-email").arg("value", email.as_str())],
        };
        return back_to_form(&state, &auth, &path, d).await;
    }
    let token = account_store::create_invitation(&state.db, id, &email, viewer.account_id).await?;
    let link = format!("{}/invite/{token}", state.config.public_url);
    let mut sent = "0";
    if !email.is_empty() {
        let body = i18n.t_with(
            "mail-invite-body",
            &[
                ("org", org.name.clone().into()),
                ("link", link.clone().into()),
                ("days", account_store::INVITATION_DAYS.to_string().into()),
            ],
        );
        match state
            .mailer
            .send(&email, &i18n.t("mail-invite-subject"), &body)
            .await
        {
            Ok(()) => sent = "1",
            Err(e) => tracing::error!(error = %format!("{e:#}"), "invitation mail not sent"),
        }
    }
    OrgAudit::new(&state, &auth, &viewer, org.region_id, id)
        .record(AuditAction::InvitationCreated, email.clone())
        .await;
    // The link is shown once, from a draft only this staff member can open.
    let d = NewDraft {
        form: DraftForm::InviteLink,
        target_id: Some(id),
        base_version: None,
        fields: vec![
            ("link".into(), link),
            ("email".into(), email),
            ("sent".into(), sent.into()),
        ],
        issues: vec![],
    };
    let draft_id = draft::save_for(&state, &auth, d).await?;
    Ok(see_other(&format!("{path}?invite={draft_id}")))
}

async fn remove_editor(OrgId(id): OrgId, FormPost { state, auth, form }: FormPost) -> PageResult {
    let (viewer, org) = authz::require_staff_for_org(&state.db, &auth, id).await?;
    let account_id: i64 = form.get("account_id").parse().map_err(|_| bad_form())?;
    if account_store::remove_member(&state.db, account_id, id).await? {
        OrgAudit::new(&state, &auth, &viewer, org.region_id, id)
            .record(AuditAction::EditorRemoved, format!("account {account_id}"))
            .await;
    }
    Ok(see_other(&Notice::Saved.on(&format!("/org/{id}/manage"))))
}

async fn verify(OrgId(id): OrgId, FormPost { state, auth, form }: FormPost) -> PageResult {
    let (viewer, org) = authz::require_staff_for_org(&state.db, &auth, id).await?;
    let path = format!("/org/{id}/manage");
    let note = form.get("note").trim();
    let mut issues = vec![];
    let method = VerificationMethod::parse(form.get("method"));
    if method.is_none() {
        issues.push(FieldIssue::new("method", "err-required"));
    }
    issues.extend(too_long("note", note, MAX_VERIFICATION_NOTE));
    let Some(method) = method.filter(|_| issues.is_empty()) else {
        let d = NewDraft {
            form: DraftForm::Verify,
            target_id: Some(id),
            base_version: None,
            fields: form.keepable_fields(),
            issues,
        };
        return back_to_form(&state, &auth, &path, d).await;
    };
    edit_store::add_verification(&state.db, id, method.as_str(), viewer.name(), note).await?;
    OrgAudit::new(&state, &auth, &viewer, org.region_id, id)
        .record(AuditAction::OrgVerified, method.as_str())
        .await;
    service::refresh_search(&state, id).await;
    Ok(see_other(&Notice::Verified.on(&path)))
}

async fn report(OrgId(id): OrgId, FormPost { state, auth, form }: FormPost) -> PageResult {
    let org = authz::org_access(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if org.status != crate::kinds::OrgStatus::Published {
        return Err(PageError::from(AppError::NotFound));
    }
    let page = org_url(id, &org.slug);
    // A field people never see: bots fill it in, and get a polite "thank you".
    if !form.get("homepage").is_empty() {
        return Ok(see_other(&Notice::Reported.on(&page)));
    }
    let message = form.get("message").trim();
    let contact = form.get("contact").trim();
    let mut issues = vec![];
    if message.is_empty() {
        issues.push(FieldIssue::new("message", "err-required"));
    } else {
        issues.extend(too_long("message", message, MAX_REPORT));
    }
    issues.extend(too_long("contact", contact, MAX_REPORT_CONTACT));
    let key = format!("report:{}", auth.client_ip);
    if issues.is_empty() {
        issues.extend(state.throttle.form_issue(&[&key], &FORM_IP).await);
    }
    if !issues.is_empty() {
        let d = NewDraft {
            form: DraftForm::Report,
            target_id: Some(id),
            base_version: None,
            fields: form.keepable_fields(),
            issues,
        };
        let id = draft::save_for(&state, &auth, d).await?;
        return Ok(see_other(&format!("{page}?draft={id}#report")));
    }
    state.throttle.hit(&key, &FORM_IP).await;
    edit_store::add_report(&state.db, id, message, contact).await?;
    Ok(see_other(&Notice::Reported.on(&page)))
}

async fn moderate(OrgId(id): OrgId, FormPost { state, auth, form }: FormPost) -> PageResult {
    let (viewer, org) = authz::require_staff_for_org(&state.db, &auth, id).await?;
    let approve = match form.get("decision") {
        "approve" => true,
        "reject" => false,
        _ => return Err(PageError::from(bad_form())),
    };
    let reason = form.get(&format!("reason-{id}")).trim();
    if !approve && (reason.is_empty() || reason.chars().count() > MAX_REJECTION_REASON) {
        let key = if reason.is_empty() {
            "err-reason-required"
        } else {
            "err-too-long"
        };
        let d = NewDraft {
            form: DraftForm::Moderation,
            target_id: Some(id),
            base_version: None,
            fields: form.keepable_fields(),
            issues: vec![FieldIssue::new(format!("reason-{id}"), key)
                .arg("max", MAX_REJECTION_REASON.to_string())],
        };
        return back_to_form(&state, &auth, "/staff", d).await;
    }
    if !edit_store::moderate(&state.db, id, approve, if approve { "" } else { reason }).await? {
        return Ok(see_other("/staff"));
    }
    OrgAudit::new(&state, &auth, &viewer, org.region_id, id)
        .record(
            if approve {
                AuditAction::OrgApproved
            } else {
                AuditAction::OrgRejected
            },
            reason.to_owned(),
        )
        .await;
    service::refresh_search(&state, id).await;
    let notice = if approve {
        Notice::Approved
    } else {
        Notice::Rejected
    };
    Ok(see_other(&notice.on("/staff")))
}
