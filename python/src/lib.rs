//! The native half of the `tablemend` Python package. Paths or bytes go in; documents come out
//! as the text the CLI writes: one document's JSON (`extract_path`, `extract_bytes`), or, for
//! many inputs, a stream of items in input order (`Many`), each a document's JSON or JSON Lines
//! text or the failure of one input, produced by the library's bulk runner on its worker pool
//! while the GIL is released; or the flat records of many inputs written with the CLI's Parquet
//! sink (`write_parquet`). Parsing that text into dicts, reading the Parquet file back as a
//! table, and the Python exception class live in `tablemend/__init__.py`; no extraction logic
//! lives here.

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex, OnceLock};
use tablemend::bulk::{self, Failure, FailureKind, Input, Job, Mode};
use tablemend::sink::{Extracted, Format, Sink, SinkError};
use tablemend::{Extractor, Options, Vocab};

pyo3::create_exception!(
    _native,
    InputError,
    PyException,
    "An input that gave no document: args are (path, code, message)."
);

/// Items a `Many` may hold ready before the reader takes them (the run waits beyond that, so
/// memory stays bounded however slowly Python consumes).
const QUEUE: usize = 64;

/// The embedded vocabulary, compiled once per process.
static DEFAULT: OnceLock<Result<Arc<Extractor>, String>> = OnceLock::new();

/// How a call chose its vocabulary and options.
#[derive(Debug, Clone, Default)]
struct Setup {
    vocab: Vec<PathBuf>,
    no_default_vocab: bool,
    encoding: Option<String>,
}

impl Setup {
    /// The extractor a call's vocabulary and encoding arguments ask for.
    fn extractor_for(
        vocab: Vec<PathBuf>,
        no_default_vocab: bool,
        encoding: Option<String>,
    ) -> PyResult<Arc<Extractor>> {
        Setup {
            vocab,
            no_default_vocab,
            encoding,
        }
        .extractor()
    }

    fn extractor(&self) -> PyResult<Arc<Extractor>> {
        if self.vocab.is_empty() && !self.no_default_vocab && self.encoding.is_none() {
            let made = DEFAULT.get_or_init(|| {
                Vocab::from_texts(&[tablemend::vocab::DEFAULT_VOCAB])
                    .map(|v| Arc::new(Extractor::new(v)))
                    .map_err(|e| e.to_string())
            });
            return made.clone().map_err(PyValueError::new_err);
        }
        let mut texts = Vec::new();
        for p in &self.vocab {
            let text = std::fs::read_to_string(p).map_err(|e| {
                PyValueError::new_err(format!("reading vocabulary {}: {e}", p.display()))
            })?;
            texts.push(text);
        }
        let mut all: Vec<&str> = Vec::new();
        if !self.no_default_vocab {
            all.push(tablemend::vocab::DEFAULT_VOCAB);
        }
        all.extend(texts.iter().map(String::as_str));
        let vocab = Vocab::from_texts(&all)
            .map_err(|e| PyValueError::new_err(format!("compiling the vocabulary: {e}")))?;
        let encoding = match &self.encoding {
            None => None,
            Some(label) => Some(
                tablemend::decode::encoding_for_label(label)
                    .ok_or_else(|| PyValueError::new_err(format!("unknown encoding `{label}`")))?,
            ),
        };
        let options = Options {
            encoding,
            ..Options::default()
        };
        Ok(Arc::new(Extractor::new(vocab).with_options(options)))
    }
}

fn input_error(f: &Failure) -> PyErr {
    InputError::new_err((f.path.clone(), f.code.as_str(), f.message.clone()))
}

