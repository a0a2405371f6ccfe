//! Look-alike characters in a name or a qualitative value: the OCR read a character as one
//! that looks like it (己 for 已, 个 for 不). A name goes in; out comes the known name it stands
//! for and a `lookalike` repair, when the vocabulary knows a name that differs from it only in
//! look-alike characters (the `[lookalike]` pairs of the vocabulary). A value goes in; out
//! comes the qualitative phrase it misprints whole (pairs marked `word`), with the same repair.
//!
//! Before/after: `己办结案件回访率` → `已办结案件回访率`, `项日验收合格率` → `项目验收合格率`;
//! value `个适用` → `不适用`; repair `lookalike`.

use crate::model::{Repair, RepairKind};
use crate::vocab::{Known, Vocab};

/// The known name `name` is a look-alike reading of, or `name` itself.
pub fn fix_name(name: Known, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Known {
    let Some(m) = vocab.indicator(&name).filter(|m| m.is_exact()) else {
        return name;
    };
    if *m.name != *name
        && vocab.key(&m.name) == vocab.key(&name)
        && vocab.plain_key(&m.name) != vocab.plain_key(&name)
    {
        repairs.push(Repair::new(
            RepairKind::Lookalike,
            format!("`{name}` read as `{}` (OCR look-alike characters)", m.name),
        ));
        return vocab.known(m.name.to_string());
    }
    name
}

/// The qualitative phrase `value` misprints with word look-alikes (`个适用` → `不适用`), or
/// `value` itself.
pub fn fix_value(value: Option<Known>, vocab: &Vocab, repairs: &mut Vec<Repair>) -> Option<Known> {
    let v = value.as_ref()?;
    let Some(meant) = vocab.word_reading(v).filter(|m| vocab.is_qualitative(*m)) else {
        return value;
    };
    repairs.push(Repair::new(
        RepairKind::Lookalike,
        format!(
            "value `{}` read as `{meant}` (OCR look-alike characters in a known phrase)",
            &**v
        ),
    ));
    Some(vocab.known(meant.to_string()))
}
