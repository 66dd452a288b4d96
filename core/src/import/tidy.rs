//! Makes one imported record canonical before the strict validator sees it: legal forms,
//! kinds, okrugs and taxonomy terms as people write them, phones and addresses with stray
//! text, identifiers that Excel turned into numbers. A value that is still not understood is
//! dropped with a warning when it is optional, so the row is imported without it; required
//! values and wrong check digits are left for the validator to refuse.

use super::forms::{find_legal_form, infer_kind, legal_form_in_name};
use super::places::{find_okrug, okrug_in_text};
use crate::error::FieldIssue;
use crate::organizations::input::{NeedInput, OfferInput, OrganizationInput};
use crate::organizations::validate::normalize_contact;
use crate::organizations::ContactKind;
use crate::region::RegionCatalog;
use crate::taxonomy::{Taxonomy, Vocabulary};
use crate::text::fold;

/// Cells that mean "nothing here".
const PLACEHOLDERS: &[&str] = &[
    "-",
    "—",
    "–",
    "нет",
    "н/д",
    "нд",
    "отсутствует",
    "не указан",
    "не указано",
    "не имеется",
    "?",
];

pub(super) fn is_placeholder(s: &str) -> bool {
    PLACEHOLDERS.contains(&fold(s).as_str())
}

/// One tidy pass: the canonical record and the warnings about what was dropped or fixed.
pub fn tidy(
    mut input: OrganizationInput,
    catalog: &RegionCatalog,
) -> (OrganizationInput, Vec<FieldIssue>) {
    let mut w = vec![];
    blank_placeholders(&mut input);
    legal_form_and_kind(&mut input, &catalog.taxonomy, &mut w);
    okrug(&mut input, catalog, &mut w);
    let tax = &catalog.taxonomy;
    input.directions = terms(
        tax,
        Vocabulary::Direction,
        "directions",
        &input.directions,
        &mut w,
    );
    input.audiences = terms(
        tax,
        Vocabulary::Audience,
        "audiences",
        &input.audiences,
        &mut w,
    );
    input.event_formats = terms(
        tax,
        Vocabulary::EventFormat,
        "event_formats",
        &input.event_formats,
        &mut w,
    );
    needs(&mut input, tax, &mut w);
    offers(&mut input, tax, &mut w);
    contacts(&mut input, &mut w);
    super::verified::verification(&mut input, &mut w);
    if catalog.identifier_scheme == "ru" {
        input.inn = identifier("inn", &input.inn, &mut w);
        input.ogrn = identifier("ogrn", &input.ogrn, &mut w);
    }
    (input, w)
}

fn blank_placeholders(input: &mut OrganizationInput) {
    for field in [
        &mut input.legal_form,
        &mut input.kind,
        &mut input.okrug,
        &mut input.settlement,
        &mut input.address,
        &mut input.phone,
        &mut input.email,
        &mut input.website,
        &mut input.vk,
        &mut input.ok,
        &mut input.telegram,
        &mut input.inn,
        &mut input.ogrn,
        &mut input.summary,
        &mut input.description,
    ] {
        if is_placeholder(field) {
            field.clear();
        }
    }
}

pub(super) fn dropped(field: &str, value: &str) -> FieldIssue {
    FieldIssue::new(field, "warn-dropped").arg("value", value.trim())
}

fn legal_form_and_kind(input: &mut OrganizationInput, tax: &Taxonomy, w: &mut Vec<FieldIssue>) {
    let form_text = input.legal_form.trim().to_owned();
    let form = if form_text.is_empty() {
        legal_form_in_name(tax, &input.name)
    } else {
        find_legal_form(tax, &form_text)
    };
    let form_is_a_kind = form.is_none() && tax.find(Vocabulary::OrgKind, &form_text).is_some();
    if form.is_none() && !form_text.is_empty() && !form_is_a_kind {
        w.push(dropped("legal_form", &form_text));
    }
    input.legal_form = form.map(|t| t.code.clone()).unwrap_or_default();
    let kind_text = input.kind.trim().to_owned();
    let stated_kind = tax
        .find(Vocabulary::OrgKind, &kind_text)
        .map(|t| t.code.clone());
    if !kind_text.is_empty() && stated_kind.is_none() {
        w.push(dropped("kind", &kind_text));
    }
    // «НКО» or «Инициативная группа» in the legal-form column says the kind.
    let kind_in_form = form_is_a_kind
        .then(|| {
            tax.find(Vocabulary::OrgKind, &form_text)
                .map(|t| t.code.clone())
        })
        .flatten();
    input.kind = stated_kind
        .or(kind_in_form)
        .unwrap_or_else(|| infer_kind(tax, form, &input.name, &form_text));
}

