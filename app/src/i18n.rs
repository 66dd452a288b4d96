//! Translation on the web: the domain's Fluent catalogs (`poputchiki_core::i18n`), plus the
//! translator of the current render.

pub use poputchiki_core::i18n::*;

/// The translator for the current render. On the server it comes from the request; an
/// island reads the page's language from `<html lang>` (`editing::helper`).
pub fn use_i18n() -> I18n {
    leptos::prelude::use_context::<I18n>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Files whose code runs in the browser: the islands and what they render. A new
    /// `#[island]` file must be added here (checked below).
    const ISLAND_FILES: &[&str] = &[
        "app/src/search/island.rs",
        "app/src/search/browser.rs",
        "app/src/search/dom.rs",
        "app/src/editing/helper.rs",
        "core/src/identifiers.rs",
    ];

    fn read(relative: &str) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_island_file_is_scanned() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![];
        rust_files(&root.join("src"), &mut files);
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let relative = format!("app/{}", file.strip_prefix(root).unwrap_or(&file).display());
            if text.lines().any(|l| l.trim() == "#[island]") {
                assert!(
                    ISLAND_FILES.contains(&relative.as_str()),
                    "{relative} has an island: list it"
                );
            }
        }
    }

    #[test]
    fn island_keys_are_in_the_browser_catalog() {
        // A literal is a message key when translating it gives something else.
        let i18n = super::I18n::default();
        let mut missing = vec![];
        let mut keys_seen = 0;
        for file in ISLAND_FILES {
            let source = read(file);
            // Every `"word-like"` string literal, wherever its quotes start.
            let literals = source.match_indices('"').filter_map(|(i, _)| {
                let rest = &source[i + 1..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))?;
                rest[end..].starts_with('"').then(|| &rest[..end])
            });
            for literal in literals.filter(|l| !l.is_empty() && i18n.t(l) != *l) {
                keys_seen += 1;
                if !super::BROWSER_KEYS.contains(&literal) {
                    missing.push(format!("{literal} ({file})"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "add to core/locales/browser-keys.txt: {missing:?}"
        );
        // edit-unsaved, err-logo-too-large and identifiers.rs's four messages.
        assert!(keys_seen >= 6, "island keys were not found ({keys_seen})");
    }
}
