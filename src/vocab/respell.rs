//! Look-alike respelling of names nobody has seen. Known text (the vocabulary's indicator
//! names, labels and phrases; a document's own names) goes in as a character model: which
//! characters stand side by side, and which end a name. A printed name goes in; out comes the
//! name with each OCR look-alike character (`[lookalike]`: 宰 for 率, 郊 for 效 …) read as the
//! character it stands for — only where the printed character never stands beside its
//! neighbours in known text and the character it stands for does. Otherwise the printed
//! character stays: no invented text.
//!
//! Word look-alikes (`[lookalike]` pairs marked `word`: 日 for 目, 个 for 不) print characters
//! common in their own right, so they are read only where the printed character stands beside
//! neither neighbour in known text and the one it stands for is well known there
//! (`MIN_WORD_SUPPORT`); they never leave a name unsettled.
//!
//! Before/after: `食品安全事故发生宰` → `食品安全事故发生率` (no known name holds 生宰 or ends in 宰;
//! many end in 率); `经济郊益` → `经济效益` (效益 is a label word); `收入` stays (收人 is no
//! better known than 收入); `项日开工率` → `项目开工率` (项目 opens dozens of known names, 项日
//! none); `每日巡查` stays.

use crate::normalize::Lookalikes;
use rustc_hash::FxHashMap as HashMap;

/// Least support (adjacent pairs and name endings seen in known text) the character a
/// look-alike stands for needs before the printed one is replaced.
pub const MIN_SUPPORT: u32 = 2;

/// Least support the character a word look-alike stands for needs (日 and 个 are common in
/// their own right, so the evidence must be strong).
pub const MIN_WORD_SUPPORT: u32 = 5;

/// The look-alike pairs respelling reads: printed character → the one it stands for.
#[derive(Debug, Clone, Copy)]
pub struct Pairs<'a> {
    /// Characters that are rarely right where a look-alike prints them (宰 for 率).
    pub chars: &'a Lookalikes,
    /// Characters common in their own right (日 for 目): `MIN_WORD_SUPPORT`.
    pub words: &'a Lookalikes,
}

/// Names a character must end in known text before ending a name counts as support for it
/// (率 ends dozens of names; 人 ends a few, and 收入 must not become 收人).
pub const MIN_ENDINGS: u32 = 5;

/// Which characters stand side by side in known text, and which end a name.
#[derive(Debug, Clone, Default)]
pub struct CharModel {
    pairs: HashMap<(char, char), u32>,
    ends: HashMap<char, u32>,
}

impl CharModel {
    /// Learns from one known text (its last character as a name's ending when `name`). Pairs
    /// holding a look-alike source character are left out when `skip` is given (a document's
    /// own names may carry the damage being repaired).
    pub fn add(&mut self, text: &str, name: bool, skip: Option<&Lookalikes>) {
        self.add_times(text, name, skip, 1);
    }

    /// Learns a listed common word (`[words]`): one is enough to settle its pairs, so each
    /// counts `MIN_SUPPORT` times.
    pub fn add_word(&mut self, word: &str) {
        self.add_times(word, false, None, MIN_SUPPORT);
    }

    fn add_times(&mut self, text: &str, name: bool, skip: Option<&Lookalikes>, times: u32) {
        let is_source = |c: char| skip.is_some_and(|l| l.get(&c).is_some_and(|t| *t != c));
        let mut prev: Option<char> = None;
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            if let Some(p) = prev {
                if !is_source(p) && !is_source(c) {
                    *self.pairs.entry((p, c)).or_insert(0) += times;
                }
            }
            prev = Some(c);
        }
        if let Some(last) = prev.filter(|c| name && !is_source(*c)) {
            *self.ends.entry(last).or_insert(0) += times;
        }
    }

    /// Whether the model has learnt nothing.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// How often `c` stands after `prev` and before `next` (or ends a name) in known text.
    fn support(&self, prev: Option<char>, c: char, next: Option<char>) -> u32 {
        let before = prev.map_or(0, |p| self.pairs.get(&(p, c)).copied().unwrap_or(0));
        let after = match next {
            Some(n) => self.pairs.get(&(c, n)).copied().unwrap_or(0),
            None => self
                .ends
                .get(&c)
                .copied()
                .filter(|n| *n >= MIN_ENDINGS)
                .unwrap_or(0),
        };
        before + after
    }
}

/// What respelling found in a name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Respelling {
    /// The name with look-alikes read (`None`: nothing changed).
    pub text: Option<String>,
    /// Printed look-alike characters left standing that known text supports beside their
    /// neighbours no more than the characters they stand for: the evidence does not settle
    /// them (`退役军入` with nothing known of 军人; 收入 is settled).
    pub unsettled: bool,
}

