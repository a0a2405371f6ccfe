//! `tablemend extract INPUT…`: files, directories, `-` and `--files-from` lists go in; their
//! documents come out in one format (JSON, JSONL, CSV, SQLite) on standard output or in `-o
//! PATH`, in input order, extracted on `-j` threads with a progress bar and a summary on
//! standard error. Inputs that fail go to the errors file and the run goes on; `--resume`
//! continues a run that was killed or interrupted; `--shard K/N` takes one share of the inputs.

use super::{VocabArgs, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_PARTIAL};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tablemend::bulk::inputs::{self, DEFAULT_EXTENSIONS};
use tablemend::bulk::shard::Shard;
use tablemend::bulk::{Failure, Job, Mode};
use tablemend::sink::{self, Format, NullSink, Sink, SinkOptions};
use tablemend::{Extractor, Options};

/// Extract the forms of documents as JSON, JSONL, CSV or SQLite.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input files and directories (walked recursively for --ext files); `-` reads standard
    /// input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Also read input paths from this file, one per line (`-` = standard input).
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,
    /// Output format: json (one document, or an array of them), jsonl or csv (one indicator
    /// record per line), sqlite or parquet (need -o).
    #[arg(short, long, default_value = "json", value_parser = parse_format)]
    pub format: Format,
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Worker threads (default: every core).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar, no summary, no per-input error lines on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    /// Where failed inputs are recorded, one JSON line each (path, code, message). Default
    /// with -o: OUT.errors; without: standard error only.
    #[arg(long, value_name = "PATH")]
    pub errors: Option<PathBuf>,
    /// Keep what an earlier run wrote to -o and skip the inputs it completed (same path and
    /// content hash).
    #[arg(long)]
    pub resume: bool,
    /// Take only shard K of N (1-based) of the inputs, chosen by a hash of each input's path.
    #[arg(long, value_name = "K/N", value_parser = Shard::parse)]
    pub shard: Option<Shard>,
    /// Extensions taken from directories (comma-separated).
    #[arg(long, value_name = "EXTS", value_delimiter = ',', default_values_t = DEFAULT_EXTENSIONS.map(String::from))]
    pub ext: Vec<String>,
    /// Read the input in this encoding (utf-8, gb18030, gbk, utf-16le, …) instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = super::parse_encoding)]
    pub encoding: Option<&'static tablemend::decode::Encoding>,
    /// Only decode and read blocks and grids, write nothing (the benchmark's parse floor).
    #[arg(long, hide = true)]
    pub parse_only: bool,
    #[command(flatten)]
    pub vocab: VocabArgs,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::from_name(s)
        .ok_or_else(|| format!("unknown format `{s}` (json, jsonl, csv, sqlite, parquet)"))
}

/// Failed inputs: a line on standard error (unless quiet) and one in the errors file, which is
/// created on the first failure (a fresh run removes an old one first; `--resume` appends).
struct ErrorLog {
    path: Option<PathBuf>,
    file: Option<File>,
    quiet: bool,
}

impl ErrorLog {
    fn record(&mut self, f: &Failure) -> std::io::Result<()> {
        if !self.quiet {
            eprintln!("tablemend: {}: {} ({})", f.path, f.message, f.code);
        }
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.file.is_none() {
            self.file = Some(
                OpenOptions::new()
                    .create(true)
                    .append(true)
                    .truncate(false)
                    .open(path)?,
            );
        }
        if let Some(file) = &mut self.file {
            let mut line = serde_json::to_vec(f).map_err(std::io::Error::other)?;
            line.push(b'\n');
            file.write_all(&line)?;
        }
        Ok(())
    }
}

/// `OUT.errors`: beside the output, matched by no `*.jsonl`/`*.csv`/`*.db` glob of outputs.
fn default_errors_path(out: &Path) -> PathBuf {
    sink::ledger::sidecar(out, "errors")
}

