//! Bytes → text. A file's bytes go in; out comes UTF-8 text with `\n` line ends and the name
//! of the encoding it was read as. Detection: a BOM (UTF-8, UTF-16 LE/BE) wins; else valid
//! UTF-8; else GB18030 (a superset of GBK/GB2312, common in Chinese archives) when it decodes
//! without errors; else UTF-8 with replacement characters and a diagnostic giving the byte
//! offset of the first undecodable sequence. `--encoding` forces one.

use crate::model::{Diagnostic, DiagnosticKind, Diagnostics, Severity};
pub use encoding_rs::Encoding;
use encoding_rs::{GB18030, UTF_8};

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Looks an encoding up by a WHATWG label (`utf-8`, `gbk`, `gb18030`, `utf-16le`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes` (see the module doc), then reads CJK radical glyphs as the ideographs they
/// stand for (`radicals`; a `decode.radicals` diagnostic says how many).
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>, diags: &mut Diagnostics) -> Decoded {
    let mut d = decode_bytes(bytes, forced, diags);
    if let Some((text, n)) = crate::radicals::fold(&d.text) {
        d.text = text;
        diags.push(Diagnostic::new(
            DiagnosticKind::DecodeRadicals,
            Severity::Info,
            format!("{n} CJK radical glyphs (`⽬`, `⻔` …) read as the ideographs they stand for"),
        ));
    }
    d
}

/// Bytes → text with `\n` line ends (see the module doc).
fn decode_bytes(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    diags: &mut Diagnostics,
) -> Decoded {
    let (encoding, body) = match forced {
        Some(enc) => (enc, bytes),
        None => match Encoding::for_bom(bytes) {
            Some((enc, bom_len)) => (enc, bytes.get(bom_len..).unwrap_or_default()),
            None => {
                // valid UTF-8 (the common case): one SIMD validating pass, no second one
                if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
                    return Decoded {
                        text: normalize_newlines(text),
                        encoding: UTF_8.name(),
                    };
                }
                if GB18030
                    .decode_without_bom_handling_and_without_replacement(bytes)
                    .is_some()
                {
                    (GB18030, bytes)
                } else {
                    (UTF_8, bytes)
                }
            }
        },
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let offset = first_bad_offset(encoding, body);
        diags.push(Diagnostic::new(
            DiagnosticKind::DecodeInvalid,
            Severity::Warning,
            format!(
                "bytes not valid {} from byte offset {offset}; replaced with U+FFFD",
                encoding.name()
            ),
        ));
    }
    Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name(),
    }
}

/// Byte offset of the first sequence `encoding` cannot decode.
fn first_bad_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(
            bytes.get(read..).unwrap_or_default(),
            &mut out,
            true,
        );
        read += n;
        match result {
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return read.saturating_sub(bad as usize);
            }
            encoding_rs::DecoderResult::OutputFull => out.reserve(4096),
            encoding_rs::DecoderResult::InputEmpty => return read,
        }
    }
}

/// CRLF and lone CR become LF.
pub fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(b: &[u8]) -> (Decoded, Diagnostics) {
        let mut d = Vec::new();
        (decode(b, None, &mut d), d)
    }

    /// pdfplumber's text of a PDF printed with a CJK font: radical code points for ideographs.
    #[test]
    fn radical_glyphs_are_read_as_ideographs_with_a_diagnostic() {
        let (d, diags) = dec("项⽬名称 主管部⻔\n".as_bytes());
        assert_eq!(d.text, "项目名称 主管部门\n");
        assert_eq!(diags.len(), 1);
        assert!(diags
            .iter()
            .all(|x| x.kind == DiagnosticKind::DecodeRadicals));
        assert!(dec("项目名称".as_bytes()).1.is_empty());
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec("指标\r\n值\r".as_bytes()).0.text, "指标\n值\n");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("表".as_bytes());
        let (d, diags) = dec(&b);
        assert_eq!((d.text.as_str(), d.encoding), ("表", "UTF-8"));
        assert!(diags.is_empty());
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode("项目支出绩效目标表");
        let (d, diags) = dec(&bytes);
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("项目支出绩效目标表", "gb18030")
        );
        assert!(diags.is_empty());
    }

    #[test]
    fn utf16_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "指标".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(dec(&b).0.text, "指标");
    }

    #[test]
    fn undecodable_bytes_become_a_diagnostic_with_offset() {
        // valid UTF-8, then a lone continuation byte, then an invalid GB18030 pair
        let b = [b'a', b'b', 0x80, 0xFF, 0xFF];
        let (d, diags) = dec(&b);
        assert!(d.text.contains('\u{FFFD}'));
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.contains("offset 2"),
            "{}",
            diags[0].message
        );
    }
}
