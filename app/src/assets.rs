//! Static files under content-hashed names, so a phone keeps them for a year and never asks
//! again: `/a/{hash}/{path}` answers with `Cache-Control: public, max-age=31536000,
//! immutable` (`web::assets`), sending the `.br` or `.gz` twin written at build time
//! (`scripts/precompress.sh`) when the browser takes it.
//!
//! A hash covers a *group*: a top-level folder of the site (`pkg/`, `vendor/`) or a single
//! file at the top. Files that load each other by relative path (the WASM glue and its
//! module, Leaflet's CSS and its images) share one hash, so every relative URL stays right.
//! The manifest is read once when the server starts, from the built site.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The URL prefix of hashed files.
pub const PREFIX: &str = "/a";

/// The site's files and the hash of each file's group.
#[derive(Clone, Debug, Default)]
pub struct Assets {
    pub root: PathBuf,
    /// "pkg/poputchiki.css" → its group's hash.
    pub files: HashMap<String, String>,
}

impl Assets {
    /// Reads every file under the site root (not the `.br`/`.gz` twins). A missing site
    /// (tests that render pages without a build) gives an empty manifest: plain URLs.
    pub fn scan(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let mut by_group: HashMap<String, Vec<(String, Vec<u8>)>> = HashMap::new();
        for path in files_under(&root) {
            let Ok(rel) = path.strip_prefix(&root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.ends_with(".br") || rel.ends_with(".gz") {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let group = match rel.split_once('/') {
                Some((dir, _)) => format!("{dir}/"),
                None => rel.clone(),
            };
            by_group.entry(group).or_default().push((rel, bytes));
        }
        let mut files = HashMap::new();
        for (_, mut members) in by_group {
            members.sort();
            let mut h = Sha256::new();
            for (rel, bytes) in &members {
                h.update(rel.as_bytes());
                h.update([0]);
                h.update(bytes);
            }
            let hash = hex::encode(&h.finalize()[..8]);
            for (rel, _) in members {
                files.insert(rel, hash.clone());
            }
        }
        Self { root, files }
    }

    /// The URL of a site file ("pkg/poputchiki.css"): hashed when the file is known.
    pub fn url(&self, path: &str) -> String {
        match self.files.get(path) {
            Some(hash) => format!("{PREFIX}/{hash}/{path}"),
            None => format!("/{path}"),
        }
    }

    /// The URL prefix under which a file's group is served ("" when unknown), for code that
    /// builds the file names itself (Leptos's hydration script).
    pub fn root_of(&self, path: &str) -> String {
        self.files
            .get(path)
            .map(|hash| format!("{PREFIX}/{hash}"))
            .unwrap_or_default()
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => todo.push(e.path()),
                Ok(t) if t.is_file() => out.push(e.path()),
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_shares_one_hash_that_follows_any_change() {
        let dir = tempfile::tempdir().expect("dir");
        let d = dir.path();
        std::fs::create_dir_all(d.join("pkg")).expect("pkg");
        std::fs::write(d.join("pkg/app.js"), "js").expect("js");
        std::fs::write(d.join("pkg/app.wasm"), "wasm").expect("wasm");
        std::fs::write(d.join("pkg/app.wasm.br"), "br").expect("br");
        std::fs::write(d.join("map.js"), "map").expect("map");
        let a = Assets::scan(d);
        let js = a.url("pkg/app.js");
        assert!(js.starts_with("/a/") && js.ends_with("/pkg/app.js"), "{js}");
        assert_eq!(
            a.root_of("pkg/app.wasm"),
            js.trim_end_matches("/pkg/app.js")
        );
        assert_ne!(a.root_of("map.js"), a.root_of("pkg/app.js"));
        assert_eq!(
            a.url("pkg/app.wasm.br"),
            "/pkg/app.wasm.br",
            "twins are not files"
        );
        assert_eq!(a.url("nothing.css"), "/nothing.css");
        std::fs::write(d.join("pkg/app.wasm"), "wasm 2").expect("wasm");
        let b = Assets::scan(d);
        assert_ne!(
            b.url("pkg/app.js"),
            js,
            "a change to the module renames the glue too"
        );
        assert_eq!(b.url("map.js"), a.url("map.js"));
    }
}
