//! Radical glyphs → ideographs. Decoded text goes in; out comes, only when the text holds
//! them, the same text with each CJK radical glyph read as the ideograph it stands for (`⽬` →
//! `目`, `⻔` → `门`) and how many were changed. PDF text extractors that map a CJK font's glyphs
//! back to characters (pdfplumber / pdfminer) often name a glyph the font shares between a
//! radical and an ideograph by the radical's code point, so `项目名称` comes out `项⽬名称` and
//! no key, label or name of the vocabulary is found in it. Kangxi radicals (U+2F00–U+2FD5) take
//! their NFKC ideograph (`⼾` the simplified `户`, as a simplified font draws it); the radicals
//! supplement (U+2E80–U+2EF3) the ideograph of the same name where it has one (its simplified
//! forms `⻓` `⻔` …). Every radical and its ideograph are three bytes in UTF-8, so byte offsets,
//! lines and columns are unchanged. A text with none is returned untouched (`None`): one pass
//! over the bytes looking for the radicals' lead bytes `E2 BA`..`E2 BF`.

use unicode_normalization::UnicodeNormalization;

/// The supplement's radicals that stand for an ideograph, and that ideograph.
const SUPPLEMENT: &[(char, char)] = &[
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺩', '王'),
    ('⺰', '纟'),
    ('⺼', '月'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻈', '讠'),
    ('⻉', '贝'),
    ('⻋', '车'),
    ('⻐', '钅'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻠', '饣'),
    ('⻢', '马'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
];

/// The ideograph a radical glyph stands for; `None` for any other character.
fn ideograph(c: char) -> Option<char> {
    match c {
        '⼾' => Some('户'),
        '\u{2F00}'..='\u{2FD5}' => {
            let mut n = std::iter::once(c).nfkc();
            n.next().filter(|&i| i != c && i.len_utf8() == 3)
        }
        '\u{2E80}'..='\u{2EF3}' => SUPPLEMENT
            .binary_search_by_key(&c, |&(r, _)| r)
            .ok()
            .and_then(|k| SUPPLEMENT.get(k))
            .map(|&(_, i)| i),
        _ => None,
    }
}

/// Whether `text` may hold a radical glyph: a lead byte `E2` followed by `BA`..`BF`.
fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xE2, b).any(|i| b.get(i + 1).is_some_and(|&n| (0xBA..=0xBF).contains(&n)))
}

/// `text` with its radical glyphs read as ideographs, and how many there were; `None` when
/// there is none.
pub fn fold(text: &str) -> Option<(String, usize)> {
    if !may_hold(text) {
        return None;
    }
    let mut n = 0;
    let out: String = text
        .chars()
        .map(|c| match ideograph(c) {
            Some(i) => {
                n += 1;
                i
            }
            None => c,
        })
        .collect();
    (n > 0).then_some((out, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radical_glyphs_read_as_the_ideographs_they_stand_for() {
        let (t, n) = fold("项⽬名称 配套管⽹巡查疏通⻓度 主管部⻔ 农⼾").unwrap_or_default();
        assert_eq!(t, "项目名称 配套管网巡查疏通长度 主管部门 农户");
        assert_eq!(n, 5);
    }

    #[test]
    fn a_text_without_radicals_is_untouched() {
        assert_eq!(fold("项目名称 “绩效” ≥90% —— ⺀"), None);
        assert_eq!(fold(""), None);
    }

    #[test]
    fn byte_offsets_do_not_move() {
        let s = "⼀级指标 ⼆级指标 ⻓效";
        let (t, _) = fold(s).unwrap_or_default();
        assert_eq!(t.len(), s.len());
        assert_eq!(t, "一级指标 二级指标 长效");
    }

    #[test]
    fn the_supplement_table_is_sorted() {
        assert!(SUPPLEMENT.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(SUPPLEMENT
            .iter()
            .all(|&(r, i)| r.len_utf8() == 3 && i.len_utf8() == 3));
    }
}
