//! The browser's formatter: the messages islands need (`locales/browser-keys.txt`), parsed
//! by build.rs into plain data, with the plural rules of the embedded locales. It gives the
//! same text as the Fluent runtime for every message it carries (tested below), without
//! shipping that runtime, its locale data or the server's messages in the WASM.

use super::Arg;

/// One piece of a message.
pub(super) enum Part {
    Text(&'static str),
    Var(&'static str),
    /// `{ $var -> [key] … *[default] … }`: the variable, the variants, the default's index.
    Select(&'static str, &'static [(Key, Msg)], usize),
}

/// A variant key: a plural category (or a literal string value), or an exact number.
pub(super) enum Key {
    Name(&'static str),
    Num(f64),
}

type Msg = &'static [Part];

include!(concat!(env!("OUT_DIR"), "/browser_catalog.rs"));

/// `key` formatted in the locale at `index`, or None when the browser catalog lacks it.
pub(super) fn format(index: usize, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
    let (code, messages) = BROWSER_MESSAGES.get(index)?;
    let i = messages.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
    let mut out = String::new();
    write(messages[i].1, code, args, &mut out);
    Some(out)
}

fn write(parts: Msg, code: &str, args: &[(&str, Arg<'_>)], out: &mut String) {
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Var(name) => match arg(args, name) {
                Some(Arg::Str(s)) => out.push_str(s),
                Some(Arg::Num(n)) => out.push_str(&n.to_string()),
                None => {
                    out.push_str("{$");
                    out.push_str(name);
                    out.push('}');
                }
            },
            Part::Select(name, variants, default) => {
                let chosen = arg(args, name)
                    .and_then(|a| variants.iter().position(|(k, _)| matches(k, a, code)))
                    .unwrap_or(*default);
                if let Some((_, value)) = variants.get(chosen) {
                    write(value, code, args, out);
                }
            }
        }
    }
}

fn arg<'a>(args: &'a [(&str, Arg<'a>)], name: &str) -> Option<&'a Arg<'a>> {
    args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

/// Fluent's variant matching: equal numbers, equal strings, or a number's plural category.
fn matches(key: &Key, value: &Arg<'_>, code: &str) -> bool {
    match (key, value) {
        (Key::Num(k), Arg::Num(n)) => k == n,
        (Key::Name(k), Arg::Str(s)) => k == s,
        (Key::Name(k), Arg::Num(n)) => plural_category(code, *n) == Some(*k),
        (Key::Num(_), Arg::Str(_)) => false,
    }
}

/// The CLDR cardinal plural category of `n` in the locale `code`, from the same operands
/// Fluent uses (the number as written: `i` its integer digits, `v` its count of fraction
/// digits). None for a locale without a rule here: add one with the locale's .ftl file.
pub(super) fn plural_category(code: &str, n: f64) -> Option<&'static str> {
    let written = n.abs().to_string();
    let (int, frac) = written.split_once('.').unwrap_or((&written, ""));
    let i: u64 = int.parse().unwrap_or(u64::MAX);
    let v = frac.len();
    Some(match code {
        "ru" => match (v, i % 10, i % 100) {
            (0, 1, r) if r != 11 => "one",
            (0, 2..=4, r) if !(12..=14).contains(&r) => "few",
            (0, _, _) => "many",
            _ => "other",
        },
        "en" => match (v, i) {
            (0, 1) => "one",
            _ => "other",
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variables(parts: Msg, out: &mut Vec<&'static str>) {
        for p in parts {
            match p {
                Part::Text(_) => {}
                Part::Var(v) => out.push(v),
                Part::Select(v, variants, _) => {
                    out.push(v);
                    for (_, value) in variants.iter() {
                        variables(value, out);
                    }
                }
            }
        }
    }

    #[test]
    fn every_locale_has_a_browser_plural_rule() {
        for code in super::super::LOCALE_CODES {
            assert!(
                plural_category(code, 1.0).is_some(),
                "no plural rule for {code} in i18n/compact.rs"
            );
        }
    }

    #[test]
    fn browser_catalog_formats_exactly_like_fluent() {
        let trials: Vec<Arg> = [
            0.0, 1.0, 2.0, 4.0, 5.0, 11.0, 12.0, 21.0, 22.0, 25.0, 111.0, 1.5,
        ]
        .into_iter()
        .map(Arg::Num)
        .chain([Arg::from("Каргаполье"), Arg::from("0")])
        .collect();
        let mut checked = 0;
        for (index, (code, messages)) in BROWSER_MESSAGES.iter().enumerate() {
            for (key, parts) in messages.iter() {
                let mut vars = vec![];
                variables(parts, &mut vars);
                for trial in &trials {
                    let args: Vec<(&str, Arg)> = vars.iter().map(|v| (*v, trial.clone())).collect();
                    let fluent = super::super::fluent::format(index, key, &args);
                    assert_eq!(
                        format(index, key, &args),
                        fluent,
                        "{code}: {key} with {trial:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(
            checked > 100,
            "the browser catalog is nearly empty: {checked}"
        );
    }

    #[test]
    fn russian_plural_categories() {
        let c = |n| plural_category("ru", n);
        assert_eq!(c(1.0), Some("one"));
        assert_eq!(c(21.0), Some("one"));
        assert_eq!(c(11.0), Some("many"));
        assert_eq!(c(3.0), Some("few"));
        assert_eq!(c(13.0), Some("many"));
        assert_eq!(c(0.0), Some("many"));
        assert_eq!(c(2.5), Some("other"));
    }
}
