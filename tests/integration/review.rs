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
        assert_eq!(s.matches("<table class=\"grid\">").count(), 1);
        assert_eq!(
            s.matches(&format!("<tr id=\"t{}-r", i + 1)).count(),
            t.indicators.len(),
            "records of table {}",
            i + 1
        );
        // each record stands in the table rows of the source row its name was read from: the
        // nearest line label above it (a rowspan groups a row's records) is its name's line
        for (k, rec) in t.indicators.iter().enumerate() {
            let at = s
                .find(&format!("<tr id=\"t{}-r{}\"", i + 1, k + 1))
                .unwrap_or_else(|| panic!("record {} of table {}", k + 1, i + 1));
            let row = s
                .get(at..)
                .and_then(|r| r.split("</tr>").next())
                .unwrap_or("");
            let head = if row.contains("class=\"ln\"") {
                row
            } else {
                s.get(..at).unwrap_or("")
            };
            let after = head.rsplit("class=\"ln\"").next().unwrap_or("");
            let label = after.split_once('>').map_or("", |(_, l)| l);
            let line = format!("L{}", rec.source.line);
            assert!(
                label.starts_with(&format!("{line} ")) || label.starts_with(&format!("{line}<")),
                "table {} record {} ({}) not beside L{}: {}",
                i + 1,
                k + 1,
                rec.name,
                rec.source.line,
                label.chars().take(80).collect::<String>()
            );
        }
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
    assert!(page.contains(&format!("<td class=\"r\">发放{script}防范手册数量</td>")));
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

/// Every `href="…#id"` of a set of pages, resolved: `(file, id)`, the file being `this` for a
/// bare `#id`.
fn links<'a>(page: &'a str, this: &'a str) -> Vec<(&'a str, &'a str)> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .filter_map(|(h, _)| h.split_once('#'))
        .map(|(file, id)| (if file.is_empty() { this } else { file }, id))
        .collect()
}

/// Every `id="…"` of a page.
fn ids(page: &str) -> std::collections::HashSet<&str> {
    page.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"'))
        .map(|(id, _)| id)
        .collect()
}

/// Asserts that every in-page or cross-page link of `pages` has its target, and no id repeats.
fn assert_no_broken_link(pages: &[(String, String)]) -> usize {
    let by_file: std::collections::HashMap<&str, std::collections::HashSet<&str>> = pages
        .iter()
        .map(|(file, page)| {
            let all = ids(page);
            assert_eq!(
                all.len(),
                page.matches(" id=\"").count(),
                "{file}: an id is used twice"
            );
            (file.as_str(), all)
        })
        .collect();
    let mut n = 0;
    for (file, page) in pages {
        for (to, id) in links(page, file) {
            let target = by_file.get(to);
            let target = target.unwrap_or_else(|| panic!("{file}: link to missing page {to}"));
            assert!(target.contains(id), "{file}: href {to}#{id} has no target");
            n += 1;
        }
    }
    n
}

#[test]
fn every_link_on_the_page_has_its_target() {
    for doc in [REFERENCE, HOSTILE] {
        let page = render(&reviewed(doc));
        let n = assert_no_broken_link(&[("p.html".into(), page)]);
        assert!(n > 10, "{doc}: only {n} links");
    }
}

#[test]
fn contents_list_every_table_with_its_counts_and_a_warning_badge() {
    let r = reviewed(REFERENCE);
    let page = render(&r);
    let contents = page
        .split("<nav id=\"contents\">")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .unwrap_or_else(|| panic!("no contents list"));
    assert!(page.find("<nav id=\"contents\">") < page.find("<section id=\"attention\">"));
    let rows: Vec<&str> = contents.split("<tr><td><a href=").skip(1).collect();
    assert_eq!(rows.len(), 8);
    for (i, (row, t)) in rows.iter().zip(&r.document.tables).enumerate() {
        assert!(row.starts_with(&format!("\"#t{}\">Table {}</a>", i + 1, i + 1)));
        assert!(row.contains(&format!("<td class=\"num\">{}</td>", t.indicators.len())));
    }
    // table 5 holds the funds culprit and a cost mismatch; table 1 the department total
    assert!(rows[4].contains("<span class=\"badge warn\">⚠ "));
    assert!(rows[0].contains("<span class=\"badge warn\">⚠ "));
    assert!(rows[1].contains("<span class=\"badge ok\">"));
}

