//! Why an input produced no document: an I/O error or a listing problem goes in; out comes a
//! `Failure` — the input's path, a `FailureKind` (whose code, `input.not_found` …, is what the
//! errors file and standard error print) and the message.

use serde::{Serialize, Serializer};

/// The kinds of failure a bulk run records, each with its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    NotFound,
    PermissionDenied,
    IsDirectory,
    SymlinkLoop,
    /// Any other I/O error reading an input.
    Io,
    /// A directory holding no file with an input extension.
    NoFiles,
    /// A directory that could not be walked.
    Walk,
    /// `--resume`: the input changed since its records were written, and the output format
    /// cannot replace them.
    ResumeChanged,
    /// The document could not be encoded for the output.
    OutputEncode,
}

impl FailureKind {
    pub const ALL: &'static [FailureKind] = &[
        FailureKind::NotFound,
        FailureKind::PermissionDenied,
        FailureKind::IsDirectory,
        FailureKind::SymlinkLoop,
        FailureKind::Io,
        FailureKind::NoFiles,
        FailureKind::Walk,
        FailureKind::ResumeChanged,
        FailureKind::OutputEncode,
    ];

    /// The code printed for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::NotFound => "input.not_found",
            FailureKind::PermissionDenied => "input.permission_denied",
            FailureKind::IsDirectory => "input.is_directory",
            FailureKind::SymlinkLoop => "input.symlink_loop",
            FailureKind::Io => "input.io",
            FailureKind::NoFiles => "input.no_files",
            FailureKind::Walk => "input.walk",
            FailureKind::ResumeChanged => "resume.changed",
            FailureKind::OutputEncode => "output.encode",
        }
    }
}

impl std::fmt::Display for FailureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FailureKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An input that produced no document, and why (one line of the errors file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub path: String,
    pub code: FailureKind,
    pub message: String,
}

impl Failure {
    /// A failure from an I/O error, with a kind for its error kind.
    pub fn io(path: &str, e: &std::io::Error) -> Failure {
        use std::io::ErrorKind as K;
        let code = match e.kind() {
            K::NotFound => FailureKind::NotFound,
            K::PermissionDenied => FailureKind::PermissionDenied,
            K::IsADirectory => FailureKind::IsDirectory,
            _ if e.raw_os_error() == Some(21) => FailureKind::IsDirectory,
            _ if e.raw_os_error() == Some(40) => FailureKind::SymlinkLoop,
            _ => FailureKind::Io,
        };
        Failure {
            path: path.to_string(),
            code,
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_in_its_family() {
        let codes: std::collections::HashSet<&str> =
            FailureKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(codes.len(), FailureKind::ALL.len());
        assert!(codes.iter().all(|c| ["input.", "resume.", "output."]
            .iter()
            .any(|p| c.starts_with(p))));
        let line = serde_json::to_string(&Failure {
            path: "a.md".into(),
            code: FailureKind::NoFiles,
            message: "m".into(),
        })
        .unwrap_or_default();
        assert_eq!(
            line,
            r#"{"path":"a.md","code":"input.no_files","message":"m"}"#
        );
    }
}
