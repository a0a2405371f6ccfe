//! Repair: text split across two cells, or spilled over the cell boundary. A row's non-empty
//! typed cells go in; out come the same cells with split labels joined and spilled boundaries
//! moved, each change recorded.
//!
//! Before/after: `| 产出 | 指标 | 数量指标 |` → `| 产出指标 | 数量指标 |` (label split);
//! `| 产出指标数 | 量指标 |` → `| 产出指标 | 数量指标 |` (label spill).

use crate::model::{Cell, Repair, RepairKind, Span};
use crate::vocab::classify::{Class, Typed};
use crate::vocab::{may_compose, Asked, Vocab};

fn is_exact_label(t: &Typed) -> bool {
    matches!(t.class, Class::Label(m) if m.score >= 1.0)
}

/// Whether `text` is a category label or an exactly known indicator name.
fn known_whole<T: Asked + ?Sized>(text: &T, vocab: &Vocab) -> bool {
    vocab.label(text).is_some() || vocab.indicator(text).is_some_and(|m| m.is_exact())
}

/// Whether a cell is known whole: an exact label (known from its class), or a text the
/// vocabulary knows (asked only of cells in a pair that could be a spill).
fn known_whole_cell(t: &Typed, vocab: &Vocab) -> bool {
    is_exact_label(t) || known_whole(t, vocab)
}

fn merged(a: &Typed, text: String, vocab: &Vocab) -> Typed {
    let cell = Cell {
        text,
        span: Span {
            end: a.cell.span.end.max(a.cell.span.start),
            ..a.cell.span
        },
    };
    Typed::new(cell, a.col, vocab)
}

/// Joins split labels and re-splits spilled ones (see the module doc).
pub fn respan(cells: Vec<Typed>, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Vec<Typed> {
    if cells.len() < 2 {
        return cells;
    }
    let mut out: Vec<Typed> = Vec::with_capacity(cells.len());
    for t in cells {
        let Some(prev) = out.last() else {
            out.push(t);
            continue;
        };
        // Most pairs (a name and its value, a label and a name) are ruled out by their
        // characters alone, before any text is joined or looked up (see `vocab::mark`).
        // A split joins two parts of one label: the second is no label, and both may be label
        // parts (a second part opening with a character NFKC may join to the first is judged
        // with it).
        let may_split = !is_exact_label(&t)
            && ((vocab.may_be_label_part(prev) && vocab.may_be_label_part(&t))
                || t.text().chars().next().is_some_and(may_compose));
        // A spill needs 指标 in the joined key, and a cell not known whole.
        let may_spill = (vocab.key_may_hold_biao(prev) || vocab.key_may_hold_biao(&t))
            && !(known_whole_cell(prev, vocab) && known_whole_cell(&t, vocab));
        if !may_split && !may_spill {
            out.push(t);
            continue;
        }
        let joined = format!("{}{}", prev.text(), t.text());
        // split: the two halves read together as one label, and the second half is no label
        if may_split
            && vocab.label(&joined).is_some()
            && !is_exact_label_text(prev.text(), &joined, vocab)
        {
            repairs.push(Repair {
                kind: RepairKind::LabelSplit,
                reason: format!("`{}` + `{}` joined into `{joined}`", prev.text(), t.text()),
            });
            let m = merged(prev, joined, vocab);
            out.pop();
            out.push(m);
            continue;
        }
        // spill: neither cell is whole, but the text splits into two whole parts elsewhere
        if may_spill {
            if let Some((l, r)) = resplit(&joined, vocab) {
                if l != prev.text() {
                    repairs.push(Repair {
                        kind: RepairKind::LabelSpill,
                        reason: format!(
                            "`{}` | `{}` re-split as `{l}` | `{r}`",
                            prev.text(),
                            t.text()
                        ),
                    });
                    let left = merged(prev, l, vocab);
                    let right = merged(&t, r, vocab);
                    out.pop();
                    out.push(left);
                    out.push(right);
                    continue;
                }
            }
        }
        out.push(t);
    }
    out
}

/// Whether `first` alone is already the label `joined` is (then nothing was split).
fn is_exact_label_text(first: &str, joined: &str, vocab: &Vocab) -> bool {
    match (vocab.label(first), vocab.label(joined)) {
        (Some(a), Some(b)) => {
            a.cat == b.cat && a.is_level1 == b.is_level1 && vocab.key(first) == vocab.key(joined)
        }
        _ => false,
    }
}

/// Longest left part (in characters) tried as a label when re-splitting: labels are short (the
/// longest known is about a dozen characters), and trying every split point of a long cell
/// made each row cost the square of its length.
const MAX_SPLIT_CHARS: usize = 32;

/// Splits `text` into a label and a label-or-known-name, if exactly one split point does so.
fn resplit(text: &str, vocab: &Vocab) -> Option<(String, String)> {
    // the left part must be a label ending in 指标, so the whole must hold it (most cell pairs,
    // a name and its value, do not: they are ruled out with one lookup)
    if !vocab.key(text).contains(LABEL_END) {
        return None;
    }
    let mut found = None;
    for (i, _) in text.char_indices().skip(1).take(MAX_SPLIT_CHARS) {
        let (l, r) = text.split_at(i);
        // a left part whose last character cannot end a key in 指标 needs no lookup
        if !vocab.key_may_end_with(l, LABEL_LAST) {
            continue;
        }
        if vocab.key(l).ends_with(LABEL_END) && vocab.label(l).is_some() && known_whole(r, vocab) {
            if found.is_some() {
                return None;
            }
            found = Some((l.to_string(), r.to_string()));
        }
    }
    found
}

/// How every level-2 label (and the level-1 ones) ends, in key form; and its last character.
const LABEL_END: &str = "指标";
const LABEL_LAST: char = '标';

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::pipe::split_row;
    use crate::vocab::classify::classify_row;

    fn run(line: &str) -> (Vec<String>, Vec<Repair>) {
        let v = Vocab::default_vocab().unwrap_or_else(|e| panic!("{e}"));
        let cells: Vec<Typed> = classify_row(split_row(line, 1, 0), &v)
            .into_iter()
            .filter(|t| t.class != Class::Empty)
            .collect();
        let mut r = Vec::new();
        let out = respan(cells, &v, &mut r);
        (out.into_iter().map(|t| t.cell.text).collect(), r)
    }

    #[test]
    fn split_label_is_joined() {
        let (t, r) = run("| 产出 | 指标 | 数量指标 | 培训场次 | ≥1场 |");
        assert_eq!(t, vec!["产出指标", "数量指标", "培训场次", "≥1场"]);
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn spilled_label_is_resplit() {
        let (t, r) = run("| 产出指标数 | 量指标 | 培训场次 | ≥1场 |");
        assert_eq!(t, vec!["产出指标", "数量指标", "培训场次", "≥1场"]);
        assert_eq!(r.first().map(|r| r.code()), Some("label_spill"));
    }

    #[test]
    fn clean_rows_are_untouched() {
        let (t, r) = run("| 产出指标 | 数量指标 | 培训场次 | ≥1场 |");
        assert_eq!(t, vec!["产出指标", "数量指标", "培训场次", "≥1场"]);
        assert!(r.is_empty());
    }
}
