//! ASCII case-insensitive substring search. A haystack and a lowercase ASCII needle go in; out
//! comes the byte offset of the first match, as `haystack.to_ascii_lowercase().find(needle)`
//! would give it, without copying the haystack (blocks and whole documents are searched for
//! `<table` many times).

/// Byte offset of the first ASCII case-insensitive match of `needle` (lowercase ASCII) in `hay`.
pub fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let first = *n.first()?;
    let h = hay.as_bytes();
    let upper = first.to_ascii_uppercase();
    // the first byte in either case, by SIMD search (`<` has one case)
    let next = |rest: &[u8]| {
        if upper == first {
            memchr::memchr(first, rest)
        } else {
            memchr::memchr2(first, upper, rest)
        }
    };
    let mut from = 0;
    while let Some(i) = h.get(from..).and_then(next) {
        let at = from + i;
        if h.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Whether `hay` holds `needle` (lowercase ASCII), ignoring ASCII case.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    find_ci(hay, needle).is_some()
}

/// How many non-overlapping ASCII case-insensitive matches of `needle` `hay` holds.
pub fn count_ci(hay: &str, needle: &str) -> usize {
    let (mut n, mut from) = (0, 0);
    while let Some(i) = hay.get(from..).and_then(|rest| find_ci(rest, needle)) {
        n += 1;
        from += i + needle.len().max(1);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_what_lowercasing_finds() {
        for hay in [
            "",
            "<TABLE>",
            "a<TaBlE b",
            "<tabl",
            "表格<table>",
            "<<table",
            "x<tablex<TABLE",
        ] {
            let want = hay.to_ascii_lowercase().find("<table");
            assert_eq!(find_ci(hay, "<table"), want, "{hay}");
            assert_eq!(
                count_ci(hay, "<table"),
                hay.to_ascii_lowercase().matches("<table").count(),
                "{hay}"
            );
        }
        assert_eq!(find_ci("abc", ""), None);
        // a needle that opens with a letter: found in either case
        for (hay, want) in [("xTaBle", Some(1)), ("tabl TABLE", Some(5)), ("tab", None)] {
            assert_eq!(find_ci(hay, "table"), want, "{hay}");
        }
    }
}
