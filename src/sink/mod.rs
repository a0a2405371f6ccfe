//! Output sinks: a document goes in, bytes in a format come out. `json` writes the document
//! JSON of SCHEMA.md; `html` writes the review page (the document beside its source grids).

pub mod html;
pub mod json;
