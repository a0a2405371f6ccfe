//! Forms printed without cell delimiters in a document that also holds pipe or HTML tables (one
//! form as a pipe table, the next as pdftotext text). The text, the blocks the pipe and HTML
//! readers found and the lexicon go in; out come the same blocks with each form found in the
//! text between the tables read as a grid, in document order. The lines of the delimited tables
//! are hidden from the text reader, so a table is never read twice; the paragraphs a text form
//! takes are replaced by what the text reader makes of their lines (the form, and the prose
//! around it on those lines).
//!
//! Cheap when there is nothing to do: unless a paragraph holds a level label (one Aho-Corasick
//! pass over the paragraphs' text, no allocation), the blocks come back untouched.

use super::{lines, read_lines, Cuts, Lexicon};
use crate::model::{Block, Diagnostics};

/// The lines (1-based, inclusive) a block covers; `line_of` maps a byte offset to its line.
fn lines_of(b: &Block, line_of: &impl Fn(usize) -> usize) -> (usize, usize) {
    match b {
        Block::Table(g) => {
            let last = g
                .rows
                .iter()
                .flatten()
                .map(|c| c.span.line)
                .max()
                .unwrap_or(g.span.line);
            let first = g.span.line.min(last);
            (first, last.max(first))
        }
        Block::Heading { span, .. } | Block::Paragraph { span, .. } => {
            let last = line_of(span.end.saturating_sub(1)).max(span.line);
            (span.line, last)
        }
    }
}

fn overlaps((a, b): (usize, usize), ranges: &[(usize, usize)]) -> bool {
    ranges.iter().any(|&(s, e)| a <= e && s <= b)
}

/// Reads the forms printed without delimiters between the delimited tables (see the module
/// doc).
pub fn read_between(
    text: &str,
    blocks: Vec<Block>,
    lex: &Lexicon,
    diags: &mut Diagnostics,
    cuts: &mut Cuts,
) -> Vec<Block> {
    let labelled = blocks.iter().any(|b| match b {
        Block::Paragraph { text, .. } => lex.has_label(text),
        _ => false,
    });
    if !labelled || crate::read::html::is_html_document(text) {
        return blocks;
    }
    let mut starts = vec![0usize];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |byte: usize| starts.partition_point(|&s| s <= byte).max(1);
    // the delimited tables' lines are no text to read
    let tables: Vec<(usize, usize)> = blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .map(|b| lines_of(b, &line_of))
        .collect();
    let mut ls = lines(text);
    for l in ls.iter_mut() {
        if overlaps((l.no, l.no), &tables) {
            l.text = "";
        }
    }
    let Some((read, regions)) = read_lines(&ls, lex, diags, cuts) else {
        return blocks;
    };
    let regions: Vec<(usize, usize)> = regions
        .into_iter()
        .map(|(s, e)| (s, e.saturating_sub(1).max(s)))
        .collect();
    // the paragraphs the forms took give way to what the text reader read on their lines
    let mut taken = regions.clone();
    let mut out = Vec::with_capacity(blocks.len() + read.len());
    for b in blocks {
        let at = lines_of(&b, &line_of);
        if !matches!(b, Block::Table(_)) && overlaps(at, &regions) {
            taken.push(at);
        } else {
            out.push(b);
        }
    }
    out.extend(
        read.into_iter()
            .filter(|b| overlaps(lines_of(b, &line_of), &taken)),
    );
    out.sort_by_cached_key(|b| lines_of(b, &line_of).0);
    out
}
