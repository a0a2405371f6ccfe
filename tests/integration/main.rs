//! The integration suite (one binary): the golden corpus, the CLI, bulk runs, general-rule
//! guards, the review page, hostile inputs and property tests. Inputs are the files under
//! corpus/ and golden/ and generated documents; outputs are assertions.

mod bulk;
mod cli;
mod corpus;
mod diagnostics;
mod formats;
mod fuzz;
mod generality;
mod hostile;
mod outputs;
mod parquet;
mod props;
mod regressions;
mod review;
mod util;
