//! Repair: names and values cut short by the OCR. All drafts of a document go in; names whose
//! full text stands elsewhere in the document or in the vocabulary are completed, and values
//! completed from the same indicator's value elsewhere in the document (or a known qualitative
//! phrase). Completion needs one unambiguous candidate; a name that is itself known whole is
//! never completed. No text is invented: the tail always comes from a printed source.
//!
//! Before/after: `持续改善乡村道路通行条件并保障群众安` → `…保障群众安全出行` (the full name
//! stands in another table); `全的河长巡查制度…` → `健全的河长巡查制度…` (front cut, vocabulary);
//! value `按合同约定分期支付尾` → `按合同约定分期支付尾款` (same indicator elsewhere).

use crate::assemble::draft::Draft;
use crate::assemble::names::{Entry, NameIndex};
use crate::model::{Repair, RepairKind};
use crate::normalize::{printed_index_after, printed_index_before};
use crate::vocab::{Known, Vocab};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// Shortest name (in key characters) that is ever completed.
const MIN_NAME_CHARS: usize = 6;
/// The cut name must keep at least this share of the full name.
const MIN_KEPT_SHARE: f64 = 0.5;
/// Front cuts are completed only when at most this many characters are missing.
const MAX_FRONT_MISSING: usize = 1;
/// Fuzzy (one-edit) prefix completion needs a name at least this long…
const FUZZY_MIN_CHARS: usize = 12;
/// …and the cut name must cover this share of the full one.
const FUZZY_MIN_SHARE: f64 = 0.8;
/// Shortest value (in key characters) that is ever completed: shorter ones are usually whole
/// variants of each other (`2030年底` beside `2030年底前`), not cuts.
const MIN_VALUE_CHARS: usize = 8;

/// Completes names and values across the document's drafts (see the module doc).
pub fn complete(tables: &mut [Vec<Draft>], vocab: &Vocab) {
    // the drafts whose name could be a cut one: long enough, not itself a known name
    let open: Vec<(usize, usize)> = tables
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| t.iter().enumerate().map(move |(di, d)| (ti, di, d)))
        .filter(|(_, _, d)| d.own_label.is_none() && may_be_cut(&d.name, vocab))
        .map(|(ti, di, _)| (ti, di))
        .collect();
    let mut completions: Vec<(usize, usize, String, String)> = Vec::new();
    if !open.is_empty() {
        // every printed name of the document, by key
        let empty: Rc<str> = Rc::from("");
        let drafts = tables.iter().map(Vec::len).sum();
        let names = NameIndex::with_capacity(
            tables.iter().flatten().map(|d| {
                (
                    vocab.key(&d.name),
                    d.name.as_str(),
                    d.value
                        .as_ref()
                        .map_or_else(|| empty.clone(), |v| vocab.key(v)),
                )
            }),
            drafts,
        );
        for (ti, di) in open {
            let Some(d) = tables.get(ti).and_then(|t| t.get(di)) else {
                continue;
            };
            let value = d.value.as_ref().map(|v| vocab.key(v));
            if let Some((full, how)) = complete_name(&d.name, value.as_deref(), &names, vocab) {
                completions.push((ti, di, full, how));
            }
        }
    }
    for (ti, di, full, how) in completions {
        if let Some(d) = tables.get_mut(ti).and_then(|t| t.get_mut(di)) {
            d.repairs.push(Repair {
                kind: RepairKind::NameCompleted,
                reason: format!("`{}` cut short; completed to `{full}` from {how}", d.name),
            });
            d.name = vocab.known(full);
        }
    }
    complete_values(tables, vocab);
}

/// A document name can complete a cut one only when both carry the same target (or the cut one
/// has none): a cut name is the same indicator, so it keeps its value.
fn same_target(entry: &Entry, value: Option<&str>) -> bool {
    value.is_none_or(|v| entry.has_value(v))
}

/// Whether `name` is long enough to be completed and not itself a known indicator (a name
/// known whole is never completed).
fn may_be_cut(name: &Known, vocab: &Vocab) -> bool {
    vocab.key(name).chars().count() >= MIN_NAME_CHARS
        && !vocab.indicator(name).is_some_and(|m| m.is_exact())
}

