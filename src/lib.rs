//! tablemend: messy OCR'd table dumps in, clean normalized records out.
//!
//! The flow for one document, each stage a pure function that pushes diagnostics instead of
//! failing:
//!
//! ```text
//! bytes ─decode─▶ text (─script─▶ simplified) ─read─▶ headings · paragraphs · grids (pipe rows, HTML tables)
//!       ─stitch─▶ forms (tables joined across page breaks)
//!       ─classify/assemble─▶ meta fields + indicator records (repairs recorded)
//!       ─validate─▶ diagnostics ─emit─▶ JSON, JSONL, CSV, SQLite (sink)
//! ```
//!
//! `Extractor::extract` runs it all for one input (`extract_reviewed` also keeps each table's
//! source rows, for the review page), `bulk::run` for many (in parallel, in order, to a sink,
//! resumable); the CLI (`main.rs`, `cli/`) only reads files and writes output.

pub mod assemble;
pub mod bulk;
pub mod check;
pub mod decode;
pub mod limits;
pub mod model;
pub mod normalize;
pub mod ocr;
pub mod radicals;
pub mod read;
pub mod sink;
pub mod stitch;
pub mod validate;
pub mod vocab;

pub use limits::Limits;
use model::Document;
pub use model::Reviewed;
pub use vocab::Vocab;

/// Options for one extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Bounds against hostile input (`limits`); the defaults fit every real form.
    pub limits: Limits,
}

/// The one entry point: a compiled vocabulary and the options, run over any number of inputs
/// (the vocabulary is compiled once, when the extractor is made). Bytes go in; a `Document`
/// comes out (`extract`), or the document with each table's source rows (`extract_reviewed`,
/// for the review page).
#[derive(Debug, Clone)]
pub struct Extractor {
    pub vocab: Vocab,
    pub options: Options,
}

impl Extractor {
    /// An extractor with `vocab` and the default options.
    pub fn new(vocab: Vocab) -> Extractor {
        Extractor {
            vocab,
            options: Options::default(),
        }
    }

    /// The same extractor with `options`.
    pub fn with_options(self, options: Options) -> Extractor {
        Extractor { options, ..self }
    }

    /// Runs the whole pipeline over one input's bytes. `source` is the path as given (it is
    /// only echoed into the output).
    pub fn extract(&self, source: &str, bytes: &[u8]) -> Document {
        self.run(source, bytes, false).document
    }

    /// Reads the file at `path` and extracts it; the path, as given, is the document's source.
    pub fn extract_path(&self, path: &std::path::Path) -> std::io::Result<Document> {
        let bytes = std::fs::read(path)?;
        Ok(self.extract(&path.to_string_lossy(), &bytes))
    }

    /// `extract`, keeping each table's source grid (for the review page).
    pub fn extract_reviewed(&self, source: &str, bytes: &[u8]) -> Reviewed {
        self.run(source, bytes, true)
    }

    /// Decodes and reads the blocks and grids only, with no repair: the parse floor the
    /// benchmark compares the full pipeline with. Returns the number of cells read.
    pub fn parse_only(&self, bytes: &[u8]) -> usize {
        let opts = &self.options;
        let mut diags = Vec::new();
        let bytes = limits::clamp_input(bytes, &opts.limits, &mut diags);
        let decoded = decode::decode(bytes, opts.encoding, &mut diags);
        let text = &decoded.text;
        read::tool_json::read(text, &opts.limits, &mut diags)
            .map_or_else(
                || read::blocks_with(text, &opts.limits, &mut diags),
                |t| t.blocks,
            )
            .iter()
            .map(|b| match b {
                model::Block::Table(g) => g.rows.iter().map(Vec::len).sum(),
                _ => 0,
            })
            .sum()
    }

    /// Decodes `bytes` under the input-size limit and runs the stages from text on.
    fn run(&self, source: &str, bytes: &[u8], keep_grids: bool) -> Reviewed {
        let mut diags = Vec::new();
        let bytes = limits::clamp_input(bytes, &self.options.limits, &mut diags);
        let decoded = decode::decode(bytes, self.options.encoding, &mut diags);
        self.stages(source, &decoded, diags, keep_grids)
    }

