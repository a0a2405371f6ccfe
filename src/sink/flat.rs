//! Document → flat indicator rows: one row per record, with the table context it belongs to
//! (source, 1-based table number, kind, project name, department …) repeated on every row. JSONL, CSV and the
//! sink tests share these columns, so the three outputs always agree field by field.

use crate::model::{Document, Record, Repair, Stage, Table};
use serde::Serialize;

/// The table context of a flat row, repeated on each of its records' rows.
pub const TABLE_COLUMNS: [&str; 8] = [
    "source",
    "table",
    "kind",
    "year",
    "project_name",
    "department",
    "department_code",
    "implementing_unit",
];

/// The record's own columns of a flat row (also SQLite's `indicators` columns after its keys).
pub const RECORD_COLUMNS: [&str; 13] = [
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

/// The column names of a flat row, in output order (the CSV header): `TABLE_COLUMNS`, then
/// `RECORD_COLUMNS`.
pub const COLUMNS: [&str; 21] = {
    let mut out = [""; 21];
    let mut i = 0;
    while i < TABLE_COLUMNS.len() {
        out[i] = TABLE_COLUMNS[i];
        i += 1;
    }
    let mut j = 0;
    while j < RECORD_COLUMNS.len() {
        out[TABLE_COLUMNS.len() + j] = RECORD_COLUMNS[j];
        j += 1;
    }
    out
};

/// The stored type of a flat column (Parquet's column types; SQLite's declarations follow
/// from them, `ColumnType::sql`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Text,
    Int32,
    Int64,
    Double,
    Float,
    /// the record's repairs: a list of `{code, reason}` (JSONL, Parquet); codes joined by `;`
    /// in CSV and SQLite
    Repairs,
}

impl ColumnType {
    /// The SQLite declaration of a column of this type (`NOT NULL` when it is never null).
    pub fn sql(self, never_null: bool) -> &'static str {
        match (self, never_null) {
            (ColumnType::Text | ColumnType::Repairs, true) => "TEXT NOT NULL",
            (ColumnType::Text | ColumnType::Repairs, false) => "TEXT",
            (ColumnType::Int32 | ColumnType::Int64, true) => "INTEGER NOT NULL",
            (ColumnType::Int32 | ColumnType::Int64, false) => "INTEGER",
            (ColumnType::Double | ColumnType::Float, true) => "REAL NOT NULL",
            (ColumnType::Double | ColumnType::Float, false) => "REAL",
        }
    }
}

/// The type of each of `COLUMNS`, position by position, and whether it is never null: the one
/// typed list of the flat columns (Parquet's schema and SQLite's `indicators` columns are made
/// from it).
pub const COLUMN_TYPES: [(ColumnType, bool); COLUMNS.len()] = [
    (ColumnType::Text, true),    // source
    (ColumnType::Int32, true),   // table
    (ColumnType::Text, true),    // kind
    (ColumnType::Int32, false),  // year
    (ColumnType::Text, false),   // project_name
    (ColumnType::Text, false),   // department
    (ColumnType::Text, false),   // department_code
    (ColumnType::Text, false),   // implementing_unit
    (ColumnType::Text, true),    // level1
    (ColumnType::Text, true),    // level2
    (ColumnType::Text, true),    // name
    (ColumnType::Text, false),   // value
    (ColumnType::Text, false),   // op
    (ColumnType::Double, false), // number
    (ColumnType::Text, false),   // unit
    (ColumnType::Float, true),   // confidence
    (ColumnType::Repairs, true), // repairs
    (ColumnType::Int64, true),   // line
    (ColumnType::Int64, true),   // col
    (ColumnType::Int64, false),  // value_line
    (ColumnType::Int64, false),  // value_col
];

/// `RECORD_COLUMNS` with their types (the tail of `COLUMN_TYPES`).
pub fn record_column_types() -> impl Iterator<Item = (&'static str, ColumnType, bool)> {
    RECORD_COLUMNS
        .iter()
        .zip(COLUMN_TYPES.iter().skip(TABLE_COLUMNS.len()))
        .map(|(n, (t, req))| (*n, *t, *req))
}

/// Which part of the document a form-family column describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The table (repeated on each of its records' rows; one column of SQLite's `tables`).
    Table,
    /// The record (one column of SQLite's `indicators`).
    Record,
}

/// A form-family column: its name, SQLite type and scope. JSONL and CSV write them after
/// `COLUMNS`, in this order; the SQLite schema and inserts are generated from this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FamilyColumn {
    pub name: &'static str,
    pub sql: &'static str,
    pub scope: Scope,
}

const fn fc(name: &'static str, sql: &'static str, scope: Scope) -> FamilyColumn {
    FamilyColumn { name, sql, scope }
}

/// The form-family columns (issue 13): table stage, framework, execution block and conclusion;
/// a record's column fields (`op`/`unit` of its operator and unit columns as `column_op`,
/// `column_unit`, beside the parsed `op`/`unit`), `extra` as a JSON object.
pub const FAMILY_COLUMNS: [FamilyColumn; 20] = [
    fc("stage", "TEXT", Scope::Table),
    fc("framework", "INTEGER", Scope::Table),
    fc("exec_budget_start", "REAL", Scope::Table),
    fc("exec_budget_full", "REAL", Scope::Table),
    fc("exec_executed", "REAL", Scope::Table),
    fc("exec_rate", "REAL", Scope::Table),
    fc("exec_points", "REAL", Scope::Table),
    fc("exec_score", "REAL", Scope::Table),
    fc("total_score", "REAL", Scope::Table),
    fc("grade", "TEXT", Scope::Table),
    fc("conclusion", "TEXT", Scope::Table),
    fc("column_op", "TEXT", Scope::Record),
    fc("column_unit", "TEXT", Scope::Record),
    fc("direction", "TEXT", Scope::Record),
    fc("weight", "TEXT", Scope::Record),
    fc("actual", "TEXT", Scope::Record),
    fc("score", "TEXT", Scope::Record),
    fc("deviation", "TEXT", Scope::Record),
    fc("basis", "TEXT", Scope::Record),
    fc("extra", "TEXT", Scope::Record),
];

