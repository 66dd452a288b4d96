//! The write-side authorization matrix for the account forms: every form post that changes
//! an account (its password, address, sessions, second factor, being disabled), called as
//! every role. Allowed calls get their 303; every other call is refused with 401, 403 or
//! 404 and changes nothing. The public steps of logging in and confirming an address answer
//! everyone without changing anything for a caller with nothing to show. (A module of the
//! `authz_matrix` test binary: it shares its world, roles and fingerprint.)

use poputchiki_tests::{Browser, Page};

use super::{browser_as, fingerprint, judge, world, Role, World, PW, ROLES};

#[derive(Clone, Copy, Debug)]
enum AccountEndpoint {
    ResendVerification,
    ChangePassword,
    ChangeEmail,
    EndOtherSessions,
    EnableSecondFactor,
    DisableSecondFactor,
    DisableAccount,
    EnableAccount,
    LoginCode,
    ConfirmEmail,
}

const ACCOUNT_ENDPOINTS: [AccountEndpoint; 10] = [
    AccountEndpoint::ResendVerification,
    AccountEndpoint::ChangePassword,
    AccountEndpoint::ChangeEmail,
    AccountEndpoint::EndOtherSessions,
    AccountEndpoint::EnableSecondFactor,
    AccountEndpoint::DisableSecondFactor,
    AccountEndpoint::DisableAccount,
    AccountEndpoint::EnableAccount,
    AccountEndpoint::LoginCode,
    AccountEndpoint::ConfirmEmail,
];

impl AccountEndpoint {
    fn allowed(self, role: Role) -> bool {
        match self {
            Self::DisableAccount | Self::EnableAccount => role == Role::Admin,
            Self::LoginCode | Self::ConfirmEmail => true,
            _ => role != Role::Anonymous,
        }
    }

    async fn call(self, w: &World, b: &mut Browser, role: Role) -> Page {
        let new_pw = "новая длинная фраза для проверки";
        let target = w.editor_b;
        match self {
            Self::ResendVerification => b.post("/account/verify-email", &[]).await,
            Self::ChangePassword => {
                let fields = [
                    ("current_password", PW),
                    ("password", new_pw),
                    ("password_again", new_pw),
                ];
                b.post("/account/password", &fields).await
            }
            Self::ChangeEmail => {
                let email = format!("new-{role:?}@example.ru").to_lowercase();
                let fields = [("new_email", email.as_str()), ("current_password", PW)];
                b.post("/account/email", &fields).await
            }
            Self::EndOtherSessions => b.post("/account/sessions/end-others", &[]).await,
            Self::EnableSecondFactor => {
                let fields = [
                    ("totp_secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
                    ("totp_code", "000000"),
                ];
                b.post("/account/second-factor", &fields).await
            }
            Self::DisableSecondFactor => {
                b.post(
                    "/account/second-factor/disable",
                    &[("current_password", PW)],
                )
                .await
            }
            Self::DisableAccount => {
                b.post(&format!("/admin/accounts/{target}/disable"), &[])
                    .await
            }
            Self::EnableAccount => {
                b.post(&format!("/admin/accounts/{target}/enable"), &[])
                    .await
            }
            Self::LoginCode => b.post("/login/code", &[("totp_code", "123456")]).await,
            Self::ConfirmEmail => {
                b.post("/verify-email/0123456789abcdef0123456789abcdef", &[])
                    .await
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_account_form_is_refused_to_every_role_that_may_not_use_it() {
    let mut failures = vec![];
    for endpoint in ACCOUNT_ENDPOINTS {
        let w = world().await;
        let mut roles = ROLES.to_vec();
        roles.sort_by_key(|r| endpoint.allowed(*r));
        for role in roles {
            let mut b = browser_as(&w, role).await;
            let before = fingerprint(&w.app).await;
            let page = endpoint.call(&w, &mut b, role).await;
            let label = format!("{endpoint:?} as {role:?}");
            judge(
                &w,
                label,
                endpoint.allowed(role),
                &page,
                &before,
                &mut failures,
            )
            .await;
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix failures:\n{}",
        failures.join("\n")
    );
}
