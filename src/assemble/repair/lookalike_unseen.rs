//! Look-alike characters in names the vocabulary does not know. All drafts of a document and
//! its meta texts (project, department, unit, goals) go in; out come their names with OCR
//! look-alikes read as the characters they stand for, where known text settles it: first the
//! vocabulary's (its names, labels, phrases and words), then this document's own text (the same
//! name printed right elsewhere, or the department's name and goals: 退役军入 where the
//! department is the 退役军人事务局). Each change is a
//! `lookalike_unseen` repair; the printed text stays in the record's source. A look-alike nothing settles stays
//! as printed and marks the draft `unsettled` (lower confidence). Known names were already
//! read as the vocabulary spells them (`lookalike`).
//!
//! Before/after: `| 演出安全事故发生宰 | 0 |` → name 演出安全事故发生率, repair
//! `lookalike_unseen` (known names end in 率, none in 宰).

use crate::assemble::draft::Draft;
use crate::model::{Repair, RepairKind};
use crate::vocab::respell::CharModel;
use crate::vocab::Vocab;

/// Respells the drafts' unknown names (see the module doc).
pub fn respell_names<'a>(
    tables: &mut [Vec<Draft>],
    meta: impl Iterator<Item = &'a str>,
    vocab: &Vocab,
) {
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for (ti, table) in tables.iter_mut().enumerate() {
        for (di, d) in table.iter_mut().enumerate() {
            if d.own_label.is_some() || vocab.indicator(&d.name).is_some_and(|m| m.is_exact()) {
                continue;
            }
            let r = vocab.respell(&d.name, None);
            if let Some(text) = &r.text {
                apply(
                    d,
                    text.clone(),
                    "the vocabulary's names, labels and words",
                    vocab,
                );
            }
            if r.unsettled || (r.text.is_none() && has_lookalike(&d.name, vocab)) {
                pending.push((ti, di));
            }
        }
    }
    if pending.is_empty() {
        return;
    }
    // this document's names, values and meta texts, without the look-alikes themselves
    let mut doc = CharModel::default();
    for t in meta {
        doc.add(t, false, Some(&vocab.lookalikes));
    }
    for d in tables.iter().flatten() {
        doc.add(&d.name, true, Some(&vocab.lookalikes));
        if let Some(v) = &d.value {
            doc.add(v, false, Some(&vocab.lookalikes));
        }
    }
    for (ti, di) in pending {
        let Some(d) = tables.get_mut(ti).and_then(|t| t.get_mut(di)) else {
            continue;
        };
        let r = vocab.respell(&d.name, Some(&doc));
        if let Some(text) = &r.text {
            apply(
                d,
                text.clone(),
                "this document's names and meta texts",
                vocab,
            );
        }
        d.unsettled = r.unsettled;
    }
}

/// Whether a name holds a character the vocabulary lists as a look-alike.
fn has_lookalike(name: &str, vocab: &Vocab) -> bool {
    name.chars()
        .any(|c| !c.is_ascii() && vocab.lookalikes.get(&c).is_some_and(|t| *t != c))
}

fn apply(d: &mut Draft, text: String, evidence: &str, vocab: &Vocab) {
    d.repairs.push(Repair::new(
        RepairKind::LookalikeUnseen,
        format!(
            "`{}` read as `{text}` (OCR look-alike characters; {evidence} hold the characters it stands for)",
            &*d.name
        ),
    ));
    d.name = vocab.known(text);
}
