//! Outgoing email through a real mail transport (lettre). With an SMTP URL configured, mail
//! goes to that server; without one (the default, so the demo works offline) every message
//! is written as an `.eml` file to an outbox directory under the data directory. Its links
//! are logged only when the server runs the demo (`POPUTCHIKI_DEMO`), at WARN and marked as
//! such: links in mail are secrets, and a real deployment's log must not hold them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where mail goes.
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Outbox {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
        from: Mailbox,
        /// Demo mode: log the links of each mail, so the demo works without a mail server.
        log_links: AtomicBool,
    },
}

impl std::fmt::Debug for Mailer {
    // The SMTP URL may hold a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp { from, .. } => write!(f, "Mailer::Smtp(from {from})"),
            Self::Outbox { dir, .. } => write!(f, "Mailer::Outbox({})", dir.display()),
        }
    }
}

impl Mailer {
    /// `smtp_url` is lettre's URL form, e.g. `smtp://user:pass@mail.example.org:587?tls=required`
    /// or `smtp://127.0.0.1:2525` for a local relay; empty means the outbox directory.
    pub fn new(smtp_url: &str, from: &str, outbox: PathBuf) -> anyhow::Result<Self> {
        let from: Mailbox = from
            .parse()
            .with_context(|| format!("the sender address {from:?} is not an email address"))?;
        if smtp_url.trim().is_empty() {
            std::fs::create_dir_all(&outbox)
                .with_context(|| format!("cannot create the mail outbox {}", outbox.display()))?;
            return Ok(Self::Outbox {
                transport: AsyncFileTransport::new(&outbox),
                dir: outbox,
                from,
                log_links: AtomicBool::new(false),
            });
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url.trim())
            .context("the SMTP URL cannot be used")?
            .build();
        Ok(Self::Smtp { transport, from })
    }

    /// In the demo (outbox only), log each mail's links so a person can follow them.
    pub fn log_links_for_demo(&self, on: bool) {
        if let Self::Outbox { log_links, .. } = self {
            log_links.store(on, Ordering::Relaxed);
        }
    }

    /// Whether a failed send will fail again however often it is retried: the mail server
    /// answered 5xx (no such mailbox, refused), or the address is not one.
    pub fn is_permanent(error: &anyhow::Error) -> bool {
        error
            .downcast_ref::<lettre::transport::smtp::Error>()
            .is_some_and(|e| e.is_permanent())
            || error
                .downcast_ref::<lettre::address::AddressError>()
                .is_some()
    }

    /// Sends a plain-text message.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> anyhow::Result<()> {
        self.send_with(to, subject, body, "").await
    }

    /// Sends a plain-text message; a non-empty `unsubscribe` URL adds the one-click
    /// unsubscribe headers of RFC 8058 (`List-Unsubscribe` and `List-Unsubscribe-Post`), which
    /// mail programs show as an «Отписаться» button that POSTs to that URL.
    pub async fn send_with(
        &self,
        to: &str,
        subject: &str,
        body: &str,
        unsubscribe: &str,
    ) -> anyhow::Result<()> {
        let to: Mailbox = to
            .parse()
            .context("the recipient is not an email address")?;
        let from = match self {
            Self::Smtp { from, .. } | Self::Outbox { from, .. } => from.clone(),
        };
        let mut builder = Message::builder()
            .from(from)
            .to(to.clone())
            .subject(subject)
            .header(ContentType::TEXT_PLAIN);
        if !unsubscribe.is_empty() {
            builder = builder
                .header(ListUnsubscribe(format!("<{unsubscribe}>")))
                .header(ListUnsubscribePost);
        }
        let message = builder
            .body(body.to_owned())
            .context("the message cannot be built")?;
        match self {
            Self::Smtp { transport, .. } => {
                transport
                    .send(message)
                    .await
                    .context("the SMTP server refused the message")?;
            }
            Self::Outbox {
                transport,
                dir,
                log_links,
                ..
            } => {
                let id = transport
                    .send(message)
                    .await
                    .context("the outbox cannot be written")?;
                tracing::info!(subject, file = %dir.join(format!("{id}.eml")).display(), "mail written to the outbox");
                if log_links.load(Ordering::Relaxed) {
                    let links = body
                        .lines()
                        .map(str::trim)
                        .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
                    for line in links {
                        tracing::warn!(to = %to, "DEMO MODE, no mail server: link in the mail: {line}");
                    }
                }
            }
        }
        Ok(())
    }
}

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}