/// The document JSON of the file at `path`, exactly as `tablemend extract PATH` prints it.
#[pyfunction]
#[pyo3(signature = (path, vocab=Vec::new(), no_default_vocab=false, encoding=None))]
fn extract_path(
    py: Python<'_>,
    path: PathBuf,
    vocab: Vec<PathBuf>,
    no_default_vocab: bool,
    encoding: Option<String>,
) -> PyResult<String> {
    let extractor = Setup::extractor_for(vocab, no_default_vocab, encoding)?;
    let name = path.to_string_lossy().to_string();
    py.detach(|| match std::fs::read(&path) {
        Ok(bytes) => Ok(tablemend::sink::json::to_json(
            &extractor.extract(&name, &bytes),
        )),
        Err(e) => Err(Failure::io(&name, &e)),
    })
    .map_err(|f| input_error(&f))
}

/// The document JSON of `data`, named `source` in the output.
#[pyfunction]
#[pyo3(signature = (data, source, vocab=Vec::new(), no_default_vocab=false, encoding=None))]
fn extract_bytes(
    py: Python<'_>,
    data: &[u8],
    source: String,
    vocab: Vec<PathBuf>,
    no_default_vocab: bool,
    encoding: Option<String>,
) -> PyResult<String> {
    let extractor = Setup::extractor_for(vocab, no_default_vocab, encoding)?;
    Ok(py.detach(|| tablemend::sink::json::to_json(&extractor.extract(&source, data))))
}

/// Writes the flat records of `paths` (directories expanded as the CLI does) to the Parquet
/// file `out` with the CLI's Parquet sink, on `jobs` threads with the GIL released. Returns the
/// inputs that gave no document, as (path, code, message), in input order.
#[pyfunction]
#[pyo3(signature = (paths, out, jobs=None, progress=false, vocab=Vec::new(), no_default_vocab=false, encoding=None))]
#[allow(clippy::too_many_arguments)]
fn write_parquet(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    out: PathBuf,
    jobs: Option<usize>,
    progress: bool,
    vocab: Vec<PathBuf>,
    no_default_vocab: bool,
    encoding: Option<String>,
) -> PyResult<Vec<(String, &'static str, String)>> {
    let extractor = Setup::extractor_for(vocab, no_default_vocab, encoding)?;
    let threads = threads_or_cores(jobs);
    let (slots, inputs) = slots_of(&paths);
    let result = py.detach(|| -> Result<Vec<Failure>, String> {
        let mut sink = tablemend::sink::open(&tablemend::sink::SinkOptions {
            format: Format::Parquet,
            out: Some(out),
            resume: false,
            single: false,
        })
        .map_err(|e| e.to_string())?;
        let interrupt = AtomicBool::new(false);
        let job = Job {
            extractor: &extractor,
            format: Format::Parquet,
            threads,
            mode: Mode::Extract,
            interrupt: &interrupt,
        };
        let mut failed: Vec<Failure> = slots
            .into_iter()
            .filter_map(|s| match s {
                Slot::Failed(f) => Some(f),
                Slot::Input(_) => None,
            })
            .collect();
        let bar = progress_bar(inputs.len(), progress);
        let run = bulk::run(
            &job,
            &inputs,
            sink.as_mut(),
            &mut |f| {
                failed.push(f.clone());
                Ok(())
            },
            &|n| bar.set_position(n),
        );
        bar.finish_and_clear();
        run.map_err(|e| e.to_string())?;
        sink.finish().map_err(|e| e.to_string())?;
        Ok(failed)
    });
    match result {
        Ok(failed) => Ok(failed
            .into_iter()
            .map(|f| (f.path, f.code.as_str(), f.message))
            .collect()),
        Err(reason) => Err(PyException::new_err(format!("the run stopped: {reason}"))),
    }
}

/// `jobs`, or every core.
fn threads_or_cores(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
}

/// The flat columns of a JSONL line, in order.
#[pyfunction]
fn columns() -> Vec<&'static str> {
    tablemend::sink::flat::all_columns().collect()
}

/// One item of a `Many` stream.
enum Item {
    Document {
        name: String,
        text: Vec<u8>,
    },
    Failed(Failure),
    /// The run ended: `Err` when it stopped early (its reason).
    End(Result<(), String>),
}

/// One position of the input order: an input given to the runner, or a path that failed before
/// it (a directory with no input files, a walk error).
enum Slot {
    Input(String),
    Failed(Failure),
}

