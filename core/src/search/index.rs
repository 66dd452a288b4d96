//! The tantivy index: a rebuildable cache of the database under `<data>/search/`. A
//! schema-version file beside it decides when the index must be wiped and rebuilt.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use super::analyzer::{plain, stemming, RU_PLAIN, RU_STEM};

/// Bump when the schema or the analyzers change: the index is then rebuilt at start-up.
pub const SCHEMA_VERSION: u32 = 4;

/// The named fields of the index.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub id: tantivy::schema::Field,
    /// The organization's version when it was indexed, so start-up can find stale docs.
    pub version: tantivy::schema::Field,
    /// The name, stemmed.
    pub name: tantivy::schema::Field,
    /// The name, whole words (prefixes while typing).
    pub name_plain: tantivy::schema::Field,
    /// Description, services, events, needs: stemmed and stored for snippets.
    pub body: tantivy::schema::Field,
    /// Settlement, address, okrug names.
    pub place: tantivy::schema::Field,
    /// Labels of directions, audiences, event formats, kind, legal form.
    pub labels: tantivy::schema::Field,
    /// Everything, whole words: prefixes and spelling suggestions.
    pub all_plain: tantivy::schema::Field,
    /// Where it is (degrees), indexed so a map box can cut the text matches first.
    pub lat: tantivy::schema::Field,
    pub lon: tantivy::schema::Field,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let o = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        o.set_stored()
    } else {
        o
    }
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_u64_field("id", INDEXED | FAST | STORED),
        version: b.add_u64_field("version", FAST),
        name: b.add_text_field("name", text(RU_STEM, false)),
        name_plain: b.add_text_field("name_plain", text(RU_PLAIN, false)),
        body: b.add_text_field("body", text(RU_STEM, true)),
        place: b.add_text_field("place", text(RU_STEM, false)),
        labels: b.add_text_field("labels", text(RU_STEM, false)),
        all_plain: b.add_text_field("all_plain", text(RU_PLAIN, false)),
        lat: b.add_f64_field("lat", FAST),
        lon: b.add_f64_field("lon", FAST),
    };
    (b.build(), fields)
}

/// The text of one organization, as indexed.
#[derive(Clone, Debug, Default)]
pub struct IndexDoc {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub body: String,
    pub place: String,
    pub labels: String,
    pub lat: f64,
    pub lon: f64,
}

impl IndexDoc {
    fn to_document(&self, f: &Fields) -> TantivyDocument {
        let all = format!("{} {} {} {}", self.name, self.body, self.place, self.labels);
        doc!(
            f.id => self.id as u64,
            f.version => self.version.max(0) as u64,
            f.name => self.name.as_str(),
            f.name_plain => self.name.as_str(),
            f.body => self.body.as_str(),
            f.place => self.place.as_str(),
            f.labels => self.labels.as_str(),
            f.all_plain => all,
            f.lat => self.lat,
            f.lon => self.lon,
        )
    }
}

/// An open index with its one writer and one reader.
pub struct SearchIndex {
    pub index: Index,
    pub fields: Fields,
    pub reader: IndexReader,
    writer: std::sync::Mutex<IndexWriter>,
}

