//! The corpus loop, shared by `tablemend check` and the corpus test: a corpus folder, a golden
//! folder and an extractor go in; out comes a `Report` — per document its score against its
//! golden (or that it has none), the overall score and each barred family's score. Blessing
//! instead rewrites every golden from the current output (the only code that writes goldens).

use super::score::{score, Score};
use super::sidecar::{self, SidecarScore};
use super::snapshot::{self, SnapshotReport, SnapshotVerdict};
use super::{corpus_files, family_bar, family_of, golden_path, golden_projection};
use crate::sink::atomic::{write_atomically, AtomicError};
use crate::Extractor;
use std::path::{Path, PathBuf};

/// Score against the goldens and snapshots, or rewrite them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Score every document against its golden, compare the snapshots.
    Score,
    /// Rewrite every golden and every snapshot from the current output.
    Bless,
    /// Score as `Score` does, but rewrite the snapshots (they hold what goldens leave out).
    BlessSnapshots,
}

/// What became of one corpus document.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Its golden was rewritten (`Mode::Bless`).
    Blessed,
    /// No golden stands at its path.
    NoGolden,
    /// Scored against its golden; `bar` is its family's record-F1 bar (golden/<family>/MIN_F1),
    /// which holds it instead of exactness.
    Scored {
        score: Box<Score>,
        /// Its family (`family_of`; empty for an input directly in the corpus folder).
        family: String,
        bar: Option<(String, f64)>,
        /// The golden's sidecar fields (`sidecar`), when it has a sidecar.
        sidecar: Option<SidecarScore>,
    },
}

/// One corpus document's line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct DocReport {
    /// The input's path, as its document's source.
    pub source: String,
    pub golden: PathBuf,
    pub verdict: Verdict,
}

impl DocReport {
    /// Whether the document fails the check by itself: no golden, or a difference from a golden
    /// that no family bar holds.
    pub fn fails(&self) -> bool {
        match &self.verdict {
            Verdict::Blessed => false,
            Verdict::NoGolden => true,
            Verdict::Scored {
                score,
                bar,
                sidecar,
                ..
            } => {
                let side_ok = sidecar.as_ref().is_none_or(|s| s.diffs.is_empty());
                bar.is_none() && !(score.is_perfect() && side_ok)
            }
        }
    }
}

/// A family held to a record-F1 bar, with its documents' summed score.
#[derive(Debug, Clone, PartialEq)]
pub struct FamilyReport {
    pub family: String,
    pub bar: f64,
    pub score: Score,
}

impl FamilyReport {
    pub fn passes(&self) -> bool {
        self.score.record.f1() >= self.bar
    }
}

/// The sidecar fields of one family (`""`: documents in no family), against its bar.
#[derive(Debug, Clone, PartialEq)]
pub struct SidecarReport {
    pub family: String,
    /// golden/<family>/MIN_SIDECAR; without it every field must be right.
    pub bar: Option<f64>,
    pub checked: usize,
    pub right: usize,
}

impl SidecarReport {
    /// The share of sidecar fields right (1 when none was checked).
    pub fn share(&self) -> f64 {
        if self.checked == 0 {
            1.0
        } else {
            self.right as f64 / self.checked as f64
        }
    }

    pub fn passes(&self) -> bool {
        match self.bar {
            Some(b) => self.share() >= b,
            None => self.right == self.checked,
        }
    }
}

/// The whole check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Every corpus document, in path order.
    pub docs: Vec<DocReport>,
    /// The sum of every scored document's score.
    pub total: Score,
    /// Barred families, in the order first met.
    pub families: Vec<FamilyReport>,
    /// The full-output snapshots (`snapshot`), in list order.
    pub snapshots: Vec<SnapshotReport>,
    /// Sidecar fields by family, in the order first met.
    pub sidecars: Vec<SidecarReport>,
}

impl Report {
    /// The documents that fail by themselves (see `DocReport::fails`).
    pub fn failed_docs(&self) -> impl Iterator<Item = &DocReport> {
        self.docs.iter().filter(|d| d.fails())
    }

    /// The families below their bar.
    pub fn failed_families(&self) -> impl Iterator<Item = &FamilyReport> {
        self.families.iter().filter(|f| !f.passes())
    }

    /// The families whose sidecar fields fall below their bar.
    pub fn failed_sidecars(&self) -> impl Iterator<Item = &SidecarReport> {
        self.sidecars.iter().filter(|s| !s.passes())
    }

    /// The snapshots that are missing or differ.
    pub fn failed_snapshots(&self) -> impl Iterator<Item = &SnapshotReport> {
        self.snapshots.iter().filter(|s| s.fails())
    }

    /// Documents without a golden.
    pub fn unscored(&self) -> usize {
        self.docs
            .iter()
            .filter(|d| d.verdict == Verdict::NoGolden)
            .count()
    }

