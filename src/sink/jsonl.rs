//! Document → JSON Lines: one flat indicator row (`flat::FlatRecord`) per line, UTF-8, `\n`
//! after every line. A document without records adds nothing.

use super::flat::{
    record_columns, record_family, table_columns, table_family, FAMILY_COLUMNS, TABLE_FAMILY,
};
use super::record_json::{write_family, write_own_members, Confidences};
use super::SinkError;
use crate::model::Document;

fn encode_err(e: serde_json::Error) -> SinkError {
    SinkError::Encode(e.to_string())
}

/// The lines a document adds to a JSONL stream. Each line is one JSON object of `COLUMNS` and
/// `FAMILY_COLUMNS`; a table's shared columns (its context first, its family columns after the
/// record's own) are encoded once and copied onto each of its lines.
pub fn encode(doc: &Document) -> Result<Vec<u8>, SinkError> {
    // per table: `{"source":…,"implementing_unit":…,` — the object left open for the record's
    // columns — and `,"stage":…,"conclusion":…`, its family members
    let mut heads = Vec::new();
    for (ti, t) in doc.tables.iter().enumerate() {
        if t.indicators.is_empty() {
            continue;
        }
        let mut head = serde_json::to_vec(&table_columns(doc, ti, t)).map_err(encode_err)?;
        head.pop();
        head.push(b',');
        let tf = table_family(t);
        let mut family = Vec::new();
        write_family(&mut family, FAMILY_COLUMNS.iter().zip(&tf));
        heads.push((head, family, t));
    }
    // a line is its head and family, about as much again and the record's family columns
    // (`"name":null` each): one allocation, not a doubling that copies the document's lines
    let own: usize = FAMILY_COLUMNS
        .iter()
        .skip(TABLE_FAMILY)
        .map(|c| c.name.len() + 8)
        .sum();
    let mut out = Vec::with_capacity(
        heads
            .iter()
            .map(|(h, f, t)| t.indicators.len() * (2 * h.len() + f.len() + 64 + own))
            .sum(),
    );
    let mut conf = Confidences::default();
    for (head, family, t) in &heads {
        for r in &t.indicators {
            out.extend_from_slice(head);
            write_own_members(&mut out, &record_columns(r, Vec::new()), &mut conf);
            out.extend_from_slice(family);
            let rf = record_family(r);
            write_family(&mut out, FAMILY_COLUMNS.iter().skip(TABLE_FAMILY).zip(&rf));
            out.extend_from_slice(b"}\n");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Record, Source, Table, TableKind};
    use crate::sink::flat::{flatten, FlatRecord};

    /// One row as a single JSON object, the way a serializer of the whole row would write it.
    fn whole_row(row: &FlatRecord<'_>) -> serde_json::Value {
        let mut v = serde_json::to_value(row.table).unwrap_or_default();
        if let (Some(m), serde_json::Value::Object(r)) = (
            v.as_object_mut(),
            serde_json::to_value(&row.record).unwrap_or_default(),
        ) {
            m.extend(r);
            for (c, x) in crate::sink::flat::FAMILY_COLUMNS
                .iter()
                .zip(&row.record.family)
            {
                use crate::sink::flat::FlatValue;
                let j = match x {
                    FlatValue::Null => serde_json::Value::Null,
                    FlatValue::Text(s) => serde_json::json!(s),
                    FlatValue::Owned(s) => serde_json::from_str(s).unwrap_or_default(),
                    FlatValue::Int(n) => serde_json::json!(n),
                    FlatValue::Real(n) => serde_json::json!(n),
                };
                m.insert(c.name.to_string(), j);
            }
        }
        v
    }

    #[test]
    fn one_line_per_record_with_context() {
        let rec = |name: &str| Record {
            fields: Default::default(),
            level1: "产出指标",
            level2: "数量指标",
            name: name.into(),
            value: Some("≥1\n\"x\"".into()),
            parsed: None,
            confidence: 0.9,
            repairs: vec![],
            source: Source {
                page: None,
                line: 3,
                col: 5,
                text: name.into(),
            },
            value_source: None,
        };
        let doc = Document {
            schema_version: crate::model::SCHEMA_VERSION,
            source: "a.md".into(),
            encoding: "utf-8".into(),
            tables: vec![Table {
                stage: Default::default(),
                framework: 2018,
                execution: None,
                conclusion: None,
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
        // every line is the whole row, its columns in `COLUMNS` order
        for (line, row) in lines.iter().zip(flatten(&doc)) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
            assert_eq!(v, whole_row(&row));
            let keys: Vec<&str> = v
                .as_object()
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let all: Vec<&str> = crate::sink::flat::all_columns().collect();
            assert_eq!(keys, all);
        }
    }
}