fn version_file(dir: &Path) -> PathBuf {
    dir.with_extension("version")
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates an empty one (wiping a stale one) when the
    /// schema version differs. Returns the index and whether it is freshly created.
    pub fn open_or_create(dir: &Path) -> anyhow::Result<(Self, bool)> {
        let (schema, fields) = schema();
        let wanted = SCHEMA_VERSION.to_string();
        let current = std::fs::read_to_string(version_file(dir)).ok();
        let fresh = current.as_deref().map(str::trim) != Some(wanted.as_str());
        if fresh && dir.exists() {
            tracing::info!(dir = %dir.display(), "search index schema changed or unknown: rebuilding");
            std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
        }
        std::fs::create_dir_all(dir)?;
        let mmap = MmapDirectory::open(dir)?;
        let index = if Index::exists(&mmap)? {
            Index::open(mmap)?
        } else {
            Index::create(mmap, schema.clone(), tantivy::IndexSettings::default())?
        };
        if index.schema() != schema {
            anyhow::bail!(
                "the search index at {} has another schema; delete it to rebuild",
                dir.display()
            );
        }
        index.tokenizers().register(RU_STEM, stemming());
        index.tokenizers().register(RU_PLAIN, plain());
        // Two indexing threads (20 MB each, tantivy's minimum is 15 MB): both cores help a
        // rebuild while the next chunk loads from SQLite.
        let writer = index.writer_with_num_threads(2, 40_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        std::fs::write(version_file(dir), wanted)?;
        Ok((
            Self {
                index,
                fields,
                reader,
                writer: std::sync::Mutex::new(writer),
            },
            fresh,
        ))
    }

    /// An index in RAM, for tests.
    pub fn in_ram() -> anyhow::Result<Self> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(RU_STEM, stemming());
        index.tokenizers().register(RU_PLAIN, plain());
        let writer = index.writer_with_num_threads(1, 15_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            fields,
            reader,
            writer: std::sync::Mutex::new(writer),
        })
    }

    /// Every (id, version) the index holds now, sorted.
    pub fn versions(&self) -> anyhow::Result<Vec<(i64, i64)>> {
        let searcher = self.reader.searcher();
        let mut out = vec![];
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let ids = fast.u64("id")?;
            let versions = fast.u64("version")?;
            for doc in segment.doc_ids_alive() {
                if let Some(id) = ids.first(doc) {
                    let version = versions.first(doc).unwrap_or(0);
                    out.push((id as i64, version as i64));
                }
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// Number of documents a searcher sees now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Replaces the documents of `ids` with `docs` (ids without a doc are deleted), commits
    /// once and makes the change visible. Blocking: call from `spawn_blocking`.
    pub fn apply(&self, ids: &[i64], docs: &[IndexDoc]) -> anyhow::Result<()> {
        let mut w = self
            .writer
            .lock()
            .map_err(|_| anyhow::anyhow!("search writer lock poisoned"))?;
        for id in ids {
            w.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
        }
        for d in docs {
            w.add_document(d.to_document(&self.fields))?;
        }
        w.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn writer(&self) -> anyhow::Result<std::sync::MutexGuard<'_, IndexWriter>> {
        self.writer
            .lock()
            .map_err(|_| anyhow::anyhow!("search writer lock poisoned"))
    }

    /// Starts a rebuild: deletes every document (visible only at the next commit) and
    /// pauses automatic merges until [`Self::merge_all`].
    pub fn clear(&self) -> anyhow::Result<()> {
        let w = self.writer()?;
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        w.delete_all_documents()?;
        Ok(())
    }

    /// Adds documents without committing (a rebuild adds in chunks, then commits once).
    pub fn add(&self, docs: &[IndexDoc]) -> anyhow::Result<()> {
        let w = self.writer()?;
        for d in docs {
            w.add_document(d.to_document(&self.fields))?;
        }
        Ok(())
    }

    /// Commits and makes everything since the last commit visible.
    pub fn commit(&self) -> anyhow::Result<()> {
        self.writer()?.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Merges every segment into one and waits for it. After a rebuild this makes searches
    /// faster (one segment to walk, one term dictionary for typo automata), and it keeps
    /// background merges from competing with searches for the two cores afterwards.
    /// A failed merge only costs speed, so it is logged, not returned. Automatic merges
    /// resume afterwards.
    pub fn merge_all(&self) -> anyhow::Result<()> {
        let mut w = self.writer()?;
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            if let Err(e) = w.merge(&ids).wait() {
                tracing::warn!(error = %e, segments = ids.len(), "search index merge skipped");
            }
        }
        w.set_merge_policy(Box::new(tantivy::indexer::LogMergePolicy::default()));
        drop(w);
        self.reader.reload()?;
        Ok(())
    }
}
