//! Input listing — the one walker of input folders (bulk runs and the corpus check): command-line
//! paths, `-` (standard input) and `--files-from` lists go in; out come the inputs in a stable
//! order (as given; a directory's files sorted by name, walked recursively and filtered by
//! extension, notes beside the inputs left out: `README*` and `*.extra.json` sidecars) and,
//! separately, the problems met while listing (missing paths, unreadable directories, symlink
//! loops) — each a failure of its own, never a reason to stop.

use super::{Failure, FailureKind};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// File extensions taken from directories (files named explicitly are always taken).
pub const DEFAULT_EXTENSIONS: [&str; 5] = ["md", "markdown", "html", "htm", "txt"];

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// The name the input is known by in every output: its path as given or found, or `-`.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.to_string_lossy().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Whether a file found in a folder is a note beside the inputs rather than an input: a
/// `README*` (any case) or a `*.extra.json` sidecar. Files named explicitly are always taken.
pub fn is_note(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.get(..6)
        .is_some_and(|head| head.eq_ignore_ascii_case("readme"))
        || name.ends_with(".extra.json")
}

/// What the listing found.
#[derive(Debug, Default)]
pub struct Listing {
    pub inputs: Vec<Input>,
    pub failures: Vec<Failure>,
}

/// Lists the inputs named by `paths` (files, directories, `-`). Directories are walked
/// recursively (following symlinks, with loops reported) for files whose extension is in
/// `extensions`. An input named twice is taken once.
pub fn list(paths: &[PathBuf], extensions: &[String]) -> Listing {
    let mut out = Listing::default();
    let mut seen: HashSet<Input> = HashSet::new();
    let mut push = |out: &mut Listing, input: Input| {
        if seen.insert(input.clone()) {
            out.inputs.push(input);
        }
    };
    for p in paths {
        if p.as_os_str() == "-" {
            push(&mut out, Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let before = out.inputs.len();
                walk(p, extensions, &mut out, &mut push);
                if out.inputs.len() == before {
                    out.failures.push(Failure {
                        path: p.to_string_lossy().to_string(),
                        code: FailureKind::NoFiles,
                        message: format!(
                            "a directory with no input files (extensions: {})",
                            extensions.join(", ")
                        ),
                    });
                }
            }
            Ok(_) => push(&mut out, Input::File(p.clone())),
            Err(e) => out.failures.push(Failure::io(&p.to_string_lossy(), &e)),
        }
    }
    out
}

fn walk(
    dir: &Path,
    extensions: &[String],
    out: &mut Listing,
    push: &mut impl FnMut(&mut Listing, Input),
) {
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let take = e
                    .path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| extensions.iter().any(|w| w.eq_ignore_ascii_case(x)))
                    && !is_note(e.path());
                if take {
                    push(out, Input::File(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or_else(|| dir.to_string_lossy().to_string());
                let code = if e.loop_ancestor().is_some() {
                    FailureKind::SymlinkLoop
                } else {
                    FailureKind::Walk
                };
                out.failures.push(Failure {
                    path,
                    code,
                    message: e.to_string(),
                });
            }
        }
    }
}

/// Reads a `--files-from` list: one path per line; blank lines and lines starting with `#` are
/// skipped. `-` reads the list from standard input.
pub fn read_list(list: &Path) -> std::io::Result<Vec<PathBuf>> {
    let text = if list.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(list)?
    };
    Ok(text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(PathBuf::from)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_filters_and_reports_missing() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        let _ = std::fs::create_dir_all(d.join("sub"));
        for f in [
            "b.md",
            "a.html",
            "skip.pdf",
            "sub/c.MD",
            "README.md",
            "sub/readme.txt",
            "sub/c.extra.json",
        ] {
            let _ = std::fs::write(d.join(f), "x");
        }
        let exts: Vec<String> = DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect();
        let l = list(
            &[d.to_path_buf(), d.join("missing.md"), d.join("b.md")],
            &exts,
        );
        let names: Vec<String> = l
            .inputs
            .iter()
            .map(|i| i.name().replace(&*d.to_string_lossy(), ""))
            .collect();
        assert_eq!(names, ["/a.html", "/b.md", "/sub/c.MD"]);
        assert_eq!(l.failures.len(), 1);
        assert_eq!(l.failures[0].code, FailureKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_a_failure_not_a_hang() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let d = dir.path();
        let _ = std::fs::create_dir_all(d.join("a"));
        let _ = std::fs::write(d.join("a/x.md"), "x");
        let _ = std::os::unix::fs::symlink(d, d.join("a/loop"));
        let l = list(&[d.to_path_buf()], &["md".to_string()]);
        assert_eq!(l.inputs.len(), 1);
        assert!(l
            .failures
            .iter()
            .any(|f| f.code == FailureKind::SymlinkLoop));
    }

    #[test]
    fn a_directory_without_input_files_is_reported() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::write(dir.path().join("notes.pdf"), "x");
        let l = list(&[dir.path().to_path_buf()], &["md".to_string()]);
        assert!(l.inputs.is_empty());
        assert_eq!(
            l.failures.first().map(|f| f.code),
            Some(FailureKind::NoFiles)
        );
    }
}