/// Every flat column, in output order: `COLUMNS` then `FAMILY_COLUMNS` (the CSV header, the
/// keys of a JSONL line).
pub fn all_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS
        .iter()
        .copied()
        .chain(FAMILY_COLUMNS.iter().map(|c| c.name))
}

/// One value of a family column.
#[derive(Debug, Clone, PartialEq)]
pub enum FlatValue<'a> {
    Null,
    Text(&'a str),
    Owned(String),
    Int(i64),
    Real(f64),
}

impl FlatValue<'_> {
    fn text(s: Option<&str>) -> FlatValue<'_> {
        s.map_or(FlatValue::Null, FlatValue::Text)
    }

    fn real(n: Option<f64>) -> FlatValue<'static> {
        n.map_or(FlatValue::Null, FlatValue::Real)
    }

    /// As a CSV field (empty when null).
    pub fn to_field(&self) -> String {
        match self {
            FlatValue::Null => String::new(),
            FlatValue::Text(s) => s.to_string(),
            FlatValue::Owned(s) => s.clone(),
            FlatValue::Int(n) => n.to_string(),
            FlatValue::Real(n) => n.to_string(),
        }
    }
}

/// How many of `FAMILY_COLUMNS` are the table's (the first); the record's follow.
pub const TABLE_FAMILY: usize = 11;

/// The values of the table-scope family columns of `t`, in `FAMILY_COLUMNS` order.
pub fn table_family(t: &Table) -> [FlatValue<'_>; TABLE_FAMILY] {
    let stage = match t.stage {
        Stage::Target => "target",
        Stage::Approval => "approval",
        Stage::SelfEvaluation => "self_evaluation",
    };
    let e = t.execution.as_ref();
    let c = t.conclusion.as_ref();
    [
        FlatValue::Text(stage),
        FlatValue::Int(i64::from(t.framework)),
        FlatValue::real(e.and_then(|e| e.budget_start)),
        FlatValue::real(e.and_then(|e| e.budget_full)),
        FlatValue::real(e.and_then(|e| e.executed)),
        FlatValue::real(e.and_then(|e| e.rate)),
        FlatValue::real(e.and_then(|e| e.points)),
        FlatValue::real(e.and_then(|e| e.score)),
        FlatValue::real(c.and_then(|c| c.total_score)),
        FlatValue::text(c.and_then(|c| c.grade.as_deref())),
        FlatValue::text(c.and_then(|c| c.text.as_deref())),
    ]
}

/// The values of the record-scope family columns of `r`, in `FAMILY_COLUMNS` order.
pub fn record_family(r: &Record) -> [FlatValue<'_>; FAMILY_COLUMNS.len() - TABLE_FAMILY] {
    let f = &r.fields;
    // the place of a per-place target travels in the extra object (`"place": "梅坑县"`)
    let extra = if f.extra.is_empty() && f.place.is_none() {
        FlatValue::Null
    } else {
        let map: serde_json::Map<String, serde_json::Value> = f
            .extra
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .chain(
                f.place
                    .iter()
                    .map(|p| ("place".to_string(), serde_json::Value::String(p.clone()))),
            )
            .collect();
        FlatValue::Owned(serde_json::Value::Object(map).to_string())
    };
    [
        FlatValue::text(f.op.as_deref()),
        FlatValue::text(f.unit.as_deref()),
        FlatValue::text(f.direction.as_deref()),
        FlatValue::text(f.weight.as_deref()),
        FlatValue::text(f.actual.as_deref()),
        FlatValue::text(f.score.as_deref()),
        FlatValue::text(f.deviation.as_deref()),
        FlatValue::text(f.basis.as_deref()),
        extra,
    ]
}

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
    /// The values of `FAMILY_COLUMNS` (the table's, then the record's), written after the
    /// rest by each sink.
    #[serde(skip)]
    pub family: Vec<FlatValue<'a>>,
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
            let tf = table_family(t);
            let records = t
                .indicators
                .iter()
                .map(|r| record_columns(r, tf.iter().cloned().chain(record_family(r)).collect()))
                .collect();
            (table_columns(doc, ti, t), records)
        })
        .collect()
}

/// The shared columns of table `t`, the `ti`-th (0-based) of `doc`.
pub fn table_columns<'a>(doc: &'a Document, ti: usize, t: &'a Table) -> TableColumns<'a> {
    let m = &t.meta;
    TableColumns {
        source: &doc.source,
        table: ti + 1,
        kind: t.kind.as_str(),
        year: t.year,
        project_name: m.project_name.as_deref(),
        department: m.department.as_deref(),
        department_code: m.department_code.as_deref(),
        implementing_unit: m.implementing_unit.as_deref(),
    }
}

/// The columns of record `r`, with `family` for its family columns.
pub fn record_columns<'a>(r: &'a Record, family: Vec<FlatValue<'a>>) -> RecordColumns<'a> {
    RecordColumns {
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
        family,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_family_columns_come_first_then_the_records() {
        let (table, record) = FAMILY_COLUMNS.split_at(TABLE_FAMILY);
        assert!(table.iter().all(|c| c.scope == Scope::Table));
        assert!(record.iter().all(|c| c.scope == Scope::Record));
    }
}
