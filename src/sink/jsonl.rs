//! Document → JSON Lines: one flat indicator row (`flat::FlatRecord`) per line, UTF-8, `\n`
//! after every line. A document without records adds nothing.

use super::flat::flatten;
use super::SinkError;
use crate::model::Document;

/// The lines a document adds to a JSONL stream.
pub fn encode(doc: &Document) -> Result<Vec<u8>, SinkError> {
    let mut out = Vec::new();
    for row in flatten(doc) {
        serde_json::to_writer(&mut out, &row).map_err(|e| SinkError::Encode(e.to_string()))?;
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Record, Source, Table, TableKind};

    #[test]
    fn one_line_per_record_with_context() {
        let rec = |name: &str| Record {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: name.into(),
            value: Some("≥1\n\"x\"".into()),
            parsed: None,
            confidence: 0.9,
            repairs: vec![],
            source: Source {
                line: 3,
                col: 5,
                text: name.into(),
            },
            value_source: None,
        };
        let doc = Document {
            source: "a.md".into(),
            encoding: "utf-8".into(),
            tables: vec![Table {
                kind: TableKind::Project,
                year: Some(2024),
                title: None,
                line: 1,
                meta: Default::default(),
                indicators: vec![rec("甲"), rec("乙")],
                unassigned: vec![],
            }],
            diagnostics: vec![],
        };
        let bytes = encode(&doc).unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap_or_default();
        assert_eq!(v["name"], "乙");
        assert_eq!(v["kind"], "project");
        assert_eq!(v["value"], "≥1\n\"x\"");
        assert_eq!(v["line"], 3);
    }
}
