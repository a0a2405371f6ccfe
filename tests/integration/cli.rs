//! The binary: extract to stdout and to a file, exit codes, check and bless.

use std::path::{Path, PathBuf};

use crate::util::bin;

#[test]
fn extract_prints_document_json() {
    let out = bin()
        .args(["extract", "corpus/suzhou/suzhou-hrss-2024.md"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["tables"].as_array().map(Vec::len), Some(8));
    assert_eq!(v["tables"][1]["meta"]["department_code"], "602");
    assert_eq!(v["source"], "corpus/suzhou/suzhou-hrss-2024.md");
}

#[test]
fn extract_writes_to_out_path() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("o.json");
    let st = bin()
        .args(["extract", "corpus/derived/clean-baseline.md", "-o"])
        .arg(&out)
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(st.success());
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(text.contains("\"indicators\""));
    // no temporary file is left behind
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn missing_input_and_bad_encoding_exit_2() {
    let st = bin()
        .args(["extract", "no/such/file.md"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&st.stderr).contains("no/such/file.md"));
    let st = bin()
        .args([
            "extract",
            "corpus/derived/clean-baseline.md",
            "--encoding",
            "klingon",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(st.status.code(), Some(2));
}

/// A temporary corpus (`c/`) holding the clean baseline document under each of `names`, and
/// goldens (`g/`) where only the first name has one, with one value changed (≥98% → ≥97%).
fn corpus_with_a_wrong_golden(names: &[&str]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (c, g) = (dir.path().join("c"), dir.path().join("g"));
    std::fs::create_dir_all(&c).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir_all(&g).unwrap_or_else(|e| panic!("{e}"));
    for n in names {
        std::fs::copy("corpus/derived/clean-baseline.md", c.join(n))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let golden = std::fs::read_to_string("golden/derived/clean-baseline.json").unwrap_or_default();
    let changed = golden.replacen("\"≥98%\"", "\"≥97%\"", 1);
    assert_ne!(golden, changed);
    let first = Path::new(names.first().copied().unwrap_or("a.md")).with_extension("json");
    std::fs::write(g.join(first), changed).unwrap_or_else(|e| panic!("{e}"));
    (dir, c, g)
}

#[test]
fn check_passes_on_the_corpus_and_fails_on_a_changed_golden() {
    let st = bin()
        .args(["check", "-q"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stdout)
    );
    // a corpus with a wrong golden and one without a golden → exit 1, with the diff shown
    let (_dir, c, g) = corpus_with_a_wrong_golden(&["a.md", "b.md"]);
    let out = bin()
        .args(["check", "--corpus"])
        .arg(&c)
        .arg("--golden")
        .arg(&g)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("≥97%") && text.contains("≥98%"), "{text}");
    assert!(text.contains("no golden"), "{text}");
    // bless writes both goldens; then check passes
    let st = bin()
        .args(["check", "--bless", "--corpus"])
        .arg(&c)
        .arg("--golden")
        .arg(&g)
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(st.success());
    assert!(Path::new(&g.join("b.json")).exists());
    let st = bin()
        .args(["check", "--corpus"])
        .arg(&c)
        .arg("--golden")
        .arg(&g)
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(st.success());
}

/// A full-output snapshot sees what a golden cannot: a changed confidence fails the check, with
/// the line named; `--bless-snapshots` writes it back and only it.
#[test]
fn a_snapshot_sees_a_change_the_golden_cannot() {
    let (_dir, c, g) = corpus_with_a_wrong_golden(&["a.md"]);
    let check = |extra: &[&str]| {
        bin()
            .args(["check", "--corpus"])
            .arg(&c)
            .arg("--golden")
            .arg(&g)
            .args(extra)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(check(&["--bless"]).status.code(), Some(0));
    std::fs::create_dir_all(g.join("snapshots")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(g.join("snapshots/LIST"), "# one\na.md\n").unwrap_or_else(|e| panic!("{e}"));
    let missing = check(&[]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stdout).contains("missing"));
    assert_eq!(check(&["--bless-snapshots"]).status.code(), Some(0));
    let snap = g.join("snapshots/a.md.json");
    let text = std::fs::read_to_string(&snap).unwrap_or_default();
    assert!(text.contains("\"source\": \"a.md\""), "{text}");
    assert!(text.contains("\"confidence\""), "{text}");
    assert_eq!(check(&[]).status.code(), Some(0));
    let changed = text.replacen("\"confidence\": ", "\"confidence\": 0.5", 1);
    std::fs::write(&snap, &changed).unwrap_or_else(|e| panic!("{e}"));
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("FAIL snapshot") && stdout.contains("differs"),
        "{stdout}"
    );
    assert!(stdout.contains("snapshots: 0 of 1 match"), "{stdout}");
    assert_eq!(check(&["--bless-snapshots"]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&snap).unwrap_or_default(), text);
}

#[test]
fn check_reports_per_field_f1_and_min_f1_sets_the_bar() {
    // one value wrong in the golden: one record of n differs, F1 = 1 - 1/n
    let (_dir, c, g) = corpus_with_a_wrong_golden(&["a.md"]);
    let run = |extra: &[&str]| {
        let out = bin()
            .args(["check", "-q", "--corpus"])
            .arg(&c)
            .arg("--golden")
            .arg(&g)
            .args(extra)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
        )
    };
    let (code, text) = run(&[]);
    assert_eq!(code, Some(1));
    let f1_of = |label: &str| -> f64 {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(label))
            .and_then(|l| l.split("F1=").nth(1))
            .and_then(|r| r.split_whitespace().next())
            .and_then(|x| x.parse().ok())
            .unwrap_or(-1.0)
    };
    let record = f1_of("record");
    assert!(record > 0.9 && record < 1.0, "{text}");
    assert!(f1_of("value") < 1.0 && f1_of("name") == 1.0, "{text}");
    assert_eq!(f1_of("meta.project_name"), 1.0, "{text}");
    assert_eq!(f1_of("meta.funds_total"), 1.0, "{text}");
    // below the bar → 1; at or above it → 0 despite the difference
    assert_eq!(run(&["--min-f1", "0.999"]).0, Some(1));
    assert_eq!(run(&["--min-f1", "0.9"]).0, Some(0));
}

#[test]
fn vocab_file_extends_the_embedded_vocabulary() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let doc = dir.path().join("d.md");
    std::fs::write(
        &doc,
        "# 项目支出绩效目标表\n\n| 项目名称 | 甲 |\n| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| | 产出指标 | 数量指标 | 奇特指标甲 | 好 |\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let vocab = dir.path().join("v.vocab");
    std::fs::write(&vocab, "[indicator]\n奇特指标甲 | 生态效益指标\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = bin()
        .arg("extract")
        .arg(&doc)
        .arg("--vocab")
        .arg(&vocab)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["tables"][0]["indicators"][0]["level2"], "生态效益指标");
    let bad = dir.path().join("bad.vocab");
    std::fs::write(&bad, "[indicator]\n只有名字\n").unwrap_or_else(|e| panic!("{e}"));
    let out = bin()
        .arg("extract")
        .arg(&doc)
        .arg("--vocab")
        .arg(&bad)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}
