//! The page's id map, built before any HTML is written. The tables' source grids (and, for a
//! split review, which page holds each table) go in; out comes which source cell and source row
//! gets an id (`t{table}-L{line}c{col}`, `t{table}-L{line}`: the first grid cell read at a place
//! owns it) and, for any source place, the link to it — or none when no cell or row carries that
//! place, so no link the page writes can point nowhere. Links to another page of a split review
//! name that page's file.

use crate::model::Cell;
use std::collections::HashMap;

/// The id of the source cell read at `line`:`col` in table `t` (1-based).
pub fn cell_id(t: usize, line: usize, col: usize) -> String {
    format!("t{t}-L{line}c{col}")
}

/// The id of the source row of table `t` that starts at `line`.
pub fn row_id(t: usize, line: usize) -> String {
    format!("t{t}-L{line}")
}

/// The id of record `r` of table `t` (both 1-based).
pub fn record_id(t: usize, r: usize) -> String {
    format!("t{t}-r{r}")
}

/// The id of table `t`'s section.
pub fn table_id(t: usize) -> String {
    format!("t{t}")
}

/// A page's file name as it goes into an `href`: every byte outside `A–Z a–z 0–9 . _ -`
/// percent-encoded, so the name can hold neither markup nor a `#`, `?` or `/` that would change
/// what the link means.
pub fn file_href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The line a grid row is labelled with: its first cell read at a known line.
pub fn row_line(row: &[Cell]) -> Option<usize> {
    row.iter().map(|c| c.span.line).find(|l| *l > 0)
}

/// Which table owns each source place, and which page each table is on (see the module doc).
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    cells: HashMap<(usize, usize), usize>,
    rows: HashMap<usize, usize>,
    /// The page of table `t` at index `t - 1`; all 0 on a single page.
    page_of: Vec<usize>,
    /// The file of each page (0 is the index); empty on a single page.
    files: Vec<String>,
    /// The page being written.
    current: usize,
}

impl Anchors {
    /// The id map of a single page holding `grids` (one per table, in table order).
    pub fn new(grids: &[Vec<Vec<Cell>>]) -> Self {
        let mut a = Anchors {
            page_of: vec![0; grids.len()],
            ..Default::default()
        };
        for (i, rows) in grids.iter().enumerate() {
            for row in rows {
                if let Some(line) = row_line(row) {
                    a.rows.entry(line).or_insert(i + 1);
                }
                for c in row.iter().filter(|c| c.span.line > 0) {
                    a.cells.entry((c.span.line, c.span.col)).or_insert(i + 1);
                }
            }
        }
        a
    }

    /// The same map for a review split into pages: `page_of[t - 1]` is table `t`'s page and
    /// `files[p]` page `p`'s file name (0 being the index).
    pub fn split(mut self, page_of: Vec<usize>, files: Vec<String>) -> Self {
        self.page_of = page_of;
        self.files = files;
        self
    }

    /// The same map, writing page `p`.
    pub fn on_page(&self, p: usize) -> Self {
        Anchors {
            current: p,
            ..self.clone()
        }
    }

    /// Whether the cell of table `t` read at `line`:`col` carries the id of that place.
    pub fn owns_cell(&self, t: usize, line: usize, col: usize) -> bool {
        line > 0 && self.cells.get(&(line, col)) == Some(&t)
    }

    /// Whether the row of table `t` starting at `line` carries the id of that line.
    pub fn owns_row(&self, t: usize, line: usize) -> bool {
        line > 0 && self.rows.get(&line) == Some(&t)
    }

    /// The table a source line belongs to, if some grid row or cell was read there.
    pub fn table_of_line(&self, line: usize) -> Option<usize> {
        self.rows.get(&line).copied()
    }

    /// The table holding the place `line`:`col` (its cell, else its row).
    pub fn table_at(&self, line: usize, col: Option<usize>) -> Option<usize> {
        col.and_then(|c| self.cells.get(&(line, c)).copied())
            .or_else(|| self.table_of_line(line))
    }

    /// The page table `t` is written on.
    pub fn page_of(&self, t: usize) -> usize {
        t.checked_sub(1)
            .and_then(|i| self.page_of.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// `#id` when table `t` is on the page being written, else `file#id`.
    pub fn href(&self, t: usize, id: &str) -> String {
        let page = self.page_of(t);
        match self.files.get(page) {
            Some(file) if page != self.current => format!("{}#{id}", file_href(file)),
            _ => format!("#{id}"),
        }
    }

    /// The link to the source place `line`:`col`: its cell, else its row; None when the page set
    /// holds neither.
    pub fn href_at(&self, line: usize, col: Option<usize>) -> Option<String> {
        if line == 0 {
            return None;
        }
        if let Some(c) = col {
            if let Some(&t) = self.cells.get(&(line, c)) {
                return Some(self.href(t, &cell_id(t, line, c)));
            }
        }
        let t = *self.rows.get(&line)?;
        Some(self.href(t, &row_id(t, line)))
    }

    /// `L{line}:{col}` as a link to that place (see `href_at`), or as plain text when nothing
    /// on the page set carries it.
    pub fn at_html(&self, line: usize, col: Option<usize>) -> String {
        let text = match col {
            Some(c) => format!("L{line}:{c}"),
            None => format!("L{line}"),
        };
        match self.href_at(line, col) {
            Some(h) => format!("<a class=\"at\" href=\"{h}\">{text}</a>"),
            None => format!("<span class=\"at\">{text}</span>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn cell(line: usize, col: usize) -> Cell {
        Cell {
            text: "x".into(),
            span: Span {
                line,
                col,
                start: 0,
                end: 0,
            },
        }
    }

    #[test]
    fn only_places_a_grid_holds_are_linked_and_the_first_grid_owns_them() {
        let grids = vec![
            vec![vec![cell(3, 1), cell(3, 5)]],
            vec![vec![cell(0, 0), cell(9, 2)], vec![cell(3, 5)]],
        ];
        let a = Anchors::new(&grids);
        assert_eq!(a.href_at(3, Some(5)).as_deref(), Some("#t1-L3c5"));
        assert!(a.owns_cell(1, 3, 5) && !a.owns_cell(2, 3, 5));
        // a column no cell starts at falls back to the row, an unknown line to nothing
        assert_eq!(a.href_at(9, Some(7)).as_deref(), Some("#t2-L9"));
        assert_eq!(a.href_at(4, Some(1)), None);
        assert_eq!(a.href_at(0, None), None);
        assert_eq!(a.at_html(4, Some(1)), "<span class=\"at\">L4:1</span>");
        assert_eq!(a.table_at(9, Some(2)), Some(2));
    }

    #[test]
    fn links_to_another_page_name_its_file() {
        let grids = vec![vec![vec![cell(3, 1)]], vec![vec![cell(9, 2)]]];
        let a = Anchors::new(&grids).split(
            vec![1, 2],
            vec!["r.html".into(), "r-1.html".into(), "r-2.html".into()],
        );
        let on1 = a.on_page(1);
        assert_eq!(on1.href_at(3, Some(1)).as_deref(), Some("#t1-L3c1"));
        assert_eq!(on1.href_at(9, Some(2)).as_deref(), Some("r-2.html#t2-L9c2"));
        assert_eq!(a.on_page(0).href(1, "t1"), "r-1.html#t1");
        assert_eq!(file_href("a b\"#<.html"), "a%20b%22%23%3C.html");
    }
}
