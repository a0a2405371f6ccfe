//! The `tablemend` binary: parses arguments, runs a subcommand, maps the outcome to an exit
//! code (0 ok, 1 `check` found differences, 2 error). All work happens in the library.

mod cli;

// jemalloc: the pipeline makes many small, short-lived strings per cell; glibc's allocator spent
// ~15% of a run in malloc/free and contended between worker threads (scripts/bench.sh measured
// jemalloc ~10% faster at -j1 and ~25% at -j2, peak RSS still ~25–35 MB). The library leaves
// the choice of allocator to its users.
#[cfg(all(unix, not(target_env = "musl")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

/// What `--version` prints after the name: the package version, the git commit it was built
/// from (`build.rs`; `unknown` without git) and the embedded vocabulary's content hash (the
/// hash `--resume` uses), so an output can be traced to the code and words that made it.
fn version() -> String {
    format!(
        "{} (commit {}, vocabulary {})",
        env!("CARGO_PKG_VERSION"),
        env!("TABLEMEND_COMMIT"),
        tablemend::bulk::content_hash(tablemend::vocab::DEFAULT_VOCAB.as_bytes())
    )
}

fn main() -> ExitCode {
    // clap takes a static string; this one is made once per process
    let version: &'static str = Box::leak(version().into_boxed_str());
    let matches = cli::Cli::command().version(version).get_matches();
    let args = match cli::Cli::from_arg_matches(&matches) {
        Ok(a) => a,
        Err(e) => e.exit(),
    };
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("tablemend: error: {e:#}");
            ExitCode::from(cli::EXIT_ERROR)
        }
    }
}

/// A closed stdout (`tablemend extract … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
