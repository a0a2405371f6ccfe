//! The words the text readers know, as a plain word list: what goes in is each printed word
//! with its kind (form title, meta key, level label, header word, qualitative phrase, known
//! indicator name) and the units a value may end in — `lib.rs` fills it from the vocabulary,
//! so the readers import no vocabulary code. What comes out are the words found in a line, in
//! one leftmost-longest pass (Aho-Corasick: linear in the line), and the end of a quantitative
//! value standing at a place (operator, number, unit).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// What a known word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WordKind {
    /// A fragment of a form title (`项目支出绩效目标`).
    Title,
    /// A meta key (`项目名称`, `实施单位`); `starts` when it opens a form (project or
    /// department name).
    Meta {
        starts: bool,
    },
    Level1,
    Level2,
    /// A word of the indicator block's header row (`一级指标`, `指标值`).
    Header,
    /// A qualitative target (`作用较为明显`).
    Qualitative,
    /// A known indicator name.
    Name,
}

impl WordKind {
    /// Whether the word is a label of the indicator hierarchy.
    pub fn is_label(self) -> bool {
        matches!(self, WordKind::Level1 | WordKind::Level2)
    }
}

/// A word found in a text: byte range and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: WordKind,
}

/// The word list, compiled for one-pass search.
#[derive(Debug, Clone)]
pub struct Lexicon {
    words: Vec<(String, WordKind)>,
    search: Option<AhoCorasick>,
    /// Units, longest first.
    units: Vec<String>,
    unit_search: Option<AhoCorasick>,
    /// What a footnote line opens with (`注：`, `说明：`), both widths: such a line is never
    /// a form's line, however many of the form's words it names.
    notes: Vec<String>,
    /// Words that open a qualitative target (`持续`, `较上年`), leftmost-longest.
    openers: Option<AhoCorasick>,
    /// The header words of the indicator name's column (`三级指标`, `指标名称`).
    name_headers: Vec<String>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new(Vec::new(), Vec::new())
    }
}

/// The word as printed with ASCII and with full-width brackets and colons.
fn width_variants(w: &str) -> [String; 2] {
    let half: String = w
        .chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            c => c,
        })
        .collect();
    let full: String = w
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            c => c,
        })
        .collect();
    [half, full]
}