pub fn run(a: Args) -> Result<ExitCode> {
    let vocab = a.vocab.load()?;
    let encoding = a.encoding;
    let mut paths = a.inputs.clone();
    if let Some(list) = &a.files_from {
        paths.extend(
            inputs::read_list(list).with_context(|| format!("reading {}", list.display()))?,
        );
    }
    // an empty --files-from list is an empty run (a pipeline partition may hold no paths)
    if paths.is_empty() && a.files_from.is_none() {
        bail!("no inputs: name files or directories, `-`, or --files-from LIST");
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        bail!("standard input (`-`) can be read only once");
    }
    let single = a.format == Format::Json
        && a.files_from.is_none()
        && paths.len() == 1
        && !paths.iter().any(|p| p.is_dir());
    let mut listing = inputs::list(&paths, &a.ext);
    if let Some(shard) = a.shard {
        listing.inputs.retain(|i| shard.owns(&i.name()));
        listing.failures.retain(|f| shard.owns(&f.path));
    }

    let errors_path = a
        .errors
        .clone()
        .or_else(|| a.out.as_deref().map(default_errors_path));
    if let Some(p) = &errors_path {
        if !a.resume {
            match std::fs::remove_file(p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("removing {}", p.display())),
            }
        }
    }
    let mut log = ErrorLog {
        path: errors_path,
        file: None,
        quiet: a.quiet,
    };

    let mut sink: Box<dyn Sink> = if a.parse_only {
        Box::new(NullSink::default())
    } else {
        sink::open(&SinkOptions {
            format: a.format,
            out: a.out.clone(),
            resume: a.resume,
            single,
        })?
    };

    for f in &listing.failures {
        log.record(f).context("writing the errors file")?;
    }

    let interrupt = Arc::new(AtomicBool::new(false));
    install_interrupt_handler(Arc::clone(&interrupt));

    let total = listing.inputs.len() as u64;
    let bar = progress_bar(total, a.quiet);
    let threads = a.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let extractor = Extractor::new(vocab).with_options(Options {
        encoding,
        limits: a.limits.limits(),
    });
    let job = Job {
        extractor: &extractor,
        format: a.format,
        threads,
        mode: if a.parse_only {
            Mode::ParseOnly
        } else {
            Mode::Extract
        },
        interrupt: &interrupt,
    };
    let started = Instant::now();
    let result = tablemend::bulk::run(
        &job,
        &listing.inputs,
        sink.as_mut(),
        &mut |f| log.record(f),
        &|n| bar.set_position(n),
    );
    bar.finish_and_clear();
    let mut summary = result?;
    sink.finish()?;
    summary.failed += listing.failures.len() as u64;

    let secs = started.elapsed().as_secs_f64().max(1e-9);
    // one file to standard output is a filter: no summary unless something failed
    if !a.quiet && (!single || summary.failed > 0 || a.out.is_some()) {
        eprintln!("tablemend: {summary}");
        eprintln!(
            "tablemend: {:.2} s, {:.0} docs/s, {:.1} MB/s on {threads} thread(s)",
            secs,
            summary.documents as f64 / secs,
            summary.bytes as f64 / 1e6 / secs
        );
    }
    let attempted = listing.inputs.len() as u64 + listing.failures.len() as u64;
    Ok(if summary.interrupted {
        ExitCode::from(EXIT_INTERRUPTED)
    } else if summary.failed > 0 && summary.failed == attempted {
        ExitCode::from(EXIT_ERROR)
    } else if summary.failed > 0 {
        ExitCode::from(EXIT_PARTIAL)
    } else {
        ExitCode::SUCCESS
    })
}

/// Files done/total, docs/s and ETA on standard error, only when it is a terminal.
fn progress_bar(total: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files  {per_sec:.0}  ETA {eta}  {elapsed_precise}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// The first SIGINT stops taking new inputs (what is done is written and flushed, and the run
/// can be resumed); a second one exits at once.
fn install_interrupt_handler(flag: Arc<AtomicBool>) {
    let result = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    });
    // Without a handler SIGINT keeps its default (stop at once); resuming still works.
    let _ = result;
}
