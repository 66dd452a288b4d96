//! A staff check as a list records it: «Дата проверки» (any Russian date form), «Кем
//! проверено», «Способ проверки» in words, turned into the verification the validator expects.

use super::tidy::{dropped, is_placeholder};
use crate::error::FieldIssue;
use crate::organizations::input::OrganizationInput;
use crate::text::fold;

/// Who checked a row when the list does not say: the list itself.
const LIST_VERIFIER: &str = "по загруженному списку";

/// How a method is written in lists, by word stems.
const METHOD_WORDS: &[(&str, &[&str])] = &[
    ("registry", &["реестр", "егрюл", "инн", "огрн", "налог"]),
    ("reports", &["отчет"]),
    ("recommendation_letter", &["письм", "рекоменд"]),
    ("visit", &["визит", "выезд", "посещ", "лично"]),
];

/// A staff check written as a date (and perhaps who and how). A date that is not one, or
/// is in the future, drops the check with a warning; an unknown method is kept as a note.
pub(super) fn verification(input: &mut OrganizationInput, w: &mut Vec<FieldIssue>) {
    let Some(mut v) = input.verification.take() else {
        return;
    };
    // A day ahead of UTC: a date typed today anywhere in Russia is not "in the future".
    let today = (chrono::Utc::now() + chrono::Duration::hours(14)).date_naive();
    let date_text = v.verified_at.trim().to_owned();
    if is_placeholder(&date_text) || date_text.is_empty() {
        return;
    }
    let Some(date) = super::dates::parse_date(&date_text, today) else {
        w.push(dropped("verified_at", &date_text));
        return;
    };
    v.verified_at = date.format("%Y-%m-%d").to_string();
    let method_text = fold(&v.method);
    let method = METHOD_WORDS
        .iter()
        .find(|(code, words)| *code == method_text || words.iter().any(|s| method_text.contains(s)))
        .map(|(code, _)| *code);
    if method.is_none() && !method_text.is_empty() && !is_placeholder(&method_text) {
        v.note = v.method.trim().to_owned();
    }
    v.method = method.unwrap_or("note").to_owned();
    if v.verified_by.trim().is_empty() || is_placeholder(&v.verified_by) {
        v.verified_by = LIST_VERIFIER.to_owned();
    }
    input.verification = Some(v);
}
