//! Cell text cleaning. The raw source text of a cell goes in (it may hold `<br>`, `<p>`,
//! other tags and HTML entities); out comes the cell's text: tags removed (a line break inside
//! a CJK word joins without a space, elsewhere it becomes a space), entities decoded,
//! whitespace runs collapsed, trimmed. The contents of `<script>` and `<style>` elements are
//! not cell text: they are dropped with the tags (`clean_cell_counted` says how many were, so
//! the readers can report them).

use crate::normalize::is_cjk;

/// Decodes the HTML entities OCR tools emit (`&nbsp;` `&amp;` `&lt;` `&gt;` `&quot;` `&#39;`
/// `&#NNN;` `&#xHH;`); an unknown entity is kept as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| j);
        let decoded = end.and_then(|j| {
            let name = &tail[1..j];
            let c = match name {
                "nbsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, j + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether the tag text (between `<` and `>`) breaks a line: br, p, div, li.
fn is_break_tag(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(name.as_str(), "br" | "p" | "div" | "li" | "tr")
}

/// The element name of an opening tag's text (between `<` and `>`) when it is `script` or
/// `style` and not self-closing.
fn raw_text_element(tag: &str) -> Option<&'static str> {
    if tag.starts_with('/') || tag.ends_with('/') {
        return None;
    }
    let name: String = tag
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "script" => Some("script"),
        "style" => Some("style"),
        _ => None,
    }
}

/// The rest of `text` after the closing tag `</name …>` (ASCII case-insensitive); empty when
/// the element is never closed (a browser drops the rest as well).
fn after_close<'a>(text: &'a str, name: &str) -> &'a str {
    let close = format!("</{name}");
    super::find_ci::find_ci(text, &close)
        .and_then(|i| text.get(i..))
        .and_then(|t| t.find('>').and_then(|j| t.get(j + 1..)))
        .unwrap_or("")
}

/// Cleans a cell's raw text (see the module doc).
pub fn clean_cell(raw: &str) -> String {
    clean_cell_counted(raw).0
}

/// `clean_cell`, also counting the `<script>`/`<style>` elements whose contents were dropped.
pub fn clean_cell_counted(raw: &str) -> (String, usize) {
    // no markup and no entity (most cells): only the whitespace pass
    if !raw.contains(['<', '&']) {
        return (collapse_whitespace(raw), 0);
    }
    // Pass 1: tags out; a break tag leaves a '\n' marker; script/style contents go too.
    let mut stripped = String::with_capacity(raw.len());
    let mut dropped = 0;
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        stripped.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let is_tag = tail
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match tail.find('>') {
            Some(j) if is_tag => {
                let tag = &tail[..j];
                if is_break_tag(tag) {
                    stripped.push('\n');
                }
                rest = &tail[j + 1..];
                if let Some(name) = raw_text_element(tag) {
                    dropped += 1;
                    rest = after_close(rest, name);
                }
            }
            _ => {
                stripped.push('<');
                rest = tail;
            }
        }
    }
    stripped.push_str(rest);
    (collapse_whitespace(&decode_entities(&stripped)), dropped)
}

/// Pass 2 of the cleaning: whitespace runs collapse to one space, a line break between two CJK
/// characters joins them, and the ends are trimmed.
fn collapse_whitespace(decoded: &str) -> String {
    let mut out = String::with_capacity(decoded.len());
    let mut pending: Option<bool> = None; // Some(had_newline)
    for c in decoded.chars() {
        if c.is_whitespace() {
            let nl = c == '\n';
            pending = Some(pending.unwrap_or(false) || nl);
            continue;
        }
        if let Some(had_newline) = pending.take() {
            if !out.is_empty() {
                let prev_cjk = out.chars().next_back().is_some_and(is_cjk);
                if !(had_newline && prev_cjk && is_cjk(c)) {
                    out.push(' ');
                }
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn br_p_and_entities() {
        assert_eq!(clean_cell("项目资金<br>(万元)"), "项目资金 (万元)");
        assert_eq!(clean_cell("培训<br/>场次"), "培训场次");
        assert_eq!(clean_cell("<p>目标1: a&nbsp;&amp; b</p>"), "目标1: a & b");
        assert_eq!(
            clean_cell("&#36;5 &#x4E00; &bogus; a<b"),
            "$5 一 &bogus; a<b"
        );
        assert_eq!(clean_cell("  ≥ 5场  "), "≥ 5场");
    }

    #[test]
    fn script_and_style_contents_are_dropped_and_counted() {
        assert_eq!(
            clean_cell_counted("<script>alert(1)</script>培训场次"),
            ("培训场次".to_string(), 1)
        );
        assert_eq!(
            clean_cell_counted("a<STYLE type=x>td{color:red}</Style >b<script src=y></script>"),
            ("ab".to_string(), 2)
        );
        // never closed: the rest of the cell is script
        assert_eq!(
            clean_cell_counted("名称<script>x = 1"),
            ("名称".to_string(), 1)
        );
        // escaped markup is text, not an element
        assert_eq!(
            clean_cell_counted("&lt;script&gt;x&lt;/script&gt;"),
            ("<script>x</script>".to_string(), 0)
        );
        // a self-closing or closing tag alone drops nothing
        assert_eq!(
            clean_cell_counted("a<script/>b</script>c"),
            ("abc".to_string(), 0)
        );
        assert_eq!(clean_cell("<scripts>a</scripts>"), "a");
    }
}
