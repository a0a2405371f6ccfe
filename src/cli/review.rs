//! `tablemend review FILE`: one input in, its self-contained HTML review page out (stdout, or
//! `-o PATH`, written to a temporary file and renamed): diagnostics and low-confidence records
//! first, then each table's source grid beside its records, repairs and unassigned cells marked.
//! With `-o PATH` and more than `SPLIT_ABOVE` tables, PATH is an index page and the tables go to
//! `PATH-1.html`, `PATH-2.html`, … beside it (`sink::html::render_split`); to standard output the
//! review is always one page.

use super::VocabArgs;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tablemend::sink::{
    atomic::write_atomically,
    html::{render, render_split},
};
use tablemend::{Extractor, Options};

/// Render an HTML page to review one document's extraction: source grids beside records.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file (.md, .html, .txt); `-` reads standard input.
    pub file: PathBuf,
    /// Write the page here instead of standard output (above 50 tables: an index page here, the
    /// tables 25 to a page beside it, named after it, `NAME-1.html` …).
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Read the input in this encoding (utf-8, gb18030, gbk, utf-16le, …) instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = super::parse_encoding)]
    pub encoding: Option<&'static tablemend::decode::Encoding>,
    #[command(flatten)]
    pub vocab: VocabArgs,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let vocab = a.vocab.load()?;
    let encoding = a.encoding;
    let source = a.file.to_string_lossy().to_string();
    let bytes = if source == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .context("reading standard input")?;
        b
    } else {
        std::fs::read(&a.file).with_context(|| format!("reading {source}"))?
    };
    let extractor = Extractor::new(vocab).with_options(Options {
        encoding,
        limits: a.limits.limits(),
    });
    let reviewed = extractor.extract_reviewed(&source, &bytes);
    match &a.out {
        Some(path) => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| "review.html".into());
            let dir = path.parent().unwrap_or(std::path::Path::new(""));
            for (file, page) in render_split(&reviewed, &name) {
                write_atomically(&dir.join(file), page.as_bytes())?;
            }
        }
        None => {
            let page = render(&reviewed);
            let mut out = std::io::stdout().lock();
            out.write_all(page.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
