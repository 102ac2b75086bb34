//! The quality report: precision and recall of each competency question on
//! the seeds. Run `cargo test --test quality -- --nocapture` to see the
//! table. Recall must be complete; precision is reported (for questions
//! whose answer is "at least these", a lower bound).

mod common;

#[test]
#[expect(clippy::print_stdout, reason = "the report is what this test is for")]
fn quality_report() {
    let mut lines =
        vec![format!("{:<40} {:>9} {:>9} {:>8} {:>8}", "question", "precision", "recall", "results", "expected")];
    let mut incomplete = Vec::new();
    for name in common::competency_queries() {
        let c = common::compare(&name);
        lines.push(format!(
            "{:<40} {:>9.2} {:>9.2} {:>8} {:>8}{}",
            name,
            c.precision(),
            c.recall(),
            c.results.len(),
            c.expected.len(),
            if c.mode == "exactly" { "" } else { "  (at least)" }
        ));
        if c.recall() < 1.0 {
            incomplete.push(name);
        }
    }
    println!("{}", lines.join("\n"));
    assert!(incomplete.is_empty(), "recall below 1 for {incomplete:?}");
}
