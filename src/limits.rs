//! Limits against hostile input. A `Limits` (every bound a named default, raised by the CLI's
//! `--max-…` flags) goes in with the input or its blocks; out comes the same input cut down to
//! fit — bytes past `max_input_bytes` dropped, rows and columns past the table limits dropped,
//! cell text past `max_cell_chars` cut — each cut one diagnostic with a `limit.…` code, the
//! location and what was dropped. Extraction never fails on a limit: it goes on with what fits.
//! The defaults are far above any real form (a few hundred rows, a dozen columns) and low
//! enough that a hostile input stays within seconds and well under 1 GB.

use crate::model::{Block, Diagnostic, DiagnosticKind, Diagnostics, Grid, Severity};

/// Largest input read, in bytes (256 MiB); the rest is dropped.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;
/// Most columns kept in a table row; cells past it are dropped.
pub const MAX_COLUMNS: usize = 1_000;
/// Most rows kept in one table (a grid before stitching); rows past it are dropped. Real forms
/// have a few hundred; every row costs a few vocabulary lookups per cell.
pub const MAX_ROWS: usize = 5_000;
/// Most cells kept in one table (after rowspan/colspan expansion); rows past it are dropped.
pub const MAX_CELLS: usize = 50_000;
/// Most characters kept in one cell, heading or paragraph; the rest is cut.
pub const MAX_CELL_CHARS: usize = 10_000;
/// Deepest HTML element nesting walked for structure; deeper markup is read as text.
pub const MAX_HTML_DEPTH: usize = 256;
/// Largest rowspan/colspan honoured; larger values are clamped.
pub const MAX_SPAN: usize = 1_000;

/// The bounds one extraction runs under (see the constants for the defaults and why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_input_bytes: usize,
    pub max_columns: usize,
    pub max_rows: usize,
    pub max_cells: usize,
    pub max_cell_chars: usize,
    pub max_html_depth: usize,
    pub max_span: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: MAX_INPUT_BYTES,
            max_columns: MAX_COLUMNS,
            max_rows: MAX_ROWS,
            max_cells: MAX_CELLS,
            max_cell_chars: MAX_CELL_CHARS,
            max_html_depth: MAX_HTML_DEPTH,
            max_span: MAX_SPAN,
        }
    }
}

fn limit_diag(kind: DiagnosticKind, message: String) -> Diagnostic {
    Diagnostic::new(kind, Severity::Warning, message)
}

/// The input cut to `max_input_bytes` (`limit.input_bytes` when cut; a character cut in two
/// decodes as a replacement character).
pub fn clamp_input<'a>(bytes: &'a [u8], limits: &Limits, diags: &mut Diagnostics) -> &'a [u8] {
    if bytes.len() <= limits.max_input_bytes {
        return bytes;
    }
    diags.push(limit_diag(
        DiagnosticKind::LimitInputBytes,
        format!(
            "input is {} bytes; only the first {} were read (raise with --max-input-bytes)",
            bytes.len(),
            limits.max_input_bytes
        ),
    ));
    bytes.get(..limits.max_input_bytes).unwrap_or(bytes)
}

/// `text` cut to `max` characters; whether it was cut.
pub fn cut_chars(text: &mut String, max: usize) -> bool {
    // a text of at most `max` bytes has at most `max` characters: nothing to count
    if text.len() <= max {
        return false;
    }
    match text.char_indices().nth(max) {
        Some((i, _)) => {
            text.truncate(i);
            true
        }
        None => false,
    }
}

/// Cuts every grid, heading and paragraph down to the limits (see the module doc).
pub fn clamp_blocks(blocks: &mut [Block], limits: &Limits, diags: &mut Diagnostics) {
    for block in blocks.iter_mut() {
        match block {
            Block::Heading { text, span } | Block::Paragraph { text, span } => {
                if cut_chars(text, limits.max_cell_chars) {
                    diags.push(
                        limit_diag(
                            DiagnosticKind::LimitCellChars,
                            format!(
                                "text longer than {} characters cut (raise with --max-cell-chars)",
                                limits.max_cell_chars
                            ),
                        )
                        .at(*span),
                    );
                }
            }
            Block::Table(grid) => clamp_grid(grid, limits, diags),
        }
    }
}

