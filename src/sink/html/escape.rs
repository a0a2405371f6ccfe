//! HTML escaping. Any text goes in; out comes the same text with `&` `<` `>` `"` `'` replaced by
//! character references, so it is inert both as element content and inside a quoted attribute
//! value. Every piece of input-derived text on the review page passes through `escape`.

/// The text with the five HTML-significant characters escaped (see the module doc).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(escape(""), "");
    }
}
