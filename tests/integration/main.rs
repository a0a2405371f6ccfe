//! The integration suite (one binary): the golden corpus, the CLI, general-rule guards,
//! hostile inputs and property tests. Inputs are the files under corpus/ and golden/ and
//! generated documents; outputs are assertions.

mod cli;
mod corpus;
mod fuzz;
mod generality;
mod hostile;
mod props;
mod regressions;
