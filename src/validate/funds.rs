//! The money of a document and the checks over it. Assembled tables go in; out comes a
//! `Ledger` — per table the printed amounts (funds_total, fiscal, carryover, other, and the
//! total-cost line, each with its unit and source span) — and the funds checks evaluated on it:
//! `funds.arithmetic` (total = fiscal + carryover + other), `funds.cost_mismatch` (the
//! total-cost indicator's value, 元/万元, = funds_total) and `funds.department_total` (the
//! department form's total = the sum of the project forms' totals). Checks read only the
//! ledger, so `culprit` can re-run them on a ledger with one digit changed.

use crate::model::{DiagnosticKind, Span, Table, TableKind};
use crate::vocab::Vocab;

/// Amounts are compared to this tolerance (万元).
pub const TOLERANCE: f64 = 0.005;

/// An amount field of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Total,
    Fiscal,
    Carryover,
    Other,
    /// The value of the total-cost indicator (as the vocabulary names it: `[check] total_cost`).
    Cost,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Total,
        Field::Fiscal,
        Field::Carryover,
        Field::Other,
        Field::Cost,
    ];
    const PARTS: [Field; 3] = [Field::Fiscal, Field::Carryover, Field::Other];

    /// The name used in messages and suggestions.
    pub fn name(self) -> &'static str {
        match self {
            Field::Total => "funds_total",
            Field::Fiscal => "funds_fiscal",
            Field::Carryover => "funds_carryover",
            Field::Other => "funds_other",
            Field::Cost => "total_cost",
        }
    }
}

/// An amount as printed: the number in its own unit, what one unit is worth in 万元, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    pub number: f64,
    pub factor: f64,
    pub unit: String,
    pub span: Span,
}

impl Amount {
    /// The amount in 万元.
    pub fn wan(&self) -> f64 {
        self.number * self.factor
    }
}

/// The amounts of one table.
#[derive(Debug, Clone, PartialEq)]
pub struct Funds {
    pub kind: TableKind,
    /// project name, or `department`
    pub label: String,
    pub line: usize,
    pub total: Option<Amount>,
    pub fiscal: Option<Amount>,
    pub carryover: Option<Amount>,
    pub other: Option<Amount>,
    pub cost: Option<Amount>,
}

impl Funds {
    pub fn get(&self, f: Field) -> Option<&Amount> {
        match f {
            Field::Total => self.total.as_ref(),
            Field::Fiscal => self.fiscal.as_ref(),
            Field::Carryover => self.carryover.as_ref(),
            Field::Other => self.other.as_ref(),
            Field::Cost => self.cost.as_ref(),
        }
    }

    pub fn get_mut(&mut self, f: Field) -> Option<&mut Amount> {
        match f {
            Field::Total => self.total.as_mut(),
            Field::Fiscal => self.fiscal.as_mut(),
            Field::Carryover => self.carryover.as_mut(),
            Field::Other => self.other.as_mut(),
            Field::Cost => self.cost.as_mut(),
        }
    }

    fn wan(&self, f: Field) -> Option<f64> {
        self.get(f).map(Amount::wan)
    }

    /// The one part that carries the whole total (the others zero or absent), when the
    /// arithmetic holds: the same figure printed twice, so a misread of it is a misread of both.
    pub fn twin(&self, f: Field) -> Option<Field> {
        let total = self.wan(Field::Total)?;
        let nonzero: Vec<Field> = Field::PARTS
            .into_iter()
            .filter(|p| self.wan(*p).is_some_and(|v| v.abs() > TOLERANCE))
            .collect();
        let [part] = nonzero.as_slice() else {
            return None;
        };
        let equal = self
            .wan(*part)
            .is_some_and(|v| (v - total).abs() <= TOLERANCE);
        match f {
            Field::Total if equal => Some(*part),
            _ if f == *part && equal => Some(Field::Total),
            _ => None,
        }
    }
}

/// The amounts of every table of a document, in order.
pub type Ledger = Vec<Funds>;

fn meta_amount(t: &Table, field: Field, value: Option<f64>) -> Option<Amount> {
    let span = t
        .meta
        .spans
        .iter()
        .find(|(f, _)| f.as_str() == field.name())
        .map(|(_, s)| *s)
        .unwrap_or(Span {
            line: t.line,
            col: 1,
            ..Span::default()
        });
    value.map(|number| Amount {
        number,
        factor: 1.0,
        unit: "万元".into(),
        span,
    })
}

