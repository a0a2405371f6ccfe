//! Document → flat indicator rows: one row per record, with the table context it belongs to
//! (source, 1-based table number, kind, project name, department …) repeated on every row. JSONL, CSV and the
//! sink tests share these columns, so the three outputs always agree field by field.

use crate::model::{Document, Repair};
use serde::Serialize;

/// The column names of a flat row, in output order (the CSV header).
pub const COLUMNS: [&str; 21] = [
    "source",
    "table",
    "kind",
    "year",
    "project_name",
    "department",
    "department_code",
    "implementing_unit",
    "level1",
    "level2",
    "name",
    "value",
    "op",
    "number",
    "unit",
    "confidence",
    "repairs",
    "line",
    "col",
    "value_line",
    "value_col",
];

/// The columns every row of one table shares (the first eight, in output order).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TableColumns<'a> {
    pub source: &'a str,
    /// 1-based number of the table in its document (as diagnostics and the review page say
    /// "table 1").
    pub table: usize,
    pub kind: &'static str,
    pub year: Option<i32>,
    pub project_name: Option<&'a str>,
    pub department: Option<&'a str>,
    pub department_code: Option<&'a str>,
    pub implementing_unit: Option<&'a str>,
}

/// The columns of one record (the last thirteen, in output order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordColumns<'a> {
    pub level1: &'a str,
    pub level2: &'a str,
    pub name: &'a str,
    pub value: Option<&'a str>,
    pub op: Option<&'static str>,
    pub number: Option<f64>,
    pub unit: Option<&'a str>,
    pub confidence: f64,
    /// Repairs (code and reason), in the order they were applied.
    pub repairs: &'a [Repair],
    pub line: usize,
    pub col: usize,
    pub value_line: Option<usize>,
    pub value_col: Option<usize>,
}

/// One indicator record with its table context: a row of `COLUMNS`.
#[derive(Debug, Clone, PartialEq)]
pub struct FlatRecord<'a> {
    pub table: TableColumns<'a>,
    pub record: RecordColumns<'a>,
}

/// Every table of the document with records: its shared columns and its records' columns.
pub fn tables(doc: &Document) -> Vec<(TableColumns<'_>, Vec<RecordColumns<'_>>)> {
    doc.tables
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.indicators.is_empty())
        .map(|(ti, t)| {
            let m = &t.meta;
            let table = TableColumns {
                source: &doc.source,
                table: ti + 1,
                kind: t.kind.as_str(),
                year: t.year,
                project_name: m.project_name.as_deref(),
                department: m.department.as_deref(),
                department_code: m.department_code.as_deref(),
                implementing_unit: m.implementing_unit.as_deref(),
            };
            let records = t
                .indicators
                .iter()
                .map(|r| RecordColumns {
                    level1: r.level1,
                    level2: r.level2,
                    name: &r.name,
                    value: r.value.as_deref(),
                    op: r.parsed.as_ref().map(|p| p.op),
                    number: r.parsed.as_ref().map(|p| p.number),
                    unit: r.parsed.as_ref().map(|p| p.unit.as_str()),
                    confidence: r.confidence,
                    repairs: &r.repairs,
                    line: r.source.line,
                    col: r.source.col,
                    value_line: r.value_source.as_ref().map(|s| s.line),
                    value_col: r.value_source.as_ref().map(|s| s.col),
                })
                .collect();
            (table, records)
        })
        .collect()
}

/// Every record of the document, table by table, in document order.
pub fn flatten(doc: &Document) -> Vec<FlatRecord<'_>> {
    tables(doc)
        .into_iter()
        .flat_map(|(table, records)| {
            records
                .into_iter()
                .map(move |record| FlatRecord { table, record })
        })
        .collect()
}
