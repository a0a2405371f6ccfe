//! Outputs a data team can trust (issue 18), through the binary: existing outputs and runs of
//! made-up documents go in; the assertions are that a run which writes nothing replaces
//! nothing, that sidecars never match the output's glob, that every input leaves a trace, and
//! that every output speaks one schema.

use std::path::Path;
use std::process::Command;

use crate::util::{json_codes as codes, run_in as run};

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A good run to `out`, then a run whose only input does not exist: exit 2, and the output is
/// byte for byte what the good run wrote.
#[test]
fn a_run_where_every_input_fails_leaves_the_existing_output_untouched() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::copy("corpus/suzhou/suzhou-hrss-2024.md", d.join("doc.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    for (format, out) in [
        ("jsonl", "keep.jsonl"),
        ("csv", "keep.csv"),
        ("json", "keep.json"),
        ("sqlite", "keep.db"),
        ("parquet", "keep.parquet"),
    ] {
        let good = run(&["extract", "doc.md", "-f", format, "-o", out, "-q"], d);
        assert!(good.status.success(), "{format}: {good:?}");
        let before = bytes(&d.join(out));
        assert!(before.len() > 1000, "{format}: the good run wrote records");
        for args in [
            vec!["extract", "nosuchdir", "-f", format, "-o", out, "-q"],
            vec!["extract", "nosuch.md", "-f", format, "-o", out, "-q"],
        ] {
            let bad = run(&args, d);
            assert_eq!(bad.status.code(), Some(2), "{format}: every input failed");
            assert!(
                bytes(&d.join(out)) == before,
                "{format}: `{}` changed the existing output",
                args.join(" ")
            );
        }
        // and the kept output still resumes (line formats and SQLite; JSON and Parquet are
        // written whole)
        if format != "json" && format != "parquet" {
            let again = run(
                &[
                    "extract", "doc.md", "-f", format, "-o", out, "-q", "--resume",
                ],
                d,
            );
            assert!(again.status.success(), "{format}: {again:?}");
            assert!(
                bytes(&d.join(out)) == before,
                "{format}: resumed, nothing to add"
            );
        }
    }
}

/// A run where every input fails, to an output that did not exist, still leaves an (empty)
/// output behind: the CSV header, an empty JSON array, a database with the schema.
#[test]
fn a_failed_run_to_a_new_output_creates_it_empty() {
    let dir = tempdir();
    let d = dir.path();
    for (format, out, want) in [("jsonl", "new.jsonl", Some("")), ("sqlite", "new.db", None)] {
        let bad = run(&["extract", "nosuchdir", "-f", format, "-o", out, "-q"], d);
        assert_eq!(bad.status.code(), Some(2), "{format}");
        let got = bytes(&d.join(out));
        if let Some(want) = want {
            assert_eq!(String::from_utf8_lossy(&got), want, "{format}");
        }
    }
    // one JSON document asked for and none came: no file; an empty list: an empty array
    let bad = run(&["extract", "nosuch.md", "-o", "new.json", "-q"], d);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!d.join("new.json").exists());
    std::fs::write(d.join("none.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    let empty = run(
        &[
            "extract",
            "--files-from",
            "none.txt",
            "-o",
            "new.json",
            "-q",
        ],
        d,
    );
    assert!(empty.status.success());
    assert_eq!(bytes(&d.join("new.json")), b"[]\n");
    let bad = run(
        &["extract", "nosuchdir", "-f", "csv", "-o", "new.csv", "-q"],
        d,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bytes(&d.join("new.csv"))).starts_with("source,"));
    let conn = rusqlite::Connection::open(d.join("new.db")).unwrap_or_else(|e| panic!("{e}"));
    let n: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(n, 0);
}