fn cost_amount(t: &Table, vocab: &Vocab) -> Option<Amount> {
    let checks = vocab.checks();
    t.indicators
        .iter()
        .filter(|r| checks.is_total_cost(&vocab.key(&r.name)))
        .find_map(|r| {
            let p = r.parsed.as_ref()?;
            let factor = checks.money_factor(&vocab.key(&p.unit))?;
            let at = r.value_source.as_ref().unwrap_or(&r.source);
            Some(Amount {
                number: p.number,
                factor,
                unit: p.unit.clone(),
                span: Span {
                    line: at.line,
                    col: at.col,
                    ..Span::default()
                },
            })
        })
}

/// Reads the amounts of every table.
pub fn ledger(tables: &[Table], vocab: &Vocab) -> Ledger {
    tables
        .iter()
        .map(|t| {
            let m = &t.meta;
            Funds {
                kind: t.kind,
                label: m
                    .project_name
                    .clone()
                    .unwrap_or_else(|| "department".into()),
                line: t.line,
                total: meta_amount(t, Field::Total, m.funds_total),
                fiscal: meta_amount(t, Field::Fiscal, m.funds_fiscal),
                carryover: meta_amount(t, Field::Carryover, m.funds_carryover),
                other: meta_amount(t, Field::Other, m.funds_other),
                cost: cost_amount(t, vocab),
            }
        })
        .collect()
}

/// A funds check and the table it is about (0-based; for the department total, the department
/// table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    Arithmetic(usize),
    Cost(usize),
    DepartmentTotal(usize),
}

impl Check {
    pub fn kind(self) -> DiagnosticKind {
        match self {
            Check::Arithmetic(_) => DiagnosticKind::FundsArithmetic,
            Check::Cost(_) => DiagnosticKind::FundsCostMismatch,
            Check::DepartmentTotal(_) => DiagnosticKind::FundsDepartmentTotal,
        }
    }

    pub fn table(self) -> usize {
        match self {
            Check::Arithmetic(i) | Check::Cost(i) | Check::DepartmentTotal(i) => i,
        }
    }
}

/// The checks that have the data they need in this ledger.
pub fn applicable(ledger: &Ledger) -> Vec<Check> {
    let mut out = Vec::new();
    for (i, f) in ledger.iter().enumerate() {
        if f.total.is_some() && Field::PARTS.iter().any(|p| f.get(*p).is_some()) {
            out.push(Check::Arithmetic(i));
        }
        if f.total.is_some() && f.cost.is_some() {
            out.push(Check::Cost(i));
        }
    }
    let depts: Vec<usize> = (0..ledger.len())
        .filter(|i| {
            ledger
                .get(*i)
                .is_some_and(|f| f.kind == TableKind::Department)
        })
        .collect();
    let projects: Vec<&Funds> = ledger
        .iter()
        .filter(|f| f.kind == TableKind::Project)
        .collect();
    if let [d] = depts.as_slice() {
        let has_total = ledger.get(*d).is_some_and(|f| f.total.is_some());
        if has_total && !projects.is_empty() && projects.iter().all(|p| p.total.is_some()) {
            out.push(Check::DepartmentTotal(*d));
        }
    }
    out
}

/// What the check compares: (the stated amount, the amount it should equal), in 万元.
pub fn sides(ledger: &Ledger, check: Check) -> Option<(f64, f64)> {
    let f = ledger.get(check.table())?;
    match check {
        Check::Arithmetic(_) => {
            let parts = Field::PARTS.iter().filter_map(|p| f.wan(*p));
            Some((f.wan(Field::Total)?, parts.sum()))
        }
        Check::Cost(_) => Some((f.wan(Field::Cost)?, f.wan(Field::Total)?)),
        Check::DepartmentTotal(_) => {
            let projects = ledger.iter().filter(|p| p.kind == TableKind::Project);
            let sum: Option<f64> = projects.map(|p| p.wan(Field::Total)).sum();
            Some((f.wan(Field::Total)?, sum?))
        }
    }
}

/// Whether the check passes (a check without its data passes).
pub fn passes(ledger: &Ledger, check: Check) -> bool {
    sides(ledger, check).is_none_or(|(a, b)| (a - b).abs() <= TOLERANCE)
}

