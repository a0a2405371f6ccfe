//! Checks on indicator values, one table at a time. A table and the vocabulary go in; out come
//! diagnostics at the value's cell: `value.unit_unknown` (a number with a unit the vocabulary
//! does not list), `value.percent_over_100` (`=`/`≤` more than 100% or 1000‰ — no rate can),
//! `value.not_a_number` (a category whose targets are numbers, given a phrase), and
//! `indicator.duplicate` (the same name and value twice in a table).

use crate::model::{Diagnostic, DiagnosticKind, Diagnostics, Record, Severity, Span, Table};
use crate::vocab::{ValueClass, Vocab};
use rustc_hash::FxHashMap as HashMap;

fn at(r: &Record) -> Span {
    let s = r.value_source.as_ref().unwrap_or(&r.source);
    Span {
        line: s.line,
        col: s.col,
        ..Span::default()
    }
}

/// Whether what follows the number starts with a listed unit (`6月底前`, `2025年底` are dates
/// in a known unit, not unknown units).
fn starts_with_known_unit(vocab: &Vocab, value: &str) -> bool {
    let rest: String = value
        .chars()
        .skip_while(|c| !c.is_ascii_digit() && !('０'..='９').contains(c))
        .skip_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c) || *c == '.')
        .collect();
    let key = vocab.key(&rest);
    vocab.units().iter().any(|u| key.starts_with(u.as_str()))
}

/// Runs the value checks over table `i` (0-based).
pub fn check(i: usize, t: &Table, vocab: &Vocab, diags: &mut Diagnostics) {
    let n = i + 1;
    // whether a level2 category expects a number, by its printed name (a table has a handful)
    let mut expects: Vec<(&str, bool)> = Vec::new();
    for r in &t.indicators {
        let Some(v) = r.value.as_deref() else {
            continue;
        };
        let class = vocab.value_class(v);
        if *class == ValueClass::Numeric && !starts_with_known_unit(vocab, v) {
            diags.push(
                Diagnostic::new(
                    DiagnosticKind::ValueUnitUnknown,
                    Severity::Info,
                    format!(
                        "table {n}: `{}` = `{v}`: the unit is not in the vocabulary",
                        r.name
                    ),
                )
                .at(at(r)),
            );
        }
        if let Some(p) = &r.parsed {
            let limit = match p.unit.trim() {
                "%" | "％" => Some(100.0),
                "‰" => Some(1000.0),
                _ => None,
            };
            if limit.is_some_and(|l| p.number > l) && matches!(p.op, "=" | "<=" | "<") {
                diags.push(
                    Diagnostic::new(
                        DiagnosticKind::ValuePercentOver100,
                        Severity::Warning,
                        format!(
                            "table {n}: `{}` = `{v}`: {} {}{} is more than a whole",
                            r.name, p.op, p.number, p.unit
                        ),
                    )
                    .at(at(r)),
                );
            }
        }
        let numeric = match expects.iter().find(|(l, _)| *l == r.level2) {
            Some(&(_, e)) => e,
            None => {
                let e = vocab.checks().expects_number(&vocab.key(&r.level2));
                expects.push((r.level2, e));
                e
            }
        };
        if numeric && *class == ValueClass::Qualitative {
            diags.push(
                Diagnostic::new(
                    DiagnosticKind::ValueNotANumber,
                    Severity::Info,
                    format!(
                        "table {n}: `{}` is a {} but its target `{v}` is a phrase, not a number",
                        r.name, r.level2
                    ),
                )
                .at(at(r)),
            );
        }
    }
    duplicates(n, t, diags);
}

fn duplicates(n: usize, t: &Table, diags: &mut Diagnostics) {
    let mut seen: HashMap<(&str, Option<&str>), usize> =
        HashMap::with_capacity_and_hasher(t.indicators.len(), Default::default());
    for r in &t.indicators {
        let k = seen
            .entry((r.name.as_str(), r.value.as_deref()))
            .or_default();
        *k += 1;
        if *k == 2 {
            let mut d = Diagnostic::new(
                DiagnosticKind::IndicatorDuplicate,
                Severity::Info,
                format!("table {n}: `{}` appears more than once", r.name),
            );
            d.line = Some(r.source.line);
            d.col = Some(r.source.col);
            diags.push(d);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Meta, Source, TableKind};

    pub fn record(vocab: &Vocab, level2: &'static str, name: &str, value: &str) -> Record {
        let parsed = match &*vocab.value_class(value) {
            ValueClass::Quantitative(p) => Some(p.clone()),
            _ => None,
        };
        let src = |text: &str| Source {
            page: None,
            line: 7,
            col: 3,
            text: text.into(),
        };
        Record {
            fields: Default::default(),
            level1: "产出指标",
            level2,
            name: name.into(),
            value: Some(value.into()),
            parsed,
            confidence: 1.0,
            repairs: Vec::new(),
            source: src(name),
            value_source: Some(src(value)),
        }
    }

    pub fn table(kind: TableKind, meta: Meta, indicators: Vec<Record>) -> Table {
        Table {
            stage: Default::default(),
            framework: 2018,
            execution: None,
            conclusion: None,
            kind,
            year: None,
            title: None,
            line: 1,
            meta,
            indicators,
            unassigned: Vec::new(),
        }
    }

    fn codes(rs: Vec<Record>, vocab: &Vocab) -> Vec<&'static str> {
        let mut d = Vec::new();
        check(
            0,
            &table(TableKind::Project, Meta::default(), rs),
            vocab,
            &mut d,
        );
        d.iter().map(|d| d.code()).collect()
    }

    #[test]
    fn each_value_check_fires_on_its_case_only() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let ok = vec![
            record(&v, "数量指标", "培训场次", "≥5场"),
            record(&v, "质量指标", "合格率", "=100%"),
            record(&v, "质量指标", "增长率", "≥120%"),
            record(&v, "数量指标", "会议", "不适用"),
        ];
        // 不适用 is a phrase: it stands where a number should
        assert_eq!(codes(ok, &v), vec!["value.not_a_number"]);
        assert_eq!(
            codes(vec![record(&v, "数量指标", "车辆", "≥60架")], &v),
            vec!["value.unit_unknown"]
        );
        // a date in a known unit is no unknown unit; free text under 数量 is not flagged
        assert!(codes(
            vec![
                record(&v, "时效指标", "完成时间", "12月底前"),
                record(&v, "数量指标", "覆盖范围", "四县一区")
            ],
            &v
        )
        .is_empty());
        assert_eq!(
            codes(vec![record(&v, "质量指标", "合格率", "≤120%")], &v),
            vec!["value.percent_over_100"]
        );
        let d = codes(
            vec![
                record(&v, "质量指标", "合格率", "100%"),
                record(&v, "质量指标", "合格率", "100%"),
            ],
            &v,
        );
        assert_eq!(d, vec!["indicator.duplicate"]);
    }
}