fn okrug(input: &mut OrganizationInput, catalog: &RegionCatalog, w: &mut Vec<FieldIssue>) {
    let text = input.okrug.trim().to_owned();
    let has_point = input.lat.is_some() && input.lon.is_some();
    if text.is_empty() {
        // The okrug often sits in the address: «Шумихинский р-н, с. Каменное».
        let found = okrug_in_text(catalog, &input.address)
            .or_else(|| okrug_in_text(catalog, &input.settlement));
        if let (Some(o), false) = (found, has_point) {
            input.okrug = o.slug.clone();
        }
        return;
    }
    match find_okrug(catalog, &text) {
        Some(o) => input.okrug = o.slug.clone(),
        // With coordinates the point decides the okrug; without them the validator refuses
        // the row, since nothing else places it.
        None if has_point => {
            w.push(dropped("okrug", &text));
            input.okrug.clear();
        }
        None => {}
    }
}

/// Codes for the values of one vocabulary. A value may be a list in itself
/// («пенсионеры, инвалиды»): the whole is tried first, since labels contain commas.
fn terms(
    tax: &Taxonomy,
    vocab: Vocabulary,
    field: &str,
    values: &[String],
    w: &mut Vec<FieldIssue>,
) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut push = |code: &str| {
        if !out.iter().any(|c| c == code) {
            out.push(code.to_owned());
        }
    };
    for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        let value = value.trim_end_matches(['.', ',', ';']);
        if let Some(t) = tax.find(vocab, value) {
            push(&t.code);
            continue;
        }
        for part in value
            .split([',', '/'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match tax.find(vocab, part) {
                Some(t) => push(&t.code),
                None if is_placeholder(part) => {}
                None => w.push(dropped(field, part)),
            }
        }
    }
    out
}

/// The need kinds of one value: a code or label, or (a bare spreadsheet cell, no title)
/// a list of them («Помещение, транспорт»: the whole tried first, as labels may hold
/// commas). Unknown ones are dropped with a warning on `field`.
fn need_kinds(
    tax: &Taxonomy,
    field: &str,
    kind: &str,
    bare: bool,
    w: &mut Vec<FieldIssue>,
) -> Vec<String> {
    let kind = kind.trim();
    match tax.find(Vocabulary::NeedKind, kind) {
        Some(t) => vec![t.code.clone()],
        None if kind.is_empty() || is_placeholder(kind) => vec![],
        None if bare => terms(tax, Vocabulary::NeedKind, field, &[kind.to_owned()], w),
        None => {
            w.push(dropped(field, kind));
            vec![]
        }
    }
}

/// A list of needs or offers with their kinds made codes: a bare row (a spreadsheet cell,
/// no title or text) becomes one row per kind it names, each kind once.
fn kind_rows<T: Clone>(
    rows: Vec<T>,
    field: &str,
    tax: &Taxonomy,
    w: &mut Vec<FieldIssue>,
    parts: impl Fn(&T) -> (&str, bool),
    with_kind: impl Fn(&T, String) -> T,
) -> Vec<T> {
    let mut kept: Vec<(String, T)> = vec![];
    for row in rows {
        let (kind, bare) = parts(&row);
        for code in need_kinds(tax, field, kind, bare, w) {
            if !(bare && kept.iter().any(|(k, _)| *k == code)) {
                kept.push((code.clone(), with_kind(&row, code)));
            }
        }
    }
    kept.into_iter().map(|(_, row)| row).collect()
}

fn needs(input: &mut OrganizationInput, tax: &Taxonomy, w: &mut Vec<FieldIssue>) {
    let rows = std::mem::take(&mut input.needs);
    input.needs = kind_rows(
        rows,
        "needs",
        tax,
        w,
        |n| {
            (
                &n.kind,
                n.title.trim().is_empty() && n.description.trim().is_empty(),
            )
        },
        |n, kind| NeedInput { kind, ..n.clone() },
    );
}

/// Offers of help, like needs.
fn offers(input: &mut OrganizationInput, tax: &Taxonomy, w: &mut Vec<FieldIssue>) {
    let rows = std::mem::take(&mut input.offers);
    input.offers = kind_rows(
        rows,
        "offers",
        tax,
        w,
        |f| {
            (
                &f.kind,
                f.title.trim().is_empty() && f.description.trim().is_empty(),
            )
        },
        |f, kind| OfferInput { kind, ..f.clone() },
    );
}

/// Words people put in front of a phone number.
const PHONE_PREFIXES: &[&str] = &["тел.:", "тел.", "тел:", "тел", "т.", "моб.", "сот.", "факс"];

/// One phone as written, without labels and trailing names: «тел. 8 (35235) 2-11-01
/// (Иван Петрович)» → «8 (35235) 2-11-01».
fn clean_phone(raw: &str) -> String {
    let mut s = raw.trim();
    for p in PHONE_PREFIXES {
        if let Some(rest) = s.strip_prefix(p).filter(|_| fold(s).starts_with(p)) {
            s = rest.trim();
        }
    }
    let lower = fold(s);
    // «доб. 123» (an extension) and a name in brackets are cut off; an area code in
    // brackets stays.
    let extension = ["доб", "вн."].iter().filter_map(|m| lower.find(m)).min();
    let named_bracket = lower.match_indices('(').map(|(at, _)| at).find(|at| {
        lower[*at..]
            .split(')')
            .next()
            .is_some_and(|inside| inside.chars().any(char::is_alphabetic))
    });
    match extension.into_iter().chain(named_bracket).min() {
        Some(at) => s.get(..at).unwrap_or(s).trim().to_owned(),
        None => s.to_owned(),
    }
}

