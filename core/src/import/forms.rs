//! Legal forms and organization kinds as people write them: abbreviations in any case and
//! with or without quotes (АНО, РОО, ТОС, МБУК, ГБУ «КЦСОН»…), the form taken from the name
//! when its column is empty («АНО «Серебряная нить»»), and the kind inferred when a list has
//! no kind column. The abbreviations are the region taxonomy's synonyms (data); only the
//! pattern of Russian institution abbreviations (М/Г + Б/К/А + …У…) is code.

use crate::taxonomy::{Taxonomy, Term, Vocabulary};
use crate::text::fold;

const KIND_INITIATIVE: &str = "initiative_group";
const KIND_NGO: &str = "ngo";

/// Quotes and punctuation that surround abbreviations in lists.
fn strip_marks(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "«»\"'“”„()[].,:;".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The legal-form term a cell names: a code, label or synonym, an institution
/// abbreviation (МБОУ → budget institution), or a long form the text starts with
/// («Местная общественная организация ветеранов» → public organization).
pub fn find_legal_form<'t>(tax: &'t Taxonomy, text: &str) -> Option<&'t Term> {
    let cleaned = strip_marks(text);
    if cleaned.is_empty() {
        return None;
    }
    tax.find(Vocabulary::LegalForm, &cleaned)
        .or_else(|| institution_abbreviation(tax, &cleaned))
        .or_else(|| leading_phrase(tax, &cleaned))
        .or_else(|| {
            // «ГБУ КЦСОН», «МБУ ДО»: the first word alone.
            let first = cleaned.split_whitespace().next()?;
            (first != cleaned)
                .then(|| find_abbreviation(tax, first))
                .flatten()
        })
}

/// Russian institution abbreviations follow a pattern: an optional level (М municipal,
/// Г state, Ф federal), the financing (Б budget, К treasury, А autonomous), then letters
/// with У (учреждение): МБУ, МБОУ, МКДОУ, ГБУЗ, ГБПОУ, МАУК.
fn institution_abbreviation<'t>(tax: &'t Taxonomy, word: &str) -> Option<&'t Term> {
    let w: Vec<char> = fold(word).chars().collect();
    if !(3..=6).contains(&w.len()) || !w.iter().all(|c| ('а'..='я').contains(c)) {
        return None;
    }
    let rest = match w[0] {
        'м' | 'г' | 'ф' => &w[1..],
        _ => return None,
    };
    let code = match rest.first()? {
        'б' => "state_budget_institution",
        'к' => "state_treasury_institution",
        'а' => "state_autonomous_institution",
        _ => return None,
    };
    rest[1..]
        .contains(&'у')
        .then(|| tax.by_code(Vocabulary::LegalForm, code))
        .flatten()
}

/// A term whose label or multi-word synonym the text starts with.
fn leading_phrase<'t>(tax: &'t Taxonomy, text: &str) -> Option<&'t Term> {
    let folded = fold(text);
    let mut best: Option<(usize, &Term)> = None;
    for t in tax.terms(Vocabulary::LegalForm) {
        let label = fold(&strip_marks(t.label.get(Default::default())));
        let phrases = std::iter::once(label).chain(t.synonyms.iter().map(|s| fold(s)));
        for p in phrases.filter(|p| p.contains(' ')) {
            let starts = folded == p || folded.starts_with(&format!("{p} "));
            if starts && best.is_none_or(|(n, _)| p.len() > n) {
                best = Some((p.len(), t));
            }
        }
    }
    best.map(|(_, t)| t)
}

/// A single word that is an abbreviation of a legal form (a synonym or the pattern).
fn find_abbreviation<'t>(tax: &'t Taxonomy, word: &str) -> Option<&'t Term> {
    tax.find(Vocabulary::LegalForm, word)
        .filter(|t| !t.code.eq_ignore_ascii_case(word))
        .or_else(|| institution_abbreviation(tax, word))
}

/// The legal form written in an organization's name: an abbreviation among the words
/// before the first quote («ТОС «Родник»», «Курганская РОО «…»») or a long form the name
/// starts with. Two-letter words count only in capitals, so «ко» is not «КО».
pub fn legal_form_in_name<'t>(tax: &'t Taxonomy, name: &str) -> Option<&'t Term> {
    let before_quote = name.split(['«', '"', '“', '„']).next().unwrap_or("");
    let words = strip_marks(before_quote);
    for word in words.split_whitespace() {
        let capitals = word.chars().all(|c| !c.is_lowercase());
        if word.chars().count() < 3 && !capitals {
            continue;
        }
        if !capitals && word.chars().count() > 6 {
            continue;
        }
        if let Some(t) = find_abbreviation(tax, word) {
            return Some(t);
        }
    }
    leading_phrase(tax, &strip_marks(name))
}

