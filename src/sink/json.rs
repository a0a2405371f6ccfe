//! Document → JSON text (`schema/document.schema.json` shape, stable field order, pretty-printed, UTF-8), and the
//! JSON sink: one document as an object, or several as an array, to standard output or to a
//! file written through a temporary file and renamed into place when the run finishes (so a
//! crash leaves no half-written output). A run that wrote no document leaves an existing
//! output as it was.

use super::{Extracted, Sink, SinkError};
use crate::model::Document;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The document as pretty-printed JSON with a trailing newline.
pub fn to_json(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_else(|e| {
        // Serialising plain structs of strings and numbers cannot fail; say so if it ever does.
        format!("{{\"error\": \"could not serialise document: {e}\"}}")
    });
    s.push('\n');
    s
}

enum Out {
    Stdout(std::io::Stdout),
    File {
        tmp: PathBuf,
        path: PathBuf,
        w: BufWriter<File>,
    },
}

/// Writes documents as one JSON value.
pub struct JsonSink {
    out: Out,
    /// Write the one document as an object rather than an array.
    single: bool,
    written: usize,
    completed: HashMap<String, String>,
}

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

impl JsonSink {
    pub fn open(out: Option<&Path>, single: bool) -> Result<JsonSink, SinkError> {
        let out = match out {
            None => Out::Stdout(std::io::stdout()),
            Some(path) => {
                let tmp = temp_path(path);
                let f = File::create(&tmp).map_err(SinkError::io("creating", &tmp))?;
                Out::File {
                    tmp,
                    path: path.to_path_buf(),
                    w: BufWriter::new(f),
                }
            }
        };
        Ok(JsonSink {
            out,
            single,
            written: 0,
            completed: HashMap::new(),
        })
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), SinkError> {
        match &mut self.out {
            Out::Stdout(s) => s
                .write_all(bytes)
                .map_err(SinkError::io("writing", Path::new("-"))),
            Out::File { tmp, w, .. } => w.write_all(bytes).map_err(SinkError::io("writing", tmp)),
        }
    }
}

impl Sink for JsonSink {
    fn completed(&self) -> &HashMap<String, String> {
        &self.completed
    }

    fn write(&mut self, item: &Extracted) -> Result<(), SinkError> {
        if !self.single {
            let sep: &[u8] = if self.written == 0 { b"[\n" } else { b",\n" };
            self.put(sep)?;
            // drop the trailing newline inside the array
            let body = item.encoded.strip_suffix(b"\n").unwrap_or(&item.encoded);
            self.put(body)?;
        } else {
            self.put(&item.encoded)?;
        }
        self.written += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), SinkError> {
        if !self.single {
            let tail: &[u8] = if self.written == 0 { b"[]\n" } else { b"\n]\n" };
            self.put(tail)?;
        }
        match std::mem::replace(&mut self.out, Out::Stdout(std::io::stdout())) {
            Out::Stdout(mut s) => s.flush().map_err(SinkError::io("writing", Path::new("-"))),
            // nothing written: an output that exists stays as it was (the temporary file goes)
            // (one document asked for and none came: there is nothing to write)
            Out::File { tmp, path, .. } if self.written == 0 && (self.single || path.exists()) => {
                std::fs::remove_file(&tmp).map_err(SinkError::io("removing", &tmp))
            }
            Out::File { tmp, path, w } => {
                let res = w
                    .into_inner()
                    .map_err(|e| SinkError::io("writing", &tmp)(e.into_error()))
                    .and_then(|f| f.sync_all().map_err(SinkError::io("syncing", &tmp)))
                    .and_then(|()| {
                        std::fs::rename(&tmp, &path).map_err(SinkError::io("renaming into", &path))
                    });
                if res.is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
                res
            }
        }
    }
}

impl Drop for JsonSink {
    /// An unfinished file output leaves no temporary file behind.
    fn drop(&mut self) {
        if let Out::File { tmp, .. } = &self.out {
            let _ = std::fs::remove_file(tmp);
        }
    }
}
