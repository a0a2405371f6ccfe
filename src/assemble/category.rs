//! Categories. All drafts of a document go in; out comes each draft's level2 category with the
//! evidence that decided it and a confidence. A printed label is evidence, not truth (OCR moves
//! labels away from the rows they cover), and so is every other clue: the category model
//! (`segment`) weighs them all together over each table's rows — the labels and where they
//! stand, the fixed order of categories, the value's type, the name's meaning — and picks the
//! most likely segmentation. One name gets one category per document: the best-founded
//! occurrence decides for all.
//!
//! Before/after: `| | 时效指标 | 校舍验收合格率 | 100% |` (label displaced down from the
//! rows it covers) → 产出指标/质量指标, repair `category_from_meaning`.

use super::draft::Draft;
use super::segment::{self, Evidence};
use crate::model::{Diagnostic, DiagnosticKind, Diagnostics, Repair, RepairKind, Severity};
use crate::vocab::{CatId, Vocab, FUZZY_ACCEPT};
use rustc_hash::FxHashMap as HashMap;

/// What a category decision rests on, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    OwnLabel,
    VocabExact,
    VocabFuzzy,
    StrongRule,
    PrintedReliable,
    ValueType,
    ScopedRule,
    RuleFallback,
    Printed,
    Neighbour,
    Unknown,
}

impl Basis {
    fn of(e: Option<Evidence>) -> Basis {
        match e {
            Some(Evidence::OwnLabel) => Basis::OwnLabel,
            Some(Evidence::VocabExact) => Basis::VocabExact,
            Some(Evidence::VocabFuzzy) => Basis::VocabFuzzy,
            Some(Evidence::StrongRule) => Basis::StrongRule,
            Some(Evidence::LabelOnRow) => Basis::PrintedReliable,
            Some(Evidence::ValueType(_)) => Basis::ValueType,
            Some(Evidence::ScopedRule) => Basis::ScopedRule,
            Some(Evidence::WeakRule) => Basis::RuleFallback,
            Some(Evidence::LabelAbove) => Basis::Printed,
            None => Basis::Neighbour,
        }
    }
}

/// A decided category.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    pub cat: CatId,
    pub basis: Basis,
    /// The evidence that weighed most for the category against the runner-up.
    pub deciding: Option<Evidence>,
    pub confidence: f64,
}

/// Confidence from the margin by which the best segmentation beats the best one that gives
/// the row another category: no margin 0.5, one clue against none (a label, 2.5) ≈ 0.78, a
/// label and a value that agree (5.5) ≈ 0.92, a known name (8) ≈ 0.97. Calibrated with
/// `scripts/calibrate.py` (README "Confidence calibration"): 3 since the value types weigh
/// about as much as a label (with 2, 71% of the wrong records sat below 0.7; with 3, 80%).
fn confidence_of(margin: f64) -> f64 {
    1.0 - 0.5 * (-margin / MARGIN_SCALE).exp()
}

/// Margin units per e-fold of doubt (see `confidence_of`).
const MARGIN_SCALE: f64 = 3.0;