/// Whether a text says "initiative group" in some form.
fn says_initiative_group(tax: &Taxonomy, text: &str) -> bool {
    let f = fold(text);
    f.contains("инициативн")
        || tax
            .by_code(Vocabulary::OrgKind, KIND_INITIATIVE)
            .is_some_and(|t| t.is_written_as(text.trim()))
}

/// The kind a row most likely has when its list does not say: the kind its legal form
/// implies (an institution), an initiative group when the name or form says so, otherwise
/// a registered NGO. Only codes the region's taxonomy has are returned.
pub fn infer_kind(
    tax: &Taxonomy,
    legal_form: Option<&Term>,
    name: &str,
    form_text: &str,
) -> String {
    let implied = legal_form.and_then(|t| t.implies_kind.clone());
    let guess = implied.unwrap_or_else(|| {
        if says_initiative_group(tax, name) || says_initiative_group(tax, form_text) {
            KIND_INITIATIVE.to_owned()
        } else {
            KIND_NGO.to_owned()
        }
    });
    match tax.by_code(Vocabulary::OrgKind, &guess) {
        Some(t) => t.code.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tax() -> Taxonomy {
        crate::seed::test_catalog().taxonomy
    }

    fn form(text: &str) -> Option<String> {
        find_legal_form(&tax(), text).map(|t| t.code.clone())
    }

    #[test]
    fn abbreviations_in_any_case_and_quotes() {
        for (text, code) in [
            ("АНО", "ano"),
            ("ано", "ano"),
            ("«АНО»", "ano"),
            ("ТОС", "tos"),
            ("РОО", "public_org"),
            ("МОО", "public_org"),
            ("ОО", "public_org"),
            ("БФ", "charity_fund"),
            ("НП", "np_partnership"),
            ("МБУ", "state_budget_institution"),
            ("МБОУ", "state_budget_institution"),
            ("ГБУЗ", "state_budget_institution"),
            ("МКУ", "state_treasury_institution"),
            ("МКУК", "state_treasury_institution"),
            ("ГАУ", "state_autonomous_institution"),
            ("МАУ", "state_autonomous_institution"),
            ("ЧУ", "private_institution"),
            ("КЦСОН", "state_budget_institution"),
            ("ГБУ КЦСОН", "state_budget_institution"),
            ("Местная общественная организация", "public_org"),
            ("Автономная некоммерческая организация", "ano"),
        ] {
            assert_eq!(form(text).as_deref(), Some(code), "{text}");
        }
        assert_eq!(form("ООО"), None);
        assert_eq!(form("ИП"), None);
    }

    #[test]
    fn the_form_is_read_from_the_name() {
        let t = tax();
        let of = |n: &str| legal_form_in_name(&t, n).map(|t| t.code.clone());
        assert_eq!(of("АНО «Серебряная нить»").as_deref(), Some("ano"));
        assert_eq!(of("ТОС \"Родник\"").as_deref(), Some("tos"));
        assert_eq!(
            of("ГБУ «КЦСОН по Шумихинскому району»").as_deref(),
            Some("state_budget_institution")
        );
        assert_eq!(
            of("Курганская РОО «Доброе сердце»").as_deref(),
            Some("public_org")
        );
        assert_eq!(
            of("Местная общественная организация ветеранов Шумихинского округа").as_deref(),
            Some("public_org")
        );
        assert_eq!(of("Совет ветеранов с. Каменное"), None);
        assert_eq!(of("Клуб «Ано»"), None);
    }

    #[test]
    fn the_kind_is_inferred() {
        let t = tax();
        let mbu = t.by_code(Vocabulary::LegalForm, "state_budget_institution");
        assert_eq!(infer_kind(&t, mbu, "МБУК «ЦБС»", ""), "state_institution");
        assert_eq!(
            infer_kind(&t, None, "Инициативная группа «Соседи»", ""),
            "initiative_group"
        );
        assert_eq!(infer_kind(&t, None, "Соседи", "ИГ"), "initiative_group");
        assert_eq!(infer_kind(&t, None, "Совет ветеранов", ""), "ngo");
    }
}
