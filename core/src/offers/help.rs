//! "Могу помочь": one organization tells another that it can help with an open need. The
//! site mails the needing organization's editors (or, with none, its public address) with
//! the helper's contacts; the needing organization's own addresses are never shown.

use crate::error::AppError;
use crate::organizations::org_url;
use crate::organizations::store::{self, ContactRow, NeedRow};
use crate::state::Core;

/// What the mail says: which need, which organization offers, who wrote, what they added.
pub struct HelpOffer<'a> {
    pub need_org: i64,
    pub need: &'a NeedRow,
    pub from_org: i64,
    /// The person's name and address, for the answer.
    pub sender: (&'a str, &'a str),
    pub message: &'a str,
}

/// The open need numbered `number` (1-based, in the organization's order) of a published
/// organization, if it is still there with this title.
pub async fn open_need(
    core: &Core,
    org: i64,
    number: usize,
    title: &str,
) -> Result<Option<NeedRow>, AppError> {
    let today = core.region.timezone.today();
    let Some(rec) = store::get_record(&core.db, org, &today).await? else {
        return Ok(None);
    };
    Ok(number
        .checked_sub(1)
        .and_then(|i| rec.needs.into_iter().nth(i))
        .filter(|n| n.open_on(&today) && n.title == title))
}

/// Queues the mail to every recipient; how many there were (0: nobody to write to).
pub async fn send(core: &Core, offer: HelpOffer<'_>) -> Result<usize, AppError> {
    let recipients = crate::reconfirm::store::recipients(&core.db, offer.need_org).await?;
    if recipients.is_empty() {
        return Ok(0);
    }
    let today = core.region.timezone.today();
    let helper = store::get_record(&core.db, offer.from_org, &today)
        .await?
        .ok_or(AppError::NotFound)?;
    let needing = store::get_record(&core.db, offer.need_org, &today)
        .await?
        .ok_or(AppError::NotFound)?;
    let contacts = contact_lines(&helper.contacts);
    let site = core.config.public_url.trim_end_matches('/');
    let args = [
        ("need", offer.need.title.clone()),
        ("organization", needing.org.name.clone()),
        ("helper", helper.org.name.clone()),
        (
            "helper_page",
            format!("{site}{}", org_url(helper.org.id, &helper.org.slug)),
        ),
        ("contacts", contacts),
        ("sender", offer.sender.0.to_owned()),
        ("sender_email", offer.sender.1.to_owned()),
        ("message", offer.message.to_owned()),
    ];
    for to in &recipients {
        crate::notify::send(core, to, "mail-help-offer", &args).await?;
    }
    Ok(recipients.len())
}

/// The helper's public contacts, one a line, labelled as the edit form labels them ("—"
/// when it lists none).
fn contact_lines(contacts: &[ContactRow]) -> String {
    let i18n = crate::i18n::I18n::default();
    let lines: Vec<String> = contacts
        .iter()
        .map(|c| format!("{}: {}", i18n.t(&format!("field-{}", c.kind)), c.value))
        .collect();
    if lines.is_empty() {
        "—".into()
    } else {
        lines.join("\n")
    }
}
