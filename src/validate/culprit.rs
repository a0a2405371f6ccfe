//! The likely culprit of failing funds checks. A ledger and its failing checks go in; out come
//! explanations: single-digit substitutions of one amount (any digit of funds_total, fiscal,
//! carryover, other or the total-cost line of any table) that make failing checks pass while
//! breaking none that passed. The edit that fixes the most failing checks wins when it is the
//! only one to do so; it is assumed and the search repeats for what still fails. Nothing is
//! changed in the output: these are suggestions.
//!
//! Before/after: project totals 100 + 250, its cost line 1500000元, department total 250 →
//! `funds_total 250 → 150?` (fixes the cost line and the department total at once).

use super::funds::{applicable, fmt, passes, Check, Field, Ledger};

/// Most rounds of the search: each round assumes one misread digit, and a document with more
/// than a few of them is better reviewed by hand than explained (this also bounds the work on
/// hostile input: a round costs tables × 5 amounts × digits × 9 re-checks).
const MAX_ROUNDS: usize = 4;

/// Most tables in a document the search runs on. Every candidate edit re-runs the checks, and
/// the department-total check spans every table, so the cost grows with the square of the
/// count; real filings hold a few dozen forms, a hostile one thousands (4,000 forms took 17 s).
pub const MAX_TABLES: usize = 200;

/// A candidate edit: table (0-based), field, its printed number before and after, and the
/// failing checks it makes pass. `twin` is the part printed equal to the total, edited with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub table: usize,
    pub field: Field,
    pub twin: Option<Field>,
    pub from: String,
    pub to: String,
    pub fixes: Vec<Check>,
}

/// The outcome of one round of the search.
#[derive(Debug, Clone, PartialEq)]
pub enum Explanation {
    /// One edit fixes more failing checks than any other.
    Culprit(Edit),
    /// Several edits tie; none is named.
    Ambiguous(Vec<Edit>),
}

/// Every number that differs from `text` in exactly one digit, as (shown text, number).
#[cfg(test)]
fn one_digit_variants(text: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for_each_variant(text, |x| out.push((fmt(x), x)));
    out
}

/// Calls `f` with every number that differs from `text` in exactly one digit (the text is not
/// re-formatted per variant: most variants fix nothing and are never shown).
fn for_each_variant(text: &str, mut f: impl FnMut(f64)) {
    let mut buf: Vec<u8> = text.as_bytes().to_vec();
    for i in 0..buf.len() {
        let Some(&c) = buf.get(i) else { break };
        if !c.is_ascii_digit() {
            continue;
        }
        for d in b'0'..=b'9' {
            if d == c {
                continue;
            }
            if let Some(slot) = buf.get_mut(i) {
                *slot = d;
            }
            // only ASCII digits were swapped for ASCII digits: still valid UTF-8
            if let Some(x) = std::str::from_utf8(&buf)
                .ok()
                .and_then(|s| s.parse::<f64>().ok())
            {
                f(x);
            }
        }
        if let Some(slot) = buf.get_mut(i) {
            *slot = c;
        }
    }
}

/// Sets the number of `field` (and its twin) in `table`; returns the numbers it replaced.
fn apply(
    ledger: &mut Ledger,
    table: usize,
    field: Field,
    twin: Option<Field>,
    number: f64,
) -> [Option<(Field, f64)>; 2] {
    let mut old = [None, None];
    let Some(f) = ledger.get_mut(table) else {
        return old;
    };
    for (slot, fl) in old.iter_mut().zip(std::iter::once(field).chain(twin)) {
        if let Some(a) = f.get_mut(fl) {
            *slot = Some((fl, a.number));
            a.number = number;
        }
    }
    old
}

fn restore(ledger: &mut Ledger, table: usize, old: [Option<(Field, f64)>; 2]) {
    if let Some(f) = ledger.get_mut(table) {
        for (fl, n) in old.into_iter().flatten() {
            if let Some(a) = f.get_mut(fl) {
                a.number = n;
            }
        }
    }
}

