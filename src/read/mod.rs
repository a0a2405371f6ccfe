//! Readers: text in, grids of cells with spans out. `text` reads tables that arrive with no
//! cell delimiters (space-aligned columns, one cell a line, run-together cells).

pub mod text;
