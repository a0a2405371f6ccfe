//! Categories. All drafts of a document go in; out comes each draft's level2 category with the
//! evidence it rests on and a confidence. A printed label is evidence, not truth (OCR moves
//! labels away from the rows they cover), so the indicator's meaning decides first, in this
//! order: the name is itself a category label; the vocabulary knows the name (exact, then
//! fuzzy at or above `FUZZY_ACCEPT`); a strong keyword rule (…满意度, …总成本, 持续…); a scoped rule (…率, …次数) over
//! a printed label of the same level1; the
//! printed label where the table's labels agree with what is known; a weak keyword rule (…率,
//! …数); the printed label anyway; the row above. One name gets one category per document: the
//! best-founded occurrence decides for all.
//!
//! Before/after: `| | 时效指标 | 校舍验收合格率 | 100% |` (label displaced down from the
//! rows it covers) → 产出指标/质量指标, repair `category_from_meaning`.

use super::rows::Draft;
use crate::model::{Diagnostic, DiagnosticKind, Diagnostics, Repair, RepairKind, Severity};
use crate::vocab::{CatId, Strength, Vocab, FUZZY_ACCEPT};
use rustc_hash::FxHashMap as HashMap;

/// What a category decision rests on, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    OwnLabel,
    VocabExact,
    VocabFuzzy,
    StrongRule,
    ScopedRule,
    PrintedReliable,
    RuleFallback,
    Printed,
    Neighbour,
    Unknown,
}

impl Basis {
    /// The confidence a decision on this basis carries.
    pub fn confidence(self) -> f64 {
        match self {
            Basis::OwnLabel | Basis::VocabExact => 1.0,
            Basis::VocabFuzzy => 0.9,
            Basis::StrongRule => 0.95,
            Basis::ScopedRule => 0.9,
            Basis::PrintedReliable => 0.9,
            Basis::RuleFallback => 0.8,
            Basis::Printed => 0.7,
            Basis::Neighbour => 0.5,
            Basis::Unknown => 0.3,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Basis::OwnLabel => "the name is a category label",
            Basis::VocabExact => "the vocabulary knows the name",
            Basis::VocabFuzzy => "the vocabulary knows a name like it",
            Basis::StrongRule | Basis::ScopedRule => "a keyword rule",
            Basis::PrintedReliable | Basis::Printed => "the printed label",
            Basis::RuleFallback => "a keyword rule (the printed labels are unreliable)",
            Basis::Neighbour => "the row above",
            Basis::Unknown => "nothing",
        }
    }
}

/// A decided category.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub cat: CatId,
    pub basis: Basis,
    pub confidence: f64,
}

/// Labels of a table are reliable when known rows under them mostly agree.
const RELIABLE_SHARE: f64 = 0.8;

/// The meaning-based category of a name, if any (own label, vocabulary, strong rule).
fn by_meaning(d: &Draft, vocab: &Vocab) -> Option<(CatId, Basis, f64)> {
    if let Some(c) = d.own_label {
        return Some((c, Basis::OwnLabel, 1.0));
    }
    if let Some(m) = vocab.indicator(&d.name) {
        if m.is_exact() {
            return Some((m.cat, Basis::VocabExact, 1.0));
        }
        if m.score >= FUZZY_ACCEPT {
            return Some((m.cat, Basis::VocabFuzzy, m.score));
        }
    }
    match vocab.rule_category(&d.name) {
        Some((c, Strength::Strong)) => Some((c, Basis::StrongRule, Basis::StrongRule.confidence())),
        _ => None,
    }
}

/// Share of known rows whose printed label agrees with their meaning (1.0 when none known);
/// `meanings[i]` is `by_meaning` of `table[i]`.
fn label_reliability(table: &[Draft], meanings: &[Option<(CatId, Basis, f64)>]) -> f64 {
    let (mut agree, mut total) = (0usize, 0usize);
    for (d, m) in table.iter().zip(meanings) {
        if let (Some(p), Some((c, _, _))) = (d.printed, m) {
            total += 1;
            agree += usize::from(p == *c);
        }
    }
    if total == 0 {
        1.0
    } else {
        agree as f64 / total as f64
    }
}

