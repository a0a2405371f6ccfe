//! Blocks of table source → `Grid`s of cells with spans. `pipe` reads Markdown pipe rows with
//! our own lenient splitter; `html` reads `<table>` markup; `cell_text` cleans cell text;
//! `find_ci` searches markup without copying it.

pub mod cell_text;
pub mod find_ci;
pub mod html;
pub mod pipe;