/// Expands directories the way the CLI does (recursively, by extension, notes left out); a
/// path that is not a directory is taken as it is (its read error, if any, comes in its place).
fn slots_of(paths: &[PathBuf]) -> (Vec<Slot>, Vec<Input>) {
    let extensions: Vec<String> = bulk::inputs::DEFAULT_EXTENSIONS
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut slots = Vec::new();
    let mut inputs = Vec::new();
    for p in paths {
        if p.is_dir() {
            let listing = bulk::inputs::list(std::slice::from_ref(p), &extensions);
            for input in listing.inputs {
                slots.push(Slot::Input(input.name()));
                inputs.push(input);
            }
            slots.extend(listing.failures.into_iter().map(Slot::Failed));
        } else {
            let input = Input::File(p.clone());
            slots.push(Slot::Input(input.name()));
            inputs.push(input);
        }
    }
    (slots, inputs)
}

/// The runner's sink: puts documents and failures on the channel in input order. The runner
/// reports a chunk's failures before it writes the chunk's documents, so failures wait in
/// `failed` until their place in `slots` comes.
struct ChannelSink<'a> {
    tx: SyncSender<Item>,
    slots: std::vec::IntoIter<Slot>,
    failed: &'a RefCell<VecDeque<Failure>>,
    completed: HashMap<String, String>,
}

impl ChannelSink<'_> {
    fn send(&self, item: Item) -> Result<(), SinkError> {
        self.tx
            .send(item)
            .map_err(|_| SinkError::Usage("the Python reader stopped".into()))
    }

    /// Sends the slots up to and including the one `name` holds (documents arrive in order, so
    /// every slot before it is a failure).
    fn send_until(&mut self, name: Option<&str>) -> Result<(), SinkError> {
        while let Some(slot) = self.slots.next() {
            match slot {
                Slot::Failed(f) => self.send(Item::Failed(f))?,
                Slot::Input(n) if name == Some(n.as_str()) => return Ok(()),
                Slot::Input(n) => {
                    let front = self.failed.borrow_mut().pop_front();
                    match front {
                        Some(f) => self.send(Item::Failed(f))?,
                        // not written and not failed: the run skipped it (cannot happen without
                        // resuming) — say so rather than drop it
                        None => self.send(Item::Failed(Failure {
                            path: n,
                            code: FailureKind::Io,
                            message: "the run produced no document for this input".into(),
                        }))?,
                    }
                }
            }
        }
        Ok(())
    }
}

impl Sink for ChannelSink<'_> {
    fn completed(&self) -> &HashMap<String, String> {
        &self.completed
    }

    fn write(&mut self, item: &Extracted) -> Result<(), SinkError> {
        self.send_until(Some(&item.name))?;
        self.send(Item::Document {
            name: item.name.clone(),
            text: item.encoded.clone(),
        })
    }

    fn finish(self: Box<Self>) -> Result<(), SinkError> {
        Ok(())
    }
}

