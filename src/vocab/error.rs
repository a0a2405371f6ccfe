//! The vocabulary's one error: a line of a vocabulary file that cannot be read (or an entry
//! naming what no other entry gives), with the message saying why. The parser and the section
//! compilers (`parse`, `family`, `checks`) all report it.

use thiserror::Error;

/// An error reading a vocabulary file, with the 1-based line it was found on.
#[derive(Debug, Error, PartialEq)]
pub enum VocabError {
    #[error("vocabulary line {line}: {message}")]
    Line { line: usize, message: String },
}
