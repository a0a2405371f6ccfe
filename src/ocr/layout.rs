//! The stream of a page table's printed lines → a clean form. Pieces go in (reading order,
//! classified); out come the blocks that replace the table: the title as a heading, the year as
//! a paragraph, and a table of meta rows (`meta`), the header row and one row per indicator
//! (`indicators`). Lines that feed nothing stand above the header row (→ `unassigned`).

use super::items::{cell, field_of};
use super::pieces::{Kind, Piece};
use super::{indicators, meta, Fix};
use crate::model::{Block, Cell, Grid, GridSource, Span};
use crate::vocab::Vocab;

/// What `lay_out` made.
pub struct Page {
    pub blocks: Vec<Block>,
    pub meta_rows: usize,
    pub indicator_rows: usize,
}

/// The form's title as printed (joined) and where.
type Title = (String, Span);

/// The title (with a key-looking head in its cell: 部门（单位） 整体支出…) and the year, taken
/// out of the stream; other title and year lines are dropped (structure, not data).
fn lift_title_year(ps: &mut Vec<Piece>, vocab: &Vocab) -> (Option<Title>, Option<(i32, Span)>) {
    let mut title: Option<Title> = None;
    let mut year: Option<(i32, Span)> = None;
    let mut i = 0;
    while i < ps.len() {
        let Some(p) = ps.get(i) else { break };
        match p.kind {
            Kind::Title if title.is_none() => {
                let mut text = p.text.clone();
                let span = p.span;
                let cellno = p.cell;
                let mut start = i;
                if let Some(prev) = i.checked_sub(1).and_then(|k| ps.get(k)) {
                    let joined = format!("{}{}", prev.text, text);
                    if prev.cell == cellno && vocab.form_kind(&joined).is_some() {
                        text = joined;
                        start = i - 1;
                    }
                }
                title = Some((text, span));
                ps.drain(start..=i);
                i = start;
            }
            Kind::Title => {
                ps.remove(i);
            }
            Kind::Year(y) => {
                if year.is_none() {
                    year = Some((y, p.span));
                }
                ps.remove(i);
            }
            _ => i += 1,
        }
    }
    (title, year)
}

/// Lays out one page table (see the module doc).
pub fn lay_out(mut ps: Vec<Piece>, grid: &Grid, vocab: &Vocab, fixes: &mut Vec<Fix>) -> Page {
    let mut blocks = Vec::new();
    let (title, year) = lift_title_year(&mut ps, vocab);
    if let Some((t, span)) = title.clone() {
        blocks.push(Block::Heading { text: t, span });
    }
    if let Some((y, span)) = year {
        blocks.push(Block::Paragraph {
            text: format!("({y}年度)"),
            span,
        });
    }
    let department = title
        .as_ref()
        .and_then(|(t, _)| vocab.form_kind(t))
        .map(|k| k == crate::model::TableKind::Department)
        .unwrap_or_else(|| ps.iter().any(|p| field_of(p) == Some("sum_row")));

    // where the indicator block begins: the first header word or label
    let ind_start = ps
        .iter()
        .position(|p| matches!(p.kind, Kind::Header | Kind::Label(_)))
        .unwrap_or(ps.len());
    let first_label = ps
        .iter()
        .position(|p| matches!(p.kind, Kind::Label(_)))
        .unwrap_or(ps.len());
    let meta = meta::read(&ps, vocab, department, ind_start, first_label);
    let mut rows = meta.rows;
    let header_at = rows.len();
    // the header row of the columns laid out below: the vocabulary's first four header words
    // (what the engine printed stands in any order, or not at all)
    let header: Vec<Cell> = vocab
        .header_words()
        .iter()
        .take(4)
        .map(|w| cell(w.clone(), grid.span))
        .collect();
    rows.push(header);
    let (ind_rows, sides) = indicators::lay_out(&ps, &meta.used, ind_start, grid, vocab, fixes);
    let indicator_rows = ind_rows.len();
    rows.extend(ind_rows);
    let mut leftovers: Vec<Vec<Cell>> = Vec::new();
    for (k, p) in ps.iter().enumerate() {
        let placed = meta.used.get(k).copied().unwrap_or(true)
            || sides.names.contains(&k)
            || sides.values.contains(&k)
            || sides.labels.contains(&k)
            || p.kind == Kind::Header;
        if !placed {
            leftovers.push(vec![cell(p.text.clone(), p.span)]);
        }
    }
    // every line that went nowhere stands above the header row, where no key claims it: it
    // ends in `unassigned`, not in a record
    rows.splice(header_at..header_at, leftovers);
    blocks.push(Block::Table(Grid {
        rows,
        span: grid.span,
        source: GridSource::Html,
        tight_pipes: Vec::new(),
    }));
    Page {
        blocks,
        meta_rows: meta.count,
        indicator_rows,
    }
}
