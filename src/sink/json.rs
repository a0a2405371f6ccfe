//! Document → JSON text (`schema/document.schema.json` shape, stable field order, pretty-printed, UTF-8), and the
//! JSON sink: one document as an object, or several as an array, to standard output or to a
//! file written through a temporary file and renamed into place when the run finishes (so a
//! crash leaves no half-written output). A run that wrote no document leaves an existing
//! output as it was.

use super::atomic::AtomicFile;
use super::{Extracted, Sink, SinkError};
use crate::model::Document;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

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
    File(AtomicFile),
}

/// Writes documents as one JSON value.
pub struct JsonSink {
    out: Out,
    /// Write the one document as an object rather than an array.
    single: bool,
    written: usize,
    completed: HashMap<String, String>,
}

impl JsonSink {
    pub fn open(out: Option<&Path>, single: bool) -> Result<JsonSink, SinkError> {
        let out = match out {
            None => Out::Stdout(std::io::stdout()),
            Some(path) => Out::File(AtomicFile::create(path)?),
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
            Out::File(f) => Ok(f.write_all(bytes)?),
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
            Out::File(f) if self.written == 0 && (self.single || f.path().exists()) => {
                Ok(f.abandon()?)
            }
            Out::File(f) => Ok(f.commit()?),
        }
    }
}
