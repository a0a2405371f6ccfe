//! Text normalisation for matching: a string goes in, its comparison key comes out. The key is
//! NFKC-folded, has no whitespace, maps full-width and CJK punctuation to one form, lowercases
//! ASCII, folds OCR look-alike characters (己/已, 末/未, 入/人 …, from the vocabulary) and drops a
//! trailing 。 or colon. Keys are compared, never printed: output keeps the text as printed.

use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::UnicodeNormalization;

/// Look-alike characters and what they stand for (`己` → `已`).
pub type Lookalikes = HashMap<char, char>;

/// Maps one already NFKC-normalised character to its key form; `None` drops it.
pub(crate) fn fold_char(c: char, lookalikes: &Lookalikes) -> Option<char> {
    if c.is_whitespace() {
        return None;
    }
    let c = match c {
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '（' => '(',
        '）' => ')',
        '【' | '［' => '[',
        '】' | '］' => ']',
        '“' | '”' | '„' | '‟' | '＂' => '"',
        '‘' | '’' | '＇' => '\'',
        '〈' | '《' => '<',
        '〉' | '》' => '>',
        '－' | '—' | '–' => '-',
        _ => c,
    };
    let c = lookalikes.get(&c).copied().unwrap_or(c);
    Some(c.to_ascii_lowercase())
}

/// A character NFKC maps to itself whatever surrounds it: ASCII and the CJK Unified Ideographs
/// block (a cheap test that covers most cells; anything else takes the normaliser).
pub(crate) fn is_nfkc_stable(c: char) -> bool {
    c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The comparison key of `text` (see the module doc).
pub fn fold(text: &str, lookalikes: &Lookalikes) -> String {
    let mut out = String::with_capacity(text.len());
    // most cells are plain ASCII and CJK ideographs, which NFKC leaves alone: skip the normaliser
    if text.chars().all(is_nfkc_stable) {
        out.extend(text.chars().filter_map(|c| fold_char(c, lookalikes)));
    } else {
        out.extend(text.nfkc().filter_map(|c| fold_char(c, lookalikes)));
    }
    while out.ends_with(['。', '.', ':', ';', ',', '、']) {
        out.pop();
    }
    out
}

/// Byte index in `text` after which the folded text reaches `key_chars` characters, or `None`
/// when the whole text folds to fewer characters. Used to cut printed text at a key position.
pub fn printed_index_after(text: &str, key_chars: usize, lookalikes: &Lookalikes) -> Option<usize> {
    let mut seen = 0;
    if key_chars == 0 {
        return Some(0);
    }
    for (i, c) in text.char_indices() {
        for n in std::iter::once(c).nfkc() {
            if fold_char(n, lookalikes).is_some() {
                seen += 1;
            }
        }
        if seen >= key_chars {
            return Some(i + c.len_utf8());
        }
    }
    None
}

/// Byte index in `text` before which the folded text has `key_chars` characters counted from
/// the end (the start of the printed suffix whose key is that long).
pub fn printed_index_before(
    text: &str,
    key_chars: usize,
    lookalikes: &Lookalikes,
) -> Option<usize> {
    let mut seen = 0;
    if key_chars == 0 {
        return Some(text.len());
    }
    for (i, c) in text.char_indices().rev() {
        for n in std::iter::once(c).nfkc() {
            if fold_char(n, lookalikes).is_some() {
                seen += 1;
            }
        }
        if seen >= key_chars {
            return Some(i);
        }
    }
    None
}

/// Trims whitespace and a trailing 。/. (SCHEMA: names drop a trailing 。).
pub fn trim_name(text: &str) -> &str {
    text.trim().trim_end_matches(['。', '.']).trim_end()
}

/// Whether a character is CJK (used to decide whether a line break inside a cell joins words).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn la() -> Lookalikes {
        [('己', '已'), ('入', '人')].into_iter().collect()
    }

    #[test]
    fn fold_unifies_width_space_and_lookalikes() {
        assert_eq!(
            fold("会期（含报到 和离开时间）", &la()),
            fold("会期(含报到和离开时间)", &la())
        );
        assert_eq!(fold("己完工", &la()), "已完工");
        assert_eq!(fold("培训入次。", &la()), "培训人次");
        assert_eq!(fold("年度资金总额：", &la()), "年度资金总额");
        assert_ne!(fold("社会", &la()), fold("社区", &la()));
    }

    #[test]
    fn printed_index_maps_key_positions_back() {
        let t = "按照要求， 在合同";
        let k = fold("按照要求,在", &la()).chars().count();
        let i = printed_index_after(t, k, &la()).unwrap_or(0);
        assert_eq!(&t[..i], "按照要求， 在");
        let j = printed_index_before(t, 2, &la()).unwrap_or(0);
        assert_eq!(&t[j..], "合同");
        assert_eq!(printed_index_after("ab", 5, &la()), None);
    }

    #[test]
    fn trim_name_drops_trailing_full_stop() {
        assert_eq!(trim_name(" 印制宣传品数量。 "), "印制宣传品数量");
    }
}