/// Completes `name`, one that `may_be_cut` (the caller keeps to those).
fn complete_name(
    name: &Known,
    value: Option<&str>,
    names: &NameIndex,
    vocab: &Vocab,
) -> Option<(String, String)> {
    let key = vocab.key(name);
    let n = key.chars().count();
    let la = &vocab.lookalikes;
    // candidates: (full printed, source) — document names first, then the vocabulary
    let mut prefix: Vec<(String, &str)> = Vec::new();
    let mut suffix: Vec<(String, &str)> = Vec::new();
    let same = |k: &str| names.get(k).filter(|e| same_target(e, value));
    // more document names than `names::MAX_CANDIDATES` to choose from: ambiguous
    for k in names.with_prefix(&key)? {
        if let Some(e) = same(k) {
            prefix.push((e.printed.to_string(), "the document"));
        }
    }
    for k in names.with_suffix(&key)? {
        if let Some(e) = same(k) {
            suffix.push((e.printed.to_string(), "the document"));
        }
    }
    for full in vocab.indicators_with_prefix(&key) {
        prefix.push((full.to_string(), "the vocabulary"));
    }
    for full in vocab.indicators_with_suffix(&key) {
        suffix.push((full.to_string(), "the vocabulary"));
    }
    let unique = |c: &mut Vec<(String, &str)>| {
        c.sort_by_key(|(p, _)| vocab.key(p));
        c.dedup_by_key(|(p, _)| vocab.key(p));
        c.len() == 1
    };
    let share = |full: &str| n as f64 / vocab.key(full).chars().count().max(1) as f64;
    if unique(&mut prefix) {
        if let Some((full, src)) = prefix.first() {
            if share(full) >= MIN_KEPT_SHARE {
                let cut = printed_index_after(full, n, la)?;
                return Some((format!("{name}{}", full.get(cut..)?), (*src).to_string()));
            }
        }
    }
    if unique(&mut suffix) {
        if let Some((full, src)) = suffix.first() {
            let missing = vocab.key(full).chars().count() - n;
            if missing <= MAX_FRONT_MISSING && n >= MIN_NAME_CHARS + 2 {
                let cut = printed_index_before(full, n, la)?;
                return Some((format!("{}{name}", full.get(..cut)?), (*src).to_string()));
            }
        }
    }
    if prefix.is_empty() && n >= FUZZY_MIN_CHARS {
        return fuzzy_prefix(name, &key, value, names, vocab);
    }
    None
}

/// One-edit prefix completion against the document's names: the cut name matches the start of
/// exactly one longer name with a single substitution, insertion or deletion.
fn fuzzy_prefix(
    name: &str,
    key: &str,
    value: Option<&str>,
    names: &NameIndex,
    vocab: &Vocab,
) -> Option<(String, String)> {
    let q: Vec<char> = key.chars().collect();
    let mut hits: Vec<(String, usize)> = Vec::new();
    for k in names.one_edit_candidates(key)? {
        let Some(printed) = names
            .get(k)
            .filter(|e| same_target(e, value))
            .map(|e| e.printed)
        else {
            continue;
        };
        let f: Vec<char> = k.chars().collect();
        if f.len() <= q.len() {
            continue;
        }
        if let Some(end) = one_edit_prefix_end(&q, &f) {
            if end < f.len() && end as f64 / f.len() as f64 >= FUZZY_MIN_SHARE {
                hits.push((printed.to_string(), end));
            }
        }
    }
    hits.sort();
    hits.dedup_by_key(|(p, _)| vocab.key(p));
    match hits.as_slice() {
        [(full, end)] => {
            let cut = printed_index_after(full, *end, &vocab.lookalikes)?;
            Some((
                format!("{name}{}", full.get(cut..)?),
                "the document (one character differs)".into(),
            ))
        }
        _ => None,
    }
}

