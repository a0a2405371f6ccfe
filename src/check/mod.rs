//! The golden corpus check. The corpus and golden folders go in; out comes, per document and
//! overall, the score of the pipeline against its golden and what differs (`run`, the loop the
//! CLI and the corpus test share). Blessing rewrites goldens from the current output — the
//! only code that writes `golden/`.

pub mod run;
pub mod score;
pub mod sidecar;
pub mod snapshot;

pub use run::{run, CheckError, Mode, Report, Verdict};

use crate::bulk::inputs::{self, Input, DEFAULT_EXTENSIONS};
use crate::bulk::FailureKind;
use crate::model::{Document, Meta, MetaKey, DEPARTMENT_CODE};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Every corpus input under `dir`, sorted, recursively: the files a bulk run of the folder
/// takes (`bulk::inputs`, the default extensions; `README*` and `*.extra.json` sidecars are
/// notes, not inputs). A folder that cannot be walked is an error; an empty one has no input.
pub fn corpus_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let extensions = DEFAULT_EXTENSIONS.map(String::from);
    let listing = inputs::list(&[dir.to_path_buf()], &extensions);
    if let Some(f) = listing
        .failures
        .iter()
        .find(|f| f.code != FailureKind::NoFiles)
    {
        return Err(std::io::Error::other(format!("{}: {}", f.path, f.message)));
    }
    Ok(listing
        .inputs
        .into_iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p),
            Input::Stdin => None,
        })
        .collect())
}

/// The golden path of a corpus input: same relative path under `golden`, extension `.json`.
pub fn golden_path(input: &Path, corpus: &Path, golden: &Path) -> PathBuf {
    let rel = input.strip_prefix(corpus).unwrap_or(input);
    golden.join(rel).with_extension("json")
}

/// Name of the file in a golden family folder that holds the family to a record-F1 bar
/// instead of exactness (one number, 0–1): for families of hard cases the code is still
/// climbing towards (`golden/unseen/MIN_F1`).
pub const FAMILY_BAR_FILE: &str = "MIN_F1";

/// The family of a corpus input: its first folder under `corpus` (none for an input standing
/// directly in `corpus`).
pub fn family_of(input: &Path, corpus: &Path) -> Option<String> {
    let rel = input.strip_prefix(corpus).ok()?;
    let mut parts = rel.components();
    let family = parts.next()?.as_os_str().to_str()?.to_string();
    parts.next()?; // the input itself stands directly in corpus/: no family
    Some(family)
}

/// The family of a corpus input and the record-F1 bar its golden folder sets, if one does: the
/// input's folders are tried from the deepest to the first under `corpus`, and the first whose
/// golden folder holds a bar file is the family (its path under `golden`, `/`-joined) — so a
/// subfolder may hold its own bar (`golden/text_pdf/raw/MIN_F1`) apart from its parent's.
pub fn family_bar(input: &Path, corpus: &Path, golden: &Path) -> Option<(String, f64)> {
    let rel = input.strip_prefix(corpus).ok()?;
    let folders: Vec<&str> = rel
        .parent()?
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    (1..=folders.len()).rev().find_map(|depth| {
        let family = folders.get(..depth)?.join("/");
        let text = std::fs::read_to_string(golden.join(&family).join(FAMILY_BAR_FILE)).ok()?;
        let bar: f64 = text.trim().parse().ok()?;
        Some((family, bar))
    })
}

/// The contract's meta fields of a table, in `MetaKey` order (the department's code after the
/// department), every one present (null when unread).
fn meta_projection(m: &Meta) -> Value {
    let mut out = serde_json::Map::new();
    for &key in MetaKey::ALL {
        let v = match key {
            MetaKey::Goals => json!(m.goals),
            k if k.is_amount() => json!(m.amount(k)),
            k => json!(m.text(k)),
        };
        out.insert(key.as_str().to_string(), v);
        if key == MetaKey::Department {
            out.insert(DEPARTMENT_CODE.to_string(), json!(m.department_code));
        }
    }
    Value::Object(out)
}

/// The fields a golden holds (what the scorer reads), from a document.
pub fn golden_projection(doc: &Document) -> Value {
    let tables: Vec<Value> = doc
        .tables
        .iter()
        .map(|t| {
            json!({
                "kind": t.kind,
                "year": t.year,
                "meta": meta_projection(&t.meta),
                "indicators": t.indicators.iter().map(|r| json!({
                    "level1": r.level1,
                    "level2": r.level2,
                    "name": r.name,
                    "value": r.value,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "source": doc.source, "tables": tables })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_is_the_first_folder_under_the_corpus() {
        let corpus = Path::new("corpus");
        let family = |p: &str| family_of(Path::new(p), corpus);
        assert_eq!(
            family("corpus/families3/a.md").as_deref(),
            Some("families3")
        );
        assert_eq!(family("corpus/unseen/x/y.html").as_deref(), Some("unseen"));
        assert_eq!(family("corpus/loose.md"), None);
        assert_eq!(family("elsewhere/families3/a.md"), None);
    }

    /// A subfolder's own bar file holds its documents apart from its parent's bar; a folder
    /// with none falls back to the nearest folder above that has one; none at all: no family.
    #[test]
    fn a_subfolder_bar_holds_its_documents_apart_from_the_parent_bar() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let (corpus, golden) = (dir.path().join("corpus"), dir.path().join("golden"));
        for sub in ["pdf/raw", "pdf/layout", "plain"] {
            std::fs::create_dir_all(golden.join(sub)).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(golden.join("pdf").join(FAMILY_BAR_FILE), "0.9\n")
            .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(golden.join("pdf/raw").join(FAMILY_BAR_FILE), "0.5")
            .unwrap_or_else(|e| panic!("{e}"));
        let bar = |p: &str| family_bar(&corpus.join(p), &corpus, &golden);
        assert_eq!(bar("pdf/raw/a.txt"), Some(("pdf/raw".to_string(), 0.5)));
        assert_eq!(bar("pdf/layout/a.txt"), Some(("pdf".to_string(), 0.9)));
        assert_eq!(bar("pdf/a.txt"), Some(("pdf".to_string(), 0.9)));
        assert_eq!(bar("plain/a.txt"), None);
        assert_eq!(bar("a.txt"), None);
    }
}
