//! tablemend: messy OCR'd table dumps in, clean normalized records out.
//!
//! The flow for one document, each stage a pure function that pushes diagnostics instead of
//! failing:
//!
//! ```text
//! bytes ─decode─▶ text ─blocks─▶ headings · paragraphs · grids (pipe rows, HTML tables)
//!       ─stitch─▶ forms (tables joined across page breaks)
//!       ─classify/assemble─▶ meta fields + indicator records (repairs recorded)
//!       ─validate─▶ diagnostics ─emit─▶ JSON (sink)
//! ```
//!
//! `extract_bytes` runs it all; the CLI (`main.rs`, `cli/`) only reads files and writes output.

pub mod assemble;
pub mod blocks;
pub mod check;
pub mod classify;
pub mod decode;
pub mod grid;
pub mod limits;
pub mod model;
pub mod normalize;
pub mod sink;
pub mod stitch;
pub mod validate;
pub mod vocab;

pub use limits::Limits;
use model::Document;
pub use vocab::Vocab;

/// Options for one extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Bounds against hostile input (`limits`); the defaults fit every real form.
    pub limits: Limits,
}

/// Runs the whole pipeline over one input's bytes. `source` is the path as given (it is only
/// echoed into the output).
pub fn extract_bytes(source: &str, bytes: &[u8], vocab: &Vocab, opts: &Options) -> Document {
    let mut diags = Vec::new();
    let bytes = limits::clamp_input(bytes, &opts.limits, &mut diags);
    let decoded = decode::decode(bytes, opts.encoding, &mut diags);
    extract_text_with(
        source,
        &decoded.text,
        decoded.encoding,
        vocab,
        &opts.limits,
        diags,
    )
}

/// Runs the pipeline from decoded text on, under the default limits.
pub fn extract_text(
    source: &str,
    text: &str,
    encoding: &str,
    vocab: &Vocab,
    diags: model::Diagnostics,
) -> Document {
    extract_text_with(source, text, encoding, vocab, &Limits::default(), diags)
}

/// Runs the pipeline from decoded text on, under `limits`.
pub fn extract_text_with(
    source: &str,
    text: &str,
    encoding: &str,
    vocab: &Vocab,
    limits: &Limits,
    mut diags: model::Diagnostics,
) -> Document {
    let blocks = blocks::blocks_with(text, limits, &mut diags);
    let forms = stitch::stitch(blocks, vocab, &mut diags);
    let tables = assemble::assemble(forms, vocab, &mut diags);
    validate::validate(&tables, &mut diags);
    Document {
        source: source.to_string(),
        encoding: encoding.to_string(),
        tables,
        diagnostics: diags,
    }
}
