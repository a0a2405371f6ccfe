//! The integration suite (one binary): the golden corpus, the CLI, general-rule guards and
//! hostile inputs. Inputs are the files under corpus/ and golden/ and generated documents;
//! outputs are assertions.

mod cli;
mod corpus;
mod generality;
mod hostile;
