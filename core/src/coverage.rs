//! Coverage, where help is missing: published organizations counted per okrug × direction
//! (or × audience), from the search table with the search's own filters, so every cell is
//! the facet count of the search it links to. A zero cell is a "white spot". Also the
//! CSV and Excel files staff hand to the authorities (`coverage/export.rs`).

use serde::{Deserialize, Serialize};

use crate::search::params::Facet;
#[cfg(feature = "server")]
use crate::{
    i18n::I18n,
    search::engine::{SearchEngine, SearchError},
    search::params::SearchParams,
};

#[cfg(feature = "server")]
mod export;
#[cfg(feature = "server")]
pub use export::{to_csv, to_xlsx, to_xlsx_with};

/// What the columns are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    #[default]
    Direction,
    Audience,
}

impl Axis {
    pub fn as_str(self) -> &'static str {
        self.facet().as_str()
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "direction" => Some(Self::Direction),
            "audience" => Some(Self::Audience),
            _ => None,
        }
    }

    pub fn facet(self) -> Facet {
        match self {
            Self::Direction => Facet::Direction,
            Self::Audience => Facet::Audience,
        }
    }
}

/// Which organizations count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageOptions {
    pub axis: Axis,
    /// Only organizations checked by staff (the search's `verified` facet).
    pub verified_only: bool,
}

impl CoverageOptions {
    /// From URL query pairs (`by=audience`, `verified=true`); anything else is the default.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut o = Self::default();
        for (k, v) in pairs {
            match k {
                "by" => o.axis = Axis::parse(v).unwrap_or_default(),
                "verified" => o.verified_only = matches!(v, "true" | "1" | "yes"),
                _ => {}
            }
        }
        o
    }

    /// The query string for these options ("" for the defaults).
    pub fn query(&self) -> String {
        let mut parts = vec![];
        if self.axis != Axis::Direction {
            parts.push(format!("by={}", self.axis.as_str()));
        }
        if self.verified_only {
            parts.push("verified=true".to_owned());
        }
        parts.join("&")
    }

    /// The search these options count, narrowed to `okrug` and/or one column's `code`.
    pub fn search_href(&self, okrug: Option<&str>, code: Option<&str>) -> String {
        let mut parts = vec![];
        if let Some(o) = okrug {
            parts.push(format!("okrug={o}"));
        }
        if let Some(c) = code {
            parts.push(format!("{}={c}", self.axis.as_str()));
        }
        if self.verified_only {
            parts.push("verified=true".to_owned());
        }
        if parts.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{}", parts.join("&"))
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageColumn {
    pub code: String,
    pub label: String,
    /// Organizations of the whole region with this direction (audience).
    pub total: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub slug: String,
    pub name: String,
    /// Organizations in the okrug (each once, whatever its directions).
    pub total: u64,
    /// One count per column.
    pub cells: Vec<u64>,
}

/// The okrug × direction (audience) matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub options: CoverageOptions,
    pub columns: Vec<CoverageColumn>,
    pub rows: Vec<CoverageRow>,
    /// Organizations counted, each once.
    pub total: u64,
    /// Cells with no organization.
    pub white_spots: u64,
}

impl Coverage {
    /// The title over the table, e.g. «Организации по округам и направлениям (только
    /// проверенные)», on the page and in the downloads.
    pub fn title(&self, i18n: &crate::i18n::I18n) -> String {
        let base = i18n.t(&format!("coverage-title-{}", self.options.axis.as_str()));
        if self.options.verified_only {
            format!("{base} ({})", i18n.t("coverage-verified-only"))
        } else {
            base
        }
    }
}

#[cfg(feature = "server")]
impl Coverage {
    /// Counts the published organizations passing `options` (a pass over the search table:
    /// about a millisecond for 100,000 rows).
    pub fn compute(
        engine: &SearchEngine,
        options: CoverageOptions,
        i18n: &I18n,
    ) -> Result<Self, SearchError> {
        let mut params = SearchParams {
            page: 1,
            per_page: 1,
            ..Default::default()
        };
        if options.verified_only {
            params.filters.push((Facet::Verified, vec!["true".into()]));
        }
        let values = engine.facet_values(options.axis.facet(), i18n);
        let okrugs = engine.facet_values(Facet::Okrug, i18n);
        let width = values.len().min(crate::search::table::MAX_CODES);
        let mut cells = vec![vec![0u64; width]; okrugs.len()];
        let mut row_totals = vec![0u64; okrugs.len()];
        let mut column_totals = vec![0u64; width];
        let (table, matching) = engine.matching(&params, i18n)?;
        let rows = table.rows();
        for &i in &matching {
            let row = &rows[i];
            let okrug = usize::from(row.okrug);
            let Some(line) = cells.get_mut(okrug) else {
                continue;
            };
            row_totals[okrug] += 1;
            let mask = match options.axis {
                Axis::Direction => row.directions,
                Axis::Audience => row.audiences,
            };
            for (bit, cell) in line.iter_mut().enumerate() {
                if mask & (1u128 << bit) != 0 {
                    *cell += 1;
                    column_totals[bit] += 1;
                }
            }
        }
        let total = matching.len() as u64;
        drop(table);
        let white_spots = cells.iter().flatten().filter(|&&c| c == 0).count() as u64;
        Ok(Self {
            options,
            columns: values
                .into_iter()
                .take(width)
                .zip(column_totals)
                .map(|((code, label), total)| CoverageColumn { code, label, total })
                .collect(),
            rows: okrugs
                .into_iter()
                .zip(cells.into_iter().zip(row_totals))
                .map(|((slug, name), (cells, total))| CoverageRow {
                    slug,
                    name,
                    total,
                    cells,
                })
                .collect(),
            total,
            white_spots,
        })
    }
}

#[cfg(all(test, feature = "testing"))]
mod tests;