/// The sidecars of `part-1.jsonl` are named so that `part-*.jsonl` (and `*.jsonl`) matches the
/// outputs only: the README's `cat out/part-*.jsonl` merges records and nothing else.
#[test]
fn sidecars_never_match_the_output_glob() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::create_dir(d.join("out")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy("corpus/suzhou/suzhou-hrss-2024.md", d.join("doc.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    for (format, ext) in [("jsonl", "jsonl"), ("csv", "csv"), ("sqlite", "db")] {
        let out = format!("out/part-1.{ext}");
        let o = run(
            &[
                "extract",
                "doc.md",
                "missing.md",
                "-f",
                format,
                "-o",
                &out,
                "-q",
            ],
            d,
        );
        assert_eq!(o.status.code(), Some(3), "{format}: one input failed");
    }
    let names: Vec<String> = std::fs::read_dir(d.join("out"))
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for ext in ["jsonl", "csv", "db"] {
        let matching: Vec<&String> = names
            .iter()
            .filter(|n| n.starts_with("part-") && n.ends_with(&format!(".{ext}")))
            .collect();
        assert_eq!(matching, [&format!("part-1.{ext}")], "{names:?}");
    }
    // the sidecars are there, under their own names
    for side in [
        "part-1.jsonl.documents",
        "part-1.jsonl.errors",
        "part-1.csv.errors",
    ] {
        assert!(names.iter().any(|n| n == side), "{side} in {names:?}");
    }
}

/// Every input written appears in the documents ledger with its tables, records and
/// diagnostics — also one with no records — so nothing is dropped silently from JSONL or CSV.
#[test]
fn the_documents_ledger_lists_every_input_with_its_diagnostics() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::copy("corpus/suzhou/suzhou-hrss-2024.md", d.join("a.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(d.join("b.md"), "no form here, just a sentence\n")
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(d.join("c.md"), b"\xff\xfe\x00\x01binary\x00\x00")
        .unwrap_or_else(|e| panic!("{e}"));
    for (format, out) in [("jsonl", "o.jsonl"), ("csv", "o.csv")] {
        let o = run(
            &[
                "extract", "a.md", "b.md", "c.md", "-f", format, "-o", out, "-q",
            ],
            d,
        );
        assert!(o.status.success(), "{o:?}");
        let text =
            String::from_utf8_lossy(&bytes(&d.join(format!("{out}.documents")))).into_owned();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_default())
            .collect();
        let paths: Vec<&str> = lines.iter().filter_map(|l| l["path"].as_str()).collect();
        assert_eq!(paths, ["a.md", "b.md", "c.md"], "{format}");
        assert!(lines[0]["records"].as_u64().unwrap_or(0) > 300, "{format}");
        assert!(lines[0]["tables"].as_u64().unwrap_or(0) >= 6, "{format}");
        assert_eq!(lines[1]["records"], 0, "{format}");
        assert_eq!(lines[1]["tables"], 0, "{format}");
        for l in &lines {
            assert!(l["encoding"].is_string() && l["hash"].is_string(), "{l}");
            assert!(l["diagnostics"].is_array(), "{l}");
            assert!(l["end"].is_u64(), "{l}");
        }
        // the reference document's funds warnings are visible without opening the JSON
        let codes: Vec<&str> = lines[0]["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["code"].as_str())
            .collect();
        assert!(codes.contains(&"funds.culprit"), "{codes:?}");
    }
}

/// `--version` names the version, the commit and the embedded vocabulary's hash.
#[test]
fn version_names_the_commit_and_the_vocabulary() {
    let o = run(&["--version"], Path::new("."));
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let vocab = tablemend::bulk::content_hash(tablemend::vocab::DEFAULT_VOCAB.as_bytes());
    assert!(
        text.starts_with(&format!("tablemend {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains(&format!("vocabulary {vocab}")), "{text}");
    let commit = text
        .split("commit ")
        .nth(1)
        .and_then(|t| t.split(',').next())
        .unwrap_or_default();
    assert!(
        commit == "unknown" || (commit.len() >= 7 && commit.bytes().all(|b| b.is_ascii_hexdigit())),
        "{text}"
    );
}

fn readme() -> String {
    String::from_utf8_lossy(&bytes(Path::new("README.md"))).into_owned()
}

/// The README's claims, each checked by running it: an empty list is an empty run (exit 0, no
/// lines; the Spark section once said exit 2), `-q` silences the per-input error lines, the
/// sample JSON's line numbers are the reference's, and the fuzz hint is the test's.
#[test]
fn readme_claims_hold() {
    let dir = tempdir();
    let d = dir.path();
    std::fs::write(d.join("empty.txt"), "").unwrap_or_else(|e| panic!("{e}"));
    let o = run(
        &["extract", "--files-from", "empty.txt", "-f", "jsonl", "-q"],
        d,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let text = readme();
    assert!(
        !text.contains("\"no inputs\" error (exit 2)"),
        "the Spark section"
    );
    assert!(text.contains("an empty list is an empty run"));

    let o = run(&["extract", "missing.md", "-f", "jsonl", "-q"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        o.stderr.is_empty(),
        "-q: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    // the sample document JSON: the reference's first project table and its 培训场次 record
    let o = run(
        &["extract", "corpus/suzhou/suzhou-hrss-2024.md"],
        Path::new("."),
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let project = doc["tables"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["kind"] == "project")
        .cloned()
        .unwrap_or_default();
    assert!(
        text.contains(&format!("\"line\": {},", project["line"])),
        "README sample: the project table starts at line {}",
        project["line"]
    );
    let rec = project["indicators"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["name"] == "培训场次")
        .cloned()
        .unwrap_or_default();
    let at = |s: &serde_json::Value| {
        format!(
            "{{\"line\": {}, \"col\": {}, \"text\": {}}}",
            s["line"], s["col"], s["text"]
        )
    };
    assert!(
        text.contains(&at(&rec["source"])),
        "README sample: {}",
        at(&rec["source"])
    );
    assert!(
        text.contains(&at(&rec["value_source"])),
        "README sample: {}",
        at(&rec["value_source"])
    );

    // the fuzz hint: the README's case count is the one the test names
    let fuzz = String::from_utf8_lossy(&bytes(Path::new("tests/integration/fuzz.rs"))).into_owned();
    let cases = |t: &str| -> Vec<String> {
        t.split("PROPTEST_CASES=")
            .skip(1)
            .filter_map(|r| r.split(' ').next())
            .map(String::from)
            .filter(|n| n.len() > 4)
            .collect()
    };
    let in_test = cases(&fuzz);
    assert!(!in_test.is_empty());
    for n in cases(&text) {
        assert!(
            in_test.contains(&n),
            "README fuzz hint PROPTEST_CASES={n}, test says {in_test:?}"
        );
    }
}

fn extract_json(path: &Path) -> serde_json::Value {
    let o = run(&["extract", &path.to_string_lossy()], Path::new("."));
    assert!(o.status.success(), "{o:?}");
    serde_json::from_slice(&o.stdout).unwrap_or_default()
}

/// A generic pipe table of fruit prices is no form: no table, and `table.not_a_form` at its
/// line (it once came out as a `department` form with its rows as tasks, silently).
#[test]
fn a_price_list_is_not_a_form() {
    let dir = tempdir();
    let p = dir.path().join("fruit.md");
    std::fs::write(
        &p,
        "# 水果价格\n\n| 品名 | 单价 | 产地 |\n|---|---|---|\n| 苹果 | 5元 | 山东 |\n| 香蕉 | 3元 | 海南 |\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let doc = extract_json(&p);
    assert_eq!(doc["tables"], serde_json::json!([]), "{doc}");
    let d = doc["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["code"] == "table.not_a_form")
        .cloned()
        .unwrap_or_default();
    assert_eq!(d["line"], 3, "{doc}");
}

/// An empty or blank file says so (`input.empty`) instead of an unexplained `tables: []`.
#[test]
fn an_empty_or_blank_file_says_so() {
    let dir = tempdir();
    for (name, text) in [("empty.md", ""), ("blank.md", "  \n\n\t\n")] {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        let doc = extract_json(&p);
        assert_eq!(doc["tables"], serde_json::json!([]));
        assert!(
            codes(&doc).contains(&"input.empty".to_string()),
            "{name}: {doc}"
        );
    }
}

/// Every corpus document's output validates against `schema/document.schema.json` (Python's
/// `jsonschema`, draft 2020-12; the test says so and passes only where it is missing).
#[test]
fn every_corpus_output_validates_against_the_json_schema() {
    let has_jsonschema = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_jsonschema {
        eprintln!("SKIPPED: python3 with jsonschema not found (pip install jsonschema)");
        return;
    }
    let dir = tempdir();
    let all = dir.path().join("all.json");
    let o = run(
        &[
            "extract",
            "corpus",
            // and the OCR tools' JSON (corpus/ocr_json), whose sources carry a page
            "--ext",
            "md,markdown,html,htm,txt,json",
            "-f",
            "json",
            "-q",
            "-o",
            &all.to_string_lossy(),
        ],
        Path::new("."),
    );
    assert!(o.status.success(), "{o:?}");
    let script = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
docs = json.load(open(sys.argv[2]))
bad = 0
for d in docs:
    for e in v.iter_errors(d):
        bad += 1
        if bad <= 10:
            print(d.get("source"), "/".join(map(str, e.absolute_path)), e.message[:200])
print(f"{len(docs)} documents, {bad} errors")
sys.exit(1 if bad or len(docs) < 50 else 0)
"#;
    let v = Command::new("python3")
        .args([
            "-c",
            script,
            "schema/document.schema.json",
            &all.to_string_lossy(),
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        v.status.success(),
        "{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
}

/// One schema in every output: `project_name` and a 1-based `table` in JSONL and CSV, repairs
/// with their reasons in JSONL and SQLite, SQLite `tasks`/`other`/`funds_unit`, lower-case
/// encodings, titles without their year, every field present.
#[test]
fn every_output_speaks_one_schema() {
    let dir = tempdir();
    let d = dir.path();
    let doc = "corpus/suzhou/suzhou-hrss-2024.md";
    let json = extract_json(Path::new(doc));
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["encoding"], "utf-8");
    let tables = json["tables"].as_array().cloned().unwrap_or_default();
    for t in &tables {
        let title = t["title"].as_str().unwrap_or_default();
        assert!(!title.contains("年度"), "title with its year: {title}");
        assert!(t.get("title").is_some() && t["meta"].get("tasks").is_some());
        assert_eq!(t["meta"]["funds_unit"], "万元");
        for r in t["indicators"].as_array().into_iter().flatten() {
            assert!(
                r.get("parsed").is_some() && r.get("value_source").is_some(),
                "{r}"
            );
        }
    }
    for dg in json["diagnostics"].as_array().into_iter().flatten() {
        assert!(
            dg.get("line").is_some() && dg.get("suggestion").is_some(),
            "{dg}"
        );
    }
    let repaired = tables
        .iter()
        .flat_map(|t| t["indicators"].as_array().cloned().unwrap_or_default())
        .filter(|r| r["repairs"].as_array().is_some_and(|a| !a.is_empty()))
        .count();

    let o = run(&["extract", doc, "-f", "jsonl", "-q"], Path::new("."));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_default())
        .collect();
    assert!(lines.len() > 300);
    let first = &lines[0];
    assert!(
        first.get("project").is_none() && first.get("project_name").is_some(),
        "{first}"
    );
    assert_eq!(first["table"], 1, "1-based table numbers");
    let max_table = lines.iter().filter_map(|l| l["table"].as_u64()).max();
    assert_eq!(max_table, Some(tables.len() as u64));
    let with_reasons = lines
        .iter()
        .filter(|l| {
            l["repairs"].as_array().is_some_and(|a| {
                !a.is_empty()
                    && a.iter()
                        .all(|x| x["code"].is_string() && x["reason"].is_string())
            })
        })
        .count();
    assert_eq!(
        with_reasons, repaired,
        "repairs with code and reason in JSONL"
    );

    let o = run(&["extract", doc, "-f", "csv", "-q"], Path::new("."));
    let csv = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        csv.starts_with("source,table,kind,year,project_name,"),
        "{}",
        &csv[..80]
    );
    assert!(csv
        .lines()
        .nth(1)
        .is_some_and(|l| l.starts_with(&format!("{doc},1,"))));

    let db = d.join("o.db");
    let o = run(
        &[
            "extract",
            doc,
            "-f",
            "sqlite",
            "-q",
            "-o",
            &db.to_string_lossy(),
        ],
        Path::new("."),
    );
    assert!(o.status.success());
    let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("{e}"));
    let one = |sql: &str| -> i64 {
        conn.query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    assert_eq!(one("SELECT min(idx) FROM tables"), 1);
    assert_eq!(
        one("SELECT count(*) FROM tables WHERE funds_unit = '万元'"),
        tables.len() as i64
    );
    assert!(one("SELECT count(*) FROM tables WHERE tasks != '[]'") >= 1);
    assert_eq!(one("SELECT count(*) FROM tables WHERE other IS NULL"), 0);
    assert_eq!(
        one("SELECT count(DISTINCT indicator_id) FROM repairs WHERE reason != ''"),
        repaired as i64
    );
    assert_eq!(one("PRAGMA user_version"), 2);

    // -f sqlite without -o: says what is missing (it once said "cannot resume")
    let o = run(&["extract", doc, "-f", "sqlite"], Path::new("."));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("-o PATH") && !err.contains("resume"), "{err}");
}
