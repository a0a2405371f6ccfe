//! Command-line interface: one file per subcommand, each holding its clap arguments (the doc
//! comments are the help text) and its `run`. Arguments go in; an exit code comes out.

mod check;
mod extract;
mod limits;
mod review;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use tablemend::Vocab;

/// Exit code: `check` found differences.
pub const EXIT_DIFFERS: u8 = 1;
/// Exit code: an error (bad arguments, unwritable output, every input failed).
pub const EXIT_ERROR: u8 = 2;
/// Exit code: some inputs failed (see the errors file); the others were written.
pub const EXIT_PARTIAL: u8 = 3;
/// Exit code: interrupted (SIGINT); what was done is written, `--resume` continues.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Turns messy OCR'd table dumps (Markdown pipe tables, HTML tables) of budget
/// performance-target forms into clean, normalized records.
#[derive(Debug, Parser)]
#[command(name = "tablemend", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Extract(extract::Args),
    Check(check::Args),
    Review(review::Args),
}

/// Parses an `--encoding NAME` argument (a WHATWG label: utf-8, gb18030, gbk, utf-16le, …).
pub fn parse_encoding(name: &str) -> Result<&'static tablemend::decode::Encoding, String> {
    tablemend::decode::encoding_for_label(name).ok_or_else(|| format!("unknown encoding `{name}`"))
}

/// Vocabulary options shared by subcommands.
#[derive(Debug, clap::Args)]
pub struct VocabArgs {
    /// Extra vocabulary file(s) extending the embedded one (format: see README).
    #[arg(long = "vocab", value_name = "FILE")]
    pub vocab: Vec<PathBuf>,
    /// Use only the --vocab files, not the embedded vocabulary.
    #[arg(long)]
    pub no_default_vocab: bool,
}

impl VocabArgs {
    pub fn load(&self) -> Result<Vocab> {
        let mut texts = Vec::new();
        for p in &self.vocab {
            texts.push(
                std::fs::read_to_string(p)
                    .with_context(|| format!("reading vocabulary {}", p.display()))?,
            );
        }
        let mut all: Vec<&str> = Vec::new();
        if !self.no_default_vocab {
            all.push(tablemend::vocab::DEFAULT_VOCAB);
        }
        all.extend(texts.iter().map(String::as_str));
        Vocab::from_texts(&all).context("compiling the vocabulary")
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Check(a) => check::run(a),
        Command::Review(a) => review::run(a),
    }
}
