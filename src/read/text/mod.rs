//! Tables that arrive as text with no cell delimiters — `pdftotext -layout` output, plain OCR
//! text, text copied out of a browser or a .doc viewer. The decoded text and the `Lexicon` go
//! in; out come the document's blocks, as the pipe and HTML readers give them: paragraphs for
//! the text around a form and one `Grid` of cells with spans (line and column of the input) for
//! each form, so stitch, assemble and validate read them unchanged.
//!
//! Detection (`region`): a stretch of lines is a form when it holds the form's words in table
//! order — a meta key or header word, then level labels. Everything else stays prose; a text
//! with no form gives no table. Each form is then read by the reader its layout calls for:
//! - `aligned`: space-aligned columns (column edges where the gaps line up; CJK characters are
//!   two columns wide; a wrapped cell continues on the next line);
//! - `stacked`: one cell a line (often ending in ` |`), rows rebuilt from the header;
//! - `segment`: one row a line with single spaces between cells or none at all, cut with the
//!   lexicon and the value grammar.
//!
//! Labels broken over lines (`可持续影` / `响指标`) are joined again (`labels`). A document that
//! also holds pipe or HTML tables is read outside them (`between`).

pub mod aligned;
pub mod between;
pub mod cuts;
pub mod labels;
pub mod lexicon;
pub mod region;
pub mod rowdecode;
pub mod segment;
pub mod stacked;
pub mod values;

pub use cuts::Cuts;
pub use lexicon::{Found, Lexicon, WordKind};

use crate::model::{
    Block, Cell, Diagnostic, DiagnosticKind, Diagnostics, Grid, GridSource, Severity, Span,
};

/// One line of the input: 1-based number, byte offset of its first byte, its text (without
/// the newline, a trailing `\r` or form feeds).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub no: usize,
    pub start: usize,
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The cell of the byte range `s..e` of this line, its text trimmed.
    pub fn cell(&self, s: usize, e: usize) -> Cell {
        let raw = self.text.get(s..e).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        let s = s + lead;
        let col = self.text.get(..s).map_or(0, |p| p.chars().count()) + 1;
        Cell {
            text: text.to_string(),
            span: Span {
                line: self.no,
                col,
                start: self.start + s,
                end: self.start + s + text.len(),
            },
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The lines of `text`.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0usize;
    for (k, raw) in text.split('\n').enumerate() {
        let mut t = raw.trim_end_matches('\r');
        // a form feed (a pdftotext page break) is no text
        let lead = t.len() - t.trim_start_matches('\u{c}').len();
        t = t.trim_matches('\u{c}');
        out.push(Line {
            no: k + 1,
            start: start + lead,
            text: t,
        });
        start += raw.len() + 1;
    }
    out
}

/// The layouts a form's text may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Aligned,
    Stacked,
    Segmented,
}

/// Reads the text's forms (see the module doc). `None` when no stretch of it is a form: the
/// caller keeps the blocks it had. The cuts made where no delimiter stood go to `cuts`.
pub fn read_text(
    text: &str,
    lex: &Lexicon,
    diags: &mut Diagnostics,
    cuts: &mut Cuts,
) -> Option<Vec<Block>> {
    read_lines(&lines(text), lex, diags, cuts).map(|(blocks, _)| blocks)
}

/// Line numbers `first..end` (1-based, `end` exclusive).
pub type LineRange = (usize, usize);

