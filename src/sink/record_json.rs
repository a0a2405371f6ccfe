//! A record's columns (`flat::RecordColumns`) → their JSON members, written straight into a
//! buffer: `"level1":…,"level2":…,…,"value_col":…}` — exactly the bytes `serde_json` writes for
//! the struct, without its opening brace. JSONL writes one per line, 100,000s per run; keys are
//! fixed byte strings and a string that needs no escape is copied whole (most OCR text: no
//! quote, backslash or control character) and integers are written by itoa (as serde_json does),
//! so only the rare escaped string and the floats go through `serde_json`. The unit test holds
//! the bytes to `serde_json::to_vec` of the struct.

use super::flat::{FamilyColumn, FlatValue, RecordColumns, FAMILY_COLUMNS};

/// Writes a JSON string: copied between quotes when nothing in it needs escaping, else by
/// `serde_json` (the same escapes it writes everywhere else).
fn string(out: &mut Vec<u8>, s: &str) {
    // no early exit: the loop vectorises, and the texts are short
    let escape = s.bytes().fold(false, |acc, b| {
        acc | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if escape {
        // writing to a Vec cannot fail, and a &str always serialises
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A float as `serde_json` writes it (its shortest form).
fn float(out: &mut Vec<u8>, n: f64) {
    let _ = serde_json::to_writer(&mut *out, &n);
}

/// Confidences are rounded to three places: a document's records share a handful, so each is
/// formatted once (by `float`) and copied after.
#[derive(Default)]
pub struct Confidences {
    /// (bits of the value, its JSON text)
    seen: Vec<(u64, Vec<u8>)>,
}

/// Distinct confidences kept per document before the cache stops growing.
const MAX_CONFIDENCES: usize = 32;

impl Confidences {
    fn write(&mut self, out: &mut Vec<u8>, n: f64) {
        let bits = n.to_bits();
        if let Some((_, text)) = self.seen.iter().find(|(b, _)| *b == bits) {
            out.extend_from_slice(text);
            return;
        }
        let mut text = Vec::new();
        float(&mut text, n);
        out.extend_from_slice(&text);
        if self.seen.len() < MAX_CONFIDENCES {
            self.seen.push((bits, text));
        }
    }
}

/// An integer as `serde_json` writes it (it uses itoa too).
fn integer(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn opt_float(out: &mut Vec<u8>, n: Option<f64>) {
    match n {
        Some(n) => float(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_integer(out: &mut Vec<u8>, n: Option<usize>) {
    match n {
        Some(n) => integer(out, n),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends the record's members and the closing brace (see the module doc).
pub fn write_members(out: &mut Vec<u8>, r: &RecordColumns<'_>, conf: &mut Confidences) {
    write_own_members(out, r, conf);
    write_family(out, FAMILY_COLUMNS.iter().zip(&r.family));
    out.push(b'}');
}

/// Appends the record's members up to its family columns (`"level1":…,"value_col":…`).
pub fn write_own_members(out: &mut Vec<u8>, r: &RecordColumns<'_>, conf: &mut Confidences) {
    out.extend_from_slice(b"\"level1\":");
    string(out, r.level1);
    out.extend_from_slice(b",\"level2\":");
    string(out, r.level2);
    out.extend_from_slice(b",\"name\":");
    string(out, r.name);
    out.extend_from_slice(b",\"value\":");
    opt_string(out, r.value);
    out.extend_from_slice(b",\"op\":");
    opt_string(out, r.op);
    out.extend_from_slice(b",\"number\":");
    opt_float(out, r.number);
    out.extend_from_slice(b",\"unit\":");
    opt_string(out, r.unit);
    out.extend_from_slice(b",\"confidence\":");
    conf.write(out, r.confidence);
    out.extend_from_slice(b",\"repairs\":[");
    for (i, repair) in r.repairs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"code\":");
        string(out, repair.code());
        out.extend_from_slice(b",\"reason\":");
        string(out, &repair.reason);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"line\":");
    integer(out, r.line);
    out.extend_from_slice(b",\"col\":");
    integer(out, r.col);
    out.extend_from_slice(b",\"value_line\":");
    opt_integer(out, r.value_line);
    out.extend_from_slice(b",\"value_col\":");
    opt_integer(out, r.value_col);
}

/// Appends family columns as members (`,"stage":"target",…`), each column with its value.
pub fn write_family<'a, 'v: 'a>(
    out: &mut Vec<u8>,
    columns: impl Iterator<Item = (&'a FamilyColumn, &'a FlatValue<'v>)>,
) {
    for (c, v) in columns {
        out.extend_from_slice(b",\"");
        out.extend_from_slice(c.name.as_bytes());
        out.extend_from_slice(b"\":");
        match v {
            FlatValue::Null => out.extend_from_slice(b"null"),
            FlatValue::Text(s) => string(out, s),
            // extra: a JSON object, written as such
            FlatValue::Owned(s) => out.extend_from_slice(s.as_bytes()),
            FlatValue::Int(n) => out.extend_from_slice(itoa::Buffer::new().format(*n).as_bytes()),
            FlatValue::Real(n) => float(out, *n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_members(r: &RecordColumns<'_>) -> Vec<u8> {
        let whole = serde_json::to_vec(r).unwrap_or_default();
        whole.get(1..).unwrap_or_default().to_vec()
    }

    #[test]
    fn writes_the_bytes_serde_json_writes() {
        let texts = [
            "培训场次",
            "",
            "a \"quoted\" b",
            "back\\slash",
            "line\nbreak\ttab\r\u{1}\u{1f}\u{7f}",
            "≥95%",
            "😀 </script>",
        ];
        let numbers = [
            None,
            Some(0.0),
            Some(95.0),
            Some(-1.5e-7),
            Some(1e21),
            Some(0.1 + 0.2),
        ];
        let repairs: Vec<crate::model::Repair> = texts
            .iter()
            .zip(crate::model::RepairKind::ALL)
            .map(|(t, k)| crate::model::Repair::new(*k, *t))
            .collect();
        let mut checked = 0;
        // one cache across all records: each confidence is written from it after its first
        let mut conf = Confidences::default();
        for (i, t) in texts.iter().enumerate() {
            for (j, n) in numbers.iter().enumerate() {
                let r = RecordColumns {
                    level1: t,
                    level2: texts[(i + 1) % texts.len()],
                    name: texts[(i + j) % texts.len()],
                    value: (j % 2 == 0).then_some(*t),
                    op: (j % 3 == 0).then_some("≥"),
                    number: *n,
                    unit: (j % 2 == 1).then_some(texts[j % texts.len()]),
                    confidence: [0.95, 0.6, 1.0, 0.123_456_789][j % 4],
                    repairs: repairs.get(..j).unwrap_or_default(),
                    line: i * 1000,
                    col: j,
                    value_line: (i % 2 == 0).then_some(usize::MAX),
                    value_col: (j % 2 == 0).then_some(j),
                    family: Vec::new(),
                };
                let mut out = Vec::new();
                write_members(&mut out, &r, &mut conf);
                assert_eq!(
                    String::from_utf8_lossy(&out),
                    String::from_utf8_lossy(&serde_members(&r))
                );
                checked += 1;
            }
        }
        assert_eq!(checked, texts.len() * numbers.len());
    }
}
