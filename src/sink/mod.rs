//! Output sinks. Extracted documents go in, in input order; out come bytes in one of five
//! formats: `json` (the `schema/document.schema.json` document, or an array of them), `jsonl` and `csv` (one flat
//! indicator row per line, see `flat`), `parquet` (the same rows, typed columns, see `parquet`),
//! `sqlite` (documents, tables, indicators, unassigned cells and diagnostics, with keys and
//! indexes). Encoding to bytes is a pure function run on the
//! worker threads; a `Sink` only appends, on one thread. Every sink writes whole documents or
//! nothing: line files through a ledger (`ledger`), SQLite through transactions, JSON through a
//! temporary file and a rename. Sinks written to a file remember which inputs are complete
//! (path + content hash), which is what `--resume` reads. `html` renders the review page (one
//! document beside its source grids) for `tablemend review`.

pub mod atomic;
pub mod csv;
pub mod flat;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod ledger;
pub mod parquet;
pub mod record_json;
pub mod sqlite;

use crate::model::Document;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Sqlite,
    Parquet,
}

impl Format {
    /// Parses a format name (`json`, `jsonl`, `csv`, `sqlite`, `parquet`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "sqlite" | "sqlite3" | "db" => Some(Format::Sqlite),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    }

    /// The bytes a document adds to a stream in this format (empty for SQLite and Parquet, which
    /// their sinks write row by row).
    pub fn encode(self, doc: &Document) -> Result<Vec<u8>, SinkError> {
        match self {
            Format::Json => Ok(json::to_json(doc).into_bytes()),
            Format::Jsonl => jsonl::encode(doc),
            Format::Csv => csv::encode(doc),
            Format::Sqlite | Format::Parquet => Ok(Vec::new()),
        }
    }

    /// Whether a file output of this format keeps a documents ledger (`ledger`).
    pub fn has_ledger(self) -> bool {
        matches!(self, Format::Jsonl | Format::Csv)
    }
}

/// An output failure: the sink cannot go on (disk full, unwritable path, corrupt ledger …).
#[derive(Debug, Error)]
pub enum SinkError {
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("SQLite output {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("encoding a record: {0}")]
    Encode(String),
    #[error("cannot resume {path}: {reason}")]
    Resume { path: PathBuf, reason: String },
    /// Options that do not go together (not an output failure).
    #[error("{0}")]
    Usage(String),
}

impl SinkError {
    pub(crate) fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| SinkError::Io {
            action,
            path,
            source,
        }
    }
}

impl From<atomic::AtomicError> for SinkError {
    fn from(e: atomic::AtomicError) -> Self {
        SinkError::Io {
            action: e.doing,
            path: e.path,
            source: e.source,
        }
    }
}

/// One finished input on its way to the sink.
#[derive(Debug)]
pub struct Extracted {
    /// The input's name as given (path, or `-`).
    pub name: String,
    /// Hex content hash of the input bytes.
    pub hash: String,
    pub doc: Document,
    /// `Format::encode` of `doc`, computed on a worker thread.
    pub encoded: Vec<u8>,
    /// Line formats: the document's ledger line but its end (`ledger::manifest`), computed on a
    /// worker thread; empty otherwise (the ledger computes it if it is missing).
    pub manifest: Vec<u8>,
}

/// Where extracted documents go, one at a time, in input order.
pub trait Sink {
    /// Inputs already complete in the output (name → content hash), read when resuming.
    fn completed(&self) -> &HashMap<String, String>;
    /// Whether an input whose content changed since it was written can be replaced (SQLite can;
    /// append-only line files cannot without leaving its earlier records behind).
    fn can_replace(&self) -> bool {
        false
    }
    /// Appends one document, whole or not at all.
    fn write(&mut self, item: &Extracted) -> Result<(), SinkError>;
    /// Appends documents in order, each whole or not at all (a sink may write them together).
    fn write_batch(&mut self, items: &[&Extracted]) -> Result<(), SinkError> {
        items.iter().try_for_each(|item| self.write(item))
    }
    /// Flushes and closes the output (syncs files, renames temporary files into place).
    fn finish(self: Box<Self>) -> Result<(), SinkError>;
}

/// How to open a sink.
#[derive(Debug, Clone)]
pub struct SinkOptions {
    pub format: Format,
    /// Output file; `None` writes to standard output (not allowed for SQLite).
    pub out: Option<PathBuf>,
    /// Keep what an earlier run wrote and skip its complete inputs.
    pub resume: bool,
    /// JSON only: write the one document as an object instead of an array.
    pub single: bool,
}

/// Opens the sink `opts` describes.
pub fn open(opts: &SinkOptions) -> Result<Box<dyn Sink>, SinkError> {
    let no_resume = |what: &str| SinkError::Resume {
        path: opts.out.clone().unwrap_or_else(|| PathBuf::from("-")),
        reason: format!("--resume needs {what}"),
    };
    match (opts.format, &opts.out) {
        (Format::Sqlite, None) => Err(SinkError::Usage(
            "SQLite output needs a file: add -o PATH (a database cannot go to standard output)"
                .into(),
        )),
        (Format::Sqlite, Some(p)) => Ok(Box::new(sqlite::SqliteSink::open(p, opts.resume)?)),
        (Format::Parquet, None) => Err(SinkError::Usage(
            "Parquet output needs a file: add -o PATH".into(),
        )),
        (Format::Parquet, Some(p)) if opts.resume => Err(SinkError::Resume {
            path: p.clone(),
            reason: "a Parquet file is written whole when the run ends, so a killed run left \
                     no part to continue (and the output it was replacing is untouched): rerun \
                     without --resume, or split a long run with --shard K/N into one file per \
                     shard and redo only the shards that did not finish"
                .into(),
        }),
        (Format::Parquet, Some(p)) => Ok(Box::new(parquet::ParquetSink::open(p)?)),
        (_, None) if opts.resume => Err(no_resume("an output file (-o PATH)")),
        (Format::Json, _) if opts.resume => Err(no_resume("--format jsonl, csv or sqlite")),
        (Format::Json, out) => Ok(Box::new(json::JsonSink::open(out.as_deref(), opts.single)?)),
        (Format::Jsonl, out) => Ok(Box::new(ledger::LineSink::open(
            out.as_deref(),
            b"",
            opts.resume,
        )?)),
        (Format::Csv, out) => Ok(Box::new(ledger::LineSink::open(
            out.as_deref(),
            &csv::header()?,
            opts.resume,
        )?)),
    }
}

/// A sink that keeps nothing (parse-only benchmark runs).
#[derive(Debug, Default)]
pub struct NullSink {
    completed: HashMap<String, String>,
}

impl Sink for NullSink {
    fn completed(&self) -> &HashMap<String, String> {
        &self.completed
    }
    fn write(&mut self, _item: &Extracted) -> Result<(), SinkError> {
        Ok(())
    }
    fn finish(self: Box<Self>) -> Result<(), SinkError> {
        Ok(())
    }
}
