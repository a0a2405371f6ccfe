//! Atomic file output: bytes go in (all at once, or written as they come); out comes the file
//! at its final path, complete, or — when anything fails or the writer is dropped unfinished —
//! the path as it was before. The bytes go to a hidden temporary file in the same folder, which
//! is renamed into place at the end (a rename within one folder replaces the file at once).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The temporary file a final output is written through: hidden, in the same folder.
pub fn temp_path(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    dir.join(format!(".{name}.tmp{}", std::process::id()))
}

/// An output being written: its temporary file until `commit` renames it into place. Dropped
/// without a commit, it removes the temporary file.
pub struct AtomicFile {
    tmp: PathBuf,
    path: PathBuf,
    w: Option<BufWriter<File>>,
}

/// What failed, and on which file (the temporary one, or the final path for the rename).
#[derive(Debug, thiserror::Error)]
#[error("{doing} {}", path.display())]
pub struct AtomicError {
    pub doing: &'static str,
    pub path: PathBuf,
    pub source: std::io::Error,
}

fn fail(doing: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> AtomicError {
    let path = path.to_path_buf();
    move |source| AtomicError {
        doing,
        path,
        source,
    }
}

impl AtomicFile {
    /// Creates the temporary file for `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, AtomicError> {
        let tmp = temp_path(path);
        let f = File::create(&tmp).map_err(fail("creating", &tmp))?;
        Ok(AtomicFile {
            tmp,
            path: path.to_path_buf(),
            w: Some(BufWriter::new(f)),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `bytes` to the temporary file.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), AtomicError> {
        match &mut self.w {
            Some(w) => w.write_all(bytes).map_err(fail("writing", &self.tmp)),
            None => Ok(()),
        }
    }

    /// Flushes and syncs the temporary file and renames it to the final path. On failure the
    /// temporary file is removed and the final path is left as it was.
    pub fn commit(mut self) -> Result<(), AtomicError> {
        let Some(w) = self.w.take() else {
            return Ok(());
        };
        let res = w
            .into_inner()
            .map_err(|e| fail("writing", &self.tmp)(e.into_error()))
            .and_then(|f| f.sync_all().map_err(fail("syncing", &self.tmp)))
            .and_then(|()| {
                std::fs::rename(&self.tmp, &self.path).map_err(fail("renaming into", &self.path))
            });
        if res.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        res
    }

    /// Drops the output: the temporary file goes and the final path stays as it was.
    pub fn abandon(mut self) -> Result<(), AtomicError> {
        self.w = None;
        std::fs::remove_file(&self.tmp).map_err(fail("removing", &self.tmp))
    }
}

/// Writing through the temporary file (for writers that take an `io::Write`, such as Parquet's).
impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.w {
            Some(w) => w.write(buf),
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.w {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    /// An output neither committed nor abandoned leaves no temporary file behind.
    fn drop(&mut self) {
        if self.w.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AtomicError> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_output_leaves_the_old_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("out.json");
        let _ = std::fs::write(&path, "old");
        let mut f = AtomicFile::create(&path).unwrap_or_else(|e| panic!("{e}"));
        let _ = f.write_all(b"new");
        drop(f);
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("old"));
        assert!(!temp_path(&path).exists());
        write_atomically(&path, b"new").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("new"));
        assert!(!temp_path(&path).exists());
    }
}
