//! The text and place of a grouped item of a page table's stream: the pieces and an item of
//! them go in (`group::Item`); out come the item's joined text with its printed lines, its
//! first span, a grid cell, and the meta field a key piece names. Shared by the layout of the
//! page (`layout`), its meta rows (`meta`) and its indicator rows (`indicators`).

use super::group::{join_lines, Item};
use super::pieces::{Kind, Piece};
use crate::model::{Cell, Span};

/// A grid cell holding `text` at `span`.
pub(super) fn cell(text: String, span: Span) -> Cell {
    Cell { text, span }
}

/// The meta field a key piece names.
pub(super) fn field_of(p: &Piece) -> Option<&str> {
    match &p.kind {
        Kind::Key(f) => Some(f.as_str()),
        _ => None,
    }
}

/// The text of an item of `ps`, its lines joined, and the printed lines as written.
pub(super) fn item_text(ps: &[&Piece], it: &Item) -> (String, String) {
    let lines: Vec<&str> = it
        .parts
        .iter()
        .filter_map(|&k| ps.get(k))
        .map(|p| p.text.as_str())
        .collect();
    (join_lines(lines.iter().copied()), lines.join(" "))
}

/// Where the first printed line of an item stands.
pub(super) fn first_span(ps: &[&Piece], it: &Item) -> Span {
    it.parts
        .first()
        .and_then(|&k| ps.get(k))
        .map(|p| p.span)
        .unwrap_or_default()
}