/// A progress bar on standard error when it is a terminal (none in a notebook's captured
/// stream), as the CLI draws it.
fn progress_bar(total: usize, show: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !show || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files  {per_sec:.0}  ETA {eta}  {elapsed_precise}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// A bulk run of many inputs, made on the Python thread and run on its own.
struct Run {
    extractor: Arc<Extractor>,
    format: Format,
    threads: usize,
    interrupt: Arc<AtomicBool>,
    slots: Vec<Slot>,
    inputs: Vec<Input>,
    progress: bool,
}

impl Run {
    /// Runs the bulk runner over the inputs on this thread, sending its items down `tx`.
    fn go(self, tx: SyncSender<Item>) {
        let job = Job {
            extractor: &self.extractor,
            format: self.format,
            threads: self.threads,
            mode: Mode::Extract,
            interrupt: &self.interrupt,
        };
        let failed = RefCell::new(VecDeque::new());
        let mut sink = ChannelSink {
            tx: tx.clone(),
            slots: self.slots.into_iter(),
            failed: &failed,
            completed: HashMap::new(),
        };
        let bar = progress_bar(self.inputs.len(), self.progress);
        let result = bulk::run(
            &job,
            &self.inputs,
            &mut sink,
            &mut |f| {
                failed.borrow_mut().push_back(f.clone());
                Ok(())
            },
            &|n| bar.set_position(n),
        );
        bar.finish_and_clear();
        let end = match result {
            Ok(summary) if summary.interrupted => Err("stopped".to_string()),
            Ok(_) => sink.send_until(None).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        // the reader may be gone already; nothing is left to tell it
        let _ = tx.send(Item::End(end));
    }
}

/// Documents of many inputs, in input order, as `(kind, name, payload)` tuples: `("document",
/// name, bytes)` with the document's JSON (or its JSON Lines) or `("error", path, (code,
/// message))`. Dropping it stops the run after the chunk in hand.
#[pyclass]
struct Many {
    rx: Mutex<Receiver<Item>>,
    interrupt: Arc<AtomicBool>,
    done: bool,
}

#[pymethods]
impl Many {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.done {
            return Ok(None);
        }
        let rx = &self.rx;
        let item = py.detach(|| rx.lock().ok().and_then(|r| r.recv().ok()));
        let out = match item {
            Some(Item::Document { name, text }) => {
                ("document", name, PyBytes::new(py, &text)).into_pyobject(py)?
            }
            Some(Item::Failed(f)) => (
                "error",
                f.path,
                (f.code.as_str(), f.message).into_pyobject(py)?,
            )
                .into_pyobject(py)?,
            Some(Item::End(Ok(()))) | None => {
                self.done = true;
                return Ok(None);
            }
            Some(Item::End(Err(reason))) => {
                self.done = true;
                return Err(PyException::new_err(format!("the run stopped: {reason}")));
            }
        };
        Ok(Some(out.into_any().unbind()))
    }
}

impl Drop for Many {
    fn drop(&mut self) {
        self.interrupt.store(true, Ordering::Relaxed);
    }
}

/// Starts a bulk run over `paths` (directories expanded as the CLI does) on `jobs` threads
/// (default: every core); `format` is "json" (one document per item) or "jsonl" (its flat
/// records as JSON Lines).
#[pyfunction]
#[pyo3(signature = (paths, jobs=None, progress=true, format="json", vocab=Vec::new(), no_default_vocab=false, encoding=None))]
#[allow(clippy::too_many_arguments)]
fn extract_many(
    paths: Vec<PathBuf>,
    jobs: Option<usize>,
    progress: bool,
    format: &str,
    vocab: Vec<PathBuf>,
    no_default_vocab: bool,
    encoding: Option<String>,
) -> PyResult<Many> {
    let format = match format {
        "json" => Format::Json,
        "jsonl" => Format::Jsonl,
        other => {
            return Err(PyValueError::new_err(format!(
                "format must be \"json\" or \"jsonl\", not {other:?}"
            )))
        }
    };
    let extractor = Setup::extractor_for(vocab, no_default_vocab, encoding)?;
    let threads = threads_or_cores(jobs);
    let (slots, inputs) = slots_of(&paths);
    let (tx, rx) = sync_channel(QUEUE);
    let interrupt = Arc::new(AtomicBool::new(false));
    let run = Run {
        extractor,
        format,
        threads,
        interrupt: Arc::clone(&interrupt),
        slots,
        inputs,
        progress,
    };
    std::thread::Builder::new()
        .name("tablemend-run".into())
        .spawn(move || run.go(tx))
        .map_err(|e| PyException::new_err(format!("starting the run: {e}")))?;
    Ok(Many {
        rx: Mutex::new(rx),
        interrupt,
        done: false,
    })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Many>()?;
    m.add_function(wrap_pyfunction!(extract_path, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add_function(wrap_pyfunction!(write_parquet, m)?)?;
    Ok(())
}
