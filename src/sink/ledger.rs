//! The line-file sink (JSONL, CSV): documents' encoded lines go in, appended whole to the output
//! file; beside it the documents ledger (`OUT.documents`, a name no `*.jsonl`/`*.csv` glob of
//! the outputs matches) gets one JSON line per complete document: its path, content hash,
//! encoding, number of tables and records, its diagnostics, and the output's length after it
//! (`end`). So every input written is visible there, also one with no records or with warnings
//! (inputs that failed are in `OUT.errors`). A chunk of documents is one vectored `write` of
//! their bytes, and their ledger lines are written after them, so after any crash the ledger
//! names exactly the documents that are whole in the output. `--resume` reads the ledger, cuts
//! the output back to the last recorded length (dropping anything written after it) and skips
//! the recorded inputs. A write that fails (disk full) cuts the output back to the last document
//! written whole (and records those) before the error is returned, so the file never ends in
//! half a record. Without `-o` lines go to standard output. Nothing is replaced until something
//! better is ready: a fresh run leaves an existing output and its ledger untouched until the first
//! document is written (a run where every input fails keeps last night's output byte for byte).

use super::{Extracted, Sink, SinkError};
use crate::model::{Diagnostic, Document};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// What resuming reads of a ledger line (the line itself is kept as it was written).
#[derive(Debug, Deserialize)]
struct Entry {
    path: String,
    hash: String,
    /// Output length in bytes once this document was written.
    end: u64,
    #[serde(skip)]
    raw: Vec<u8>,
}

/// A ledger line without its closing `end` member: what a document is, known before it is
/// written.
#[derive(Serialize)]
struct Manifest<'a> {
    path: &'a str,
    hash: &'a str,
    encoding: &'a str,
    tables: usize,
    records: usize,
    diagnostics: &'a [Diagnostic],
}

/// The ledger line of a document, open before its last member: `{"path":…,"diagnostics":[…]`.
/// Computed on a worker thread; `ledger_line` closes it once the output length is known.
pub fn manifest(path: &str, hash: &str, doc: &Document) -> Result<Vec<u8>, SinkError> {
    let m = Manifest {
        path,
        hash,
        encoding: &doc.encoding,
        tables: doc.tables.len(),
        records: doc.tables.iter().map(|t| t.indicators.len()).sum(),
        diagnostics: &doc.diagnostics,
    };
    let mut out = serde_json::to_vec(&m).map_err(|e| SinkError::Encode(e.to_string()))?;
    out.pop();
    Ok(out)
}

/// Appends the item's whole ledger line (its manifest and `"end":end`) to `out`.
fn ledger_line(out: &mut Vec<u8>, item: &Extracted, end: u64) -> Result<(), SinkError> {
    if item.manifest.is_empty() {
        out.extend_from_slice(&manifest(&item.name, &item.hash, &item.doc)?);
    } else {
        out.extend_from_slice(&item.manifest);
    }
    out.extend_from_slice(b",\"end\":");
    out.extend_from_slice(itoa::Buffer::new().format(end).as_bytes());
    out.extend_from_slice(b"}\n");
    Ok(())
}

/// The path of a sidecar of an output file: `OUT.suffix`.
pub fn sidecar(out: &Path, suffix: &str) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// The documents ledger of an output file (`OUT.documents`).
pub fn ledger_path(out: &Path) -> PathBuf {
    sidecar(out, "documents")
}

/// Where versions before the documents ledger kept it (`OUT.ledger.jsonl`, which an output glob
/// `*.jsonl` also matched); read when resuming such an output.
fn legacy_ledger_path(out: &Path) -> PathBuf {
    sidecar(out, "ledger.jsonl")
}

enum Target {
    Stdout(std::io::Stdout),
    File {
        path: PathBuf,
        file: File,
        ledger_path: PathBuf,
        ledger: File,
        end: u64,
        /// the file's cursor stands at `end` (false after opening and after a failed write)
        at_end: bool,
        /// A fresh start not begun yet: the header to write once the first document comes (the
        /// output and ledger are cut to nothing only then), and whether the output existed
        /// before this run (if not, `finish` creates it with its header even when empty).
        pending: Option<(Vec<u8>, bool)>,
    },
}

/// Appends documents' lines to a file (with a ledger) or to standard output.
pub struct LineSink {
    target: Target,
    completed: HashMap<String, String>,
}

