//! Pipe-table rows → cells. One source line goes in; out come its cells with their text and
//! spans, every cell kept (rows wider than the header, ragged rows, no outer pipes). `\|` is a
//! literal pipe. Delimiter rows (`|---|:--:|`) are recognised so the grid can skip them.

use super::cell_text::clean_cell;
use crate::model::{Cell, Grid, GridSource, Span};

/// Whether a trimmed line reads as a pipe-table row: it starts with `|`, or holds at least two
/// unescaped pipes.
pub fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('|') {
        return true;
    }
    let mut n = 0;
    let mut prev = ' ';
    for c in t.chars() {
        if c == '|' && prev != '\\' {
            n += 1;
        }
        prev = c;
    }
    n >= 2
}

/// Whether the cells form a delimiter row (`---`, `:--`, `--:` only, at least one dash).
pub fn is_delimiter_row(cells: &[Cell]) -> bool {
    let mut any = false;
    for c in cells {
        let t = c.text.trim();
        if t.is_empty() {
            continue;
        }
        let inner = t.trim_start_matches(':').trim_end_matches(':');
        if inner.is_empty() || !inner.chars().all(|c| c == '-') {
            return false;
        }
        any = true;
    }
    any
}

/// Whether a raw cell needs `clean_cell` (markup, entities, escapes, whitespace other than single
/// ASCII spaces); most OCR cells are plain text that only needs trimming.
fn needs_cleaning(raw: &str) -> bool {
    let mut prev_space = true; // leading spaces are trimmed either way
    for c in raw.trim().chars() {
        match c {
            '<' | '&' | '\\' => return true,
            ' ' if prev_space => return true,
            ' ' => prev_space = true,
            c if c.is_whitespace() => return true,
            _ => prev_space = false,
        }
    }
    false
}

/// Splits one row. `line_no` is 1-based; `offset` is the byte offset of the line's start.
pub fn split_row(line: &str, line_no: usize, offset: usize) -> Vec<Cell> {
    // (start byte, end byte) of each raw cell within `line`
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut prev_backslash = false;
    for (i, c) in line.char_indices() {
        if c == '|' && !prev_backslash {
            bounds.push((start, i));
            start = i + 1;
        }
        prev_backslash = c == '\\' && !prev_backslash;
    }
    bounds.push((start, line.len()));
    // An outer pipe leaves an empty (whitespace-only) first or last piece: drop it.
    if bounds.len() > 1 {
        if let Some(&(s, e)) = bounds.first() {
            if line.get(s..e).is_some_and(|t| t.trim().is_empty()) {
                bounds.remove(0);
            }
        }
    }
    if bounds.len() > 1 {
        if let Some(&(s, e)) = bounds.last() {
            if line.get(s..e).is_some_and(|t| t.trim().is_empty()) {
                bounds.pop();
            }
        }
    }
    let mut cells = Vec::with_capacity(bounds.len());
    let mut col_chars = 0; // characters before `last_byte`
    let mut last_byte = 0;
    for (s, e) in bounds {
        let raw = line.get(s..e).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let cell_start = s + lead;
        col_chars += line
            .get(last_byte..cell_start)
            .map_or(0, |t| t.chars().count());
        last_byte = cell_start;
        let text = if needs_cleaning(raw) {
            clean_cell(&raw.replace("\\|", "|"))
        } else {
            raw.trim().to_string()
        };
        cells.push(Cell {
            text,
            span: Span {
                line: line_no,
                col: col_chars + 1,
                start: offset + cell_start,
                end: offset + e,
            },
        });
    }
    cells
}

/// Builds a grid from the lines of one pipe run: (1-based line number, byte offset, text).
pub fn pipe_grid(lines: &[(usize, usize, &str)]) -> Grid {
    let mut rows = Vec::with_capacity(lines.len());
    for &(no, off, text) in lines {
        let cells = split_row(text, no, off);
        if is_delimiter_row(&cells) {
            continue;
        }
        rows.push(cells);
    }
    let span = match (lines.first(), lines.last()) {
        (Some(&(no, off, _)), Some(&(_, loff, ltext))) => Span {
            line: no,
            col: 1,
            start: off,
            end: loff + ltext.len(),
        },
        _ => Span::default(),
    };
    Grid {
        rows,
        span,
        source: GridSource::Pipe,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(cells: &[Cell]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn splits_keeps_empty_and_extra_cells() {
        let c = split_row("| a |  | b | c |", 3, 100);
        assert_eq!(texts(&c), vec!["a", "", "b", "c"]);
        assert_eq!(
            (c[0].span.line, c[0].span.col, c[0].span.start),
            (3, 3, 102)
        );
        assert_eq!(c[2].span.col, 10);
    }

    #[test]
    fn without_outer_pipes_and_escaped_pipe() {
        assert_eq!(
            texts(&split_row("a | b\\|c | d", 1, 0)),
            vec!["a", "b|c", "d"]
        );
        assert!(is_pipe_row("a | b | c"));
        assert!(!is_pipe_row("just text"));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let c = split_row("| 指标 | 值 |", 1, 0);
        assert_eq!(c[1].span.col, 8);
    }

    #[test]
    fn delimiter_rows() {
        assert!(is_delimiter_row(&split_row("|---|:--:|  |", 1, 0)));
        assert!(!is_delimiter_row(&split_row("| - | a |", 1, 0)));
        assert!(!is_delimiter_row(&split_row("|  |  |", 1, 0)));
    }
}