#[test]
fn records_link_to_their_source_cells_and_source_rows_back_to_their_records() {
    let r = reviewed(REFERENCE);
    let page = render(&r);
    for (ti, t) in r.document.tables.iter().enumerate() {
        let n = ti + 1;
        for (i, rec) in t.indicators.iter().enumerate() {
            let (l, c) = (rec.source.line, rec.source.col);
            let row = page
                .split(&format!("<tr id=\"t{n}-r{}\"", i + 1))
                .nth(1)
                .and_then(|s| s.split("</tr>").next())
                .unwrap_or_else(|| panic!("no row for record {} of table {n}", i + 1));
            assert!(
                row.contains(&format!(
                    "<a class=\"at\" href=\"#t{n}-L{l}c{c}\">L{l}:{c}</a>"
                )),
                "table {n} record {}: {row}",
                i + 1
            );
            assert!(page.contains(&format!("<td id=\"t{n}-L{l}c{c}\"")));
            assert!(page.contains(&format!(" <a href=\"#t{n}-r{}\">#{}</a>", i + 1, i + 1)));
        }
    }
    // the diagnostics' places are links too
    assert!(page.contains("<a class=\"at\" href=\"#t5-L279c30\">L279:30</a>"));
}

#[test]
fn the_funds_culprit_is_marked_where_it_occurs_with_its_suggestion() {
    let r = reviewed(REFERENCE);
    let page = render(&r);
    let section = |n: usize| {
        page.split(&format!("<section class=\"form\" id=\"t{n}\">"))
            .nth(1)
            .and_then(|s| s.split("</section>").next())
            .unwrap_or("")
            .to_string()
    };
    let t5 = section(5);
    // the meta field the suggestion names, with the suggestion beside it
    assert!(t5.contains("<mark class=\"finding\">total 841.36</mark><span class=\"suggest\""));
    assert!(t5.contains(">841.36 → 641.36? one digit</span>"));
    // its twin, printed equal and edited with it ("and funds_fiscal, printed equal"), with its cell
    assert!(t5.contains("<mark class=\"finding\">fiscal 841.36</mark><span class=\"suggest\""));
    let fiscal = r.document.tables[4]
        .meta
        .spans
        .iter()
        .find(|(k, _)| *k == tablemend::model::MetaKey::FundsFiscal)
        .map(|(_, s)| (s.line, s.col))
        .unwrap_or_default();
    assert!(t5.contains(&format!(
        "<td id=\"t5-L{}c{}\" class=\"finding\"",
        fiscal.0, fiscal.1
    )));
    // the source cell the culprit was read from, in the grid
    let cell = t5
        .split("<td id=\"t5-L279c30\"")
        .nth(1)
        .and_then(|s| s.split("</td>").next())
        .unwrap_or("");
    assert!(cell.starts_with(" class=\"finding\""), "{cell}");
    assert!(cell.contains("841.36 → 641.36? one digit"));
    // the department total the check compares with, in table 1's meta and grid
    let t1 = section(1);
    assert!(t1.contains("<mark class=\"finding\">total 1223.7</mark>"));
    assert!(t1.contains("<td id=\"t1-L16c32\" class=\"finding\""));
    // other tables carry no finding
    assert!(!section(2).contains("finding"));
}

