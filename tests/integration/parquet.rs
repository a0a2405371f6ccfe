//! Parquet output (issue 16), through the binary: the corpus goes in as JSONL and as Parquet;
//! the Parquet file, read back with the parquet crate's row reader, must hold the JSONL records
//! field for field (confidence as the FLOAT it is stored as), in several row groups when the
//! rows are many; a failed run leaves an existing Parquet output as it was, and `--resume` is
//! refused with a reason.

use crate::util::run_in as run;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use serde_json::{json, Value};
use std::path::Path;

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// A Parquet value as the JSON JSONL writes for it.
fn to_json(f: &Field) -> Value {
    match f {
        Field::Null => Value::Null,
        Field::Int(n) => json!(n),
        Field::Long(n) => json!(n),
        Field::Float(n) => json!(n),
        Field::Double(n) => json!(n),
        Field::Str(s) => json!(s),
        Field::ListInternal(l) => Value::Array(l.elements().iter().map(to_json).collect()),
        Field::Group(row) => Value::Object(
            row.get_column_iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
        other => panic!("a type tablemend does not write: {other:?}"),
    }
}

/// The rows of a Parquet file as JSON objects, and its number of row groups.
fn read_parquet(path: &Path) -> (Vec<Value>, usize) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader = SerializedFileReader::new(file).unwrap_or_else(|e| panic!("{e}"));
    let groups = reader.metadata().num_row_groups();
    let rows = reader
        .get_row_iter(None)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|row| {
            let row = row.unwrap_or_else(|e| panic!("{e}"));
            Value::Object(
                row.get_column_iter()
                    .map(|(k, v)| (k.clone(), to_json(v)))
                    .collect(),
            )
        })
        .collect();
    (rows, groups)
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// JSONL's confidence as the FLOAT Parquet stores (the 3-place value, to f32).
fn as_stored(mut v: Value) -> Value {
    if let Some(c) = v.get("confidence").and_then(Value::as_f64) {
        v["confidence"] = json!(c as f32);
    }
    v
}

fn assert_same(parquet: &[Value], jsonl: Vec<Value>) {
    assert_eq!(parquet.len(), jsonl.len(), "as many rows as JSONL lines");
    for (i, (p, j)) in parquet.iter().zip(jsonl).enumerate() {
        let j = as_stored(j);
        // `extra` is stored as its JSON text (as in CSV and SQLite)
        let mut p = p.clone();
        if let Some(text) = p["extra"].as_str() {
            p["extra"] = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
        }
        let pk: Vec<&String> = p
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        let jk: Vec<&String> = j
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(pk, jk, "row {i}: the columns of JSONL, in its order");
        assert_eq!(p, j, "row {i}");
    }
}

/// The whole corpus, extracted to JSONL and to Parquet: the same records, field for field.
#[test]
fn parquet_reads_back_equal_to_jsonl() {
    let dir = tempdir();
    let d = dir.path();
    let here = std::env::current_dir().unwrap_or_else(|e| panic!("{e}"));
    let corpus = here.join("corpus");
    let corpus = corpus.to_string_lossy();
    for (f, out) in [("jsonl", "out.jsonl"), ("parquet", "out.parquet")] {
        let r = run(
            &["extract", &corpus, "-f", f, "-o", out, "-q", "-j", "2"],
            d,
        );
        assert!(r.status.success(), "{f}: {r:?}");
    }
    let (rows, groups) = read_parquet(&d.join("out.parquet"));
    assert!(rows.len() > 1000, "the corpus has thousands of records");
    assert!(groups >= 1);
    let jsonl = read_jsonl(&d.join("out.jsonl"));
    // a record with repairs reads back as its list of {code, reason}
    assert!(jsonl
        .iter()
        .any(|v| v["repairs"].as_array().is_some_and(|a| !a.is_empty())));
    assert_same(&rows, jsonl);
    assert!(
        !tablemend::sink::atomic::temp_path(&d.join("out.parquet")).exists(),
        "no temporary file left"
    );
}

/// More rows than one row group holds: the file has several groups, read back in order.
#[test]
fn a_long_run_writes_several_row_groups() {
    let dir = tempdir();
    let d = dir.path();
    let doc = std::fs::read("corpus/suzhou/suzhou-hrss-2024.md").unwrap_or_else(|e| panic!("{e}"));
    let per_doc = read_jsonl_of(&doc, d);
    let copies = tablemend::sink::parquet::ROW_GROUP_ROWS / per_doc + 2;
    std::fs::create_dir(d.join("in")).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..copies {
        std::fs::write(d.join("in").join(format!("{i:05}.md")), &doc)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for (f, out) in [("jsonl", "out.jsonl"), ("parquet", "out.parquet")] {
        let r = run(&["extract", "in", "-f", f, "-o", out, "-q"], d);
        assert!(r.status.success(), "{f}: {r:?}");
    }
    let (rows, groups) = read_parquet(&d.join("out.parquet"));
    assert!(groups >= 2, "{} rows in {groups} row group(s)", rows.len());
    assert_same(&rows, read_jsonl(&d.join("out.jsonl")));
}

/// The records of one document (to size the long run).
fn read_jsonl_of(doc: &[u8], d: &Path) -> usize {
    std::fs::write(d.join("one.md"), doc).unwrap_or_else(|e| panic!("{e}"));
    let r = run(&["extract", "one.md", "-f", "jsonl", "-q"], d);
    assert!(r.status.success());
    String::from_utf8_lossy(&r.stdout).lines().count().max(1)
}

/// A failed run keeps the existing Parquet output byte for byte; `--resume` is refused with
/// the reason and how to redo the run; standard output is refused.
#[test]
fn a_failed_or_resumed_parquet_run_keeps_the_output() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::copy("corpus/suzhou/suzhou-hrss-2024.md", d.join("doc.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let good = run(
        &[
            "extract",
            "doc.md",
            "-f",
            "parquet",
            "-o",
            "k.parquet",
            "-q",
        ],
        d,
    );
    assert!(good.status.success(), "{good:?}");
    let before = std::fs::read(d.join("k.parquet")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&before[..4], b"PAR1");
    let bad = run(
        &[
            "extract",
            "nosuch.md",
            "-f",
            "parquet",
            "-o",
            "k.parquet",
            "-q",
        ],
        d,
    );
    assert_eq!(bad.status.code(), Some(2));
    let resumed = run(
        &[
            "extract",
            "doc.md",
            "-f",
            "parquet",
            "-o",
            "k.parquet",
            "-q",
            "--resume",
        ],
        d,
    );
    assert_eq!(resumed.status.code(), Some(2));
    let err = String::from_utf8_lossy(&resumed.stderr);
    assert!(err.contains("without --resume"), "{err}");
    assert_eq!(
        std::fs::read(d.join("k.parquet")).unwrap_or_else(|e| panic!("{e}")),
        before
    );
    let stdout = run(&["extract", "doc.md", "-f", "parquet", "-q"], d);
    assert_eq!(stdout.status.code(), Some(2));
    // a new output from a run where every input failed: a readable file with no rows
    let none = run(
        &[
            "extract",
            "nosuch.md",
            "-f",
            "parquet",
            "-o",
            "new.parquet",
            "-q",
        ],
        d,
    );
    assert_eq!(none.status.code(), Some(2));
    assert_eq!(read_parquet(&d.join("new.parquet")).0.len(), 0);
}