/// Respells `text` under `models` (see the module doc). ASCII characters are left alone (a
/// letter in a name is no digit).
pub fn respell(text: &str, pairs: &Pairs, models: &[&CharModel]) -> Respelling {
    let of = |map: &Lookalikes, c: char| map.get(&c).copied().filter(|t| *t != c && !c.is_ascii());
    let target = |c: char| of(pairs.chars, c);
    let word = |c: char| of(pairs.words, c);
    if !text
        .chars()
        .any(|c| target(c).is_some() || word(c).is_some())
    {
        return Respelling::default();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    let mut changed = false;
    let mut unsettled = false;
    let support = |p: Option<char>, c: char, n: Option<char>| -> u32 {
        models.iter().map(|m| m.support(p, c, n)).sum()
    };
    for i in 0..out.len() {
        let Some(&c) = out.get(i) else { break };
        let (t, least) = match (target(c), word(c)) {
            (Some(t), _) => (t, MIN_SUPPORT),
            (None, Some(t)) => (t, MIN_WORD_SUPPORT),
            (None, None) => continue,
        };
        let prev = i.checked_sub(1).and_then(|j| out.get(j)).copied();
        // the next character as it may read once respelled itself
        let next = chars.get(i + 1).map(|&n| target(n).unwrap_or(n));
        let printed = support(prev, c, next);
        if printed > 0 {
            continue;
        }
        if support(prev, t, next) >= least {
            if let Some(slot) = out.get_mut(i) {
                *slot = t;
                changed = true;
            }
        } else if least == MIN_SUPPORT {
            unsettled = true;
        }
    }
    Respelling {
        text: changed.then(|| out.into_iter().collect()),
        unsettled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(texts: &[&str]) -> CharModel {
        let mut m = CharModel::default();
        for t in texts {
            m.add(t, true, None);
        }
        m
    }

    fn looks() -> Lookalikes {
        [('宰', '率'), ('郊', '效'), ('入', '人'), ('各', '务')]
            .into_iter()
            .collect()
    }

    #[test]
    fn look_alikes_read_where_known_text_supports_them() {
        let m = model(&[
            "培训出勤率",
            "验收合格率",
            "考试通过率",
            "会议出勤率",
            "系统达标率",
            "经济效益指标",
            "服务人数",
            "参训人数",
            "服务对象满意度",
            "负责人",
        ]);
        let l = looks();
        let none = Lookalikes::default();
        let p = Pairs {
            chars: &l,
            words: &none,
        };
        let r = |t: &str| respell(t, &p, &[&m]).text;
        assert_eq!(
            r("食品安全事故发生宰").as_deref(),
            Some("食品安全事故发生率")
        );
        assert_eq!(r("经济郊益").as_deref(), Some("经济效益"));
        assert_eq!(r("受益学生入数").as_deref(), Some("受益学生人数"));
        assert_eq!(r("养老服各网络").as_deref(), Some("养老服务网络"));
        // 收入: neither 收人 nor 人 at the end is better known than what is printed
        assert_eq!(r("增加农民收入"), None);
        assert_eq!(r("各类培训"), None);
        // unsupported and unrepaired: unsettled, even where the character is known elsewhere
        assert!(respell("某宰某", &p, &[&m]).unsettled);
        assert!(respell("某各某", &p, &[&m]).unsettled);
        let known = model(&["各类培训班"]);
        assert!(!respell("各类培训", &p, &[&known]).unsettled);
    }

    #[test]
    fn word_look_alikes_need_strong_support_and_none_for_the_printed_character() {
        let names = [
            "项目验收合格率",
            "项目完成率",
            "项目开工数",
            "项目资金到位率",
            "项目建设进度",
            "每日巡查次数",
        ];
        let m = model(&names);
        let words: Lookalikes = [('日', '目')].into_iter().collect();
        let none = Lookalikes::default();
        let p = Pairs {
            chars: &none,
            words: &words,
        };
        let r = |t: &str| respell(t, &p, &[&m]);
        assert_eq!(r("项日开工时间").text.as_deref(), Some("项目开工时间"));
        // 每日 is known as printed; 节日 is no better known as 节目: both stay, settled
        assert_eq!(r("每日巡查时长").text, None);
        assert_eq!(r("节日慰问").text, None);
        assert!(!r("节日慰问").unsettled);
        // three known names with 项目 are too few for a word look-alike
        let few = model(&names[..3]);
        assert_eq!(respell("项日开工时间", &p, &[&few]).text, None);
    }
}
