//! Self-editing: the edit form of an organization, proposals of new organizations, revisions
//! with field-level diffs and revert, moderation, verification, editor invitations and error
//! reports. Pages are server-rendered Leptos routes (`pages.rs`); every change is a form post
//! to a handler (`handlers.rs`) that checks authorization and calls `service.rs`.

use serde::{Deserialize, Serialize};

pub mod diff;
pub mod form;

#[cfg(feature = "server")]
pub mod lifecycle;
#[cfg(feature = "server")]
pub mod logo;
#[cfg(feature = "server")]
pub mod review_edits;
#[cfg(feature = "server")]
pub mod service;
#[cfg(feature = "server")]
pub mod store;

use crate::forms::FormState;
use diff::FieldChange;

/// The choices the organization form offers, localized: (code, label) pairs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormOptions {
    pub kinds: Vec<(String, String)>,
    pub legal_forms: Vec<(String, String)>,
    pub okrugs: Vec<(String, String)>,
    pub directions: Vec<(String, String)>,
    pub audiences: Vec<(String, String)>,
    pub event_formats: Vec<(String, String)>,
    pub need_kinds: Vec<(String, String)>,
    pub costs: Vec<(String, String)>,
    /// Where the location picker opens: the region's centre.
    pub center: (f64, f64),
    /// (name as written, okrug) of the gazetteer's settlements, suggested for the
    /// settlement field; a known one places the organization and fills its okrug.
    pub settlements: Vec<(String, String)>,
}

/// Everything the edit page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditPage {
    pub id: i64,
    pub name: String,
    pub url: String,
    /// The version the form is based on (the current one).
    pub version: i64,
    pub status: crate::kinds::OrgStatus,
    pub moderation_note: String,
    pub form: FormState,
    /// When the draft was based on an older version: what differs between the version now
    /// on the site (`before`) and the person's own text (`after`).
    pub conflict: Option<Vec<FieldChange>>,
    pub options: FormOptions,
    pub logo_url: Option<String>,
    /// Staff of the region: may invite editors and verify.
    pub can_manage: bool,
}

/// The "add an organization" page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewPage {
    pub form: FormState,
    pub options: FormOptions,
    /// Organizations on the map that look like the one being proposed: (name, page).
    #[serde(default)]
    pub maybe_duplicates: Vec<(String, String)>,
}

/// One revision on the history page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevisionView {
    pub number: i64,
    /// baseline | create | edit | revert | moderation | merge
    pub kind: String,
    pub author: Option<String>,
    pub when: String,
    pub reverted_to: Option<i64>,
    /// It came with a record merged into this one (that record's number).
    #[serde(default)]
    pub merged_from: Option<i64>,
    pub changes: Vec<FieldChange>,
    pub is_current: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub can_edit: bool,
    pub revisions: Vec<RevisionView>,
}

/// An editor of an organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorView {
    pub account_id: i64,
    pub name: String,
    pub since: String,
}

/// A freshly made invitation link, shown once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InviteLink {
    pub link: String,
    pub email: String,
    pub sent: bool,
}

/// The staff page of one organization: editors, invitations, verification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagePage {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub status: crate::kinds::OrgStatus,
    pub editors: Vec<EditorView>,
    pub invite: Option<InviteLink>,
    pub form: FormState,
    pub methods: Vec<(String, String)>,
    pub last_verified: Option<String>,
    /// Every staff check, newest first: date, method, by whom, note.
    #[serde(default)]
    pub verifications: Vec<[String; 4]>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingView {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub okrug: String,
    pub proposer: String,
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub id: i64,
    pub organization: String,
    pub url: String,
    pub message: String,
    pub contact: String,
    /// The reporter's address, when the contact is one: staff may reply by mail.
    #[serde(default)]
    pub reply_to: Option<String>,
    pub created: String,
}

/// The regional staff's desk: the moderation queue and the error reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPage {
    pub region: String,
    pub pending: Vec<PendingView>,
    pub reports: Vec<ReportView>,
    pub form: FormState,
}
