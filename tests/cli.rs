//! End-to-end tests of the `ssgr` binary: exit codes, messages, formats.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn ssgr() -> Command {
    let mut cmd = Command::cargo_bin("ssgr").unwrap_or_else(|e| panic!("the ssgr binary: {e}"));
    cmd.current_dir(common::root());
    cmd
}

/// A folder with one good document and one of each kind of bad input.
fn folder_with_bad_inputs(dir: &Path) {
    let write =
        |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let good = std::fs::read(common::root().join("tests/data/bad-input/good.txt")).unwrap_or_else(|e| panic!("{e}"));
    write("good.txt", &good);
    write("binary.bin", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 0, 0, 0, 3]);
    write("latin1.txt", b"Mission de l'OSCE \xe0 Skopje, caf\xe9\n");
    write("empty.txt", b"");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing-target.txt"), dir.join("unreadable.txt"))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn bad_documents_are_reported_and_the_rest_is_built() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    folder_with_bad_inputs(dir.path());
    let output = ssgr().args(["build", "--input"]).arg(dir.path()).output().unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "exit code 1 when some documents fail\n{stderr}");
    assert!(stdout.contains("documents read: 1"), "{stdout}");
    assert!(stdout.contains("documents failed: 4"), "{stdout}");
    for (file, reason) in
        [("binary.bin", "binary"), ("latin1.txt", "UTF-8"), ("empty.txt", "empty"), ("unreadable.txt", "")]
    {
        let line =
            stderr.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not reported:\n{stderr}"));
        assert!(line.to_lowercase().contains(&reason.to_lowercase()), "{file}: {line}");
    }
    assert!(stdout.contains("FieldMission"), "the good document was built: {stdout}");
}

#[test]
fn a_malformed_query_exits_2_with_the_parsers_position() {
    ssgr()
        .args(["query", "--input", "tests/data/bad-input/good.txt", "SELECT ?x WHERE { ?x ?y }"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("1:").and(predicate::str::contains("query syntax error")));
}

#[test]
fn query_results_come_in_the_standard_formats() {
    let ask = "ASK { ?m a <https://w3id.org/ssgr/ontology#FieldMission> }";
    let select = "SELECT ?m WHERE { ?m a <https://w3id.org/ssgr/ontology#FieldMission> } LIMIT 1";
    let construct = "CONSTRUCT { ?m a <https://w3id.org/ssgr/ontology#FieldMission> } WHERE { ?m a <https://w3id.org/ssgr/ontology#FieldMission> }";
    let input = ["--input", "tests/data/bad-input/good.txt"];
    ssgr().arg("query").args(input).arg(ask).assert().success().stdout(predicate::str::contains("\"boolean\":true"));
    ssgr()
        .arg("query")
        .args(input)
        .args(["--format", "csv", select])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("m\r\n"));
    ssgr()
        .arg("query")
        .args(input)
        .args(["--format", "tsv", select])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("?m\n"));
    ssgr()
        .arg("query")
        .args(input)
        .args(["--format", "xml", select])
        .assert()
        .success()
        .stdout(predicate::str::contains("<sparql"));
    ssgr()
        .arg("query")
        .args(input)
        .args(["--format", "ntriples", construct])
        .assert()
        .success()
        .stdout(predicate::str::contains("<https://w3id.org/ssgr/id/mission/"));
    ssgr()
        .arg("query")
        .args(input)
        .args(["--format", "turtle", select])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot hold"));
}

#[test]
fn extract_writes_every_graph_syntax() {
    for (format, marker) in [
        ("turtle", "@prefix"),
        ("ntriples", "> ."),
        ("nquads", "<https://w3id.org/ssgr/id/graph/good>"),
        ("trig", "{"),
        ("jsonld", "\"@id\""),
    ] {
        ssgr()
            .args(["extract", "--format", format, "tests/data/bad-input/good.txt"])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker));
    }
}

#[test]
fn every_subcommand_documents_examples_and_exit_codes() {
    for sub in ["build", "extract", "query"] {
        ssgr()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:").and(predicate::str::contains("Exit codes")));
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ssgr"))
        .current_dir(common::root())
        .args(["extract", "--format", "ntriples", "seeds/001_91a6ed8e20fdf61f.txt"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    drop(child.stdout.take());
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.code(), Some(0));
}

#[test]
fn explain_shows_each_statement_with_its_sentence_and_offsets() {
    ssgr()
        .args([
            "explain",
            "--input",
            "tests/data/bad-input/good.txt",
            "OSCE Mission to Serbia",
            "--property",
            "hostCountry",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("hostCountry RS")
                .and(predicate::str::contains("good chars 0-22: OSCE Mission to Serbia")),
        );
    ssgr().args(["explain", "--input", "tests/data/bad-input/good.txt", "No Such Body"]).assert().code(2);
}
