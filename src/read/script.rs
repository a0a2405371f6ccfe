//! Forms printed in traditional script (績效目標表, 產出指標), some with the pinyin a web converter
//! left after a glyph (`產(chǎn)`). The decoded text goes in; out comes, only when the text shows
//! traditional glyphs, the same text in simplified script with the pinyin dropped (`Simplified`),
//! which every reader then reads as any other document, so names, labels and keys meet the
//! vocabulary as it spells them. After assembly `restore` puts the printed text back into each
//! record's source (`source.text`, `source.col`) and records a `script_converted` repair.
//!
//! The character mapping is the `fast2s` crate's (glyph for glyph, a 3-byte glyph stays 3 bytes,
//! so byte offsets only move where pinyin is dropped). Detection is one pass over the text with a
//! bit set of the glyphs that mapping changes, built once per process; a simplified text is
//! returned untouched (`None`).

use crate::model::{Record, Repair, RepairKind, Source, Table};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The CJK range the detector looks at (Extension A and the Unified Ideographs block).
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// A text is traditional when it holds at least this many traditional-only glyphs …
const MIN_GLYPHS: usize = 3;
/// … and they are at least one in this many of its CJK glyphs (or there are `MANY` of them).
const ONE_IN: usize = 20;
const MANY: usize = 40;

/// The glyphs `fast2s` changes, one bit each from `FIRST`.
fn traditional_set() -> &'static [u64] {
    static SET: OnceLock<Vec<u64>> = OnceLock::new();
    SET.get_or_init(|| {
        let all: String = (FIRST..=LAST).filter_map(char::from_u32).collect();
        let conv = fast2s::convert(&all);
        let mut bits = vec![0u64; ((LAST - FIRST) as usize >> 6) + 1];
        for (a, b) in all.chars().zip(conv.chars()) {
            if a != b {
                let k = (a as u32 - FIRST) as usize;
                if let Some(w) = bits.get_mut(k >> 6) {
                    *w |= 1 << (k & 63);
                }
            }
        }
        bits
    })
}

/// Whether `text` is printed in traditional script (see the constants).
pub fn is_traditional(text: &str) -> bool {
    // a text with no multi-byte character has no glyph at all
    if text.is_ascii() {
        return false;
    }
    let (cjk, trad) = glyph_counts(text);
    trad >= MIN_GLYPHS && (trad * ONE_IN >= cjk || trad >= MANY)
}

/// How many glyphs of `text` fall in the detector's range, and how many of those are
/// traditional-only.
fn glyph_counts(text: &str) -> (usize, usize) {
    let set = traditional_set();
    let (mut cjk, mut trad) = (0usize, 0usize);
    // the range is written in three bytes led by E3..E9: read those, and step over every
    // character whole (a `&str` is valid UTF-8, so its lead byte gives its length)
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead < 0x80 {
            // a form's text is padded with ASCII (spaces, pipes, dashes): skip eight bytes at
            // a time while none of them is multi-byte
            while let Some(w) = bytes
                .get(i..i + 8)
                .and_then(|b| <[u8; 8]>::try_from(b).ok())
            {
                if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
            if bytes.get(i).is_some_and(|&b| b < 0x80) {
                i += 1;
            }
            continue;
        }
        if (0xE3..=0xE9).contains(&lead) {
            let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
                break;
            };
            let u =
                (u32::from(lead & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            if (FIRST..=LAST).contains(&u) {
                cjk += 1;
                let k = (u - FIRST) as usize;
                if set.get(k >> 6).is_some_and(|w| w & (1 << (k & 63)) != 0) {
                    trad += 1;
                }
            }
        }
        i += match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0.. => 4,
            // a continuation byte never leads a character of a `&str`
            _ => 1,
        };
    }
    (cjk, trad)
}

/// Pinyin dropped from one line: at the converted line's char index `at`, `n` chars were cut.
#[derive(Debug, Clone, Copy)]
struct Cut {
    at: usize,
    n: usize,
}

/// A traditional text read as simplified, with what it takes to give the printed text back.
#[derive(Debug)]
pub struct Simplified {
    /// The text in simplified script, pinyin dropped.
    pub text: String,
    /// Glyphs changed and pinyin annotations dropped (for the diagnostic).
    pub glyphs: usize,
    pub pinyin: usize,
    /// Per line (0-based), the pinyin cuts; lines with none are absent.
    cuts: FxHashMap<usize, Vec<Cut>>,
    /// Simplified glyph → the printed one, for the glyphs this text changed (one way only).
    back: FxHashMap<char, char>,
}

