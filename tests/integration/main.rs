//! The integration suite (one binary): the golden corpus, the CLI, general-rule guards and the
//! review page.
//! Inputs are the files under corpus/ and golden/; outputs are assertions.

mod bulk;
mod cli;
mod corpus;
mod diagnostics;
mod formats;
mod generality;
mod review;
