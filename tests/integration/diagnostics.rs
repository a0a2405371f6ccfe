//! Validation diagnostics on real inputs: the reference document goes in; out must come the
//! funds findings with the one-digit culprit they point to.

#[test]
fn reference_names_the_project_total_that_disagrees_with_its_cost_line_and_the_department() {
    let doc = crate::util::extract_file("corpus/suzhou/suzhou-hrss-2024.md");
    let culprits: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code() == "funds.culprit")
        .collect();
    let first = culprits
        .first()
        .unwrap_or_else(|| panic!("{:?}", doc.diagnostics));
    let s = first
        .suggestion
        .clone()
        .unwrap_or_else(|| panic!("no suggestion"));
    // the fifth table (fourth project) prints 841.36; its cost line and the department say 641.36
    assert_eq!((s.table, s.field.as_str()), (5, "funds_total"));
    assert_eq!((s.from.as_str(), s.to.as_str()), ("841.36", "641.36"));
    assert_eq!(
        s.fixes,
        vec!["funds.cost_mismatch", "funds.department_total"]
    );
    let name = doc
        .tables
        .get(4)
        .and_then(|t| t.meta.project_name.clone())
        .unwrap_or_default();
    assert!(first.message.contains(&name) && !name.is_empty());
    // the failing checks carry the same suggestion, and point at the amounts they state
    for code in ["funds.cost_mismatch", "funds.department_total"] {
        let d = doc
            .diagnostics
            .iter()
            .find(|d| d.code() == code && d.message.contains("841.36 → 641.36?"));
        assert!(d.is_some_and(|d| d.line.is_some()), "{code}");
    }
    // the arithmetic of every table holds
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| d.code() != "funds.arithmetic"));
}