/// Cuts one grid's rows, columns and cell texts to the limits.
pub fn clamp_grid(grid: &mut Grid, limits: &Limits, diags: &mut Diagnostics) {
    if grid.rows.len() > limits.max_rows {
        let dropped = grid.rows.len() - limits.max_rows;
        let at = grid
            .rows
            .get(limits.max_rows)
            .and_then(|r| r.first())
            .map_or(grid.span, |c| c.span);
        grid.rows.truncate(limits.max_rows);
        diags.push(
            limit_diag(
                DiagnosticKind::LimitRows,
                format!(
                    "table at line {} has more than {} rows; the last {dropped} dropped from here \
                     (raise with --max-rows)",
                    grid.span.line, limits.max_rows
                ),
            )
            .at(at),
        );
    }
    let mut cells = 0usize;
    let keep = grid
        .rows
        .iter()
        .position(|r| {
            cells += r.len().min(limits.max_columns);
            cells > limits.max_cells
        })
        .unwrap_or(grid.rows.len());
    if keep < grid.rows.len() {
        let at = grid
            .rows
            .get(keep)
            .and_then(|r| r.first())
            .map_or(grid.span, |c| c.span);
        diags.push(
            limit_diag(
                DiagnosticKind::LimitCells,
                format!(
                    "table at line {} has more than {} cells; the last {} rows dropped from here \
                     (raise with --max-cells)",
                    grid.span.line,
                    limits.max_cells,
                    grid.rows.len() - keep
                ),
            )
            .at(at),
        );
        grid.rows.truncate(keep);
    }
    let (mut wide_rows, mut wide_cells, mut first_wide) = (0usize, 0usize, None);
    let (mut long_cells, mut first_long) = (0usize, None);
    for row in grid.rows.iter_mut() {
        if row.len() > limits.max_columns {
            wide_rows += 1;
            wide_cells += row.len() - limits.max_columns;
            if first_wide.is_none() {
                first_wide = row.get(limits.max_columns).map(|c| c.span);
            }
            row.truncate(limits.max_columns);
        }
        for cell in row.iter_mut() {
            if cut_chars(&mut cell.text, limits.max_cell_chars) {
                long_cells += 1;
                first_long.get_or_insert(cell.span);
            }
        }
    }
    if let Some(at) = first_wide {
        diags.push(
            limit_diag(
                DiagnosticKind::LimitColumns,
                format!(
                    "{wide_rows} row(s) of the table at line {} have more than {} columns; \
                     {wide_cells} cell(s) dropped, the first here (raise with --max-columns)",
                    grid.span.line, limits.max_columns
                ),
            )
            .at(at),
        );
    }
    if let Some(at) = first_long {
        diags.push(
            limit_diag(
                DiagnosticKind::LimitCellChars,
                format!(
                    "{long_cells} cell(s) of the table at line {} longer than {} characters cut, \
                     the first here (raise with --max-cell-chars)",
                    grid.span.line, limits.max_cell_chars
                ),
            )
            .at(at),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, GridSource, Span};

    fn cell(t: &str) -> Cell {
        Cell {
            text: t.to_string(),
            span: Span {
                line: 1,
                col: 1,
                start: 0,
                end: 0,
            },
        }
    }

    #[test]
    fn input_is_cut_with_a_diagnostic() {
        let l = Limits {
            max_input_bytes: 3,
            ..Limits::default()
        };
        let mut d = Vec::new();
        assert_eq!(clamp_input(b"abcdef", &l, &mut d), b"abc");
        assert_eq!(d.first().map(|d| d.code()), Some("limit.input_bytes"));
        assert_eq!(clamp_input(b"abc", &l, &mut d).len(), 3);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn rows_columns_and_cells_are_cut() {
        let l = Limits {
            max_rows: 2,
            max_columns: 2,
            max_cell_chars: 3,
            ..Limits::default()
        };
        let mut g = Grid {
            rows: vec![
                vec![cell("指标名称很长"), cell("b"), cell("c")],
                vec![cell("d")],
                vec![cell("e")],
            ],
            span: Span::default(),
            source: GridSource::Pipe,
            tight_pipes: Vec::new(),
        };
        let mut d = Vec::new();
        clamp_grid(&mut g, &l, &mut d);
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].len(), 2);
        assert_eq!(g.rows[0][0].text, "指标名");
        let codes: Vec<&str> = d.iter().map(|d| d.code()).collect();
        assert_eq!(
            codes,
            vec!["limit.rows", "limit.columns", "limit.cell_chars"]
        );
    }
}
