//! `tablemend extract FILE`: one input in, its document JSON out (stdout, or `-o PATH`,
//! written to a temporary file and renamed so a crash never leaves half a file).

use super::VocabArgs;
use anyhow::{anyhow, Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tablemend::{decode::encoding_for_label, extract_bytes, sink::json::to_json, Options};

/// Extract the forms of one document as JSON.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file (.md, .html, .txt); `-` reads standard input.
    pub file: PathBuf,
    /// Write the JSON here instead of standard output.
    #[arg(short, long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Read the input in this encoding (utf-8, gb18030, gbk, utf-16le, …) instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    #[command(flatten)]
    pub vocab: VocabArgs,
    #[command(flatten)]
    pub limits: super::limits::LimitArgs,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let vocab = a.vocab.load()?;
    let encoding = match &a.encoding {
        Some(name) => {
            Some(encoding_for_label(name).ok_or_else(|| anyhow!("unknown encoding `{name}`"))?)
        }
        None => None,
    };
    let source = a.file.to_string_lossy().to_string();
    let bytes = if source == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .context("reading standard input")?;
        b
    } else {
        std::fs::read(&a.file).with_context(|| format!("reading {source}"))?
    };
    let doc = extract_bytes(
        &source,
        &bytes,
        &vocab,
        &Options {
            encoding,
            limits: a.limits.limits(),
        },
    );
    let json = to_json(&doc);
    match &a.out {
        Some(path) => write_atomically(path, json.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(json.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path)
        .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
    Ok(())
}
