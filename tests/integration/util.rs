//! Helpers the integration tests share: the extractor with the embedded vocabulary (compiled
//! once per test run), a corpus file or a text extracted with it. Paths go in; documents come
//! out, and a file that cannot be read fails the test that named it.

use tablemend::model::Document;
use tablemend::{Extractor, Vocab};

/// The extractor with the embedded vocabulary and the default options.
pub fn extractor() -> &'static Extractor {
    static E: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    E.get_or_init(|| {
        Extractor::new(Vocab::default_vocab().unwrap_or_else(|e| panic!("default vocabulary: {e}")))
    })
}

/// The file at `path` (relative to the crate root), extracted with its path as the source.
pub fn extract_file(path: &str) -> Document {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    extractor().extract(path, &bytes)
}