/// `text` in simplified script when it is printed in traditional script; `None` otherwise
/// (the text is then read as it is).
pub fn simplify(text: &str) -> Option<Simplified> {
    if !is_traditional(text) {
        return None;
    }
    let mut stripped = String::with_capacity(text.len());
    let mut cuts: FxHashMap<usize, Vec<Cut>> = FxHashMap::default();
    let mut pinyin = 0usize;
    for (no, line) in text.split('\n').enumerate() {
        if no > 0 {
            stripped.push('\n');
        }
        let mut chars = 0usize;
        let mut rest = line;
        let mut prev_cjk = false;
        while let Some(c) = rest.chars().next() {
            if prev_cjk && matches!(c, '(' | '（') {
                if let Some(len) = pinyin_len(rest) {
                    let n = rest.get(..len).map_or(0, |p| p.chars().count());
                    cuts.entry(no).or_default().push(Cut { at: chars, n });
                    pinyin += 1;
                    rest = rest.get(len..).unwrap_or("");
                    prev_cjk = false;
                    continue;
                }
            }
            stripped.push(c);
            chars += 1;
            prev_cjk = (FIRST..=LAST).contains(&(c as u32));
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    let conv = fast2s::convert(&stripped);
    let mut back: FxHashMap<char, char> = FxHashMap::default();
    let mut glyphs = 0usize;
    for (a, b) in stripped.chars().zip(conv.chars()) {
        if a != b {
            glyphs += 1;
            back.entry(b).or_insert(a);
        }
    }
    Some(Simplified {
        text: conv,
        glyphs,
        pinyin,
        cuts,
        back,
    })
}

/// The byte length of a pinyin annotation at the start of `s` (`(chǎn)`, `（qū）`, `(shu4)`):
/// lower-case Latin letters with a tone mark (or a tone digit at the end), in brackets.
fn pinyin_len(s: &str) -> Option<usize> {
    let mut it = s.char_indices();
    let (_, open) = it.next()?;
    let close = if open == '（' { '）' } else { ')' };
    let (mut letters, mut marked, mut digit) = (0usize, false, false);
    for (i, c) in it {
        if c == close {
            return (letters > 0 && (marked || digit)).then_some(i + c.len_utf8());
        }
        if digit || letters > 7 {
            return None;
        }
        if c.is_ascii_lowercase() {
            letters += 1;
        } else if "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c) {
            letters += 1;
            marked = true;
        } else if letters > 0 && ('1'..='5').contains(&c) {
            digit = true;
        } else {
            return None;
        }
    }
    None
}

impl Simplified {
    /// The printed column (1-based) of the converted line `line`'s column `col` (1-based).
    fn printed_col(&self, line: usize, col: usize) -> usize {
        let shift: usize = self.cuts.get(&line.saturating_sub(1)).map_or(0, |cs| {
            cs.iter()
                .filter(|c| c.at <= col.saturating_sub(1))
                .map(|c| c.n)
                .sum()
        });
        col + shift
    }

    /// The printed text and column of a source the readers took from the converted text: the
    /// same stretch of the printed line (its pinyin kept) when the source text stands there,
    /// else the text with each converted glyph given back.
    fn printed(&self, printed_text: &str, src: &Source) -> (String, usize) {
        let conv_line = self.text.split('\n').nth(src.line.saturating_sub(1));
        let orig_line = printed_text.split('\n').nth(src.line.saturating_sub(1));
        if let (Some(cl), Some(ol)) = (conv_line, orig_line) {
            let from = src.col.saturating_sub(1);
            let len = src.text.chars().count();
            let here = cl.chars().skip(from).take(len).eq(src.text.chars());
            if here && len > 0 {
                let s = self.printed_col(src.line, from + 1) - 1;
                let e = if from + len < cl.chars().count() {
                    self.printed_col(src.line, from + len + 1) - 1
                } else {
                    ol.chars().count()
                };
                let text: String = ol.chars().skip(s).take(e.saturating_sub(s)).collect();
                return (text.trim_end().to_string(), s + 1);
            }
        }
        let text = src
            .text
            .chars()
            .map(|c| self.back.get(&c).copied().unwrap_or(c))
            .collect();
        (text, self.printed_col(src.line, src.col))
    }

    /// Gives every record its printed source text back and records the conversion on the records
    /// whose name or value was printed in traditional script. `printed_text` is the text
    /// `simplify` was given.
    pub fn restore(&self, printed_text: &str, tables: &mut [Table]) {
        for t in tables {
            for r in &mut t.indicators {
                self.restore_record(printed_text, r);
            }
        }
    }

    fn restore_record(&self, printed_text: &str, r: &mut Record) {
        let mut changed = Vec::new();
        let (text, col) = self.printed(printed_text, &r.source);
        if text != r.source.text {
            changed.push(format!("`{text}` as `{}`", r.source.text));
        }
        r.source.text = text;
        r.source.col = col;
        if let Some(vs) = r.value_source.as_mut() {
            let (text, col) = self.printed(printed_text, vs);
            if text != vs.text {
                changed.push(format!("`{text}` as `{}`", vs.text));
            }
            vs.text = text;
            vs.col = col;
        }
        if !changed.is_empty() {
            let kind = RepairKind::ScriptConverted;
            r.repairs.push(Repair::new(
                kind,
                format!(
                    "printed in traditional script: read {} (simplified for the vocabulary)",
                    changed.join(", ")
                ),
            ));
            let c = (r.confidence * kind.factor()).clamp(0.0, 1.0);
            r.confidence = (c * 1000.0).round() / 1000.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_byte_scan_counts_what_a_char_scan_counts(text in "[a-z 0-9㐀-䶿一-鿿、-〿\\u{10000}-\\u{10010}]{0,40}") {
            let set = traditional_set();
            let by_char = text.chars().fold((0, 0), |(cjk, trad), c| {
                let u = c as u32;
                if !(FIRST..=LAST).contains(&u) {
                    return (cjk, trad);
                }
                let k = (u - FIRST) as usize;
                let t = set.get(k >> 6).is_some_and(|w| w & (1 << (k & 63)) != 0);
                (cjk + 1, trad + usize::from(t))
            });
            proptest::prop_assert_eq!(glyph_counts(&text), by_char);
        }
    }

    #[test]
    fn simplified_text_is_left_alone() {
        assert!(
            simplify("项目支出绩效目标表\n| 产出指标 | 数量指标 | 培训人次 | ≥300人次 |").is_none()
        );
        assert!(simplify("plain ascii").is_none());
    }

    #[test]
    fn traditional_text_reads_as_simplified_with_pinyin_dropped() {
        let s = simplify("項目支出績效目標表\n產(chǎn)出指標  數(shù)量指標  培訓人次  ≥300人次")
            .unwrap_or_else(|| panic!("not detected"));
        assert_eq!(
            s.text,
            "项目支出绩效目标表\n产出指标  数量指标  培训人次  ≥300人次"
        );
        assert_eq!(s.pinyin, 2);
        // the printed column of 培训人次 (converted col 13) counts the dropped pinyin
        assert_eq!(s.printed_col(2, 13), 13 + 6 + 5);
        assert_eq!(s.printed_col(2, 1), 1);
        assert_eq!(s.printed_col(2, 2), 2 + 6);
    }

    #[test]
    fn a_bracket_that_is_no_pinyin_stays() {
        assert_eq!(pinyin_len("(km)"), None);
        assert_eq!(pinyin_len("(A类)"), None);
        assert_eq!(pinyin_len("(chǎn)x"), Some("(chǎn)".len()));
        assert_eq!(pinyin_len("（qū）"), Some("（qū）".len()));
        assert_eq!(pinyin_len("(shu4)"), Some(6));
    }

    #[test]
    fn a_record_gets_its_printed_text_back() {
        let printed = "產(chǎn)出指標  數量指標  培訓人次  ≥300人次";
        let s = simplify(printed).unwrap_or_else(|| panic!("not detected"));
        let src = Source {
            page: None,
            line: 1,
            col: 13,
            text: "培训人次".into(),
        };
        assert_eq!(s.printed(printed, &src), ("培訓人次".to_string(), 19));
        let first = Source {
            page: None,
            line: 1,
            col: 1,
            text: "产出指标".into(),
        };
        assert_eq!(
            s.printed(printed, &first),
            ("產(chǎn)出指標".to_string(), 1)
        );
        let joined = Source {
            page: None,
            line: 1,
            col: 1,
            text: "数量培训".into(),
        };
        assert_eq!(s.printed(printed, &joined).0, "數量培訓");
    }
}
