//! Embeds the Fluent catalogs. Every `locales/*.ftl` file is found, so adding a locale (say
//! Kazakh, `kk.ftl`) is a data-only change: drop the file in and rebuild.
//!
//! Two outputs: `locales.rs`, the whole Fluent sources for the server's Fluent bundles, and
//! `browser_catalog.rs`, only the messages that `locales/browser-keys.txt` names, already
//! parsed into plain Rust data for the browser build (`i18n::compact`), so the WASM carries
//! neither the Fluent runtime nor the server's hundreds of messages.

use std::{env, fmt::Write, fs, path::PathBuf};

use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement, VariantKey};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let dir = manifest.join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut locales: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .expect("core/locales must exist")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .map(|p| {
            println!("cargo:rerun-if-changed={}", p.display());
            let code = p
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (code, p)
        })
        .collect();
    locales.sort();
    let mut out = String::from(
        "/// Every embedded locale's code, sorted.\n\
         pub static LOCALE_CODES: &[&str] = &[",
    );
    for (code, _) in &locales {
        let _ = write!(out, "{code:?}, ");
    }
    out.push_str(
        "];\n\n/// Every embedded locale: (code, Fluent source), sorted by code.\n\
         #[cfg(feature = \"server\")]\n\
         pub static LOCALE_SOURCES: &[(&str, &str)] = &[\n",
    );
    for (code, path) in &locales {
        let _ = writeln!(
            out,
            "    ({code:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets this"));
    fs::write(out_dir.join("locales.rs"), out).expect("write locales.rs");

    let keys_file = dir.join("browser-keys.txt");
    println!("cargo:rerun-if-changed={}", keys_file.display());
    let patterns: Vec<String> = fs::read_to_string(&keys_file)
        .expect("core/locales/browser-keys.txt must exist")
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    let wanted = |key: &str| {
        patterns.iter().any(|p| match p.strip_suffix('*') {
            Some(prefix) => key.starts_with(prefix),
            None => key == p,
        })
    };
    let mut catalog =
        String::from("/// (locale, [(key, message)]), both sorted.\npub static BROWSER_MESSAGES: &[(&str, &[(&str, Msg)])] = &[\n");
    let mut browser_keys = std::collections::BTreeSet::new();
    for (code, path) in &locales {
        let source = fs::read_to_string(path).expect("read ftl");
        let resource = match fluent_syntax::parser::parse(source.as_str()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let mut messages: Vec<(String, String)> = resource
            .body
            .iter()
            .filter_map(|e| match e {
                ast::Entry::Message(m) if wanted(m.id.name) => {
                    let value = m.value.as_ref()?;
                    Some((m.id.name.to_owned(), pattern(m.id.name, value)))
                }
                _ => None,
            })
            .collect();
        // Fluent keeps the first of two messages with one key; so does this catalog.
        let mut seen = std::collections::HashSet::new();
        messages.retain(|(k, _)| seen.insert(k.clone()));
        messages.sort();
        browser_keys.extend(messages.iter().map(|(k, _)| k.clone()));
        let _ = writeln!(catalog, "    ({code:?}, &[");
        for (key, parts) in messages {
            let _ = writeln!(catalog, "        ({key:?}, {parts}),");
        }
        catalog.push_str("    ]),\n");
    }
    catalog.push_str("];\n");
    fs::write(out_dir.join("browser_catalog.rs"), catalog).expect("write browser_catalog.rs");
    // The keys the browser catalog holds, for the app's test that island code uses no other.
    let mut keys = String::from("/// Every key in the browser catalog (`i18n::compact`), sorted.\npub static BROWSER_KEYS: &[&str] = &[");
    for key in &browser_keys {
        let _ = write!(keys, "{key:?}, ");
    }
    keys.push_str("];\n");
    fs::write(out_dir.join("browser_keys.rs"), keys).expect("write browser_keys.rs");
}

/// A pattern as a Rust expression of `&[Part]`. Only what a browser message may use:
/// text, `{ $variable }`, string literals and selects on a variable (plurals, numbers).
fn pattern(key: &str, p: &ast::Pattern<&str>) -> String {
    let mut out = String::from("&[");
    for element in &p.elements {
        match element {
            PatternElement::TextElement { value } => {
                let _ = write!(out, "Part::Text({value:?}), ");
            }
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(inline) => out.push_str(&inline_part(key, inline)),
                Expression::Select { selector, variants } => {
                    let InlineExpression::VariableReference { id } = selector else {
                        panic!("browser message {key}: a select must be on a $variable");
                    };
                    let default = variants.iter().position(|v| v.default).unwrap_or(0);
                    let _ = write!(out, "Part::Select({:?}, &[", id.name);
                    for v in variants {
                        let k = match &v.key {
                            VariantKey::Identifier { name } => format!("Key::Name({name:?})"),
                            VariantKey::NumberLiteral { value } => {
                                let n: f64 = value.parse().expect("number key");
                                format!("Key::Num({n:?})")
                            }
                        };
                        let _ = write!(out, "({k}, {}), ", pattern(key, &v.value));
                    }
                    let _ = write!(out, "], {default}), ");
                }
            },
        }
    }
    out.push(']');
    out
}

fn inline_part(key: &str, e: &InlineExpression<&str>) -> String {
    match e {
        InlineExpression::VariableReference { id } => format!("Part::Var({:?}), ", id.name),
        InlineExpression::StringLiteral { value } => {
            format!("Part::Text({:?}), ", unescape(value))
        }
        InlineExpression::NumberLiteral { value } => format!("Part::Text({value:?}), "),
        InlineExpression::Placeable { expression } => match expression.as_ref() {
            Expression::Inline(inner) => inline_part(key, inner),
            Expression::Select { .. } => {
                panic!("browser message {key}: a select inside a placeable is not supported")
            }
        },
        _ => panic!(
            "browser message {key}: message, term and function references are not supported \
             in the browser catalog; write the text out or keep the key server-only"
        ),
    }
}

/// Fluent string literals: `\"`, `\\`, `\uXXXX` and `\UXXXXXX`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(len @ ('u' | 'U')) => {
                let n = if len == 'u' { 4 } else { 6 };
                let hex: String = chars.by_ref().take(n).collect();
                let ch = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                out.push(ch.unwrap_or('\u{fffd}'));
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