    /// Whether everything matches: no failed document, no family below its bar.
    pub fn passes(&self) -> bool {
        self.failed_docs().next().is_none()
            && self.failed_families().next().is_none()
            && self.failed_snapshots().next().is_none()
            && self.failed_sidecars().next().is_none()
    }

    fn add(&mut self, source: String, golden: PathBuf, verdict: Verdict, root: &Path) {
        if let Verdict::Scored {
            family,
            sidecar: Some(sc),
            ..
        } = &verdict
        {
            let family = family.clone();
            let right = sc.checked - sc.diffs.len();
            match self.sidecars.iter_mut().find(|s| s.family == family) {
                Some(s) => {
                    s.checked += sc.checked;
                    s.right += right;
                }
                None => self.sidecars.push(SidecarReport {
                    bar: (!family.is_empty())
                        .then(|| sidecar::sidecar_bar(root, &family))
                        .flatten(),
                    family,
                    checked: sc.checked,
                    right,
                }),
            }
        }
        if let Verdict::Scored { score, bar, .. } = &verdict {
            self.total.add(score);
            if let Some((family, bar)) = bar {
                match self.families.iter_mut().find(|f| f.family == *family) {
                    Some(f) => f.score.add(score),
                    None => {
                        let mut s = Score::default();
                        s.add(score);
                        self.families.push(FamilyReport {
                            family: family.clone(),
                            bar: *bar,
                            score: s,
                        });
                    }
                }
            }
        }
        self.docs.push(DocReport {
            source,
            golden,
            verdict,
        });
    }
}

/// Why the check could not run to its end.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{doing} {}", path.display())]
    Io {
        doing: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("parsing {}", path.display())]
    Golden {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(transparent)]
    Write(#[from] AtomicError),
}

fn io_err(doing: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> CheckError {
    let path = path.to_path_buf();
    move |source| CheckError::Io {
        doing,
        path,
        source,
    }
}

/// Runs every corpus input under `corpus` through `extractor` and scores it against its golden
/// under `golden` (or, `Mode::Bless`, rewrites that golden).
pub fn run(
    corpus: &Path,
    golden: &Path,
    extractor: &Extractor,
    mode: Mode,
) -> Result<Report, CheckError> {
    let mut report = Report::default();
    let listed = snapshot::listed(golden);
    let mut snapshots: Vec<Option<SnapshotReport>> = vec![None; listed.len()];
    for f in corpus_files(corpus).map_err(io_err("listing", corpus))? {
        let bytes = std::fs::read(&f).map_err(io_err("reading", &f))?;
        let source = f.to_string_lossy().to_string();
        let mut doc = extractor.extract(&source, &bytes);
        let got = golden_projection(&doc);
        let gpath = golden_path(&f, corpus, golden);
        let side = if mode == Mode::Bless {
            None
        } else {
            read_sidecar(&gpath, &doc)?
        };
        let rel = f.strip_prefix(corpus).unwrap_or(&f);
        if let Some(i) = listed.iter().position(|p| p == rel) {
            let bless = mode != Mode::Score;
            snapshots[i] = Some(snapshot::compare(golden, rel, &mut doc, bless)?);
        }
        let verdict = if mode == Mode::Bless {
            if let Some(dir) = gpath.parent() {
                std::fs::create_dir_all(dir).map_err(io_err("creating", dir))?;
            }
            // a Value prints infallibly
            let text = serde_json::to_string_pretty(&got).unwrap_or_default() + "\n";
            write_atomically(&gpath, text.as_bytes())?;
            Verdict::Blessed
        } else if let Ok(text) = std::fs::read_to_string(&gpath) {
            let want: serde_json::Value =
                serde_json::from_str(&text).map_err(|source| CheckError::Golden {
                    path: gpath.clone(),
                    source,
                })?;
            Verdict::Scored {
                score: Box::new(score(&want, &got)),
                family: family_of(&f, corpus).unwrap_or_default(),
                bar: family_bar(&f, corpus, golden),
                sidecar: side,
            }
        } else {
            Verdict::NoGolden
        };
        report.add(source, gpath, verdict, golden);
    }
    report.snapshots = listed
        .into_iter()
        .zip(snapshots)
        .map(|(rel, s)| {
            s.unwrap_or_else(|| SnapshotReport {
                path: snapshot::snapshot_path(golden, &rel),
                verdict: SnapshotVerdict::NotInCorpus,
            })
        })
        .collect();
    Ok(report)
}

/// The comparison of a document with its golden's sidecar, if the golden has one.
fn read_sidecar(
    gpath: &Path,
    doc: &crate::model::Document,
) -> Result<Option<SidecarScore>, CheckError> {
    let path = sidecar::sidecar_path(gpath);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let parse = |text: &str, path: &Path| {
        serde_json::from_str::<serde_json::Value>(text).map_err(|source| CheckError::Golden {
            path: path.to_path_buf(),
            source,
        })
    };
    let want = parse(&text, &path)?;
    let got = parse(&crate::sink::json::to_json(doc), &path)?;
    Ok(Some(sidecar::compare(&want, &got)))
}
