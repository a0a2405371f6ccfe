//! The readers: decoded text → blocks in document order (headings, paragraphs, tables as grids
//! of cells with spans). `blocks` finds the blocks (pulldown-cmark for where they are, our own
//! line reader for pipe rows); `pipe` splits Markdown pipe rows leniently; `html` reads
//! `<table>` markup (spans expanded); `cell_text` cleans a cell's text; `find_ci` searches
//! markup without copying it; `text` reads tables that arrive with no cell delimiters
//! (space-aligned columns, one cell a line, run-together cells); `tool_json` reads MinerU's
//! and docling's JSON into the same blocks. Readers know nothing of the
//! vocabulary: what a cell means is decided above them.

pub mod blocks;
pub mod cell_text;
pub mod find_ci;
pub mod html;
pub mod pipe;
pub mod script;
pub mod text;
pub mod tool_json;

pub use blocks::{blocks, blocks_with};
