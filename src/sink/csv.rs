//! Document → CSV rows with the `flat::all_columns` header (csv crate: RFC 4180 quoting, so commas,
//! quotes and newlines inside cells survive). Repair codes are joined with `;` (their reasons are in JSONL, JSON and SQLite); absent values are
//! empty fields.

use super::flat::{all_columns, flatten, FlatRecord};
use super::SinkError;
use crate::model::Document;

fn encode_err(e: impl std::fmt::Display) -> SinkError {
    SinkError::Encode(e.to_string())
}

/// The header line.
pub fn header() -> Result<Vec<u8>, SinkError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(all_columns()).map_err(encode_err)?;
    w.into_inner().map_err(encode_err)
}

fn fields(row: &FlatRecord<'_>) -> Vec<String> {
    let opt = |s: Option<&str>| s.unwrap_or_default().to_string();
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let (t, r) = (&row.table, &row.record);
    [
        t.source.to_string(),
        t.table.to_string(),
        t.kind.to_string(),
        t.year.map(|y| y.to_string()).unwrap_or_default(),
        opt(t.project_name),
        opt(t.department),
        opt(t.department_code),
        opt(t.implementing_unit),
        r.level1.to_string(),
        r.level2.to_string(),
        r.name.to_string(),
        opt(r.value),
        opt(r.op),
        r.number.map(|n| n.to_string()).unwrap_or_default(),
        opt(r.unit),
        r.confidence.to_string(),
        r.repairs
            .iter()
            .map(|x| x.code())
            .collect::<Vec<_>>()
            .join(";"),
        r.line.to_string(),
        r.col.to_string(),
        num(r.value_line),
        num(r.value_col),
    ]
    .into_iter()
    .chain(r.family.iter().map(|v| v.to_field()))
    .collect()
}

/// The rows a document adds to a CSV stream (no header).
pub fn encode(doc: &Document) -> Result<Vec<u8>, SinkError> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for row in flatten(doc) {
        w.write_record(fields(&row)).map_err(encode_err)?;
    }
    w.into_inner().map_err(encode_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_every_column_once() {
        let h = String::from_utf8(header().unwrap_or_default()).unwrap_or_default();
        assert_eq!(h.trim_end().split(',').count(), all_columns().count());
        assert!(h.starts_with("source,table,kind,"));
    }
}
