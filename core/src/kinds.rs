//! Closed sets of values that are stored or sent as text: organization statuses, revision
//! kinds, audit actions, draft forms and the notices a redirect asks a page to show. Each is
//! an enum, so a typo is a compile error; its text form is written once, here.

/// Defines an enum whose variants are stored and sent as fixed strings: serde and (with the
/// `server` feature) sqlx use those strings, `as_str` gives them back, `parse` reads them.
macro_rules! text_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal,)+ }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(
                $(#[$vm])*
                #[serde(rename = $s)]
                $v,
            )+
        }

        #[cfg(feature = "server")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <&str as sqlx::Type<sqlx::Any>>::type_info()
            }
        }

        #[cfg(feature = "server")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Any>>::encode(self.as_str(), buf)
            }
        }

        #[cfg(feature = "server")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(value: sqlx::any::AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Any>>::decode(value)?;
                Self::parse(text).ok_or_else(|| {
                    format!("unknown {} {text:?}", stringify!($name)).into()
                })
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$v),+];

            /// The stored (and sent) text of this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$v => $s),+
                }
            }

            /// The value with this text, if there is one.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($s => Some(Self::$v),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use text_enum;

text_enum! {
    /// Where an organization stands: published, awaiting moderation, or turned down.
    pub enum OrgStatus {
        Published = "published",
        Pending = "pending",
        Rejected = "rejected",
        /// "Больше не работает": out of search, map and counts; its page stays, with a banner.
        Archived = "archived",
        /// A second record of an organization, merged by staff into another one
        /// (`merged_into`): out of everything, its old addresses redirect permanently.
        Merged = "merged",
    }
}

text_enum! {
    /// What two organizations walking together do.
    pub enum PartnershipKind {
        JointProject = "joint_project",
        /// The inviting organization mentors the invited one.
        Mentoring = "mentoring",
        Resources = "resources",
        Information = "information",
    }
}

text_enum! {
    /// Where a partnership stands: only active ones are public.
    pub enum PartnershipStatus {
        Proposed = "proposed",
        Active = "active",
        Declined = "declined",
        Ended = "ended",
    }
}

text_enum! {
    /// Why a revision was written.
    pub enum RevisionKind {
        /// The state before the first edit of an imported organization.
        Baseline = "baseline",
        Create = "create",
        Edit = "edit",
        Revert = "revert",
        Moderation = "moderation",
        /// Staff merged a second record of the organization into this one.
        Merge = "merge",
    }
}

text_enum! {
    /// What the audit log records.
    pub enum AuditAction {
        Register = "register",
        Login = "login",
        LoginFailed = "login_failed",
        Logout = "logout",
        SecondFactorFailed = "second_factor_failed",
        SecondFactorEnabled = "second_factor_enabled",
        SecondFactorDisabled = "second_factor_disabled",
        PasswordChanged = "password_changed",
        PasswordReset = "password_reset",
        PasswordResetRequested = "password_reset_requested",
        EmailChanged = "email_changed",
        EmailVerified = "email_verified",
        SessionsEnded = "sessions_ended",
        AdminCreated = "admin_created",
        AccountDisabled = "account_disabled",
        AccountEnabled = "account_enabled",
        StaffGranted = "staff_granted",
        StaffRevoked = "staff_revoked",
        EditorAdded = "editor_added",
        EditorRemoved = "editor_removed",
        InvitationCreated = "invitation_created",
        OrgProposed = "org_proposed",
        OrgApproved = "org_approved",
        OrgRejected = "org_rejected",
        OrgReverted = "org_reverted",
        OrgVerified = "org_verified",
        LogoChanged = "logo_changed",
        LogoRemoved = "logo_removed",
        ReportResolved = "report_resolved",
        ImportUploaded = "import_uploaded",
        ImportRun = "import_run",
        OrgArchived = "org_archived",
        OrgRestored = "org_restored",
        OrgConfirmed = "org_confirmed",
        ReminderSent = "reminder_sent",
        EditAccepted = "edit_accepted",
        OrgMerged = "org_merged",
        DuplicateDismissed = "duplicate_dismissed",
        HelpOffered = "help_offered",
        PartnerInvited = "partner_invited",
        PartnerRecorded = "partner_recorded",
        PartnerAccepted = "partner_accepted",
        PartnerDeclined = "partner_declined",
        PartnerEnded = "partner_ended",
        EventPhotoAdded = "event_photo_added",
        EventPhotoRemoved = "event_photo_removed",
    }
}

