//! Helpers the integration tests share: the extractor with the embedded vocabulary (compiled
//! once per test run) and a corpus file extracted with it; the binary and a run of it; the
//! diagnostic codes of a document's JSON; the CPU time the calling thread has used. Paths and arguments go in; documents, outputs and
//! codes come out, and a file that cannot be read fails the test that named it.

use std::path::Path;
use std::process::{Command, Output};
use tablemend::model::Document;
use tablemend::{Extractor, Vocab};

/// The extractor with the embedded vocabulary and the default options.
pub fn extractor() -> &'static Extractor {
    static E: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    E.get_or_init(|| {
        Extractor::new(Vocab::default_vocab().unwrap_or_else(|e| panic!("default vocabulary: {e}")))
    })
}

/// The file at `path` (relative to the crate root), extracted with its path as the source.
pub fn extract_file(path: &str) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    extractor().extract(path, &bytes)
}

/// The CPU time the calling thread has used so far: a load-independent clock for the tests that
/// guard against quadratic work (Linux's `/proc/thread-self/schedstat`; elsewhere None, and the
/// caller falls back to wall time).
pub fn thread_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

/// How long `f` took: its thread's CPU time where the system tells it, else wall time.
pub fn cpu_time_of<R>(f: impl FnOnce() -> R) -> (R, std::time::Duration) {
    let (cpu, wall) = (thread_cpu(), std::time::Instant::now());
    let r = f();
    let took = match (cpu, thread_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    (r, took)
}

/// The `tablemend` binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_tablemend");

/// A command running the binary.
pub fn bin() -> Command {
    Command::new(BIN)
}

/// Runs the binary with `args` in `dir` and returns what it did.
pub fn run_in(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The diagnostic codes of a document's JSON, in order.
pub fn json_codes(doc: &serde_json::Value) -> Vec<String> {
    doc["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(String::from))
        .collect()
}
