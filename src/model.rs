//! The data that flows between stages: source spans, blocks, grids of cells, records,
//! tables, documents and diagnostics. Every stage takes and returns these types; nothing here
//! does I/O. Spans are kept from the grid stage onward so every output field can be traced back
//! to a line and column of the input.

use serde::Serialize;

mod form;
mod kinds;
pub use form::{ColumnRole, MetaKey, TableKind, UnknownName};
pub use kinds::{DiagnosticKind, Effect, RepairKind};

/// Where a piece of text came from: 1-based line and column (in characters) of its first
/// character, and its byte range in the decoded text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
}

/// One cell of a grid: its cleaned text (markup removed, entities decoded, trimmed) and the
/// span of the raw source text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub span: Span,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// Which reader produced a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GridSource {
    Pipe,
    Html,
    /// A table printed without cell delimiters (`read::text`).
    Text,
}

/// A table as rows of cells, with merged cells already expanded. Rows may differ in length.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    pub span: Span,
    pub source: GridSource,
    /// Pipe grids: `(row, k)` for each pipe between cells `k` and `k + 1` of a row written with
    /// no space on either side — how a `|` inside a cell's text stands in a padded table. In row
    /// order (`stitch::pipe_join` relies on it).
    pub tight_pipes: Vec<(usize, usize)>,
}

/// A top-level piece of the document, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading { text: String, span: Span },
    Paragraph { text: String, span: Span },
    Table(Grid),
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A finding about the input or about a repair: a stable code, a severity, a message with the
/// values involved, and where it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    #[serde(rename = "code")]
    pub kind: DiagnosticKind,
    pub severity: Severity,
    pub message: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    /// A proposed correction (never applied), when the check can name one.
    pub suggestion: Option<Suggestion>,
}

/// A correction a check proposes: in table `table` (1-based), `field` would read `to` instead
/// of `from` (one digit changed), which would make the checks in `fixes` pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub table: usize,
    pub field: String,
    pub from: String,
    pub to: String,
    pub fixes: Vec<&'static str>,
    /// The field printed equal to `field` and edited with it (the message names it; the review
    /// page marks it; not serialized).
    #[serde(skip)]
    pub twin: Option<String>,
}

impl Diagnostic {
    pub fn new(kind: DiagnosticKind, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            severity,
            message: message.into(),
            line: None,
            col: None,
            suggestion: None,
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        if span.line > 0 {
            self.line = Some(span.line);
            self.col = Some(span.col);
        }
        self
    }

    /// The diagnostic's stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

/// The diagnostics a run collects; stages push, nobody pops.
pub type Diagnostics = Vec<Diagnostic>;

/// A quantitative value broken into operator, number and unit (`≥3.5万人` → `>=`, 3.5, `万人`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    pub op: &'static str,
    pub number: f64,
    pub unit: String,
}

/// Where an output field came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    pub line: usize,
    pub col: usize,
    pub text: String,
    /// The 1-based page the text stands on, when the input says (the OCR tools' JSON,
    /// `read::tool_json`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Source {
    pub fn of(cell: &Cell) -> Self {
        Source {
            line: cell.span.line,
            col: cell.span.col,
            text: cell.text.clone(),
            page: None,
        }
    }

    /// `of`, taking the cell's text instead of copying it.
    pub fn from_cell(cell: Cell) -> Self {
        Source {
            line: cell.span.line,
            col: cell.span.col,
            text: cell.text,
            page: None,
        }
    }
}

/// One repair applied to a record: a stable code and a human-readable reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Repair {
    #[serde(rename = "code")]
    pub kind: RepairKind,
    pub reason: String,
}

impl Repair {
    pub fn new(kind: RepairKind, reason: impl Into<String>) -> Self {
        Repair {
            kind,
            reason: reason.into(),
        }
    }

    /// The repair's stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

/// One indicator (三级指标) with its categories and target value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Category names, as the vocabulary prints them (interned: see `vocab::Category`).
    pub level1: &'static str,
    pub level2: &'static str,
    pub name: String,
    pub value: Option<String>,
    pub parsed: Option<Parsed>,
    pub confidence: f64,
    pub repairs: Vec<Repair>,
    pub source: Source,
    pub value_source: Option<Source>,
    /// What the form's other columns say about the indicator (operator, unit, weight, …).
    #[serde(flatten)]
    pub fields: Fields,
}

/// An indicator's columns besides its name and value, each as printed (trimmed), read by the
/// role its header gives the column; absent when the form has no such column or the cell is
/// blank. A column whose header names no role is kept under that header in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Fields {
    /// The comparison sign of the target (`≥`, `≤`, `=`, `>`, `<`) from an operator column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    /// The unit of the target from a 度量单位 / 计量单位 column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 正向 or 反向 (指标方向, 方向性).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    /// 权重, 分值.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
    /// 实际完成值 (self-evaluation forms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// 得分 (self-evaluation forms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<String>,
    /// 偏差原因分析及改进措施.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deviation: Option<String>,
    /// 指标解释, 指标标准或依据, 评(扣)分标准 (several such columns joined with `；`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The place (village, town, county) whose target column the value comes from, on forms
    /// that print one target column per place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Every other column, under its printed header, in column order.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "pairs_as_map")]
    pub extra: Vec<(String, String)>,
}

