//! `tablemend check`: every corpus document against its golden. Per document P/R/F1 (names,
//! categories, values, whole records) and meta accuracy with the differences field by field;
//! overall P/R/F1 per field (names, level1, categories, values, records, each meta field). Exit 1
//! when anything differs (with `--min-f1 X`: when the overall record F1 is below X) or a golden
//! is missing. `--bless` rewrites the goldens from the current output instead (the only code
//! that writes golden/).

use super::{VocabArgs, EXIT_DIFFERS};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tablemend::check::score::{score, Counts, Score, META_FIELDS};
use tablemend::check::{corpus_files, family_bar, golden_path, golden_projection};
use tablemend::Extractor;

/// Score the pipeline against the golden corpus.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of corpus inputs.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Folder of goldens (same relative paths, .json).
    #[arg(long, default_value = "golden")]
    pub golden: PathBuf,
    /// Rewrite every golden from the current output.
    #[arg(long)]
    pub bless: bool,
    /// Pass when the overall record F1 is at least this (0–1), whatever differs; without it
    /// any difference fails.
    #[arg(long, value_name = "X")]
    pub min_f1: Option<f64>,
    /// Print only the summary, not the differences.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub vocab: VocabArgs,
}

fn line(label: &str, c: &Counts) -> String {
    format!(
        "{label:22} P={:.3} R={:.3} F1={:.3} ({}/{} pred, {} golden)",
        c.p(),
        c.r(),
        c.f1(),
        c.tp,
        c.pred,
        c.key
    )
}

pub fn run(a: Args) -> Result<ExitCode> {
    // written through a handle so a closed pipe is an error to return, not a panic
    let mut out = std::io::stdout().lock();
    let extractor = Extractor::new(a.vocab.load()?);
    let files =
        corpus_files(&a.corpus).with_context(|| format!("reading {}", a.corpus.display()))?;
    let mut total = Score::default();
    let mut failed: Vec<String> = Vec::new();
    // documents that differ from their golden (the rest of `failed` have no golden)
    let mut failed_scored = 0;
    // families held to a record-F1 bar (golden/<family>/MIN_F1) instead of exactness
    let mut families: Vec<(String, f64, Score)> = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).with_context(|| format!("reading {}", f.display()))?;
        let source = f.to_string_lossy().to_string();
        let doc = extractor.extract(&source, &bytes);
        let got = golden_projection(&doc);
        let gpath = golden_path(f, &a.corpus, &a.golden);
        if a.bless {
            if let Some(dir) = gpath.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let text = serde_json::to_string_pretty(&got)? + "\n";
            tablemend::sink::atomic::write_atomically(&gpath, text.as_bytes())?;
            writeln!(out, "blessed {}", gpath.display())?;
            continue;
        }
        let Ok(gtext) = std::fs::read_to_string(&gpath) else {
            writeln!(out, "FAIL {source}: no golden at {}", gpath.display())?;
            failed.push(source);
            continue;
        };
        let golden: serde_json::Value =
            serde_json::from_str(&gtext).with_context(|| format!("parsing {}", gpath.display()))?;
        let s = score(&golden, &got);
        total.add(&s);
        let barred = family_bar(f, &a.corpus, &a.golden);
        let status = match (&barred, s.is_perfect()) {
            (_, true) => "ok  ",
            (Some(_), false) => "diff",
            (None, false) => "FAIL",
        };
        writeln!(
            out,
            "{status} {source}: record P={:.3} R={:.3} F1={:.3} | name F1={:.3} cat F1={:.3} value F1={:.3} | meta={:.3}",
            s.record.p(),
            s.record.r(),
            s.record.f1(),
            s.name.f1(),
            s.cat.f1(),
            s.value.f1(),
            s.meta_acc()
        )?;
        if !s.is_perfect() {
            if !a.quiet {
                for d in &s.diffs {
                    writeln!(out, "{d}")?;
                }
            }
            if barred.is_none() {
                failed.push(source);
                failed_scored += 1;
            }
        }
        if let Some((family, bar)) = barred {
            match families.iter_mut().find(|(f, _, _)| *f == family) {
                Some((_, _, fs)) => fs.add(&s),
                None => {
                    let mut fs = Score::default();
                    fs.add(&s);
                    families.push((family, bar, fs));
                }
            }
        }
    }
    if a.bless {
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "\noverall ({} documents)", files.len())?;
    for (label, c) in [
        ("name", &total.name),
        ("level1", &total.level1),
        ("cat", &total.cat),
        ("value", &total.value),
        ("record", &total.record),
    ] {
        writeln!(out, "{}", line(label, c))?;
    }
    for (f, c) in META_FIELDS.iter().zip(&total.meta_fields) {
        writeln!(out, "{}", line(&format!("meta.{f}"), c))?;
    }
    writeln!(
        out,
        "meta    acc={:.3} ({}/{})",
        total.meta_acc(),
        total.meta_ok,
        total.meta_n
    )?;
    for (family, bar, fs) in &families {
        let f1 = fs.record.f1();
        let ok = f1 >= *bar;
        writeln!(
            out,
            "family {family}: record F1 {f1:.4} {} its bar {bar}",
            if ok { "≥" } else { "<" }
        )?;
        if !ok {
            failed.push(format!("family {family}"));
            failed_scored += 1;
        }
    }
    if let Some(min) = a.min_f1 {
        let f1 = total.record.f1();
        let unscored = failed.len() - failed_scored;
        writeln!(
            out,
            "{} of {} documents differ; record F1 {f1:.4} {} --min-f1 {min}",
            failed.len(),
            files.len(),
            if f1 >= min { "≥" } else { "<" }
        )?;
        return Ok(if f1 >= min && unscored == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_DIFFERS)
        });
    }
    if failed.is_empty() {
        writeln!(out, "all {} documents match their goldens", files.len())?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{} of {} documents differ", failed.len(), files.len())?;
        Ok(ExitCode::from(EXIT_DIFFERS))
    }
}