text_enum! {
    /// What an audit event is about.
    pub enum AuditTarget {
        /// An event about the actor alone (a login, a password change).
        Nothing = "",
        Account = "account",
        Organization = "organization",
        ImportBatch = "import_batch",
    }
}

text_enum! {
    /// The form a draft was typed into.
    pub enum DraftForm {
        Login = "login",
        Register = "register",
        Forgot = "forgot",
        Reset = "reset",
        Edit = "edit",
        New = "new",
        Invite = "invite",
        Staff = "staff",
        Report = "report",
        Verify = "verify",
        Moderation = "moderation",
        PasswordChange = "password-change",
        EmailChange = "email-change",
        LoginCode = "login-code",
        VerifyResend = "verify-resend",
        SecondFactor = "second-factor",
        SecondFactorOff = "second-factor-off",
        InviteLink = "invite-link",
        ImportInvites = "import-invites",
        ImportUpload = "import-upload",
        Archive = "archive",
        Merge = "merge",
        Help = "help",
        Partner = "partner",
        Subscribe = "subscribe",
        EventPhoto = "event-photo",
    }
}

text_enum! {
    /// The short success notice a page shows after a redirect (`?notice=`).
    pub enum Notice {
        Saved = "saved",
        PasswordChanged = "password-changed",
        Welcome = "welcome",
        Proposed = "proposed",
        Reverted = "reverted",
        Reported = "reported",
        Verified = "verified",
        Approved = "approved",
        Rejected = "rejected",
        Logo = "logo",
        EmailVerified = "email-verified",
        EmailChanged = "email-changed",
        VerifySent = "verify-sent",
        EmailLinkSent = "email-link-sent",
        SessionsEnded = "sessions-ended",
        SecondFactorOn = "2fa-on",
        SecondFactorOff = "2fa-off",
        CodeExpired = "code-expired",
        Archived = "archived",
        Restored = "restored",
        Confirmed = "confirmed",
        Merged = "merged",
        NotDuplicates = "not-duplicates",
        HelpSent = "help-sent",
        PartnerInvited = "partner-invited",
        PartnerRecorded = "partner-recorded",
        PartnerAccepted = "partner-accepted",
        PartnerDeclined = "partner-declined",
        PartnerEnded = "partner-ended",
        Subscribed = "subscribed",
        Unsubscribed = "unsubscribed",
        PhotoAdded = "photo-added",
        PhotoRemoved = "photo-removed",
    }
}

impl Notice {
    /// The i18n key of its message.
    pub fn message_key(self) -> String {
        match self {
            Self::CodeExpired => "login-code-expired".into(),
            other => format!("notice-{}", other.as_str()),
        }
    }

    /// `?notice=…` (or `&notice=…` when `path` already has a query) appended to `path`.
    pub fn on(self, path: &str) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{path}{sep}notice={}", self.as_str())
    }
}

/// What a page shows when it was sent no status: a published organization.
impl Default for OrgStatus {
    fn default() -> Self {
        Self::Published
    }
}

impl OrgStatus {
    /// The i18n key of its name.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Published => "status-published",
            Self::Pending => "status-pending",
            Self::Rejected => "status-rejected",
            Self::Archived => "status-archived",
            Self::Merged => "status-merged",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_round_trip() {
        for s in OrgStatus::ALL {
            assert_eq!(OrgStatus::parse(s.as_str()), Some(*s));
        }
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
        }
        assert_eq!(Notice::parse("2fa-on"), Some(Notice::SecondFactorOn));
        assert_eq!(Notice::parse("nope"), None);
        assert_eq!(
            serde_json::to_string(&OrgStatus::Pending).ok().as_deref(),
            Some("\"pending\"")
        );
        assert_eq!(Notice::Saved.on("/org/1"), "/org/1?notice=saved");
        assert_eq!(Notice::Saved.on("/a?b=1"), "/a?b=1&notice=saved");
    }
}
