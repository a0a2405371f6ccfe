//! Output sinks: a document goes in, bytes in a format come out. `json` writes the document
//! JSON of SCHEMA.md.

pub mod json;