impl LineSink {
    /// Opens `out` (standard output when `None`). A fresh run truncates the output and its
    /// ledger and writes `header`; `resume` keeps what the ledger vouches for.
    pub fn open(out: Option<&Path>, header: &[u8], resume: bool) -> Result<LineSink, SinkError> {
        let Some(path) = out else {
            let mut stdout = std::io::stdout();
            stdout
                .write_all(header)
                .map_err(SinkError::io("writing", Path::new("-")))?;
            return Ok(LineSink {
                target: Target::Stdout(stdout),
                completed: HashMap::new(),
            });
        };
        let ledger_path = ledger_path(path);
        let existed = path.exists();
        let legacy = legacy_ledger_path(path);
        if resume && existed && !ledger_path.exists() && legacy.exists() {
            std::fs::rename(&legacy, &ledger_path).map_err(SinkError::io("renaming", &legacy))?;
        }
        let (entries, end) = if resume && existed {
            read_ledger(&ledger_path, path)?
        } else {
            (Vec::new(), 0)
        };
        // opened without truncating: an output that is kept stays as it was
        let file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(path)
            .map_err(SinkError::io("opening", path))?;
        let mut ledger = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(&ledger_path)
            .map_err(SinkError::io("opening", &ledger_path))?;
        let pending = if entries.is_empty() {
            // fresh start (or nothing complete yet): begun when the first document comes
            Some((header.to_vec(), existed))
        } else {
            file.set_len(end)
                .map_err(SinkError::io("truncating", path))?;
            rewrite_ledger(&mut ledger, &ledger_path, &entries)?;
            None
        };
        Ok(LineSink {
            completed: entries.into_iter().map(|e| (e.path, e.hash)).collect(),
            target: Target::File {
                path: path.to_path_buf(),
                file,
                ledger_path,
                ledger,
                end: if pending.is_some() { 0 } else { end },
                at_end: false,
                pending,
            },
        })
    }

    /// Begins a fresh output: cuts the output and its ledger to nothing and writes the header.
    /// Called before the first document is written (and by `finish` for an output that did not
    /// exist). Does nothing once begun.
    fn begin(&mut self) -> Result<(), SinkError> {
        let Target::File {
            path,
            file,
            ledger_path,
            ledger,
            end,
            at_end,
            pending,
        } = &mut self.target
        else {
            return Ok(());
        };
        let Some((header, _)) = pending.take() else {
            return Ok(());
        };
        file.set_len(0).map_err(SinkError::io("truncating", path))?;
        ledger
            .set_len(0)
            .map_err(SinkError::io("truncating", ledger_path))?;
        *end = 0;
        *at_end = false;
        if !header.is_empty() {
            self.append(&header)?;
        }
        Ok(())
    }

    /// Appends the documents' bytes to the output in one vectored write (their ledger lines are
    /// written by the caller, after). On failure the output is cut back to the end of the last
    /// document written whole, and the error comes with how many were.
    fn append_all(&mut self, parts: &[&[u8]]) -> Result<(), (usize, SinkError)> {
        let Target::File {
            path,
            file,
            end,
            at_end,
            ..
        } = &mut self.target
        else {
            for (k, p) in parts.iter().enumerate() {
                self.append(p).map_err(|e| (k, e))?;
            }
            return Ok(());
        };
        use std::io::{IoSlice, Seek, SeekFrom};
        // a document without records adds no bytes (and an all-empty write would read as
        // "wrote zero")
        let mut slices: Vec<IoSlice<'_>> = parts
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| IoSlice::new(p))
            .collect();
        let mut rest: &mut [IoSlice<'_>] = &mut slices;
        let mut written = 0u64;
        let mut res = if *at_end {
            Ok(())
        } else {
            file.seek(SeekFrom::Start(*end)).map(|_| ())
        };
        while res.is_ok() && !rest.is_empty() {
            match file.write_vectored(rest) {
                Ok(0) => res = Err(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => {
                    written += n as u64;
                    IoSlice::advance_slices(&mut rest, n);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => res = Err(e),
            }
        }
        match res {
            Ok(()) => {
                *end += written;
                *at_end = true;
                Ok(())
            }
            Err(e) => {
                // keep the documents written whole; cut the rest (best effort: a failed cut-back
                // is reported by the original error)
                let mut whole = 0;
                let mut kept = 0u64;
                for p in parts {
                    if kept + p.len() as u64 > written {
                        break;
                    }
                    kept += p.len() as u64;
                    whole += 1;
                }
                *end += kept;
                *at_end = false;
                let _ = file.set_len(*end);
                Err((
                    whole,
                    SinkError::Io {
                        action: "writing",
                        path: path.clone(),
                        source: e,
                    },
                ))
            }
        }
    }

    /// Appends bytes to the output as one write; on failure the output is cut back to where it
    /// was, so no partial line is left.
    fn append(&mut self, bytes: &[u8]) -> Result<(), SinkError> {
        match &mut self.target {
            Target::Stdout(s) => s
                .write_all(bytes)
                .map_err(SinkError::io("writing", Path::new("-"))),
            Target::File {
                path,
                file,
                end,
                at_end,
                ..
            } => {
                use std::io::{Seek, SeekFrom};
                // writes follow one another: the cursor is placed only when it may be elsewhere
                let placed = if *at_end {
                    Ok(())
                } else {
                    file.seek(SeekFrom::Start(*end)).map(|_| ())
                };
                let res = placed.and_then(|_| file.write_all(bytes));
                match res {
                    Ok(()) => {
                        *end += bytes.len() as u64;
                        *at_end = true;
                        Ok(())
                    }
                    Err(e) => {
                        *at_end = false;
                        // best effort: a failed cut-back is reported by the original error
                        let _ = file.set_len(*end);
                        Err(SinkError::Io {
                            action: "writing",
                            path: path.clone(),
                            source: e,
                        })
                    }
                }
            }
        }
    }
}

/// Reads the complete entries of a ledger and checks the output holds what they vouch for.
fn read_ledger(ledger_path: &Path, out: &Path) -> Result<(Vec<Entry>, u64), SinkError> {
    let resume_err = |reason: String| SinkError::Resume {
        path: out.to_path_buf(),
        reason,
    };
    let file = match File::open(ledger_path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(resume_err(format!(
                "it has no ledger ({}); run without --resume to start over",
                ledger_path.display()
            )))
        }
        Err(e) => return Err(SinkError::io("reading", ledger_path)(e)),
    };
    let mut entries = Vec::new();
    for line in BufReader::new(file).split(b'\n') {
        let line = line.map_err(SinkError::io("reading", ledger_path))?;
        // a line cut short by a crash is the last one; what it describes is not vouched for
        match serde_json::from_slice::<Entry>(&line) {
            Ok(mut e) => {
                e.raw = line;
                entries.push(e);
            }
            Err(_) => break,
        }
    }
    let end = entries.last().map_or(0, |e| e.end);
    let len = std::fs::metadata(out)
        .map_err(SinkError::io("reading", out))?
        .len();
    if len < end {
        return Err(resume_err(format!(
            "the ledger vouches for {end} bytes but the output has only {len}"
        )));
    }
    Ok((entries, end))
}

fn rewrite_ledger(ledger: &mut File, path: &Path, entries: &[Entry]) -> Result<(), SinkError> {
    use std::io::{Seek, SeekFrom};
    let mut buf = Vec::new();
    for e in entries {
        buf.extend_from_slice(&e.raw);
        buf.push(b'\n');
    }
    ledger
        .set_len(0)
        .and_then(|_| ledger.seek(SeekFrom::Start(0)))
        .and_then(|_| ledger.write_all(&buf))
        .map_err(SinkError::io("writing", path))
}

impl Sink for LineSink {
    fn completed(&self) -> &HashMap<String, String> {
        &self.completed
    }

