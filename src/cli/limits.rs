//! The `--max-…` flags of `extract`: one flattened clap struct whose fields default to the
//! library's `limits` constants. Flags go in; a `tablemend::Limits` comes out. Each limit cuts
//! the input down (with a `limit.…` diagnostic) rather than failing; raise one to read more.

use tablemend::limits::{
    Limits, MAX_CELLS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_HTML_DEPTH, MAX_INPUT_BYTES, MAX_ROWS,
    MAX_SPAN,
};

/// Limits against hostile input (defaults fit every real form).
#[derive(Debug, Clone, clap::Args)]
pub struct LimitArgs {
    /// Read at most this many bytes of the input.
    #[arg(long, value_name = "N", default_value_t = MAX_INPUT_BYTES)]
    pub max_input_bytes: usize,
    /// Keep at most this many columns in a table row.
    #[arg(long, value_name = "N", default_value_t = MAX_COLUMNS)]
    pub max_columns: usize,
    /// Keep at most this many rows in one table.
    #[arg(long, value_name = "N", default_value_t = MAX_ROWS)]
    pub max_rows: usize,
    /// Keep at most this many cells in one table (after rowspan/colspan expansion).
    #[arg(long, value_name = "N", default_value_t = MAX_CELLS)]
    pub max_cells: usize,
    /// Keep at most this many characters of a cell, heading or paragraph.
    #[arg(long, value_name = "N", default_value_t = MAX_CELL_CHARS)]
    pub max_cell_chars: usize,
    /// Walk HTML containers at most this deep; deeper markup is read as text.
    #[arg(long, value_name = "N", default_value_t = MAX_HTML_DEPTH)]
    pub max_html_depth: usize,
    /// Honour rowspan/colspan up to this value.
    #[arg(long, value_name = "N", default_value_t = MAX_SPAN)]
    pub max_span: usize,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_input_bytes: self.max_input_bytes,
            max_columns: self.max_columns,
            max_rows: self.max_rows,
            max_cells: self.max_cells,
            max_cell_chars: self.max_cell_chars,
            max_html_depth: self.max_html_depth,
            max_span: self.max_span,
        }
    }
}
