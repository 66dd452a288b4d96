//! Mail that tells people about their own account: a login from a new browser, a changed
//! password or address, the second factor switched on or off, a new role. Each goes through
//! the mail queue, to the account's current address (and, for an address change, the old
//! one too), in Russian, the site's default language.

use crate::accounts::RequestAuth;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::state::Core;

/// Queues one notice to `to`: the subject and body keys, with the site's address.
pub async fn send(
    state: &Core,
    to: &str,
    key: &str,
    args: &[(&str, String)],
) -> Result<(), AppError> {
    let i18n = I18n::default();
    let mut all: Vec<(&str, crate::i18n::Arg)> =
        args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
    all.push(("site", state.config.public_url.clone().into()));
    let subject = i18n.t(&format!("{key}-subject"));
    let body = i18n.t_with(&format!("{key}-body"), &all);
    state.queue_mail(to, &subject, &body).await?;
    Ok(())
}

/// "Your account was entered from a new browser", with what we know of it.
pub async fn new_device(state: &Core, account_id: i64, auth: &RequestAuth) -> Result<(), AppError> {
    let Some(to) = crate::accounts::store::email_of(&state.db, account_id).await? else {
        return Ok(());
    };
    let agent: String = auth.user_agent.chars().take(200).collect();
    let args = [
        ("agent", agent),
        ("ip", auth.client_ip.clone()),
        (
            "when",
            crate::db::now().replace('T', " ").replace('Z', " UTC"),
        ),
    ];
    send(state, &to, "mail-new-device", &args).await
}

/// A change to how the account is protected (password, second factor): `key` names the mail.
pub async fn security_change(state: &Core, account_id: i64, key: &str) -> Result<(), AppError> {
    let Some(to) = crate::accounts::store::email_of(&state.db, account_id).await? else {
        return Ok(());
    };
    send(state, &to, key, &[]).await
}

/// A new role: staff of a region, or editor of an organization.
pub async fn new_role(state: &Core, account_id: i64, role: &str) -> Result<(), AppError> {
    let Some(to) = crate::accounts::store::email_of(&state.db, account_id).await? else {
        return Ok(());
    };
    send(state, &to, "mail-new-role", &[("role", role.to_owned())]).await
}
