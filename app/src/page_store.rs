//! The stored pages of the page cache (`web::page_cache` is the middleware that fills and
//! serves them): each kept cut where the visitor's CSRF token and the CSP nonce go, within a
//! byte budget, the oldest dropped first, all dropped when the data's generation moves.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::HeaderMap;

/// How long a page may be served from memory at most.
pub const TTL: Duration = Duration::from_secs(10);

/// The cache: its entries and the count of writes this instance handled.
pub struct PageCache {
    pub(crate) budget: usize,
    local_writes: AtomicU64,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, (u64, Arc<Entry>)>,
    /// Keys in the order they were stored, with their serial (the oldest go first).
    order: VecDeque<(String, u64)>,
    bytes: usize,
    serial: u64,
    /// The generation of the entries kept; a new one empties the cache.
    generation: (u64, u64),
}

/// One stored page: its headers and its body cut where the token and the nonce go.
pub(crate) struct Entry {
    pub(crate) made: Instant,
    pub(crate) generation: (u64, u64),
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<Part>,
    /// The Content-Security-Policy, cut the same way.
    pub(crate) policy: Option<Vec<Part>>,
    pub(crate) size: usize,
}

#[derive(Clone)]
pub(crate) enum Part {
    Text(Bytes),
    Token,
    Nonce,
}

impl PageCache {
    pub fn new(budget: usize) -> Self {
        Self {
            budget,
            local_writes: AtomicU64::new(0),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// Forgets every stored page (a change made straight in the database, which no
    /// generation counts, is otherwise seen only after [`TTL`]).
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            *inner = Inner::default();
        }
    }

    pub(crate) fn get(&self, key: &str, generation: (u64, u64)) -> Option<Arc<Entry>> {
        let inner = self.inner.lock().ok()?;
        let (_, e) = inner.entries.get(key)?;
        (e.generation == generation && e.made.elapsed() < TTL).then(|| Arc::clone(e))
    }

    pub(crate) fn put(&self, key: String, entry: Entry) {
        if entry.size > self.budget {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation != entry.generation {
            *inner = Inner {
                generation: entry.generation,
                ..Inner::default()
            };
        }
        inner.serial += 1;
        let serial = inner.serial;
        inner.bytes += entry.size;
        if let Some((_, old)) = inner.entries.insert(key.clone(), (serial, Arc::new(entry))) {
            inner.bytes -= old.size;
        }
        inner.order.push_back((key, serial));
        while inner.bytes > self.budget {
            let Some((k, s)) = inner.order.pop_front() else {
                break;
            };
            if inner
                .entries
                .get(&k)
                .is_some_and(|(current, _)| *current == s)
            {
                if let Some((_, e)) = inner.entries.remove(&k) {
                    inner.bytes -= e.size;
                }
            }
        }
    }
}

/// The nonce of a page's Content-Security-Policy.
pub(crate) fn nonce_of(policy: &str) -> Option<&str> {
    let at = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[at..].find('\'')?;
    Some(&policy[at..at + len]).filter(|n| !n.is_empty())
}

/// `text` cut at every occurrence of the token and the nonce.
pub(crate) fn cut(text: &str, token: Option<&str>, nonce: Option<&str>) -> Vec<Part> {
    let mut marks: Vec<(usize, usize, Part)> = vec![];
    for (needle, part) in [(token, Part::Token), (nonce, Part::Nonce)] {
        if let Some(n) = needle {
            marks.extend(
                text.match_indices(n)
                    .map(|(at, m)| (at, m.len(), part.clone())),
            );
        }
    }
    marks.sort_by_key(|(at, _, _)| *at);
    let mut parts = vec![];
    let mut from = 0;
    for (at, len, part) in marks {
        if at < from {
            continue;
        }
        parts.push(Part::Text(Bytes::copy_from_slice(
            &text.as_bytes()[from..at],
        )));
        parts.push(part);
        from = at + len;
    }
    parts.push(Part::Text(Bytes::copy_from_slice(&text.as_bytes()[from..])));
    parts
}

pub(crate) fn join(parts: &[Part], token: &str, nonce: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.len(),
                Part::Token => token.len(),
                Part::Nonce => nonce.len(),
            })
            .sum(),
    );
    for p in parts {
        match p {
            Part::Text(t) => out.extend_from_slice(t),
            Part::Token => out.extend_from_slice(token.as_bytes()),
            Part::Nonce => out.extend_from_slice(nonce.as_bytes()),
        }
    }
    out
}

impl PageCache {
    /// Counts a write this instance handled: every stored page is out of date.
    pub fn wrote(&self) {
        self.local_writes.fetch_add(1, Ordering::AcqRel);
    }

    /// The writes this instance handled so far.
    pub fn writes(&self) -> u64 {
        self.local_writes.load(Ordering::Acquire)
    }
}