/// All edits that fix at least one of `failing` and break no passing check, most fixes first.
pub fn candidates(ledger: &Ledger, failing: &[Check]) -> Vec<Edit> {
    let checks = applicable(ledger);
    let passing: Vec<Check> = checks
        .iter()
        .copied()
        .filter(|c| !failing.contains(c))
        .collect();
    let mut out = Vec::new();
    let mut trial = ledger.clone();
    for (ti, funds) in ledger.iter().enumerate() {
        for field in Field::ALL {
            let Some(a) = funds.get(field) else { continue };
            let twin = funds.twin(field);
            if twin == Some(Field::Total) {
                continue; // the same figure as the total: tried as the total's edit
            }
            let from = fmt(a.number);
            for_each_variant(&from, |x| {
                let old = apply(&mut trial, ti, field, twin, x);
                // most variants fix nothing: test the few failing checks before the passing ones
                let fixes: Vec<Check> = failing
                    .iter()
                    .copied()
                    .filter(|c| passes(&trial, *c))
                    .collect();
                let breaks = !fixes.is_empty() && !passing.iter().all(|c| passes(&trial, *c));
                restore(&mut trial, ti, old);
                if !breaks && !fixes.is_empty() {
                    out.push(Edit {
                        table: ti,
                        field,
                        twin,
                        from: from.clone(),
                        to: fmt(x),
                        fixes,
                    });
                }
            });
        }
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.fixes.len()));
    out
}

/// Explains the failing checks of `ledger`, round by round (see the module doc).
pub fn explain(ledger: &Ledger) -> Vec<Explanation> {
    let mut cur = ledger.clone();
    let mut out = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let failing: Vec<Check> = applicable(&cur)
            .into_iter()
            .filter(|c| !passes(&cur, *c))
            .collect();
        if failing.is_empty() {
            break;
        }
        let cands = candidates(&cur, &failing);
        let Some(best) = cands.first() else { break };
        let top: Vec<Edit> = cands
            .iter()
            .filter(|c| c.fixes.len() == best.fixes.len())
            .cloned()
            .collect();
        if top.len() > 1 {
            out.push(Explanation::Ambiguous(top));
            break;
        }
        let x: f64 = best.to.parse().unwrap_or(f64::NAN);
        let _ = apply(&mut cur, best.table, best.field, best.twin, x);
        out.push(Explanation::Culprit(best.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::funds::tests::funds;
    use super::*;
    use crate::model::TableKind;

    #[test]
    fn variants_change_one_digit() {
        let v: Vec<String> = one_digit_variants("8.5").into_iter().map(|v| v.0).collect();
        assert_eq!(v.len(), 18);
        assert!(v.contains(&"6.5".to_string()) && v.contains(&"8.1".to_string()));
        assert!(!v.contains(&"8.5".to_string()));
    }

    #[test]
    fn names_the_total_that_disagrees_with_its_cost_line_and_the_department() {
        // project 2 prints 250 (total and fiscal); its cost line and the department say 150
        let l = vec![
            funds(TableKind::Department, 250.0, None),
            funds(TableKind::Project, 100.0, Some(1_000_000.0)),
            funds(TableKind::Project, 250.0, Some(1_500_000.0)),
        ];
        let ex = explain(&l);
        let Some(Explanation::Culprit(e)) = ex.first() else {
            panic!("{ex:?}")
        };
        assert_eq!((e.table, e.field), (2, Field::Total));
        assert_eq!((e.from.as_str(), e.to.as_str()), ("250", "150"));
        assert_eq!(e.twin, Some(Field::Fiscal));
        assert_eq!(e.fixes, vec![Check::Cost(2), Check::DepartmentTotal(0)]);
        assert_eq!(ex.len(), 1);
    }

    #[test]
    fn a_lone_cost_mismatch_is_ambiguous() {
        // only the cost line disagrees, and nothing tells which side is wrong
        let l = vec![funds(TableKind::Project, 100.0, Some(2_000_000.0))];
        let ex = explain(&l);
        assert!(
            matches!(ex.as_slice(), [Explanation::Ambiguous(v)] if v.len() == 2),
            "{ex:?}"
        );
    }
}
