//! Document → JSON text (SCHEMA.md shape, stable field order, pretty-printed, UTF-8).

use crate::model::Document;

/// The document as pretty-printed JSON with a trailing newline.
pub fn to_json(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        // Serialising plain structs of strings and numbers cannot fail; say so if it ever does.
        format!("{{\"error\": \"could not serialise document: {e}\"}}")
    });
    s.push('\n');
    s
}
