//! Form values and their issues, and drafts (what was typed into a form that could not be
//! saved yet). The field components that render them live in the app's `forms` module.

use serde::{Deserialize, Serialize};

use crate::error::FieldIssue;

#[cfg(feature = "server")]
pub mod draft;

/// The values and issues a form is rendered with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormState {
    pub fields: Vec<(String, String)>,
    pub issues: Vec<FieldIssue>,
    /// The draft these values come from, if any.
    pub draft_id: Option<String>,
}

impl FormState {
    pub fn from_fields(fields: Vec<(String, String)>) -> Self {
        Self {
            fields,
            ..Default::default()
        }
    }

    /// The first value of a field, or "".
    pub fn value(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Whether a checkbox (or one of a group) with this value was ticked.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.fields.iter().any(|(k, v)| k == name && v == value)
    }

    /// The issues of one field.
    pub fn issues_of(&self, name: &str) -> Vec<FieldIssue> {
        self.issues
            .iter()
            .filter(|i| i.field == name)
            .cloned()
            .collect()
    }

    pub fn has_issues(&self) -> bool {
        !self.issues.is_empty()
    }
}

/// The element id of a field's input: "services[2].name" → "f-services-2-name".
pub fn field_id(name: &str) -> String {
    let mut id = String::from("f-");
    let mut last_dash = true;
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            id.push(ch);
            last_dash = false;
        } else if !last_dash {
            id.push('-');
            last_dash = true;
        }
    }
    id.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_valid_html_ids() {
        assert_eq!(field_id("services[2].name"), "f-services-2-name");
        assert_eq!(field_id("email"), "f-email");
        assert_eq!(field_id("how_to_apply"), "f-how_to_apply");
    }

    #[test]
    fn form_state_reads_values_and_issues() {
        let f = FormState {
            fields: vec![
                ("directions".into(), "sport".into()),
                ("directions".into(), "culture".into()),
                ("name".into(), "Совет".into()),
            ],
            issues: vec![FieldIssue::new("name", "err-required")],
            draft_id: None,
        };
        assert!(f.has("directions", "culture") && !f.has("directions", "health"));
        assert_eq!(f.value("name"), "Совет");
        assert_eq!(f.value("missing"), "");
        assert_eq!(f.issues_of("name").len(), 1);
    }
}