/// A number as a short text: at most four decimals, no trailing zeros.
pub fn fmt(x: f64) -> String {
    let r = (x * 10000.0).round() / 10000.0;
    format!("{r}")
}

/// The message of a failing check, with the numbers involved.
pub fn message(ledger: &Ledger, check: Check) -> String {
    let Some(f) = ledger.get(check.table()) else {
        return String::new();
    };
    let n = check.table() + 1;
    let (a, b) = sides(ledger, check).unwrap_or((0.0, 0.0));
    let amt = |fl: Field| f.get(fl).map_or("-".to_string(), |a| fmt(a.number));
    match check {
        Check::Arithmetic(_) => format!(
            "table {n} `{}`: funds_total {} ≠ fiscal {} + carryover {} + other {} = {}",
            f.label,
            fmt(a),
            amt(Field::Fiscal),
            amt(Field::Carryover),
            amt(Field::Other),
            fmt(b)
        ),
        Check::Cost(_) => {
            let c = f.cost.as_ref();
            format!(
                "table {n} `{}`: total cost line {}{} = {} 万元 ≠ funds_total {} 万元",
                f.label,
                c.map_or(String::new(), |c| fmt(c.number)),
                c.map_or("", |c| c.unit.as_str()),
                fmt(a),
                fmt(b)
            )
        }
        Check::DepartmentTotal(_) => {
            let parts: Vec<String> = ledger
                .iter()
                .filter(|p| p.kind == TableKind::Project)
                .filter_map(|p| p.total.as_ref().map(|t| fmt(t.number)))
                .collect();
            format!(
                "table {n}: department funds_total {} 万元 ≠ sum of the {} project tables' funds_total {} = {} 万元",
                fmt(a),
                parts.len(),
                parts.join(" + "),
                fmt(b)
            )
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn amount(number: f64, factor: f64) -> Option<Amount> {
        Some(Amount {
            number,
            factor,
            unit: if factor == 1.0 { "万元" } else { "元" }.into(),
            span: Span::default(),
        })
    }

    /// A table's funds: total = fiscal, no other parts, a cost line in 元.
    pub fn funds(kind: TableKind, total: f64, cost_yuan: Option<f64>) -> Funds {
        Funds {
            kind,
            label: "t".into(),
            line: 1,
            total: amount(total, 1.0),
            fiscal: amount(total, 1.0),
            carryover: amount(0.0, 1.0),
            other: amount(0.0, 1.0),
            cost: cost_yuan.and_then(|c| amount(c, 0.0001)),
        }
    }

    #[test]
    fn arithmetic_cost_and_department_total() {
        let mut l = vec![
            funds(TableKind::Department, 300.0, None),
            funds(TableKind::Project, 100.0, Some(1_000_000.0)),
            funds(TableKind::Project, 200.0, Some(2_000_000.0)),
        ];
        let all = applicable(&l);
        assert_eq!(all.len(), 6, "{all:?}");
        assert!(all.iter().all(|c| passes(&l, *c)));
        // a cost line in 元 that disagrees with the total in 万元
        if let Some(c) = l.get_mut(2).and_then(|f| f.cost.as_mut()) {
            c.number = 2_100_000.0;
        }
        assert!(!passes(&l, Check::Cost(2)));
        assert!(message(&l, Check::Cost(2)).contains("210 万元 ≠ funds_total 200"));
        // a department total that is not the sum of the projects
        if let Some(t) = l.get_mut(0).and_then(|f| f.total.as_mut()) {
            t.number = 310.0;
        }
        assert!(!passes(&l, Check::DepartmentTotal(0)));
        assert!(!passes(&l, Check::Arithmetic(0)));
        assert!(message(&l, Check::DepartmentTotal(0)).contains("100 + 200 = 300"));
    }

    #[test]
    fn twin_is_the_single_part_equal_to_the_total() {
        let f = funds(TableKind::Project, 50.0, None);
        assert_eq!(f.twin(Field::Total), Some(Field::Fiscal));
        assert_eq!(f.twin(Field::Fiscal), Some(Field::Total));
        assert_eq!(f.twin(Field::Other), None);
        let mut g = f.clone();
        g.other = amount(10.0, 1.0);
        assert_eq!(g.twin(Field::Total), None);
    }
}
