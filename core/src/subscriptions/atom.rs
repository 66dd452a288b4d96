//! The Atom feed (RFC 4287) of a search filter: the digest's content (organizations that
//! are new in the last 30 days, events of the next 60 days, open needs first posted in the
//! last 30 days) as entries, newest first. Feed readers poll it; nobody needs an account.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};

use super::digest::{collect, Item};
use crate::db::stamp;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::state::Core;

/// How far back "new" reaches in a feed, in days.
pub const NEW_DAYS: i64 = 30;
/// How far ahead a feed lists events, in days.
pub const EVENT_DAYS: i64 = 60;

/// The feed for the organizations in `members` (the filter's), where `query` is the
/// filter's query string (the feed's own address and its search page's are made from it).
pub async fn feed(
    core: &Core,
    members: &HashSet<i64>,
    query: &str,
    title: &str,
    i18n: &I18n,
) -> Result<String, AppError> {
    let now = Utc::now();
    let since = stamp(now - Duration::days(NEW_DAYS));
    let d = collect(core, members, &since, "9999", EVENT_DAYS, i18n).await?;
    let site = core.config.public_url.trim_end_matches('/');
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let mut entries: Vec<(&str, Item)> = vec![];
    for (kind, items) in [
        ("organization", d.organizations),
        ("event", d.events),
        ("need", d.needs),
    ] {
        entries.extend(items.into_iter().map(|i| (kind, i)));
    }
    let meta = Meta {
        id: format!("{site}/feed.atom{q}"),
        alternate: format!("{site}/{q}"),
        title: title.to_owned(),
        author: i18n.t("site-name"),
        now,
    };
    Ok(write(&meta, entries, i18n))
}

/// What the feed element says about itself.
pub struct Meta {
    /// Its own address: also its id.
    pub id: String,
    /// The search page it follows.
    pub alternate: String,
    pub title: String,
    pub author: String,
    /// "updated" when there are no entries.
    pub now: DateTime<Utc>,
}

/// An RFC 3339 moment as Atom wants it; a value that is not one becomes `fallback`.
fn date(value: &str, fallback: DateTime<Utc>) -> String {
    DateTime::parse_from_rfc3339(value)
        .map(|d| stamp(d.with_timezone(&Utc)))
        .unwrap_or_else(|_| stamp(fallback))
}

/// Writes the feed: entries newest first, each with its kind as a category.
pub fn write(meta: &Meta, mut entries: Vec<(&str, Item)>, i18n: &I18n) -> String {
    for (_, item) in entries.iter_mut() {
        item.updated = date(&item.updated, meta.now);
    }
    entries.sort_by(|a, b| b.1.updated.cmp(&a.1.updated).then(a.1.id.cmp(&b.1.id)));
    let updated = entries
        .first()
        .map(|(_, i)| i.updated.clone())
        .unwrap_or_else(|| stamp(meta.now));
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ru\">\n");
    push_text(&mut out, "id", &meta.id);
    push_text(&mut out, "title", &meta.title);
    push_text(&mut out, "updated", &updated);
    out.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(&meta.author)
    ));
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&meta.id)
    ));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&meta.alternate)
    ));
    out.push_str(&format!(
        "<generator>{}</generator>\n",
        escape(&meta.author)
    ));
    for (kind, item) in &entries {
        out.push_str("<entry>\n");
        push_text(&mut out, "id", &item.id);
        push_text(&mut out, "title", &item.title);
        push_text(&mut out, "updated", &item.updated);
        out.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&item.url)
        ));
        let label = i18n.t(&format!("feed-kind-{kind}"));
        out.push_str(&format!(
            "<category term=\"{kind}\" label=\"{}\"/>\n",
            escape(&label)
        ));
        let summary = if item.summary.trim().is_empty() {
            &label
        } else {
            &item.summary
        };
        push_text(&mut out, "summary", summary);
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn push_text(out: &mut String, tag: &str, text: &str) {
    out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
}

/// Text for XML 1.0: the five special characters escaped, characters XML cannot hold
/// (control characters, lone surrogates cannot occur in a `str`) dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, updated: &str) -> Item {
        Item {
            id: id.into(),
            title: "Клуб <«Вместе»> & \u{1}друзья".into(),
            summary: String::new(),
            url: format!("{id}#x"),
            updated: updated.into(),
        }
    }

    #[test]
    fn entries_come_newest_first_with_text_escaped_and_the_feed_dated_by_the_newest() {
        let meta = Meta {
            id: "https://example.org/feed.atom?okrug=a&direction=b".into(),
            alternate: "https://example.org/?okrug=a".into(),
            title: "Попутчики".into(),
            author: "Попутчики".into(),
            now: Utc::now(),
        };
        let entries = vec![
            (
                "organization",
                item("https://example.org/org/1", "2026-01-01T10:00:00Z"),
            ),
            (
                "need",
                item("https://example.org/org/2", "2026-03-01T10:00:00+05:00"),
            ),
        ];
        let xml = write(&meta, entries, &I18n::default());
        let first = xml.find("/org/2").unwrap_or(usize::MAX);
        let second = xml.find("/org/1").unwrap_or(0);
        assert!(first < second, "{xml}");
        assert!(
            xml.contains("<updated>2026-03-01T05:00:00Z</updated>\n<author>"),
            "{xml}"
        );
        assert!(xml.contains("Клуб &lt;«Вместе»&gt; &amp; друзья"), "{xml}");
        assert!(xml.contains("feed.atom?okrug=a&amp;direction=b"), "{xml}");
    }

    #[test]
    fn a_date_that_is_not_rfc_3339_becomes_the_fallback() {
        let now = Utc::now();
        assert_eq!(date("вчера", now), stamp(now));
    }
}