    fn write(&mut self, item: &Extracted) -> Result<(), SinkError> {
        self.begin()?;
        self.append(&item.encoded)?;
        if let Target::File {
            ledger,
            ledger_path,
            end,
            ..
        } = &mut self.target
        {
            let mut line = Vec::new();
            ledger_line(&mut line, item, *end)?;
            ledger
                .write_all(&line)
                .map_err(SinkError::io("writing", ledger_path))?;
        }
        Ok(())
    }

    /// A chunk of documents: their bytes in one vectored write, then their ledger lines in one
    /// write (after the data they vouch for, as for one document).
    fn write_batch(&mut self, items: &[&Extracted]) -> Result<(), SinkError> {
        if !matches!(self.target, Target::File { .. }) {
            return items.iter().try_for_each(|item| self.write(item));
        }
        if items.is_empty() {
            return Ok(());
        }
        self.begin()?;
        let start = match &self.target {
            Target::File { end, .. } => *end,
            Target::Stdout(_) => 0,
        };
        let parts: Vec<&[u8]> = items.iter().map(|i| i.encoded.as_slice()).collect();
        // the documents written whole get their ledger lines even when a later one failed
        let (whole, failed) = match self.append_all(&parts) {
            Ok(()) => (items.len(), None),
            Err((whole, e)) => (whole, Some(e)),
        };
        if let Target::File {
            ledger,
            ledger_path,
            ..
        } = &mut self.target
        {
            let mut lines = Vec::new();
            let mut at = start;
            for item in items.iter().take(whole) {
                at += item.encoded.len() as u64;
                ledger_line(&mut lines, item, at)?;
            }
            ledger
                .write_all(&lines)
                .map_err(SinkError::io("writing", ledger_path))?;
        }
        failed.map_or(Ok(()), Err)
    }

    fn finish(mut self: Box<Self>) -> Result<(), SinkError> {
        // nothing was written: an output that existed stays as it was; a new one is created
        // (with its header and an empty ledger) so that the run leaves its output behind
        if let Target::File {
            pending: Some((_, false)),
            ..
        } = &self.target
        {
            self.begin()?;
        }
        match self.target {
            Target::Stdout(mut s) => s.flush().map_err(SinkError::io("writing", Path::new("-"))),
            Target::File {
                path,
                file,
                ledger_path,
                ledger,
                ..
            } => {
                file.sync_all().map_err(SinkError::io("syncing", &path))?;
                ledger
                    .sync_all()
                    .map_err(SinkError::io("syncing", &ledger_path))
            }
        }
    }
}
