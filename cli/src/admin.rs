//! Making administrators from the server's command line (`server create-admin`): the only
//! way an administrator comes to exist, so it is where taking over an account would pay
//! most, and it is strict about it.

use poputchiki_core::accounts::{password, security_store, session, store};
use poputchiki_core::db::Db;

/// Creates an administrator. Never a default password: it comes from the operator and must
/// pass the usual rules. An existing account becomes an administrator only with `existing`
/// and its own current password (so nobody turns an account they registered for someone
/// else's address into an admin), and all its sessions end. Returns the message to print.
pub async fn create_admin(
    db: &Db,
    email: &str,
    name: &str,
    pw: &str,
    existing: bool,
) -> anyhow::Result<String> {
    let email = store::normalize_email(email);
    anyhow::ensure!(email.contains('@'), "«{email}» is not an email address");
    if let Some(account) = store::find_by_email(db, &email).await? {
        anyhow::ensure!(
            existing,
            "the account {email} already exists; to make it an administrator, run again with --existing and that account's current password"
        );
        anyhow::ensure!(
            password::verify_password(pw, Some(&account.password_hash)).await?,
            "the password is not the current password of {email}; nothing was changed"
        );
        store::set_admin(db, account.id, true).await?;
        security_store::mark_verified(db, account.id).await?;
        session::destroy_all(db, account.id).await?;
        admin_event(db, account.id, &email).await;
        return Ok(format!(
            "Учётная запись {email} теперь администратор; все её сеансы завершены."
        ));
    }
    anyhow::ensure!(
        !existing,
        "there is no account {email} to make an administrator"
    );
    password::check_new_password(pw, &email)
        .map_err(|k| anyhow::anyhow!(poputchiki_core::i18n::I18n::default().t(k)))?;
    let hash = password::hash_password(pw).await?;
    let id = store::create_account(db, &email, name, &hash, true)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the account {email} could not be created"))?;
    security_store::mark_verified(db, id).await?;
    admin_event(db, id, &email).await;
    Ok(format!("Администратор {email} создан."))
}

async fn admin_event(db: &Db, account_id: i64, email: &str) {
    use poputchiki_core::kinds::{AuditAction, AuditTarget};
    let event = poputchiki_core::audit::AuditEvent {
        account_id: Some(account_id),
        target_kind: AuditTarget::Account,
        target_id: Some(account_id),
        detail: email.to_owned(),
        ..poputchiki_core::audit::AuditEvent::new(AuditAction::AdminCreated, "cli")
    };
    poputchiki_core::audit::record(db, event).await;
}