    /// The stages from decoded text on; every `Extractor` method runs these. `keep_grids`
    /// copies each form's rows before assembly (the review page needs them; bulk runs do not).
    fn stages(
        &self,
        source: &str,
        decoded: &decode::Decoded,
        mut diags: model::Diagnostics,
        keep_grids: bool,
    ) -> Reviewed {
        let (vocab, limits) = (&self.vocab, &self.options.limits);
        let text = decoded.text.as_str();
        if text.trim().is_empty() {
            diags.push(model::Diagnostic::new(
                model::DiagnosticKind::InputEmpty,
                model::Severity::Warning,
                "the input is empty or blank: no table to read",
            ));
        }
        // a form printed in traditional script is read in simplified (the printed text goes
        // back into the records' sources after assembly)
        let simplified = read::script::simplify(text);
        let printed = text;
        let text = simplified.as_ref().map_or(text, |s| s.text.as_str());
        if let Some(s) = &simplified {
            diags.push(model::Diagnostic::new(
                model::DiagnosticKind::ReadScript,
                model::Severity::Info,
                format!(
                    "printed in traditional script: {} glyphs read in simplified, {} pinyin annotations dropped",
                    s.glyphs, s.pinyin
                ),
            ));
        }
        // the OCR tools' own JSON (MinerU, docling) carries its tables as cells already
        let tool = read::tool_json::read(text, limits, &mut diags);
        let pages = tool.as_ref().map(|t| t.pages.clone());
        let mut blocks = match tool {
            Some(t) => t.blocks,
            None => read::blocks_with(text, limits, &mut diags),
        };
        let mut cuts = read::text::Cuts::default();
        if pages.is_some() {
            // the tables are the tool's: no text between them to read as a form
        } else if !blocks.iter().any(|b| matches!(b, model::Block::Table(_))) {
            // a text with no pipe or HTML table may print its forms without cell delimiters
            if let Some(mut read) =
                read::text::read_text(text, vocab.lexicon(), &mut diags, &mut cuts)
            {
                limits::clamp_blocks(&mut read, limits, &mut diags);
                blocks = read;
            }
        } else {
            // … and a text with tables may print some forms between them without delimiters
            let before = tables_in(&blocks);
            blocks = read::text::between::read_between(
                text,
                blocks,
                vocab.lexicon(),
                &mut diags,
                &mut cuts,
            );
            if tables_in(&blocks) != before {
                limits::clamp_blocks(&mut blocks, limits, &mut diags);
            }
        }
        let mut ocr_fixes = Vec::new();
        let blocks = ocr::relayout(blocks, vocab, &mut diags, &mut ocr_fixes);
        let forms = stitch::stitch(blocks, vocab, &mut diags);
        let mut sources: Vec<(usize, Vec<Vec<model::Cell>>)> = if keep_grids {
            forms
                .iter()
                .map(|f| {
                    let cells = f
                        .rows
                        .iter()
                        .map(|r| r.iter().map(|t| t.cell.clone()).collect());
                    (f.line, cells.collect())
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut tables = assemble::assemble(forms, vocab, &mut diags);
        ocr::apply_fixes(&mut tables, &ocr_fixes);
        cuts.apply(&mut tables);
        if let Some(s) = &simplified {
            s.restore(printed, &mut tables);
        }
        if let Some(pages) = &pages {
            for r in tables.iter_mut().flat_map(|t| t.indicators.iter_mut()) {
                r.source.page = pages.at(r.source.line);
                if let Some(v) = &mut r.value_source {
                    v.page = pages.at(v.line);
                }
            }
        }
        validate::validate(&tables, vocab, &mut diags);
        // Paired by the line a form starts at (a table keeps its form's line), in order.
        let grids = tables
            .iter()
            .map(|t| {
                sources
                    .iter()
                    .position(|(line, _)| *line == t.line)
                    .map(|i| sources.remove(i).1)
                    .unwrap_or_default()
            })
            .collect();
        Reviewed {
            document: Document {
                schema_version: model::SCHEMA_VERSION,
                source: source.to_string(),
                // canonical labels are lower-case (`utf-8`, `gb18030`, `utf-16le`)
                encoding: decoded.encoding.to_ascii_lowercase(),
                tables,
                diagnostics: diags,
            },
            grids,
        }
    }
}

/// How many tables the blocks hold.
fn tables_in(blocks: &[model::Block]) -> usize {
    blocks
        .iter()
        .filter(|b| matches!(b, model::Block::Table(_)))
        .count()
}
