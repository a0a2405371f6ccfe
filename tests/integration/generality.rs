//! Guards that the repairs are general: no cell text of the reference document appears in the
//! library's code (outside the vocabulary data and unit-test fixtures), and no corpus input
//! makes extraction panic, whatever the vocabulary.

use std::path::Path;
use tablemend::{Extractor, Vocab};

/// Shortest reference cell text (in characters) that counts as a document string.
const MIN_CHARS: usize = 5;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_reference_string_in_library_code() {
    let doc = std::fs::read_to_string("corpus/suzhou/suzhou-hrss-2024.md").unwrap_or_default();
    let mut strings: Vec<String> = doc
        .split(['|', '\n'])
        .map(|c| c.trim().to_string())
        .filter(|c| {
            c.chars().count() >= MIN_CHARS
                && c.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
        })
        .collect();
    strings.sort();
    strings.dedup();
    assert!(strings.len() > 100);
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut hits = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        // unit-test fixtures may quote the document; the code above them may not
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for s in &strings {
            if code.contains(s.as_str()) {
                hits.push(format!("{}: {s}", f.display()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "document strings in code:\n{}",
        hits.join("\n")
    );
}

#[test]
fn corpus_inputs_never_panic_even_without_the_vocabulary() {
    let bare =
        Vocab::from_texts(&["[level2]\n数量指标 | 产出指标\n"]).unwrap_or_else(|e| panic!("{e}"));
    let bare = Extractor::new(bare);
    let full = crate::util::extractor();
    let files = tablemend::check::corpus_files(Path::new("corpus")).unwrap_or_default();
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        for e in [&bare, full] {
            let r = std::panic::catch_unwind(|| e.extract("x", &bytes));
            assert!(r.is_ok(), "{} panicked", f.display());
        }
        // truncated at a dozen places (mid-character too): still no panic
        for cut in (0..bytes.len()).step_by(bytes.len() / 12 + 1) {
            let part = bytes.get(..cut).unwrap_or_default();
            let r = std::panic::catch_unwind(|| full.extract("x", part));
            assert!(r.is_ok(), "{} cut at {cut} panicked", f.display());
        }
    }
}
