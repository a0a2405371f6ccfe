//! Cell text cleaning. The raw source text of a cell goes in (it may hold `<br>`, `<p>`,
//! other tags and HTML entities); out comes the cell's text: tags removed (a line break inside
//! a CJK word joins without a space, elsewhere it becomes a space), entities decoded,
//! whitespace runs collapsed, trimmed.

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

/// Cleans a cell's raw text (see the module doc).
pub fn clean_cell(raw: &str) -> String {
    // Pass 1: tags out; a break tag leaves a '\n' marker.
    let mut stripped = String::with_capacity(raw.len());
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
                if is_break_tag(&tail[..j]) {
                    stripped.push('\n');
                }
                rest = &tail[j + 1..];
            }
            _ => {
                stripped.push('<');
                rest = tail;
            }
        }
    }
    stripped.push_str(rest);
    let decoded = decode_entities(&stripped);
    // Pass 2: whitespace runs collapse; a break between two CJK characters joins them.
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
}
