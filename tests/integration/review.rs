//! The review page: the library's `Extractor::extract_reviewed` + `sink::html::render` over corpus
//! documents, and the `review` subcommand. Inputs are corpus files; outputs are assertions on the
//! page's structure (sections, grids beside records, repaired cells with their reasons,
//! diagnostics first) and on its escaping (the hostile-markup document).

use tablemend::sink::html::{escape::escape, render};
use tablemend::Reviewed;

const REFERENCE: &str = "corpus/suzhou/suzhou-hrss-2024.md";
const HOSTILE: &str = "corpus/html/hostile-markup.md";

fn reviewed(path: &str) -> Reviewed {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    crate::util::extractor().extract_reviewed(path, &bytes)
}

/// The (class, title) attributes of every `<td …>` of a page.
fn cells(page: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        tag.split_once(&format!(" {name}=\""))
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(v, _)| v.to_string())
            .unwrap_or_default()
    };
    page.split("<td")
        .skip(1)
        .filter_map(|rest| rest.split_once('>'))
        .map(|(tag, _)| (attr(tag, "class"), attr(tag, "title")))
        .collect()
}

#[test]
fn one_section_per_table_with_its_grid_and_records() {
    let r = reviewed(REFERENCE);
    let page = render(&r);
    assert_eq!(r.document.tables.len(), 8);
    assert_eq!(r.grids.len(), 8);
    assert!(r.grids.iter().all(|g| !g.is_empty()));
    let sections: Vec<&str> = page.split("<section class=\"form\"").skip(1).collect();
    assert_eq!(sections.len(), 8);
    for (i, (s, t)) in sections.iter().zip(&r.document.tables).enumerate() {
        assert!(s.starts_with(&format!(" id=\"t{}\"", i + 1)));
        let grid = s.find("<table class=\"grid\">");
        let records = s.find("<table class=\"records\">");
        assert!(grid.is_some() && records.is_some() && grid < records);
        assert_eq!(
            s.matches("<tr id=\"t").count(),
            t.indicators.len(),
            "records of table {}",
            i + 1
        );
    }
}

#[test]
fn each_grid_holds_the_cells_its_records_come_from() {
    let r = reviewed(REFERENCE);
    for (t, g) in r.document.tables.iter().zip(&r.grids) {
        for rec in &t.indicators {
            let found = g.iter().flatten().any(|c| {
                (c.span.line, c.span.col) == (rec.source.line, rec.source.col)
                    && c.text.contains(rec.source.text.as_str())
            });
            assert!(
                found,
                "{} (L{}) not in its table's grid",
                rec.name, rec.source.line
            );
        }
    }
}

#[test]
fn repaired_cells_carry_the_class_and_the_reason_on_hover() {
    let r = reviewed(REFERENCE);
    let page = render(&r);
    let cells = cells(&page);
    let repaired: Vec<_> = r
        .document
        .tables
        .iter()
        .flat_map(|t| &t.indicators)
        .filter(|rec| !rec.repairs.is_empty())
        .collect();
    assert!(repaired.len() > 10);
    for rec in repaired {
        let at = format!("L{}:{}", rec.source.line, rec.source.col);
        let cell = cells
            .iter()
            .find(|(_, title)| title.split('\n').next() == Some(&at));
        let (class, title) = cell.unwrap_or_else(|| panic!("no grid cell at {at}"));
        // a repair that changed text is `repaired`; one that only moved text is `moved`
        let changed = rec
            .repairs
            .iter()
            .any(|rep| rep.kind.effect() == tablemend::model::Effect::Text);
        let want = if changed { "repaired" } else { "moved" };
        assert!(
            class.split(' ').any(|c| c == want),
            "{at}: class {class}, want {want}"
        );
        for rep in &rec.repairs {
            assert!(title.contains(&escape(&rep.reason)), "{at}: {title}");
            assert!(title.contains(rep.code()));
        }
    }
    // the cells of records without repairs are tinted, not marked repaired
    assert!(cells.iter().any(|(c, _)| c == "name"));
    // most of the reference's repairs only move text: few rows are drawn as text changes
    let text_rows = page.matches("class=\"repaired").count();
    let moved_rows = page.matches("class=\"moved").count();
    assert!(
        moved_rows > text_rows,
        "moved {moved_rows}, repaired {text_rows}"
    );
}

#[test]
fn diagnostics_and_low_confidence_come_before_the_tables() {
    let page = render(&reviewed(REFERENCE));
    let diags = page.find("<h2>Diagnostics (");
    let low = page.find("<h2>Low-confidence records (");
    let first = page.find("<section class=\"form\"");
    assert!(diags.is_some() && low.is_some() && first.is_some());
    assert!(diags < low && low < first);
    let head = page.get(..first.unwrap_or(0)).unwrap_or("");
    assert!(head.contains("<code>stitch.continued</code>"));
}

#[test]
fn hostile_markup_is_shown_as_text_never_as_markup() {
    let r = reviewed(HOSTILE);
    let page = render(&r);
    let lower = page.to_lowercase();
    for raw in ["<script", "<img", "<iframe", "onerror=\"", "javascript:"] {
        assert!(!lower.contains(raw), "raw {raw} in the page");
    }
    assert!(!lower.contains("http://") && !lower.contains("https://"));
    // what the cells say is all there, escaped: in the grid, the records and the meta
    let script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    let img = "&lt;img src=x onerror=alert(1)&gt;";
    assert!(page.contains(&format!("<td>发放{script}防范手册数量</td>")));
    assert!(page.contains(&format!("网页挂马{img}样本拦截次数</td>")));
    assert!(page.contains(&format!("<dd>网络安全宣传周{script}活动</dd>")));
    assert!(page.contains("某市&quot;网络安全&quot;应急中心 &amp; &#39;A&#39;"));
    assert!(page.matches(script).count() >= 3);
    // the stray cell fed nothing: marked in the grid and listed
    let t = r
        .document
        .tables
        .first()
        .unwrap_or_else(|| panic!("no table"));
    let u = t
        .unassigned
        .first()
        .unwrap_or_else(|| panic!("no unassigned cell"));
    let at = format!("L{}:{}", u.line, u.col);
    assert!(cells(&page)
        .iter()
        .any(|(c, title)| c == "unassigned" && title.starts_with(&at)));
    assert!(page.contains("<h3>Unassigned cells (1)</h3>"));
}

use crate::util::bin;

#[test]
fn review_command_writes_the_page_to_stdout_or_atomically_to_a_file() {
    let out = bin()
        .args(["review", HOSTILE])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("report.html");
    let st = bin()
        .args(["review", HOSTILE, "-o"])
        .arg(&path)
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(st.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), page);
    let left = std::fs::read_dir(dir.path()).into_iter().flatten().count();
    assert_eq!(left, 1, "a temporary file was left behind");
    let missing = bin()
        .args(["review", "no/such/file.md"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(missing.status.code(), Some(2));
}
