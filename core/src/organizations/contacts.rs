//! Contacts as people type them, made canonical: phone numbers, email addresses, web and
//! social links (exact hosts for VK, OK and Telegram).

use super::ContactKind;

pub(crate) fn contact_error(kind: ContactKind) -> &'static str {
    match kind {
        ContactKind::Phone => "err-phone",
        ContactKind::Email => "err-email",
        _ => "err-url",
    }
}

/// Checks and tidies one contact value; `None` when it cannot be right.
pub fn normalize_contact(kind: ContactKind, value: &str) -> Option<String> {
    match kind {
        ContactKind::Phone => normalize_phone(value),
        ContactKind::Email => normalize_email(value),
        ContactKind::Website => normalize_url(value, None),
        ContactKind::Vk => normalize_url(value, Some("vk.com")),
        ContactKind::Ok => normalize_url(value, Some("ok.ru")),
        ContactKind::Telegram => normalize_url(value, Some("t.me")),
    }
}

/// Rural numbers are often written with an area code in brackets and dashes; keep the
/// person's formatting but insist on plausible characters and 5 to 15 digits.
pub(crate) fn normalize_phone(v: &str) -> Option<String> {
    let allowed = v
        .chars()
        .all(|ch| ch.is_ascii_digit() || " +-()\u{a0}".contains(ch));
    let digits = v.chars().filter(char::is_ascii_digit).count();
    (allowed && (5..=15).contains(&digits))
        .then(|| v.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub(crate) fn normalize_email(v: &str) -> Option<String> {
    let (local, domain) = v.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !v
            .chars()
            .any(|ch| ch.is_whitespace() || ch == '<' || ch == '>' || ch == '"')
        && !domain.contains('@')
        && v.len() <= 254;
    ok.then(|| v.to_lowercase())
}

/// Accepts "https://site.ru", "site.ru" and, for social networks, a bare handle ("@group").
pub(crate) fn normalize_url(v: &str, social_host: Option<&str>) -> Option<String> {
    if v.chars()
        .any(|ch| ch.is_whitespace() || ch == '"' || ch == '<' || ch == '>')
        || v.len() > 500
    {
        return None;
    }
    let lower = v.to_lowercase();
    let with_scheme = if lower.starts_with("https://") || lower.starts_with("http://") {
        v.to_owned()
    } else if lower.contains('.') && !lower.starts_with('@') {
        format!("https://{v}")
    } else if let Some(host) = social_host {
        let handle = v.trim_start_matches('@');
        let valid = !handle.is_empty()
            && handle
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '.');
        return valid.then(|| format!("https://{host}/{handle}"));
    } else {
        return None;
    };
    // Parsed as a browser would parse it, so "https://evil.ru\\@vk.com" or "evilvk.com"
    // cannot pass for a social network: the host must be the network's or a subdomain.
    let parsed = url::Url::parse(&with_scheme).ok()?;
    if !matches!(parsed.scheme(), "http" | "https")
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return None;
    }
    let host = parsed.host_str()?.to_lowercase();
    let host_ok = host.contains('.') && !host.starts_with('.') && !host.ends_with('.');
    let social_ok = social_host.is_none_or(|h| social_host_matches(&host, h));
    (host_ok && social_ok).then_some(with_scheme)
}

/// Whether `host` is the social network `expected` (or one of its official aliases), or a
/// subdomain of it: exact labels, never a substring.
pub(crate) fn social_host_matches(host: &str, expected: &str) -> bool {
    let aliases: &[&str] = match expected {
        "vk.com" => &["vk.com", "vk.ru", "vkontakte.ru"],
        "ok.ru" => &["ok.ru", "odnoklassniki.ru"],
        "t.me" => &["t.me", "telegram.me"],
        other => return host == other,
    };
    aliases
        .iter()
        .any(|a| host == *a || host.ends_with(&format!(".{a}")))
}
