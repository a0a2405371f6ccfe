//! Full-output snapshots: for the few corpus documents listed in `golden/snapshots/LIST` (one
//! corpus-relative path a line, `#` comments), the whole document JSON — repairs, confidence,
//! sources, diagnostics, everything a golden leaves out — kept in
//! `golden/snapshots/<path>.json` and compared byte for byte. A document and its path go in;
//! out comes whether its snapshot matches (or, blessing, the snapshot rewritten). The `source`
//! field holds the corpus-relative path, so the snapshot does not depend on where the corpus
//! folder was named from.

use crate::model::Document;
use crate::sink::atomic::{write_atomically, AtomicError};
use crate::sink::json::to_json;
use std::path::{Path, PathBuf};

/// The folder under the golden folder that holds the snapshots and their list.
pub const SNAPSHOT_DIR: &str = "snapshots";
/// The list of documents that have a snapshot, in `SNAPSHOT_DIR`.
pub const LIST_FILE: &str = "LIST";

/// The corpus-relative paths listed in `golden/snapshots/LIST` (none when there is no list).
pub fn listed(golden: &Path) -> Vec<PathBuf> {
    let text =
        std::fs::read_to_string(golden.join(SNAPSHOT_DIR).join(LIST_FILE)).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(PathBuf::from)
        .collect()
}

/// Where the snapshot of the corpus document at `rel` is kept.
pub fn snapshot_path(golden: &Path, rel: &Path) -> PathBuf {
    let mut name = rel.as_os_str().to_owned();
    name.push(".json");
    golden.join(SNAPSHOT_DIR).join(name)
}

/// What became of one snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotVerdict {
    Matches,
    Blessed,
    /// The listed document has no snapshot file yet.
    Missing,
    /// The listed document is not in the corpus.
    NotInCorpus,
    /// The first line that differs (1-based), as the snapshot holds it and as the output has it.
    Differs {
        line: usize,
        want: String,
        got: String,
    },
}

/// One listed document's snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotReport {
    pub path: PathBuf,
    pub verdict: SnapshotVerdict,
}

impl SnapshotReport {
    pub fn fails(&self) -> bool {
        !matches!(
            self.verdict,
            SnapshotVerdict::Matches | SnapshotVerdict::Blessed
        )
    }
}

/// Compares `doc` (the corpus document at `rel`) with its snapshot, or, `bless`, rewrites the
/// snapshot. The document's source is set to `rel` first.
pub fn compare(
    golden: &Path,
    rel: &Path,
    doc: &mut Document,
    bless: bool,
) -> Result<SnapshotReport, AtomicError> {
    doc.source = rel.to_string_lossy().to_string();
    let got = to_json(doc);
    let path = snapshot_path(golden, rel);
    let verdict = if bless {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| AtomicError {
                doing: "creating",
                path: dir.to_path_buf(),
                source,
            })?;
        }
        write_atomically(&path, got.as_bytes())?;
        SnapshotVerdict::Blessed
    } else {
        match std::fs::read_to_string(&path) {
            Err(_) => SnapshotVerdict::Missing,
            Ok(want) if want == got => SnapshotVerdict::Matches,
            Ok(want) => first_difference(&want, &got),
        }
    };
    Ok(SnapshotReport { path, verdict })
}

fn first_difference(want: &str, got: &str) -> SnapshotVerdict {
    let (mut w, mut g) = (want.lines(), got.lines());
    let mut line = 1;
    loop {
        match (w.next(), g.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (a, b) => {
                return SnapshotVerdict::Differs {
                    line,
                    want: a.unwrap_or("(end)").to_string(),
                    got: b.unwrap_or("(end)").to_string(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_differing_line_is_named() {
        assert_eq!(
            first_difference("a\nb\nc\n", "a\nb\nd\n"),
            SnapshotVerdict::Differs {
                line: 3,
                want: "c".into(),
                got: "d".into()
            }
        );
        assert_eq!(
            first_difference("a\n", "a\nb\n"),
            SnapshotVerdict::Differs {
                line: 2,
                want: "(end)".into(),
                got: "b".into()
            }
        );
    }
}
