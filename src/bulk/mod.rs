//! Bulk runs: a list of inputs goes in; their documents come out through a sink, in input
//! order whatever the number of threads, with a summary of what was done. Inputs are taken in
//! chunks; each chunk is read, hashed, extracted and encoded on a rayon pool, then written in
//! order on the calling thread — while the pool already works on the next chunk (at most two
//! chunks wait for the writer, so memory stays bounded). An input that cannot be read is a `Failure` handed to the
//! caller (the run goes on); an output that cannot be written stops the run with an error,
//! after the documents already written are flushed. Inputs the sink already holds with the
//! same content hash (`--resume`) are skipped; an interrupt (SIGINT) stops taking new inputs
//! and flushes what is done.

pub mod failure;
pub mod inputs;
pub mod shard;
pub mod summary;

use crate::sink::{Extracted, Format, Sink, SinkError};
use crate::Extractor;
pub use failure::{Failure, FailureKind};
pub use inputs::Input;
use std::sync::atomic::{AtomicBool, Ordering};
pub use summary::Summary;
use xxhash_rust::xxh3::xxh3_128;

/// Inputs handed to the thread pool at a time. Bounds memory (at most this many documents are
/// held) while keeping both cores busy; an interrupt is noticed between inputs.
pub const CHUNK: usize = 64;

/// What to do with each input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The whole pipeline, documents to the sink.
    Extract,
    /// Decode and read the blocks and grids only (the benchmark's parse floor); nothing is
    /// written.
    ParseOnly,
}

/// A bulk run's settings.
pub struct Job<'a> {
    /// The compiled vocabulary and options every input is extracted with.
    pub extractor: &'a Extractor,
    pub format: Format,
    pub threads: usize,
    pub mode: Mode,
    /// Set from a signal handler to stop taking new inputs.
    pub interrupt: &'a AtomicBool,
}

/// One input's outcome on a worker thread.
enum Outcome {
    Done(Box<Extracted>, usize),
    Parsed {
        bytes: usize,
        cells: usize,
    },
    Skipped,
    Failed(Failure),
    /// Not started because the run was interrupted.
    Cancelled,
}

/// Runs `job` over `inputs` into `sink`. `on_failure` receives every input that fails (it may
/// write an errors file; its error stops the run), `on_progress` the number of inputs finished
/// so far. Returns the summary, or the sink error that stopped the run.
pub fn run(
    job: &Job<'_>,
    inputs: &[Input],
    sink: &mut dyn Sink,
    on_failure: &mut dyn FnMut(&Failure) -> std::io::Result<()>,
    on_progress: &(dyn Fn(u64) + Sync),
) -> Result<Summary, RunError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(job.threads.max(1))
        .build()
        .map_err(|e| RunError::Pool(e.to_string()))?;
    let mut summary = Summary::default();
    let done = std::sync::atomic::AtomicU64::new(0);
    // fixed for the run: what the output held when it was opened
    let completed = sink.completed().clone();
    let can_replace = sink.can_replace();
    let extract_chunk = |chunk: &[Input]| -> Vec<Outcome> {
        pool.install(|| {
            use rayon::prelude::*;
            chunk
                .par_iter()
                .map(|input| {
                    if job.interrupt.load(Ordering::Relaxed) {
                        return Outcome::Cancelled;
                    }
                    let o = process(job, input, &completed, can_replace);
                    on_progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    o
                })
                .collect()
        })
    };
    std::thread::scope(|scope| -> Result<(), RunError> {
        // the next chunk is extracted while this one is written; one more may wait between
        let (chunks_out, chunks_in) = std::sync::mpsc::sync_channel::<Vec<Outcome>>(1);
        scope.spawn(move || {
            for chunk in inputs.chunks(CHUNK) {
                let outcomes = if job.interrupt.load(Ordering::Relaxed) {
                    vec![Outcome::Cancelled]
                } else {
                    extract_chunk(chunk)
                };
                let stop = outcomes.iter().any(|o| matches!(o, Outcome::Cancelled));
                // the writer has stopped (an output error): nothing more to do
                if chunks_out.send(outcomes).is_err() || stop {
                    break;
                }
            }
        });
        for outcomes in chunks_in.iter() {
            // the chunk's documents go to the sink together, in order
            let mut done: Vec<(Box<Extracted>, usize)> = Vec::new();
            for o in outcomes {
                match o {
                    Outcome::Done(item, bytes) => done.push((item, bytes)),
                    Outcome::Parsed { bytes, cells } => summary.add_parsed(bytes, cells),
                    Outcome::Skipped => summary.skipped += 1,
                    Outcome::Failed(f) => {
                        summary.failed += 1;
                        on_failure(&f).map_err(RunError::Errors)?;
                    }
                    Outcome::Cancelled => summary.interrupted = true,
                }
            }
            let items: Vec<&Extracted> = done.iter().map(|(item, _)| &**item).collect();
            sink.write_batch(&items)?;
            for (item, bytes) in &done {
                summary.add_document(&item.doc, *bytes);
            }
        }
        Ok(())
    })?;
    Ok(summary)
}

/// Why a run stopped early.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Sink(#[from] SinkError),
    #[error("writing the errors file: {0}")]
    Errors(std::io::Error),
    #[error("starting the worker threads: {0}")]
    Pool(String),
}

fn read(input: &Input) -> Result<Vec<u8>, Failure> {
    match input {
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
                .map_err(|e| Failure::io("-", &e))?;
            Ok(b)
        }
        Input::File(p) => std::fs::read(p).map_err(|e| Failure::io(&input.name(), &e)),
    }
}

/// The content hash recorded for resuming: xxh3-128 of the bytes, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxh3_128(bytes))
}

fn process(
    job: &Job<'_>,
    input: &Input,
    completed: &std::collections::HashMap<String, String>,
    can_replace: bool,
) -> Outcome {
    let name = input.name();
    let bytes = match read(input) {
        Ok(b) => b,
        Err(f) => return Outcome::Failed(f),
    };
    if job.mode == Mode::ParseOnly {
        let cells = job.extractor.parse_only(&bytes);
        return Outcome::Parsed {
            bytes: bytes.len(),
            cells,
        };
    }
    let hash = content_hash(&bytes);
    match completed.get(&name) {
        Some(h) if *h == hash => return Outcome::Skipped,
        Some(_) if !can_replace => {
            return Outcome::Failed(Failure {
                path: name,
                code: FailureKind::ResumeChanged,
                message: "the input changed since its records were written; this output format \
                          cannot replace them — rerun without --resume (or use --format sqlite)"
                    .into(),
            })
        }
        _ => {}
    }
    let doc = job.extractor.extract(&name, &bytes);
    let manifest = if job.format.has_ledger() {
        crate::sink::ledger::manifest(&name, &hash, &doc)
    } else {
        Ok(Vec::new())
    };
    match job.format.encode(&doc).and_then(|e| Ok((e, manifest?))) {
        Ok((encoded, manifest)) => Outcome::Done(
            Box::new(Extracted {
                name,
                hash,
                doc,
                encoded,
                manifest,
            }),
            bytes.len(),
        ),
        Err(e) => Outcome::Failed(Failure {
            path: name,
            code: FailureKind::OutputEncode,
            message: e.to_string(),
        }),
    }
}