impl Lexicon {
    /// Compiles the words (a word given twice keeps its first kind; the empty word is
    /// skipped) and the units.
    pub fn new(words: Vec<(String, WordKind)>, units: Vec<String>) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut list = Vec::new();
        for (w, kind) in words {
            for v in width_variants(w.trim()) {
                if !v.is_empty() && seen.insert(v.clone()) {
                    list.push((v, kind));
                }
            }
        }
        let search = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(list.iter().map(|(w, _)| w.as_str()))
            .ok();
        let mut units: Vec<String> = units.into_iter().filter(|u| !u.is_empty()).collect();
        units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
        units.dedup();
        let unit_search = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&units)
            .ok();
        Lexicon {
            words: list,
            search,
            units,
            unit_search,
            notes: Vec::new(),
            openers: None,
            name_headers: Vec::new(),
        }
    }

    /// The same lexicon knowing the words that open a qualitative target (the `[opener]`
    /// adverbs of degree, pace or time).
    pub fn with_openers(mut self, openers: impl IntoIterator<Item = String>) -> Self {
        let list: Vec<String> = openers.into_iter().filter(|o| !o.is_empty()).collect();
        if !list.is_empty() {
            self.openers = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&list)
                .ok();
        }
        self
    }

    /// Where the openers standing right before byte `at` of `text` start (`at` when none
    /// does), leaving at least two characters before them: `档案管理机制长期` + `有效` → the
    /// value opens at `长期`.
    pub fn openers_before(&self, text: &str, at: usize) -> usize {
        let Some(ac) = self.openers.as_ref() else {
            return at;
        };
        let head = text.get(..at).unwrap_or("");
        let found: Vec<(usize, usize)> = ac.find_iter(head).map(|m| (m.start(), m.end())).collect();
        let mut cur = at;
        for &(s, e) in found.iter().rev() {
            if e != cur || head.get(..s).map_or(0, |h| h.chars().take(2).count()) < 2 {
                break;
            }
            cur = s;
        }
        cur
    }

    /// Where a qualitative target no list holds starts at the end of `text` (a name and its
    /// value run together): the first opener after at least two of the name's characters
    /// from which the rest is openers and at most `OPENER_TAIL` more characters, all of it at
    /// most `OPENER_SPAN` characters (`公厕长效管护机制` | `持续运行`, `…制度` | `长期有效运行`).
    /// One pass over the openers found: linear.
    pub fn opener_start(&self, text: &str) -> Option<usize> {
        const OPENER_SPAN: usize = 10;
        const OPENER_TAIL: usize = 6;
        let ac = self.openers.as_ref()?;
        let found: Vec<(usize, usize)> = ac.find_iter(text).map(|m| (m.start(), m.end())).collect();
        for (i, &(s, _)) in found.iter().enumerate() {
            // (bytes first: a long rest is skipped without counting it)
            let rest = text.get(s..)?;
            let long = rest.len() > 4 * OPENER_SPAN || rest.chars().count() > OPENER_SPAN;
            if text.get(..s)?.chars().take(2).count() < 2 || long {
                continue;
            }
            // the chain of openers from here, then the tail
            let mut at = s;
            for &(ns, ne) in found.iter().skip(i) {
                if ns != at {
                    break;
                }
                at = ne;
            }
            let tail = text.get(at..)?;
            let words = tail
                .chars()
                .all(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF));
            if words && tail.chars().count() <= OPENER_TAIL {
                return Some(s);
            }
        }
        None
    }

    /// The same lexicon knowing what footnote lines open with (the `[closing]` note prefixes).
    pub fn with_notes(mut self, notes: impl IntoIterator<Item = String>) -> Self {
        for n in notes {
            for v in width_variants(n.trim()) {
                if !v.is_empty() && !self.notes.contains(&v) {
                    self.notes.push(v);
                }
            }
        }
        self
    }

    /// The same lexicon knowing which header words head the indicator name's column.
    pub fn with_name_headers(mut self, words: impl IntoIterator<Item = String>) -> Self {
        for w in words {
            for v in width_variants(w.trim()) {
                if !v.is_empty() && !self.name_headers.contains(&v) {
                    self.name_headers.push(v);
                }
            }
        }
        self
    }

    /// Whether `text` is a header word of the indicator name's column.
    pub fn is_name_header(&self, text: &str) -> bool {
        let t = text.trim();
        self.name_headers.iter().any(|w| w == t)
    }

    /// Whether `text` is a footnote line: it opens with a note prefix (`注：一级指标分值…`).
    pub fn is_note(&self, text: &str) -> bool {
        let t = text.trim_start();
        self.notes.iter().any(|n| t.starts_with(n.as_str()))
    }

    /// Whether the lexicon knows no word (then no text is read as a form).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The known words in `text`, leftmost-longest, not overlapping, in order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(ac) = &self.search else {
            return Vec::new();
        };
        ac.find_iter(text)
            .filter_map(|m| {
                let (_, kind) = self.words.get(m.pattern().as_usize())?;
                Some(Found {
                    start: m.start(),
                    end: m.end(),
                    kind: *kind,
                })
            })
            .collect()
    }

    /// Whether `text` holds a level label (stops at the first; allocates nothing).
    pub fn has_label(&self, text: &str) -> bool {
        let Some(ac) = &self.search else {
            return false;
        };
        ac.find_iter(text).any(|m| {
            self.words
                .get(m.pattern().as_usize())
                .is_some_and(|(_, k)| matches!(k, WordKind::Level1 | WordKind::Level2))
        })
    }

    /// The kind of `text` when it is exactly a known word.
    pub fn kind_of(&self, text: &str) -> Option<WordKind> {
        let f = self.find(text);
        match f.as_slice() {
            [one] if one.start == 0 && one.end == text.len() => Some(one.kind),
            _ => None,
        }
    }

    /// The length in bytes of the unit that `text` starts with, if any (longest first).
    pub fn unit_at(&self, text: &str) -> Option<usize> {
        let ac = self.unit_search.as_ref()?;
        let m = ac.find(text)?;
        (m.start() == 0).then_some(m.end())
    }

    /// The units, longest first.
    pub fn units(&self) -> &[String] {
        &self.units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(
            vec![
                ("产出指标".into(), WordKind::Level1),
                ("数量指标".into(), WordKind::Level2),
                ("项目资金（万元）".into(), WordKind::Meta { starts: false }),
            ],
            vec!["人".into(), "人次".into()],
        )
    }

    #[test]
    fn words_are_found_in_one_pass_in_either_width() {
        let l = lex();
        let f = l.find("产出指标数量指标培训人次项目资金(万元)");
        let kinds: Vec<WordKind> = f.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            vec![
                WordKind::Level1,
                WordKind::Level2,
                WordKind::Meta { starts: false }
            ]
        );
        assert_eq!(l.kind_of("数量指标"), Some(WordKind::Level2));
        assert_eq!(l.kind_of("数量指标x"), None);
    }

    #[test]
    fn the_longest_unit_wins() {
        assert_eq!(lex().unit_at("人次以上"), Some("人次".len()));
        assert_eq!(lex().unit_at("个"), None);
    }
}