/// Decides every draft's category (see the module doc), pushing diagnostics for fuzzy matches
/// too weak to apply.
pub fn decide(tables: &[Vec<Draft>], vocab: &Vocab, diags: &mut Diagnostics) -> Vec<Vec<Decision>> {
    let mut out: Vec<Vec<Decision>> = Vec::with_capacity(tables.len());
    let k = vocab.category_count();
    let types = segment::TypeCats::new(vocab);
    for table in tables {
        let evs: Vec<_> = table
            .iter()
            .map(|d| segment::evidence_with(d, vocab, &types))
            .collect();
        for d in table {
            if let Some(m) = vocab.indicator(&d.name).filter(|m| !m.is_exact()) {
                if m.score < FUZZY_ACCEPT {
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
            }
        }
        let outcomes = match table_order(table, vocab, k) {
            None => segment::segment(&evs, k),
            Some((rank, cat_at)) => {
                let at = |c: CatId| rank.get(c).copied().unwrap_or(c);
                let ranked: Vec<segment::RowEvidence> = evs
                    .iter()
                    .map(|ev| ev.iter().map(|&(c, w, e)| (at(c), w, e)).collect())
                    .collect();
                let mut out = segment::segment(&ranked, k);
                for o in &mut out {
                    o.cat = cat_at.get(o.cat).copied().unwrap_or(o.cat);
                }
                out
            }
        };
        let decisions = outcomes
            .into_iter()
            .zip(&evs)
            .map(|(o, ev)| Decision {
                cat: o.cat,
                basis: if ev.is_empty() {
                    Basis::Unknown
                } else {
                    Basis::of(o.deciding)
                },
                deciding: o.deciding,
                confidence: confidence_of(o.margin),
            })
            .collect();
        out.push(decisions);
    }
    unify(tables, &mut out, vocab);
    out
}

/// The order of categories in one table, where it is not the vocabulary's: within a level1,
/// the categories whose labels the table prints on their own rows, in a cleanly aligned row,
/// keep the order they are printed in (a form printing 生态效益 before 社会效益 follows its own
/// order; OCR moves labels up and down but never past each other). Out come each category's
/// place (`rank`) and the category at each place; `None` when the printed labels follow the
/// vocabulary's order (the common case, without allocating more than the labels seen).
fn table_order(table: &[Draft], vocab: &Vocab, k: usize) -> Option<(Vec<usize>, Vec<CatId>)> {
    let mut seen: Vec<CatId> = Vec::new();
    for d in table.iter().filter(|d| d.label_on_row && d.aligned) {
        if let Some(c) = d.printed.filter(|c| *c < k && !seen.contains(c)) {
            seen.push(c);
        }
    }
    let level1 = |c: CatId| vocab.category(c).map(|x| x.level1);
    let out_of_order = seen.iter().enumerate().any(|(i, &a)| {
        seen.iter()
            .skip(i + 1)
            .any(|&b| b < a && level1(a) == level1(b))
    });
    if !out_of_order {
        return None;
    }
    let mut cat_at: Vec<CatId> = (0..k).collect();
    for (i, &first) in seen.iter().enumerate() {
        let l1 = level1(first);
        if seen.iter().take(i).any(|&c| level1(c) == l1) {
            continue;
        }
        // this level1's printed categories take their own places, in the printed order
        let printed: Vec<CatId> = seen.iter().copied().filter(|&c| level1(c) == l1).collect();
        let mut places = printed.clone();
        places.sort_unstable();
        for (p, c) in places.into_iter().zip(printed) {
            if let Some(slot) = cat_at.get_mut(p) {
                *slot = c;
            }
        }
    }
    let mut rank = vec![0; k];
    for (p, &c) in cat_at.iter().enumerate() {
        if let Some(r) = rank.get_mut(c) {
            *r = p;
        }
    }
    Some((rank, cat_at))
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

/// The repair to record when the decided category differs from the printed label; its kind
/// and reason name the evidence that decided.
pub fn category_repair(d: &Draft, dec: &Decision, vocab: &Vocab) -> Option<Repair> {
    let printed = d.printed?;
    if printed == dec.cat || d.own_label.is_some() {
        return None;
    }
    let name = |c: CatId| vocab.category(c).map_or("?", |c| c.level2);
    let kind = match dec.deciding {
        Some(Evidence::ValueType(_)) => RepairKind::CategoryFromValue,
        None | Some(Evidence::LabelOnRow | Evidence::LabelAbove) => RepairKind::CategoryFromOrder,
        Some(_) => RepairKind::CategoryFromMeaning,
    };
    let why = dec.deciding.map_or(
        "the order of categories around it (the rows above and below)",
        Evidence::describe,
    );
    Some(Repair::new(
        kind,
        format!(
            "printed under {} but {why} says {}",
            name(printed),
            name(dec.cat)
        ),
    ))
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
            fields: Default::default(),
            printed_key: None,
        }
    }

    #[test]
    fn a_table_printing_its_own_order_keeps_its_labels() {
        // regression: 生态效益 printed (aligned, on its row) before 社会效益 went to 产出/成本
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let cat = |l: &str| v.label(l).map_or(99, |m| m.cat);
        let (n, eco, soc) = (cat("数量指标"), cat("生态效益指标"), cat("社会效益指标"));
        let on_row = |name: &str, c: CatId| Draft {
            label_on_row: true,
            ..draft(name, Some(c))
        };
        let table = vec![
            on_row("某项新建设施", n),
            on_row("某片林地植被恢复", eco),
            on_row("某项群众出行条件", soc),
            draft("某项群众文化生活", Some(soc)),
        ];
        let d = decide(&[table], &v, &mut Vec::new());
        let cats: Vec<CatId> = d[0].iter().map(|x| x.cat).collect();
        assert_eq!(cats, vec![n, eco, soc, soc]);
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