/// `read_text` over the text's lines; also returns the line numbers each form took
/// (`first..end`, 1-based, `end` exclusive).
pub fn read_lines(
    lines: &[Line],
    lex: &Lexicon,
    diags: &mut Diagnostics,
    cuts: &mut Cuts,
) -> Option<(Vec<Block>, Vec<LineRange>)> {
    if lex.is_empty() {
        return None;
    }
    let regions = region::find(lines, lex);
    if regions.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut at = 0usize;
    for r in &regions {
        paragraphs(lines.get(at..r.start).unwrap_or(&[]), &mut out);
        let body = lines.get(r.start..r.end).unwrap_or(&[]);
        let layout = region::layout(body, lex);
        let (rows, lead) = match layout {
            Layout::Aligned => (aligned::read(body, lex), Vec::new()),
            Layout::Stacked => (stacked::read(body, lex), Vec::new()),
            Layout::Segmented => segment::read(body, lex, cuts),
        };
        // text cut off the front of a form's first line (its title) stands before the form
        for c in lead {
            out.push(Block::Paragraph {
                text: c.text,
                span: c.span,
            });
        }
        let mut rows = rows;
        labels::join_broken(&mut rows, lex);
        for c in rows.iter_mut().flatten() {
            if stacked::is_placeholder(&c.text) {
                diags.push(
                    Diagnostic::new(
                        DiagnosticKind::ReadPlaceholder,
                        Severity::Info,
                        format!(
                            "`{}` is a template placeholder, not a name: left out",
                            c.text
                        ),
                    )
                    .at(c.span),
                );
                c.text.clear();
            }
        }
        rows.retain(|r| r.iter().any(|c| !c.is_empty()));
        let first = body.first().map_or(0, |l| l.no);
        diags.push(
            Diagnostic::new(
                DiagnosticKind::ReadText,
                Severity::Info,
                format!(
                    "a form printed without cell delimiters ({}) read as {} rows",
                    match layout {
                        Layout::Aligned => "space-aligned columns",
                        Layout::Stacked => "one cell a line",
                        Layout::Segmented => "cells in a line cut by the form's words",
                    },
                    rows.len()
                ),
            )
            .at(Span {
                line: first,
                col: 1,
                start: 0,
                end: 0,
            }),
        );
        if !rows.is_empty() {
            let span = rows
                .first()
                .and_then(|r| r.iter().find(|c| !c.is_empty()))
                .map(|c| c.span)
                .unwrap_or_default();
            out.push(Block::Table(Grid {
                rows,
                span,
                source: GridSource::Text,
                tight_pipes: Vec::new(),
            }));
        }
        at = r.end;
    }
    paragraphs(lines.get(at..).unwrap_or(&[]), &mut out);
    let taken = regions
        .iter()
        .map(|r| {
            let no = |k: usize| lines.get(k).map_or(k + 1, |l| l.no);
            (no(r.start), no(r.end.saturating_sub(1)) + 1)
        })
        .collect();
    Some((out, taken))
}

/// Runs of non-blank lines become paragraphs (a title, a year line, prose around the form).
fn paragraphs(lines: &[Line], out: &mut Vec<Block>) {
    let mut run: Vec<&Line> = Vec::new();
    let flush = |run: &mut Vec<&Line>, out: &mut Vec<Block>| {
        if let (Some(f), Some(l)) = (run.first(), run.last()) {
            let text = run
                .iter()
                .map(|l| l.text.trim())
                .collect::<Vec<_>>()
                .join("\n");
            let first = f.cell(0, f.text.len());
            out.push(Block::Paragraph {
                text: crate::read::cell_text::clean_cell(&text),
                span: Span {
                    end: l.start + l.text.len(),
                    ..first.span
                },
            });
        }
        run.clear();
    };
    for l in lines {
        if l.is_blank() {
            flush(&mut run, out);
        } else {
            run.push(l);
        }
    }
    flush(&mut run, out);
}

/// Display width of a character: CJK and full-width forms take two columns (as pdftotext
/// lays them out), a tab runs to the next multiple of 8 (handled by the caller), others one.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if matches!(u, 0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
    {
        2
    } else {
        1
    }
}

/// The empty cell at a line's start (a placeholder where a merged cell leaves nothing).
pub fn empty_at(line: &Line) -> Cell {
    Cell {
        text: String::new(),
        span: Span {
            line: line.no,
            col: 1,
            start: line.start,
            end: line.start,
        },
    }
}
