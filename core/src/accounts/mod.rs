//! Accounts and roles: registration and login by email and password, server-side sessions,
//! password resets by email, and who may do what.
//!
//! | role | may do |
//! | --- | --- |
//! | visitor | read everything public; report an error on an organization page |
//! | editor | edit the organizations they are members of |
//! | regional staff | in their region: moderate, verify, edit any organization, invite editors |
//! | admin | everything staff can, in every region, plus manage staff; made by `server create-admin` |

use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
pub mod authz;
#[cfg(feature = "server")]
pub mod password;
#[cfg(feature = "server")]
pub mod second_factor_store;
#[cfg(feature = "server")]
pub mod security_store;
#[cfg(feature = "server")]
pub mod session;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod throttle;
#[cfg(feature = "server")]
pub mod token;

/// The logged-in person making a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    /// Regions where this person is staff.
    pub staff_regions: Vec<i64>,
    /// The account proved it reads its mailbox. Until then it holds no role or membership.
    pub email_verified: bool,
    /// The account has staff or admin rights that this session may not use yet: the second
    /// factor is not set up, or not passed in this session. `staff_regions` and `is_admin`
    /// are empty and false until it is.
    pub needs_second_factor: bool,
    pub totp_enabled: bool,
}

impl Viewer {
    /// Staff of the region, or an admin (who is staff everywhere).
    pub fn is_staff_of(&self, region_id: i64) -> bool {
        self.is_admin || self.staff_regions.contains(&region_id)
    }

    pub fn is_staff_anywhere(&self) -> bool {
        self.is_admin || !self.staff_regions.is_empty()
    }

    /// How the person is named on pages: the name they gave, else their email.
    pub fn name(&self) -> &str {
        if self.display_name.trim().is_empty() {
            &self.email
        } else {
            &self.display_name
        }
    }
}

/// What the gate learned about a request; put into the request extensions for handlers
/// and pages by the web layer's gate, and passed to services that need to know who asks.
#[derive(Clone, Debug)]
pub struct RequestAuth {
    pub viewer: Option<Viewer>,
    /// The browser's CSRF token, to put into forms.
    pub csrf_token: String,
    /// The session token the browser sent, if it is alive.
    pub session_token: Option<String>,
    pub client_ip: String,
    pub user_agent: String,
    /// The trusted-device cookie, if any.
    pub device_token: Option<String>,
}

#[cfg(feature = "server")]
impl RequestAuth {
    /// The hash of this request's session token as sessions are stored ("" without one):
    /// what "end every other session" keeps.
    pub fn session_hash(&self) -> String {
        self.session_token
            .as_deref()
            .map(token::token_hash)
            .unwrap_or_default()
    }
}

/// A local path that is safe to send people to after a form: one leading slash, no scheme,
/// host or backslash. Anything else becomes `fallback`.
pub fn safe_next(next: &str, fallback: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() <= 500;
    if ok {
        next.to_owned()
    } else {
        fallback.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_only_goes_to_local_paths() {
        assert_eq!(safe_next("/org/5-x/edit", "/account"), "/org/5-x/edit");
        assert_eq!(safe_next("//evil.example", "/account"), "/account");
        assert_eq!(safe_next("https://evil.example", "/account"), "/account");
        assert_eq!(safe_next("/\\evil", "/account"), "/account");
        assert_eq!(safe_next("", "/account"), "/account");
    }

    #[test]
    fn admins_are_staff_everywhere() {
        let mut v = Viewer {
            account_id: 1,
            email: "a@b.ru".into(),
            display_name: String::new(),
            is_admin: false,
            staff_regions: vec![2],
            email_verified: true,
            needs_second_factor: false,
            totp_enabled: true,
        };
        assert!(v.is_staff_of(2) && !v.is_staff_of(3));
        assert_eq!(v.name(), "a@b.ru");
        v.is_admin = true;
        assert!(v.is_staff_of(3));
    }
}