fn contacts(input: &mut OrganizationInput, w: &mut Vec<FieldIssue>) {
    let fields = [
        (ContactKind::Phone, &mut input.phone),
        (ContactKind::Email, &mut input.email),
        (ContactKind::Website, &mut input.website),
        (ContactKind::Vk, &mut input.vk),
        (ContactKind::Ok, &mut input.ok),
        (ContactKind::Telegram, &mut input.telegram),
    ];
    for (kind, value) in fields {
        let mut kept: Vec<String> = vec![];
        for raw in value
            .split([';', ',', '\n'])
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            let cleaned = match kind {
                ContactKind::Phone => clean_phone(raw),
                ContactKind::Email => raw.trim_start_matches("mailto:").replace(' ', ""),
                _ => raw.to_owned(),
            };
            match normalize_contact(kind, &cleaned) {
                Some(_) if !kept.contains(&cleaned) => kept.push(cleaned),
                Some(_) => {}
                None if is_placeholder(raw) => {}
                None => w.push(dropped(kind.as_str(), raw)),
            }
        }
        *value = kept.join("; ");
    }
}

/// An identifier as Excel may have left it: spaces, a leading apostrophe, «.0», a lost
/// leading zero of an ИНН (restored when the padded number passes its check digits), or
/// exponent notation («4,5E+09»: exact only when every digit survived). A number of a
/// length no identifier has is dropped with a warning; digits of the right length that fail
/// the check are left for the validator to refuse.
fn identifier(field: &str, raw: &str, w: &mut Vec<FieldIssue>) -> String {
    let lengths: &[usize] = if field == "inn" { &[10, 12] } else { &[13] };
    let s: String = raw
        .trim()
        .trim_start_matches('\'')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    let s = strip_label(&s, field);
    if s.is_empty() {
        return s;
    }
    let digits = match exponent_digits(&s) {
        Some(Ok(d)) => d,
        Some(Err(())) => {
            w.push(FieldIssue::new(field, "warn-identifier-excel").arg("value", raw.trim()));
            return String::new();
        }
        None => s.strip_suffix(".0").unwrap_or(&s).to_owned(),
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        w.push(dropped(field, raw));
        return String::new();
    }
    if lengths.contains(&digits.len()) {
        // A number cell that Excel showed as «4,5E+09» and saved rounded: zeros where the
        // digits were. Right-length numbers that merely fail the check are kept, for the
        // validator to refuse (a typo the person must fix).
        let passes = if field == "inn" {
            crate::identifiers::validate_inn(&digits).is_ok()
        } else {
            crate::identifiers::validate_ogrn(&digits).is_ok()
        };
        if !passes && digits.ends_with("0000") {
            w.push(FieldIssue::new(field, "warn-identifier-excel").arg("value", raw.trim()));
            return String::new();
        }
        return digits;
    }
    let padded = format!("0{digits}");
    if field == "inn" && crate::identifiers::validate_inn(&padded).is_ok() {
        w.push(
            FieldIssue::new(field, "warn-identifier-zero")
                .arg("value", raw.trim())
                .arg("fixed", padded.clone()),
        );
        return padded;
    }
    w.push(dropped(field, raw));
    String::new()
}

/// «ИНН4501012345» or «ИНН:4501012345» → the number.
fn strip_label(s: &str, field: &str) -> String {
    let label = if field == "inn" { "инн" } else { "огрн" };
    let lower = s.to_lowercase();
    match lower.strip_prefix(label) {
        Some(_) => s
            .chars()
            .skip(label.chars().count())
            .skip_while(|c| *c == ':' || *c == '-')
            .collect(),
        None => s.to_owned(),
    }
}

/// Digits of a number in exponent notation: `Some(Ok)` when exact, `Some(Err)` when Excel
/// rounded digits away, `None` when the text is not in that notation.
fn exponent_digits(s: &str) -> Option<Result<String, ()>> {
    let (mantissa, exp) = s
        .to_ascii_lowercase()
        .split_once('e')
        .map(|(m, e)| (m.to_owned(), e.to_owned()))?;
    let exp: usize = exp.trim_start_matches('+').parse().ok()?;
    let mantissa = mantissa.replace(',', ".");
    let (int, frac) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    if int.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > exp {
        return Some(Err(()));
    }
    // "4.5E+09" has 2 significant digits of 10: the other 8 are gone.
    let digits = format!("{int}{frac}{}", "0".repeat(exp - frac.len()));
    let significant = int.len() + frac.len();
    if significant < digits.len() && digits.ends_with('0') {
        return Some(Err(()));
    }
    Some(Ok(digits))
}

#[cfg(test)]
mod tests;
