//! `tablemend check`: every corpus document against its golden. Per document P/R/F1 (names,
//! categories, values, whole records) and meta accuracy with the differences field by field;
//! overall P/R/F1 per field (names, level1, categories, values, records, each meta field). Exit 1
//! when anything differs (with `--min-f1 X`: when the overall record F1 is below X) or a golden
//! is missing. `--bless` rewrites the goldens from the current output instead (the only code
//! that writes golden/).

use super::{VocabArgs, EXIT_DIFFERS};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tablemend::check::run::DocReport;
use tablemend::check::score::{Counts, META_FIELDS};
use tablemend::check::snapshot::{SnapshotReport, SnapshotVerdict};
use tablemend::check::{Mode, Verdict};
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
    /// Rewrite every golden and every full-output snapshot from the current output.
    #[arg(long)]
    pub bless: bool,
    /// Rewrite only the full-output snapshots (golden/snapshots/, listed in its LIST file);
    /// the goldens are scored as usual.
    #[arg(long, conflicts_with = "bless")]
    pub bless_snapshots: bool,
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
    let mode = match (a.bless, a.bless_snapshots) {
        (true, _) => Mode::Bless,
        (false, true) => Mode::BlessSnapshots,
        (false, false) => Mode::Score,
    };
    let report = tablemend::check::run(&a.corpus, &a.golden, &extractor, mode)?;
    for d in &report.docs {
        write_doc(&mut out, d, a.quiet)?;
    }
    for s in &report.snapshots {
        write_snapshot(&mut out, s)?;
    }
    if a.bless {
        return Ok(ExitCode::SUCCESS);
    }
    let n = report.docs.len();
    let total = &report.total;
    writeln!(out, "\noverall ({n} documents)")?;
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
    for fam in &report.families {
        writeln!(
            out,
            "family {}: record F1 {:.4} {} its bar {}",
            fam.family,
            fam.score.record.f1(),
            if fam.passes() { "≥" } else { "<" },
            fam.bar
        )?;
    }
    for sc in &report.sidecars {
        let name = if sc.family.is_empty() {
            "(no family)"
        } else {
            &sc.family
        };
        writeln!(
            out,
            "sidecar {name}: {}/{} fields right ({:.4}){}",
            sc.right,
            sc.checked,
            sc.share(),
            sc.bar
                .map(|b| format!(" {} its bar {b}", if sc.passes() { "≥" } else { "<" }))
                .unwrap_or_default()
        )?;
    }
    if !report.snapshots.is_empty() {
        let ok = report.snapshots.len() - report.failed_snapshots().count();
        writeln!(out, "snapshots: {ok} of {} match", report.snapshots.len())?;
    }
    let failed = report.failed_docs().count()
        + report.failed_families().count()
        + report.failed_snapshots().count()
        + report.failed_sidecars().count();
    if let Some(min) = a.min_f1 {
        let f1 = total.record.f1();
        writeln!(
            out,
            "{failed} of {n} documents differ; record F1 {f1:.4} {} --min-f1 {min}",
            if f1 >= min { "≥" } else { "<" }
        )?;
        return Ok(if f1 >= min && report.unscored() == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_DIFFERS)
        });
    }
    if failed == 0 {
        writeln!(out, "all {n} documents match their goldens")?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{failed} of {n} documents differ")?;
        Ok(ExitCode::from(EXIT_DIFFERS))
    }
}

/// A snapshot's line: only when it was rewritten or does not match.
fn write_snapshot(out: &mut impl Write, s: &SnapshotReport) -> std::io::Result<()> {
    let path = s.path.display();
    match &s.verdict {
        SnapshotVerdict::Matches => Ok(()),
        SnapshotVerdict::Blessed => writeln!(out, "blessed {path}"),
        SnapshotVerdict::Missing => writeln!(out, "FAIL snapshot {path}: missing (--bless-snapshots writes it)"),
        SnapshotVerdict::NotInCorpus => writeln!(out, "FAIL snapshot {path}: its document is not in the corpus"),
        SnapshotVerdict::Differs { line, want, got } => writeln!(
            out,
            "FAIL snapshot {path}: line {line} differs (review, then --bless-snapshots)\n  snapshot: {want}\n  output:   {got}"
        ),
    }
}

/// One document's lines: blessed, no golden, or its scores (and, unless quiet, what differs).
fn write_doc(out: &mut impl Write, d: &DocReport, quiet: bool) -> std::io::Result<()> {
    let source = &d.source;
    let (s, barred, side) = match &d.verdict {
        Verdict::Blessed => return writeln!(out, "blessed {}", d.golden.display()),
        Verdict::NoGolden => {
            return writeln!(out, "FAIL {source}: no golden at {}", d.golden.display())
        }
        Verdict::Scored {
            score,
            bar,
            sidecar,
            ..
        } => (score, bar.is_some(), sidecar),
    };
    let side_ok = side.as_ref().is_none_or(|sc| sc.diffs.is_empty());
    let status = match (barred, s.is_perfect() && side_ok) {
        (_, true) => "ok  ",
        (true, false) => "diff",
        (false, false) => "FAIL",
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
    if !quiet {
        for diff in &s.diffs {
            writeln!(out, "{diff}")?;
        }
        for diff in side.iter().flat_map(|sc| &sc.diffs) {
            writeln!(out, "{diff}")?;
        }
    }
    Ok(())
}
