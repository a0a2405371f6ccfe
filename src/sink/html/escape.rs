//! HTML escaping. Any text goes in; out comes the same text with `&` `<` `>` `"` `'` replaced by
//! character references, so it is inert both as element content and inside a quoted attribute
//! value, and with every character that would act on the page unseen — NUL and the other C0/C1
//! controls (tab and newline kept), bidi embeddings, overrides and isolates (U+202A–202E,
//! U+2066–2069), zero-width and other invisible format characters — written as a visible escape
//! `⟨U+202E⟩`, never raw, so input cannot reverse or hide the page's own text. Every piece of
//! input-derived text on the review page passes through `escape`; `clip` also folds a long text
//! into a `<details>` that shows its start and opens on the full text.

use std::fmt::Write;

/// Whether `c` is shown as a `⟨U+XXXX⟩` escape: controls (tab and newline aside) and the
/// invisible format characters (Unicode category Cf that occur in text: bidi marks, embeddings,
/// overrides and isolates, zero-width characters, the BOM, interlinear annotation marks) and the
/// line/paragraph separators.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{ad}' | '\u{61c}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}')
}

/// The text with the five HTML-significant characters escaped and hidden characters shown (see
/// the module doc).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_hidden(c) => {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Texts longer than this many characters are folded by `clip`.
pub const CLIP_CHARS: usize = 60;

/// The text escaped; when longer than `CLIP_CHARS`, folded into a `<details>` whose summary is
/// its first characters and the length, the full text shown when opened.
pub fn clip(text: &str) -> String {
    let n = text.chars().count();
    if n <= CLIP_CHARS {
        return escape(text);
    }
    let head: String = text.chars().take(CLIP_CHARS / 2).collect();
    format!(
        "<details class=\"long\"><summary>{}… ({n} chars)</summary>{}</details>",
        escape(&head),
        escape(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_folded_short_ones_kept() {
        assert_eq!(clip("a<b"), "a&lt;b");
        let long = "<".repeat(200);
        let c = clip(&long);
        assert!(c.starts_with("<details class=\"long\"><summary>&lt;"));
        assert!(c.contains("… (200 chars)</summary>"));
        assert_eq!(c.matches("&lt;").count(), 230);
    }

    #[test]
    fn the_five_characters_are_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn already_escaped_text_is_escaped_again() {
        // the cell text `&lt;` must show as `&lt;`, not as `<`
        assert_eq!(escape("&lt;img&gt;"), "&amp;lt;img&amp;gt;");
    }

    #[test]
    fn other_text_is_kept() {
        assert_eq!(escape("培训场次 ≥1场"), "培训场次 ≥1场");
        assert_eq!(escape("a\tb\nc"), "a\tb\nc");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn bidi_controls_nul_and_invisible_characters_are_shown_not_written() {
        assert_eq!(escape("0.\u{202e}95"), "0.⟨U+202E⟩95");
        assert_eq!(escape("a\u{0}b\u{1b}c\r"), "a⟨U+0000⟩b⟨U+001B⟩c⟨U+000D⟩");
        assert_eq!(
            escape("\u{2066}x\u{2069}\u{200b}\u{feff}"),
            "⟨U+2066⟩x⟨U+2069⟩⟨U+200B⟩⟨U+FEFF⟩"
        );
        for c in ('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}')
            .chain('\u{0}'..='\u{8}')
        {
            assert!(
                !escape(&format!("x{c}y")).contains(c),
                "{:04X} written raw",
                c as u32
            );
        }
    }
}
