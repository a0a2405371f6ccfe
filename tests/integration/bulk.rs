//! Bulk runs through the binary: the corpus (copied into temporary folders) goes in; the
//! assertions are that JSONL, CSV and SQLite read back equal the JSON output, that output order
//! does not depend on -j, that failures are recorded and the run goes on, that shards partition
//! the inputs, and that runs killed (SIGKILL), interrupted (SIGINT) or stopped by a full disk
//! resume to exactly the output of an uninterrupted run.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output};

use crate::util::{bin, run_in as run, BIN};

fn ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A folder `docs/` holding `copies` copies of the corpus, relative paths (`docs/3/...`).
fn corpus_copies(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files = tablemend::check::corpus_files(Path::new("corpus")).unwrap_or_default();
    assert!(files.len() > 20);
    for i in 0..copies {
        for f in &files {
            let rel = f.strip_prefix("corpus").unwrap_or(f);
            let to = dir.path().join("docs").join(i.to_string()).join(rel);
            if let Some(p) = to.parent() {
                std::fs::create_dir_all(p).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::copy(f, &to).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    dir
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The flat rows a JSON array of documents implies, as the JSONL sink would write them.
fn flat_rows_from_json(docs: &Value) -> Vec<BTreeMap<String, Value>> {
    let mut out = Vec::new();
    for d in docs.as_array().into_iter().flatten() {
        for (ti, t) in d["tables"].as_array().into_iter().flatten().enumerate() {
            for r in t["indicators"].as_array().into_iter().flatten() {
                let p = &r["parsed"];
                let mut m = BTreeMap::new();
                m.insert("source".into(), d["source"].clone());
                m.insert("table".into(), Value::from(ti + 1));
                m.insert("kind".into(), t["kind"].clone());
                m.insert("project_name".into(), t["meta"]["project_name"].clone());
                m.insert("department".into(), t["meta"]["department"].clone());
                for k in ["level1", "level2", "name", "value", "confidence"] {
                    m.insert(k.into(), r[k].clone());
                }
                m.insert("op".into(), p["op"].clone());
                m.insert("number".into(), p["number"].clone());
                m.insert("unit".into(), p["unit"].clone());
                m.insert("repairs".into(), r["repairs"].clone());
                m.insert("line".into(), r["source"]["line"].clone());
                out.push(m);
            }
        }
    }
    out
}

fn project(v: &Value) -> BTreeMap<String, Value> {
    let keys = [
        "source",
        "table",
        "kind",
        "project_name",
        "department",
        "level1",
        "level2",
        "name",
        "value",
        "confidence",
        "op",
        "number",
        "unit",
        "repairs",
        "line",
    ];
    keys.iter()
        .map(|k| (k.to_string(), v[*k].clone()))
        .collect()
}

/// path, table idx, kind, level1, level2, name, value, confidence, line
type SqlRow = (
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    f64,
    i64,
);

#[test]
fn jsonl_csv_and_sqlite_read_back_equal_the_json_output() {
    let dir = corpus_copies(1);
    let d = dir.path();
    for (fmt, out) in [
        ("json", "all.json"),
        ("jsonl", "all.jsonl"),
        ("csv", "all.csv"),
        ("sqlite", "all.db"),
    ] {
        ok(&run(
            &["extract", "docs", "-f", fmt, "-o", out, "-j", "2", "-q"],
            d,
        ));
    }
    let docs: Value = serde_json::from_str(&read(&d.join("all.json"))).unwrap_or_default();
    let expected = flat_rows_from_json(&docs);
    assert!(expected.len() > 2000, "{}", expected.len());

    // JSONL
    let jsonl: Vec<BTreeMap<String, Value>> = read(&d.join("all.jsonl"))
        .lines()
        .map(|l| project(&serde_json::from_str(l).unwrap_or_default()))
        .collect();
    assert_eq!(jsonl, expected);

    // CSV: same columns, strings as written
    let mut rdr = csv::Reader::from_path(d.join("all.csv")).unwrap_or_else(|e| panic!("{e}"));
    let headers = rdr.headers().cloned().unwrap_or_default();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let mut n = 0;
    for (rec, exp) in rdr.records().zip(&expected) {
        let rec = rec.unwrap_or_else(|e| panic!("{e}"));
        for k in ["source", "level1", "level2", "name"] {
            assert_eq!(Some(rec.get(col(k)).unwrap_or("")), exp[k].as_str(), "{k}");
        }
        assert_eq!(
            rec.get(col("value")).unwrap_or(""),
            exp["value"].as_str().unwrap_or("")
        );
        let conf: f64 = rec
            .get(col("confidence"))
            .unwrap_or("")
            .parse()
            .unwrap_or(-1.0);
        assert_eq!(Some(conf), exp["confidence"].as_f64());
        n += 1;
    }
    assert_eq!(n, expected.len());

    // SQLite: indicators joined with their table and document, in order
    let conn = rusqlite::Connection::open(d.join("all.db")).unwrap_or_else(|e| panic!("{e}"));
    let mut st = conn
        .prepare(
            "SELECT d.path, t.idx, t.kind, i.level1, i.level2, i.name, i.value, i.confidence, i.line
             FROM indicators i JOIN tables t ON i.table_id = t.id JOIN documents d ON t.document_id = d.id
             ORDER BY d.id, t.idx, i.idx",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<SqlRow> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .collect();
    assert_eq!(rows.len(), expected.len());
    for (row, exp) in rows.iter().zip(&expected) {
        assert_eq!(Some(row.0.as_str()), exp["source"].as_str());
        assert_eq!(Some(row.1), exp["table"].as_i64());
        assert_eq!(Some(row.5.as_str()), exp["name"].as_str());
        assert_eq!(row.6.as_deref(), exp["value"].as_str());
        assert_eq!(Some(row.7), exp["confidence"].as_f64());
        assert_eq!(Some(row.8), exp["line"].as_i64());
    }
    // foreign keys hold and diagnostics were kept
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap_or(-1);
    assert_eq!(fk, 0);
    let diags: i64 = conn
        .query_row("SELECT count(*) FROM diagnostics", [], |r| r.get(0))
        .unwrap_or(-1);
    let json_diags: usize = docs
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| d["diagnostics"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(diags as usize, json_diags);
}

#[test]
fn output_order_is_input_order_whatever_the_thread_count() {
    let dir = corpus_copies(2);
    let d = dir.path();
    ok(&run(
        &[
            "extract", "docs", "-f", "jsonl", "-o", "j1.jsonl", "-j", "1", "-q",
        ],
        d,
    ));
    ok(&run(
        &[
            "extract", "docs", "-f", "jsonl", "-o", "j2.jsonl", "-j", "2", "-q",
        ],
        d,
    ));
    ok(&run(
        &[
            "extract", "docs", "-f", "jsonl", "-o", "j7.jsonl", "-j", "7", "-q",
        ],
        d,
    ));
    let one = read(&d.join("j1.jsonl"));
    assert!(!one.is_empty());
    assert_eq!(one, read(&d.join("j2.jsonl")));
    assert_eq!(one, read(&d.join("j7.jsonl")));
}

#[test]
fn a_bad_input_is_recorded_and_the_run_goes_on() {
    let dir = corpus_copies(1);
    let d = dir.path();
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.md", d.join("docs/dangling.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let o = run(
        &[
            "extract",
            "docs",
            "missing.md",
            "-f",
            "jsonl",
            "-o",
            "o.jsonl",
        ],
        d,
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let errors: Vec<Value> = read(&d.join("o.jsonl.errors"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    let paths: Vec<&str> = errors.iter().filter_map(|e| e["path"].as_str()).collect();
    assert!(paths.contains(&"missing.md"), "{paths:?}");
    assert!(errors
        .iter()
        .all(|e| e["code"].as_str().is_some_and(|c| c.starts_with("input."))));
    #[cfg(unix)]
    assert!(
        paths.iter().any(|p| p.ends_with("dangling.md")),
        "{paths:?}"
    );
    // the good inputs were all written
    let n = read(&d.join("o.jsonl")).lines().count();
    assert!(n > 2000, "{n}");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("missing.md") && stderr.contains("failed"),
        "{stderr}"
    );
}

#[test]
fn shards_partition_the_run_and_their_union_is_the_whole() {
    let dir = corpus_copies(1);
    let d = dir.path();
    ok(&run(
        &["extract", "docs", "-f", "jsonl", "-o", "all.jsonl", "-q"],
        d,
    ));
    let mut union: Vec<String> = Vec::new();
    for k in 1..=3 {
        let out = format!("s{k}.jsonl");
        ok(&run(
            &[
                "extract",
                "docs",
                "-f",
                "jsonl",
                "-o",
                &out,
                "-q",
                "--shard",
                &format!("{k}/3"),
            ],
            d,
        ));
        let part = read(&d.join(&out));
        assert!(!part.is_empty(), "shard {k} is empty");
        union.extend(part.lines().map(String::from));
    }
    let mut all: Vec<String> = read(&d.join("all.jsonl"))
        .lines()
        .map(String::from)
        .collect();
    all.sort();
    union.sort();
    assert_eq!(union, all);
    let bad = run(&["extract", "docs", "--shard", "4/3"], d);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn stdin_and_files_from() {
    let dir = corpus_copies(1);
    let d = dir.path();
    let doc = "docs/0/derived/clean-baseline.md";
    let bytes = std::fs::read(d.join(doc)).unwrap_or_default();
    let mut child = bin()
        .args(["extract", "-", "-f", "jsonl"])
        .current_dir(d)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut s) = child.stdin.take() {
        use std::io::Write;
        s.write_all(&bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    let o = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    ok(&o);
    let from_stdin = String::from_utf8_lossy(&o.stdout).to_string();
    std::fs::write(d.join("list.txt"), format!("# inputs\n{doc}\n\n")).unwrap_or_default();
    let o = run(&["extract", "--files-from", "list.txt", "-f", "jsonl"], d);
    ok(&o);
    let from_list = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(from_list.lines().count() > 10);
    // an empty list is an empty run, not an error (a pipeline partition may hold no paths)
    std::fs::write(d.join("empty.txt"), "").unwrap_or_default();
    let o = run(
        &["extract", "--files-from", "empty.txt", "-f", "jsonl", "-q"],
        d,
    );
    ok(&o);
    assert!(o.stdout.is_empty());
    assert_eq!(
        from_stdin.replace("\"source\":\"-\"", "S"),
        from_list.replace(&format!("\"source\":\"{doc}\""), "S")
    );
}

/// Runs `extract docs` to `out` in `format` on one thread and sends it `sig` once the ledger or
/// database shows progress; returns whether the signal came before the end, and how it exited.
fn start_then_signal(d: &Path, format: &str, out: &str, sig: &str) -> (bool, ExitStatus) {
    let mut child = bin()
        .args(["extract", "docs", "-f", format, "-o", out, "-j", "1", "-q"])
        .current_dir(d)
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let progress = d.join(format!("{out}.documents"));
    let db = d.join(out);
    let started = std::time::Instant::now();
    loop {
        let lines = std::fs::read_to_string(&progress).map_or(0, |t| t.lines().count());
        let db_size = std::fs::metadata(&db).map_or(0, |m| m.len());
        let far_enough = if format == "sqlite" {
            db_size > 100_000
        } else {
            lines >= 20
        };
        if far_enough || started.elapsed().as_secs() > 60 {
            break;
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let stopped_early = matches!(child.try_wait(), Ok(None));
    let _ = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status();
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    (stopped_early, status)
}

/// Stops a run part-way with `sig`, then resumes it; returns whether the stop came before the
/// end.
fn stop_then_resume(d: &Path, format: &str, out: &str, sig: &str) -> bool {
    let (stopped_early, _) = start_then_signal(d, format, out, sig);
    ok(&run(
        &[
            "extract", "docs", "-f", format, "-o", out, "-j", "2", "-q", "--resume",
        ],
        d,
    ));
    stopped_early
}

fn sqlite_dump(p: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(p).unwrap_or_else(|e| panic!("{e}"));
    let mut st = conn
        .prepare(
            "SELECT d.path || '|' || t.idx || '|' || i.idx || '|' || i.name || '|' || ifnull(i.value, '')
             FROM indicators i JOIN tables t ON i.table_id = t.id JOIN documents d ON t.document_id = d.id
             ORDER BY d.path, t.idx, i.idx",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    st.query_map([], |r| r.get::<_, String>(0))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .collect()
}

#[cfg(unix)]
#[test]
fn a_run_killed_with_sigkill_resumes_to_exactly_the_uninterrupted_output() {
    let dir = corpus_copies(4);
    let d = dir.path();
    ok(&run(
        &["extract", "docs", "-f", "jsonl", "-o", "whole.jsonl", "-q"],
        d,
    ));
    ok(&run(
        &["extract", "docs", "-f", "sqlite", "-o", "whole.db", "-q"],
        d,
    ));
    let early = stop_then_resume(d, "jsonl", "killed.jsonl", "-KILL");
    assert!(
        early,
        "the run finished before it could be killed; make the input bigger"
    );
    assert_eq!(read(&d.join("killed.jsonl")), read(&d.join("whole.jsonl")));
    let early = stop_then_resume(d, "sqlite", "killed.db", "-KILL");
    assert!(early, "the SQLite run finished before it could be killed");
    let whole = sqlite_dump(&d.join("whole.db"));
    assert!(whole.len() > 10_000);
    assert_eq!(sqlite_dump(&d.join("killed.db")), whole);
}

/// What a stopped run left in `out` is a clean prefix of the uninterrupted `whole`, shorter than
/// it, and `--resume` completes it to exactly `whole`.
#[cfg(unix)]
fn assert_prefix_then_resume(d: &Path, format: &str, out: &str, whole: &str) {
    let partial = read(&d.join(out));
    assert!(partial.len() < whole.len(), "the stop came after the end");
    assert!(
        whole.starts_with(&partial),
        "what was flushed is a clean prefix"
    );
    ok(&run(
        &["extract", "docs", "-f", format, "-o", out, "-q", "--resume"],
        d,
    ));
    assert_eq!(read(&d.join(out)), whole);
}

#[cfg(unix)]
#[test]
fn sigint_flushes_what_is_done_and_the_run_resumes() {
    let dir = corpus_copies(3);
    let d = dir.path();
    ok(&run(
        &["extract", "docs", "-f", "csv", "-o", "whole.csv", "-q"],
        d,
    ));
    let (_, status) = start_then_signal(d, "csv", "int.csv", "-INT");
    assert_eq!(status.code(), Some(130), "an interrupted run exits 130");
    assert_prefix_then_resume(d, "csv", "int.csv", &read(&d.join("whole.csv")));
}

/// A full disk, simulated with a file-size limit (`ulimit -f`, SIGXFSZ ignored so the write
/// fails with EFBIG like ENOSPC): a clear error, an output that ends in a whole record, and a
/// resume that completes it.
#[cfg(unix)]
#[test]
fn a_full_disk_stops_the_run_cleanly_and_it_resumes() {
    let dir = corpus_copies(2);
    let d = dir.path();
    ok(&run(
        &["extract", "docs", "-f", "jsonl", "-o", "whole.jsonl", "-q"],
        d,
    ));
    let exe = PathBuf::from(BIN);
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 400; exec '{}' extract docs -f jsonl -o full.jsonl -q",
            exe.display()
        ))
        .current_dir(d)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("full.jsonl"), "{stderr}");
    let partial = read(&d.join("full.jsonl"));
    assert!(!partial.is_empty(), "the limit left room for some records");
    assert!(partial.ends_with('\n'), "no half record is left");
    assert_prefix_then_resume(d, "jsonl", "full.jsonl", &read(&d.join("whole.jsonl")));
}

#[test]
fn resume_needs_a_resumable_output() {
    let dir = corpus_copies(1);
    let d = dir.path();
    let o = run(&["extract", "docs", "--resume"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--resume"));
    let o = run(
        &["extract", "docs", "-f", "json", "-o", "x.json", "--resume"],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
}

/// Documents without records add no bytes: a chunk of them (alone, and between documents
/// that have records) is written and recorded, not read as a write of zero bytes.
#[test]
fn documents_without_records_are_written_and_recorded() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let d = dir.path();
    std::fs::create_dir_all(d.join("empty")).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..3 {
        std::fs::write(
            d.join("empty").join(format!("{i}.md")),
            format!("just text {i}\n"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    for format in ["jsonl", "csv"] {
        let out = format!("empty.{format}");
        ok(&run(
            &["extract", "empty", "-f", format, "-o", &out, "-q"],
            d,
        ));
        let ledger = read(&d.join(format!("{out}.documents")));
        assert_eq!(ledger.lines().count(), 3, "{format}: {ledger}");
    }
    // mixed: the corpus's documents around documents without records
    let mixed = corpus_copies(1);
    let m = mixed.path();
    for i in 0..3 {
        std::fs::write(m.join("docs").join(format!("0-empty-{i}.md")), "no table\n")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    ok(&run(
        &["extract", "docs", "-f", "jsonl", "-o", "mixed.jsonl", "-q"],
        m,
    ));
    let ledger = read(&m.join("mixed.jsonl.documents"));
    let out_len = std::fs::metadata(m.join("mixed.jsonl"))
        .map(|x| x.len())
        .unwrap_or_default();
    let last: Value = ledger
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or_default();
    assert_eq!(
        last["end"].as_u64(),
        Some(out_len),
        "the ledger vouches for the whole output"
    );
}