/// If `q` equals a prefix of `f` up to one edit, the length of that prefix (the longest when
/// several fit, preferring no edit).
fn one_edit_prefix_end(q: &[char], f: &[char]) -> Option<usize> {
    // dp over q × prefix of f, edit distance capped at 2
    let m = q.len();
    let mut prev: Vec<usize> = (0..=f.len()).map(|j| j.min(2)).collect();
    let mut cur = vec![0usize; f.len() + 1];
    for i in 1..=m {
        cur[0] = i.min(2);
        for j in 1..=f.len() {
            let sub = prev[j - 1] + usize::from(q.get(i - 1) != f.get(j - 1));
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1).min(2);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let best = prev.iter().copied().min()?;
    if best > 1 {
        return None;
    }
    (0..=f.len()).rev().find(|&j| prev.get(j) == Some(&best))
}

/// Whether `value` could be a cut one: long enough, and not a value (number, share) of its own.
fn value_may_be_cut(value: &Known, vocab: &Vocab) -> bool {
    vocab.key(value).chars().count() >= MIN_VALUE_CHARS && !vocab.value_class(value).is_value()
}

fn complete_values(tables: &mut [Vec<Draft>], vocab: &Vocab) {
    let open: Vec<(usize, usize)> = tables
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| t.iter().enumerate().map(move |(di, d)| (ti, di, d)))
        .filter(|(_, _, d)| d.value.as_ref().is_some_and(|v| value_may_be_cut(v, vocab)))
        .map(|(ti, di, _)| (ti, di))
        .collect();
    if open.is_empty() {
        return;
    }
    // values by indicator key: (value key, printed value), sorted by key, one per key (the
    // first printed), so the values a cut one could start are found by binary search
    let drafts: usize = tables.iter().map(Vec::len).sum();
    let mut by_name: HashMap<Rc<str>, Vec<(Rc<str>, &str)>> =
        HashMap::with_capacity_and_hasher(drafts, Default::default());
    for d in tables.iter().flatten() {
        if let Some(v) = &d.value {
            by_name
                .entry(vocab.key(&d.name))
                .or_default()
                .push((vocab.key(v), v.as_str()));
        }
    }
    for vs in by_name.values_mut() {
        vs.sort_by(|a, b| a.0.cmp(&b.0));
        vs.dedup_by(|b, a| a.0 == b.0);
    }
    let mut done: Vec<(usize, usize, String, String)> = Vec::new();
    for (ti, di) in open {
        let Some(d) = tables.get(ti).and_then(|t| t.get(di)) else {
            continue;
        };
        let Some(v) = d.value.as_ref() else {
            continue;
        };
        let vkey = vocab.key(v);
        let vs = by_name
            .get(&*vocab.key(&d.name))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let start = vs.partition_point(|(k, _)| **k < *vkey);
        let mut cands: Vec<(&str, &str)> = vs
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|(k, _)| k.starts_with(&*vkey))
            .filter(|(k, _)| k.len() > vkey.len())
            .take(2)
            .map(|(_, w)| (*w, "the same indicator elsewhere in the document"))
            .collect();
        if cands.is_empty() {
            cands = vocab
                .qualitative_completions(&vkey)
                .map(|q| (q.as_str(), "the vocabulary"))
                .collect();
        }
        cands.sort_by_key(|(c, _)| vocab.key(c));
        cands.dedup_by_key(|(c, _)| vocab.key(c));
        if let [(full, src)] = cands.as_slice() {
            let n = vkey.chars().count();
            if let Some(tail) =
                printed_index_after(full, n, &vocab.lookalikes).and_then(|c| full.get(c..))
            {
                let whole = format!("{v}{tail}");
                let reason = format!("value `{v}` cut short; completed to `{whole}` from {src}");
                done.push((ti, di, whole, reason));
            }
        }
    }
    for (ti, di, whole, reason) in done {
        if let Some(d) = tables.get_mut(ti).and_then(|t| t.get_mut(di)) {
            d.repairs.push(Repair {
                kind: RepairKind::ValueCompleted,
                reason,
            });
            d.value = Some(vocab.known(whole));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, value: Option<&str>) -> Draft {
        Draft::plain(name, value)
    }

    fn v() -> Vocab {
        Vocab::from_texts(&["[level2]\n数量指标 | 产出指标\n[indicator]\n健全的培训管理制度为培训工作提供可持续保障 | 数量指标\n对人才队伍质量提升的持续影响程度 | 数量指标\n对人才队伍质量的提升 | 数量指标\n"])
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn cut_names_complete_from_document_and_vocabulary() {
        let v = v();
        let mut t = vec![
            vec![draft(
                "持续提升行政管理和公共服务能力，确保政策类考试安全有序进行",
                Some("a"),
            )],
            vec![
                draft(
                    "持续提升行政管理和公共服务能力, 确保政策类考试安",
                    Some("a"),
                ),
                draft("全的培训管理制度为培训工作提供可持续保障", None),
                draft("对提高群众生活水平, 促进和谐社区建设的改善或提升", None),
                draft("对人才队伍质量的提升", None),
            ],
            vec![draft(
                "对提高群众生活水平，促进和谐社会建设的改善或提升程度",
                None,
            )],
        ];
        complete(&mut t, &v);
        assert_eq!(
            t[1][0].name,
            "持续提升行政管理和公共服务能力, 确保政策类考试安全有序进行"
        );
        assert_eq!(t[1][1].name, "健全的培训管理制度为培训工作提供可持续保障");
        assert_eq!(
            t[1][2].name,
            "对提高群众生活水平, 促进和谐社区建设的改善或提升程度"
        );
        assert_eq!(
            t[1][3].name, "对人才队伍质量的提升",
            "a known name is never completed"
        );
        assert_eq!(t[0][0].repairs.len(), 0);
    }

    #[test]
    fn near_duplicates_are_not_completions() {
        let v = v();
        let mut t = vec![vec![
            draft("培训工作为经济和社会发展提供长期人才储备", None),
            draft("培训作为经济和社会发展提供长期人才储备", None),
        ]];
        complete(&mut t, &v);
        assert_eq!(t[0][1].name, "培训作为经济和社会发展提供长期人才储备");
    }

    #[test]
    fn values_complete_from_the_same_indicator() {
        let v = v();
        let mut t = vec![
            vec![draft(
                "补助补贴资金支出合规性",
                Some("严格执行相关财经法规、制度等规"),
            )],
            vec![draft(
                "补助补贴资金支出合规性",
                Some("严格执行相关财经法规、制度等规定"),
            )],
        ];
        complete(&mut t, &v);
        assert_eq!(
            t[0][0].value.as_deref(),
            Some("严格执行相关财经法规、制度等规定")
        );
    }
}