impl Fields {
    pub fn is_empty(&self) -> bool {
        *self == Fields::default()
    }
}

/// Writes `(key, value)` pairs as a JSON object, in order.
fn pairs_as_map<S: serde::Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

/// A non-empty source cell that ended in no record and no meta field, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unassigned {
    pub line: usize,
    pub col: usize,
    pub text: String,
    pub reason: String,
}

/// Which step of the budget cycle a form records: the targets set (申报表, 绩效目标表), the
/// targets approved (批复表), or the year's results judged (自评表).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Target,
    Approval,
    SelfEvaluation,
}

/// A self-evaluation form's budget-execution block (年初预算数, 全年预算数, 全年执行数, 执行率,
/// 分值, 得分), read from its 年度资金总额 row; amounts in 万元, the rate in percent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Execution {
    pub budget_start: Option<f64>,
    pub budget_full: Option<f64>,
    pub executed: Option<f64>,
    pub rate: Option<f64>,
    pub points: Option<f64>,
    pub score: Option<f64>,
}

/// A self-evaluation form's closing block: 总分, 自评等级, 评价结论.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Conclusion {
    pub total_score: Option<f64>,
    pub grade: Option<String>,
    pub text: Option<String>,
}

/// A row of the department form's task block (task name, content, amounts).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub cells: Vec<String>,
    pub line: usize,
}

/// The meta fields of a form (`schema/document.schema.json`), plus printed fields the contract does not name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    pub project_name: Option<String>,
    pub department: Option<String>,
    pub department_code: Option<String>,
    pub implementing_unit: Option<String>,
    pub project_source: Option<String>,
    pub project_period: Option<String>,
    pub funds_total: Option<f64>,
    pub funds_fiscal: Option<f64>,
    pub funds_carryover: Option<f64>,
    pub funds_other: Option<f64>,
    /// The unit of every `funds_*` amount: always 万元 (amounts printed in 元 are converted).
    pub funds_unit: FundsUnit,
    pub goals: Vec<String>,
    pub tasks: Vec<Task>,
    pub other: Vec<(String, String)>,
    /// Where each amount field was read (`funds_total` …), for diagnostics; not emitted.
    #[serde(skip)]
    pub spans: Vec<(MetaKey, Span)>,
    /// The execution block and the closing block, when the form prints them (moved to the
    /// table; not emitted here).
    #[serde(skip)]
    pub execution: Option<Execution>,
    #[serde(skip)]
    pub conclusion: Option<Conclusion>,
}

/// The contract's name of the department's code, listed after `department`: read from the
/// department's cell, or from a key of its own (`MetaField::Code`).
pub const DEPARTMENT_CODE: &str = "department_code";

impl Meta {
    /// The value of a text field (`None` for the amounts and goals, or when unread).
    pub fn text(&self, key: MetaKey) -> Option<&str> {
        match key {
            MetaKey::ProjectName => self.project_name.as_deref(),
            MetaKey::Department => self.department.as_deref(),
            MetaKey::ImplementingUnit => self.implementing_unit.as_deref(),
            MetaKey::ProjectSource => self.project_source.as_deref(),
            MetaKey::ProjectPeriod => self.project_period.as_deref(),
            _ => None,
        }
    }

    /// The value of an amount field (`MetaKey::is_amount`), in 万元.
    pub fn amount(&self, key: MetaKey) -> Option<f64> {
        match key {
            MetaKey::FundsTotal => self.funds_total,
            MetaKey::FundsFiscal => self.funds_fiscal,
            MetaKey::FundsCarryover => self.funds_carryover,
            MetaKey::FundsOther => self.funds_other,
            _ => None,
        }
    }
}

/// One form: a stitched table with its meta fields and indicator records.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub kind: TableKind,
    pub year: Option<i32>,
    /// The form's title as printed before it, without its year (`year` holds that).
    pub title: Option<String>,
    pub line: usize,
    /// Targets, approved targets or a self-evaluation.
    pub stage: Stage,
    /// The indicator framework the form's levels follow: 2018 (成本 under 产出) or 2021 (成本指标
    /// a first level, with 经济/社会/生态环境成本指标 under it).
    pub framework: u16,
    pub meta: Meta,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<Execution>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<Conclusion>,
    pub indicators: Vec<Record>,
    pub unassigned: Vec<Unassigned>,
}

/// The version of the output schema (`schema/document.schema.json`): 2 since every field is
/// present (null when absent), table numbers are 1-based, encodings lower-case and funds carry
/// their unit.
pub const SCHEMA_VERSION: u32 = 2;

/// The unit every `funds_*` amount is in, written as `"funds_unit": "万元"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FundsUnit;

impl FundsUnit {
    pub const NAME: &'static str = "万元";
}

impl Serialize for FundsUnit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(Self::NAME)
    }
}

/// The whole result for one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// `SCHEMA_VERSION`.
    pub schema_version: u32,
    pub source: String,
    pub encoding: String,
    pub tables: Vec<Table>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A document with the source rows each of its tables was assembled from: `grids[i]` belongs to
/// `document.tables[i]` and holds the stitched rows of cells as they were read (parts joined
/// across page breaks, merged cells expanded), before any repair. Empty when no form starts at
/// that table's line.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    pub document: Document,
    pub grids: Vec<Vec<Vec<Cell>>>,
}
