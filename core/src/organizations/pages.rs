//! The view data of an organization's page and an okrug's page, as the server builds them
//! (`view.rs`) and the pages render them: plain serializable types shared with the browser.

use serde::{Deserialize, Serialize};

use super::{ArchivedView, ContactKind, Cost, FreshnessView, OrgListPage};
use crate::region::OkrugRef;
use crate::taxonomy::TermLabel;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactView {
    pub kind: ContactKind,
    pub value: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceView {
    pub name: String,
    pub description: String,
    pub audiences: Vec<TermLabel>,
    pub cost: Cost,
    pub how_to_apply: String,
    pub schedule: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub title: String,
    pub description: String,
    /// Already formatted for the reader ("5 декабря 2026, 14:00").
    pub when: String,
    /// The start and end as stored (local time, `YYYY-MM-DDTHH:MM`), for machines.
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: Option<String>,
    pub place: String,
    pub format: Option<TermLabel>,
    #[serde(default)]
    pub online: bool,
    /// Where to sign up, or empty.
    #[serde(default)]
    pub registration_url: String,
    /// Sign-up by the organization's phone.
    #[serde(default)]
    pub registration_phone: bool,
    /// How it went (past events).
    #[serde(default)]
    pub report: String,
    /// Its own point on the map (latitude, longitude), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<(f64, f64)>,
    /// Its lasting uid (the photo forms of past events name it).
    #[serde(default)]
    pub uid: String,
    /// Photos afterwards (past events on the organization's page).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<PhotoView>,
}

/// A photo of a past event: the small picture the page shows, the large one it links to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoView {
    pub id: i64,
    pub small: String,
    pub large: String,
    pub caption: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedView {
    pub kind: TermLabel,
    pub title: String,
    pub description: String,
    /// "до 1 мая 2027", when the need has a date.
    #[serde(default)]
    pub until: Option<String>,
    /// Its place in the organization's list (1-based), which "Могу помочь" names.
    #[serde(default)]
    pub number: usize,
    /// Organizations that offer this kind of help, nearest first.
    #[serde(default)]
    pub helpers: Vec<Match>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerificationView {
    pub date: String,
    pub method_label: String,
    pub note: String,
}

/// A static SVG of the okrug outline with the organization's point, in SVG user units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MiniMap {
    pub view_box: String,
    pub outline: String,
    pub point: Option<(f64, f64)>,
}

/// Everything an organization page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationPage {
    pub id: i64,
    pub url: String,
    pub name: String,
    /// The kind's code (`ngo`, `initiative_group`, `state_institution`).
    #[serde(default)]
    pub kind: String,
    pub kind_label: String,
    pub legal_form_label: Option<String>,
    pub okrug: OkrugRef,
    pub settlement: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
    pub approximate: bool,
    pub contacts: Vec<ContactView>,
    pub summary: String,
    pub description: String,
    pub directions: Vec<TermLabel>,
    pub audiences: Vec<TermLabel>,
    pub event_formats: Vec<TermLabel>,
    pub services: Vec<ServiceView>,
    pub upcoming_events: Vec<EventView>,
    /// Past events, latest first: the organization's history.
    #[serde(default)]
    pub past_events: Vec<EventView>,
    pub needs: Vec<NeedView>,
    /// What it offers other organizations, each with the open needs it could answer.
    #[serde(default)]
    pub offers: Vec<OfferView>,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
    pub updated: String,
    #[serde(default)]
    pub freshness: FreshnessView,
    pub verification: Option<VerificationView>,
    pub minimap: MiniMap,
    pub is_demo: bool,
    /// Only editors and staff see pending and rejected ones.
    #[serde(default)]
    pub status: crate::kinds::OrgStatus,
    /// Set when the organization no longer works: the page shows a banner instead.
    #[serde(default)]
    pub archived: Option<ArchivedView>,
    #[serde(default)]
    pub moderation_note: String,
    #[serde(default)]
    pub logo_url: Option<String>,
    /// The viewer may edit this organization.
    #[serde(default)]
    pub can_edit: bool,
    /// The viewer's other published organizations, which may offer help with a need here.
    #[serde(default)]
    pub helper_orgs: Vec<(i64, String)>,
    /// Its fellow travellers: active ties, and for its editors those awaiting an answer.
    #[serde(default)]
    pub partners: Vec<PartnerView>,
    /// The viewer is staff of its region.
    #[serde(default)]
    pub can_manage: bool,
}

/// One okrug's page: its facts, outline and organizations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OkrugPage {
    pub slug: String,
    pub name: String,
    pub full_name: String,
    pub admin_center: String,
    pub area_km2: Option<f64>,
    pub minimap: MiniMap,
    pub list: OrgListPage,
}

/// An okrug in the index of okrugs, with how many organizations it has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OkrugCount {
    pub okrug: OkrugRef,
    pub full_name: String,
    pub count: i64,
}

/// An offer as its organization's page shows it, with the open needs it could answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferView {
    pub kind: TermLabel,
    pub title: String,
    pub description: String,
    /// Open needs of that kind elsewhere, nearest first.
    #[serde(default)]
    pub answers: Vec<Match>,
}

/// Another organization on the other side of a match: one that offers what a need asks, or
/// one that needs what an offer gives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub organization: String,
    /// Its page.
    pub url: String,
    pub okrug: String,
    /// The offer's or the need's own title.
    pub title: String,
    /// Straight-line distance between the two organizations, whole km.
    pub km: u32,
}

/// A tie as an organization's page shows it: the other organization, the kind, and (for
/// the page's editors) whether it waits for an answer and from whom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnerView {
    pub id: i64,
    pub organization: String,
    pub url: String,
    pub kind: crate::kinds::PartnershipKind,
    /// What the other organization is to this one: "Наставник" / "Подопечная организация"
    /// for mentoring, else the kind's label.
    pub label: String,
    pub note: String,
    pub status: crate::kinds::PartnershipStatus,
    /// The other organization invited this one (the page's editors answer it).
    pub incoming: bool,
}