/// A filing of `n` forms made from the reference as scripts/make_filing.py makes it: the
/// department form, then the project sections cycled, each heading numbered.
fn filing(n: usize) -> String {
    let text = std::fs::read_to_string(REFERENCE).unwrap_or_default();
    let mut sections: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with('#') {
            sections.push(String::new());
        }
        if let Some(s) = sections.last_mut() {
            s.push_str(line);
        }
    }
    let (department, projects) = sections.split_first().unwrap_or_else(|| panic!("no forms"));
    let mut parts = vec![department.clone()];
    let (mut made, mut i) = (1, 0);
    while made < n {
        let section = &projects[i % projects.len()];
        let (head, body) = section.split_once('\n').unwrap_or((section, ""));
        parts.push(format!("{head} (copy {})\n{body}", i + 1));
        made += body.matches("| 项目名称").count().max(1);
        i += 1;
    }
    parts.join("\n")
}

#[test]
fn a_1000_table_filing_is_split_into_linked_pages_of_at_most_5_mb() {
    use tablemend::sink::html::{page_file, render_split, PAGE_TABLES};
    let text = filing(1000);
    let clock = std::time::Instant::now();
    let r = crate::util::extractor().extract_reviewed("filing.md", text.as_bytes());
    eprintln!("extracted in {:?}", clock.elapsed());
    assert_eq!(r.document.tables.len(), 1000);
    let clock = std::time::Instant::now();
    let pages = render_split(&r, "review.html");
    eprintln!("rendered in {:?}", clock.elapsed());
    let pages_n = 1000 / PAGE_TABLES;
    assert_eq!(pages.len(), pages_n + 1);
    assert_eq!(pages[0].0, "review.html");
    for (p, (file, page)) in pages.iter().enumerate() {
        assert!(page.len() <= 5 << 20, "{file}: {} bytes", page.len());
        if p > 0 {
            assert_eq!(file, &page_file("review.html", p));
            assert_eq!(page.matches("<section class=\"form\"").count(), PAGE_TABLES);
            assert!(page.contains("<a href=\"review.html\">index</a>"));
        }
    }
    assert!(pages[1].1.contains("<a href=\"review-2.html\">next →</a>"));
    assert!(!pages[1].1.contains("previous"));
    assert!(pages[2]
        .1
        .contains("<a href=\"review-1.html\">← previous</a>"));
    assert!(!pages[pages_n].1.contains("next →"));
    // the index: every table in the contents, linked to its page; no table section
    let index = &pages[0].1;
    let last = format!("<a href=\"review-{pages_n}.html#t1000\">Table 1000</a>");
    assert!(index.contains(&last));
    assert!(!index.contains("<section class=\"form\""));
    let n = assert_no_broken_link(&pages);
    assert!(n > 50_000, "{n} links");
}

#[test]
fn review_command_writes_an_index_and_pages_beside_it_above_50_tables() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 50 tables stay one page
    std::fs::write(dir.path().join("small.md"), filing(50)).unwrap_or_else(|e| panic!("{e}"));
    let st = bin()
        .arg("review")
        .arg(dir.path().join("small.md"))
        .arg("-o")
        .arg(dir.path().join("small.html"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(st.success());
    std::fs::remove_file(dir.path().join("small.md")).unwrap_or_else(|e| panic!("{e}"));
    let one = std::fs::read_to_string(dir.path().join("small.html")).unwrap_or_default();
    assert_eq!(one.matches("<section class=\"form\"").count(), 50);
    std::fs::remove_file(dir.path().join("small.html")).unwrap_or_else(|e| panic!("{e}"));
    let input = dir.path().join("filing.md");
    std::fs::write(&input, filing(120)).unwrap_or_else(|e| panic!("{e}"));
    let st = bin()
        .arg("review")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out.html"))
        .status()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(st.success());
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "filing.md",
            "out-1.html",
            "out-2.html",
            "out-3.html",
            "out-4.html",
            "out-5.html",
            "out.html"
        ]
    );
}
