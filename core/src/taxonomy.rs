//! Taxonomies: directions of activity, audiences, event formats, organization kinds, legal
//! forms and kinds of need. The terms are data loaded per region from seed files; the code
//! only knows which vocabularies exist.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;
use crate::text::LocalizedText;

/// The vocabularies the product knows. Their terms come from each region's `taxonomy.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vocabulary {
    OrgKind,
    LegalForm,
    Direction,
    Audience,
    EventFormat,
    NeedKind,
}

impl Vocabulary {
    pub const ALL: [Vocabulary; 6] = [
        Self::OrgKind,
        Self::LegalForm,
        Self::Direction,
        Self::Audience,
        Self::EventFormat,
        Self::NeedKind,
    ];

    /// The name used in seed files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OrgKind => "org_kind",
            Self::LegalForm => "legal_form",
            Self::Direction => "direction",
            Self::Audience => "audience",
            Self::EventFormat => "event_format",
            Self::NeedKind => "need_kind",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One term of a vocabulary, e.g. direction `social_services`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Database id; 0 before the term is stored.
    #[serde(default)]
    pub id: i64,
    pub code: String,
    pub label: LocalizedText,
    #[serde(default)]
    pub description: Option<LocalizedText>,
    /// Other ways people write the term in lists ("пенсионеры" for `elderly`, "АНО" for
    /// `ano`): matched like labels, never shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
    /// For a legal form: the organization kind it implies (`state_institution` for a
    /// budget institution), used when a list has no kind column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implies_kind: Option<String>,
}

impl Term {
    /// Whether `s` (already trimmed) is this term's code, a label or a synonym, ignoring
    /// case and ё.
    pub fn is_written_as(&self, s: &str) -> bool {
        let wanted = crate::text::fold(s);
        self.code.eq_ignore_ascii_case(s)
            || self.label.matches(s)
            || self.synonyms.iter().any(|x| crate::text::fold(x) == wanted)
    }
}

/// A term as shown to a person: its code (for links and filters) and its label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermLabel {
    pub code: String,
    pub label: String,
}

/// All vocabularies of one region.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Taxonomy {
    pub org_kind: Vec<Term>,
    pub legal_form: Vec<Term>,
    pub direction: Vec<Term>,
    pub audience: Vec<Term>,
    pub event_format: Vec<Term>,
    pub need_kind: Vec<Term>,
}

impl Taxonomy {
    pub fn terms(&self, vocab: Vocabulary) -> &[Term] {
        match vocab {
            Vocabulary::OrgKind => &self.org_kind,
            Vocabulary::LegalForm => &self.legal_form,
            Vocabulary::Direction => &self.direction,
            Vocabulary::Audience => &self.audience,
            Vocabulary::EventFormat => &self.event_format,
            Vocabulary::NeedKind => &self.need_kind,
        }
    }

    pub fn terms_mut(&mut self, vocab: Vocabulary) -> &mut Vec<Term> {
        match vocab {
            Vocabulary::OrgKind => &mut self.org_kind,
            Vocabulary::LegalForm => &mut self.legal_form,
            Vocabulary::Direction => &mut self.direction,
            Vocabulary::Audience => &mut self.audience,
            Vocabulary::EventFormat => &mut self.event_format,
            Vocabulary::NeedKind => &mut self.need_kind,
        }
    }

    /// Finds a term by its code, any of its labels or a synonym (case- and ё-insensitive),
    /// which is what people type into spreadsheets. Codes win over labels, labels over
    /// synonyms.
    pub fn find(&self, vocab: Vocabulary, code_or_label: &str) -> Option<&Term> {
        let wanted = code_or_label.trim();
        let terms = self.terms(vocab);
        terms
            .iter()
            .find(|t| t.code.eq_ignore_ascii_case(wanted))
            .or_else(|| terms.iter().find(|t| t.label.matches(wanted)))
            .or_else(|| terms.iter().find(|t| t.is_written_as(wanted)))
    }

    /// The vocabulary and term of a stored term id.
    pub fn by_id(&self, id: i64) -> Option<(Vocabulary, &Term)> {
        Vocabulary::ALL
            .into_iter()
            .find_map(|v| self.terms(v).iter().find(|t| t.id == id).map(|t| (v, t)))
    }

    /// Labels of the stored term ids that belong to `vocab`, in the vocabulary's order.
    pub fn labels_of_ids(&self, vocab: Vocabulary, ids: &[i64], locale: Locale) -> Vec<TermLabel> {
        self.terms(vocab)
            .iter()
            .filter(|t| ids.contains(&t.id))
            .map(|t| TermLabel {
                code: t.code.clone(),
                label: t.label.get(locale).to_owned(),
            })
            .collect()
    }

    pub fn by_code(&self, vocab: Vocabulary, code: &str) -> Option<&Term> {
        self.terms(vocab).iter().find(|t| t.code == code)
    }

    /// The label of `code` in `locale`, or the code itself if the term is unknown.
    pub fn label(&self, vocab: Vocabulary, code: &str, locale: Locale) -> String {
        self.by_code(vocab, code)
            .map(|t| t.label.get(locale).to_owned())
            .unwrap_or_else(|| code.to_owned())
    }

    /// Labels for a list of codes, in the vocabulary's own order.
    pub fn labels(&self, vocab: Vocabulary, codes: &[String], locale: Locale) -> Vec<TermLabel> {
        self.terms(vocab)
            .iter()
            .filter(|t| codes.contains(&t.code))
            .map(|t| TermLabel {
                code: t.code.clone(),
                label: t.label.get(locale).to_owned(),
            })
            .collect()
    }

    /// Every term of a vocabulary as (code, label), for filter drop-downs.
    pub fn options(&self, vocab: Vocabulary, locale: Locale) -> Vec<TermLabel> {
        self.terms(vocab)
            .iter()
            .map(|t| TermLabel {
                code: t.code.clone(),
                label: t.label.get(locale).to_owned(),
            })
            .collect()
    }
}