/// Decides every draft's category (see the module doc), pushing diagnostics for fuzzy matches
/// too weak to apply.
pub fn decide(tables: &[Vec<Draft>], vocab: &Vocab, diags: &mut Diagnostics) -> Vec<Vec<Decision>> {
    let mut out: Vec<Vec<Decision>> = Vec::with_capacity(tables.len());
    for table in tables {
        let meanings: Vec<_> = table.iter().map(|d| by_meaning(d, vocab)).collect();
        let reliability = label_reliability(table, &meanings);
        let reliable = reliability >= RELIABLE_SHARE;
        let mut decisions: Vec<Decision> = Vec::with_capacity(table.len());
        for (d, meaning) in table.iter().zip(meanings) {
            let (cat, basis, conf) = if let Some(m) = meaning {
                m
            } else {
                if let Some(m) = vocab.indicator(&d.name) {
                    diags.push(
                        Diagnostic::new(
                            DiagnosticKind::MatchBelowThreshold,
                            Severity::Info,
                            format!(
                                "`{}` resembles known `{}` ({:.2} < {FUZZY_ACCEPT}); not applied",
                                d.name, m.name, m.score
                            ),
                        )
                        .at(d.name_cell.span),
                    );
                }
                let rule = vocab.rule_category(&d.name);
                let level1 = |c: CatId| vocab.category(c).map(|c| c.level1);
                let scoped = match (rule, d.printed) {
                    (Some((c, Strength::Scoped)), Some(p)) if level1(c) == level1(p) => Some(c),
                    _ => None,
                };
                // a label printed on the indicator's own row moved with it: it still holds
                let trusted = reliable && (d.aligned || d.label_on_row);
                match (d.printed, rule) {
                    _ if scoped.is_some() => (
                        scoped.unwrap_or(0),
                        Basis::ScopedRule,
                        Basis::ScopedRule.confidence(),
                    ),
                    (Some(p), _) if trusted => (
                        p,
                        Basis::PrintedReliable,
                        Basis::PrintedReliable.confidence(),
                    ),
                    (_, Some((c, _))) => (c, Basis::RuleFallback, Basis::RuleFallback.confidence()),
                    (Some(p), None) => (
                        p,
                        Basis::Printed,
                        Basis::Printed.confidence() * (0.5 + 0.5 * reliability),
                    ),
                    (None, None) => match decisions.last() {
                        Some(prev) => (prev.cat, Basis::Neighbour, Basis::Neighbour.confidence()),
                        None => (0, Basis::Unknown, Basis::Unknown.confidence()),
                    },
                }
            };
            decisions.push(Decision {
                cat,
                basis,
                confidence: conf,
            });
        }
        out.push(decisions);
    }
    unify(tables, &mut out, vocab);
    out
}

/// One name, one category per document: the best-founded occurrence decides (on equal
/// footing, the one from the table whose labels agree best with what is known).
fn unify(tables: &[Vec<Draft>], decisions: &mut [Vec<Decision>], vocab: &Vocab) {
    // each draft's key, looked up once
    let keys: Vec<Vec<std::rc::Rc<str>>> = tables
        .iter()
        .map(|t| t.iter().map(|d| vocab.key(&d.name)).collect())
        .collect();
    let mut best: HashMap<&str, Decision> = HashMap::default();
    for (ks, ds) in keys.iter().zip(decisions.iter()) {
        for (k, dec) in ks.iter().zip(ds) {
            let e = best.entry(&**k).or_insert(*dec);
            if dec.basis < e.basis || (dec.basis == e.basis && dec.confidence > e.confidence) {
                *e = *dec;
            }
        }
    }
    for (ks, ds) in keys.iter().zip(decisions.iter_mut()) {
        for (k, dec) in ks.iter().zip(ds.iter_mut()) {
            if let Some(b) = best.get(&**k) {
                if b.cat != dec.cat {
                    *dec = *b;
                }
            }
        }
    }
}

/// The repair to record when the decided category differs from the printed label.
pub fn category_repair(d: &Draft, dec: &Decision, vocab: &Vocab) -> Option<Repair> {
    let printed = d.printed?;
    if printed == dec.cat || d.own_label.is_some() {
        return None;
    }
    let name = |c: CatId| vocab.category(c).map_or("?", |c| c.level2);
    Some(Repair {
        kind: RepairKind::CategoryFromMeaning,
        reason: format!(
            "printed under {} but {} says {}",
            name(printed),
            dec.basis.describe(),
            name(dec.cat)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cell;

    fn draft(name: &str, printed: Option<CatId>) -> Draft {
        Draft {
            name: name.into(),
            name_cell: Cell::default(),
            value: None,
            value_cell: None,
            printed,
            own_label: None,
            aligned: true,
            label_on_row: false,
            repairs: Vec::new(),
            row: 0,
            unsettled: false,
        }
    }

    #[test]
    fn meaning_beats_printed_label_and_names_unify() {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let cat = |l: &str| v.label(l).map_or(99, |m| m.cat);
        let (q, t, s) = (cat("质量指标"), cat("时效指标"), cat("满意度指标"));
        let tables = vec![
            vec![
                draft("受理鉴定工作完成率", Some(t)),
                draft("某某群众投诉率", Some(q)),
                draft("某项新指标", Some(t)),
            ],
            vec![draft("某项新指标", Some(q))],
        ];
        let d = decide(&tables, &v, &mut Vec::new());
        assert_eq!(d[0][0].cat, q);
        assert_eq!(d[0][0].basis, Basis::VocabExact);
        assert_eq!(d[0][1].cat, s);
        assert_eq!(d[0][2].cat, d[1][0].cat, "one name, one category");
        assert!(category_repair(&tables[0][0], &d[0][0], &v).is_some());
    }
}
