//! The `actorgraph validate` command, run as a real process: exit statuses, the three
//! report formats, `--strict`, the default path and input failures.
//!
//! Exit statuses: 0 valid (warnings allowed), 1 errors, 2 usage error or unreadable input.

use std::path::Path;

use serde_json::Value;

const VALID: &str = "tests/fixtures/valid/full";
const INVALID: &str = "tests/fixtures/invalid";

use crate::common;

use common::{run, run_in};

fn fixture(name: &str) -> String {
    format!("{INVALID}/{name}.yaml")
}

fn json(args: &[&str]) -> (i32, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let r = run(&all);
    let value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    (r.code, value)
}

/// `s` without ANSI colour sequences (`ESC [ ... m`).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}

fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

// Exit statuses.

#[test]
fn valid_dataset_exits_0_with_only_the_summary() {
    let r = run(&["validate", VALID]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 3 files\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn errors_exit_1() {
    let r = run(&["validate", &fixture("unknown-organization")]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .starts_with("error[unknown-organization]: unknown organization `imuu`\n")
    );
    assert_eq!(last_line(&r.stdout), "1 error, 0 warnings in 1 file");
    assert_eq!(r.stderr, "", "the report goes to stdout");
}

#[test]
fn warnings_exit_0() {
    let r = run(&["validate", &fixture("undated-edge")]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("warning[undated-edge]: "));
    assert_eq!(last_line(&r.stdout), "0 errors, 1 warning in 1 file");
}

#[test]
fn strict_turns_warnings_into_errors() {
    let r = run(&["validate", "--strict", &fixture("undated-edge")]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("error[undated-edge]: "),
        "{}",
        r.stdout
    );
    assert_eq!(last_line(&r.stdout), "1 error, 0 warnings in 1 file");
    let r = run(&["validate", "--strict", VALID]);
    assert_eq!(r.code, 0, "--strict leaves a clean dataset clean");
}

#[test]
fn strict_applies_to_json_severity() {
    let (code, v) = json(&["validate", "--strict", &fixture("unused-source")]);
    assert_eq!(code, 1);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 0);
}

#[test]
fn summary_line_counts_with_plurals() {
    // Both files define `imu`, `iju` and `s` (3 duplicate ids), the first has a duplicate
    // edge and the second an undated one.
    let r = run(&[
        "validate",
        &fixture("duplicate-edge"),
        &fixture("undated-edge"),
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(last_line(&r.stdout), "4 errors, 1 warning in 2 files");
    assert_eq!(r.stdout.matches("\nerror[").count() + 1, 4, "{}", r.stdout);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("two-warnings.yaml"),
        "organizations: [{id: a, name: A}]\nsources: [{id: s, title: T}]\n",
    )
    .expect("write");
    let r = run_in(dir.path(), &["validate", "two-warnings.yaml"]);
    assert_eq!(r.code, 0);
    assert_eq!(last_line(&r.stdout), "0 errors, 2 warnings in 1 file");
}

#[test]
fn missing_path_exits_2() {
    let r = run(&["validate", "no/such/path.yaml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("error[io-error]: cannot read `no/such/path.yaml`: ")
    );
    assert_eq!(last_line(&r.stdout), "1 error, 0 warnings in 0 files");
}

#[test]
fn input_failure_wins_over_invalid_data() {
    let r = run(&["validate", &fixture("unknown-organization"), "no/such/dir"]);
    assert_eq!(
        r.code, 2,
        "an unreadable path is exit 2 even when other files have errors"
    );
    assert!(r.stdout.contains("error[unknown-organization]"));
    assert!(r.stdout.contains("error[io-error]"));
}

#[test]
fn directory_without_yaml_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.txt"), "no dataset here").expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("sub/.hidden.yaml"), "organizations:\n").expect("write");
    let r = run_in(dir.path(), &["validate", "."]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("error[no-yaml-files]: no YAML files in `.`\n"),
        "{}",
        r.stdout
    );
    assert_eq!(last_line(&r.stdout), "1 error, 0 warnings in 0 files");
}

#[test]
fn default_path_is_graphs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let graphs = dir.path().join("graphs");
    std::fs::create_dir(&graphs).expect("mkdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(VALID);
    for entry in std::fs::read_dir(root).expect("fixture") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), graphs.join(entry.file_name())).expect("copy");
    }
    let r = run_in(dir.path(), &["validate"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 3 files\n");
}

#[test]
fn default_path_missing_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["validate"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("error[io-error]: cannot read `graphs`: "),
        "{}",
        r.stdout
    );
}

#[test]
fn yml_extension_and_recursion() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("a/b")).expect("mkdir");
    std::fs::write(dir.path().join("a/b/deep.yml"), "organizations:\n").expect("write");
    std::fs::write(dir.path().join("top.yaml"), "").expect("write");
    std::fs::write(dir.path().join("ignored.txt"), "not: yaml: at: all").expect("write");
    let r = run_in(dir.path(), &["validate", "."]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 2 files\n");
}

// Usage errors.

#[test]
fn usage_errors_exit_2_on_stderr() {
    for args in [
        &["validate", "--format", "xml", VALID][..],
        &["validate", "--no-such-flag"],
        &["no-such-command"],
        &[],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        let stderr = strip_ansi(&r.stderr);
        assert!(
            stderr.contains("error:") || stderr.contains("Usage:"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let r = run(&["validate", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--strict") && r.stdout.contains("--format"));
    assert!(r.stdout.contains("[default: graphs]"), "{}", r.stdout);
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        format!("actorgraph {}\n", env!("CARGO_PKG_VERSION"))
    );
}

// JSON.

#[test]
fn json_report_shape() {
    let (code, v) = json(&["validate", &format!("{INVALID}/duplicate-id")]);
    assert_eq!(code, 1);
    let top: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(top, ["diagnostics", "summary"]);
    assert_eq!(
        v["summary"],
        serde_json::json!({"errors": 1, "warnings": 0, "files": 2})
    );
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "duplicate-id");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "duplicate organization id `imu`");
    assert_eq!(d["file"], "tests/fixtures/invalid/duplicate-id/b.yaml");
    assert_eq!(d["line"], 3);
    assert_eq!(d["column"], 9);
    assert!(d["help"].as_str().is_some_and(|h| h.contains("unique")));
    assert_eq!(
        d["related"],
        serde_json::json!({
            "note": "first defined",
            "file": "tests/fixtures/invalid/duplicate-id/a.yaml",
            "line": 3,
            "column": 9
        })
    );
}

#[test]
fn json_report_for_a_clean_dataset() {
    let (code, v) = json(&["validate", VALID]);
    assert_eq!(code, 0);
    assert_eq!(
        v,
        serde_json::json!({
            "diagnostics": [],
            "summary": {"errors": 0, "warnings": 0, "files": 3}
        })
    );
}

#[test]
fn json_report_without_location_or_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_string_lossy().into_owned();
    let (code, v) = json(&["validate", &path]);
    assert_eq!(code, 2);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "no-yaml-files");
    assert!(d["file"].is_null() && d["line"].is_null() && d["column"].is_null());
    let (_, v) = json(&["validate", &fixture("empty-value")]);
    let d = v["diagnostics"][0].as_object().expect("object");
    assert!(
        !d.contains_key("help") && !d.contains_key("related"),
        "{d:?}"
    );
    for key in ["code", "severity", "message", "file", "line", "column"] {
        assert!(d.contains_key(key), "missing {key}");
    }
}

#[test]
fn json_keeps_unicode_and_escapes_control_characters() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("x.yaml"),
        "organizations:\n  - id: \"حركة\\u001b[31m\"\n    name: x\n",
    )
    .expect("write");
    let r = run_in(dir.path(), &["validate", "--format", "json", "x.yaml"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let messages: Vec<&str> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("حركة\u{1b}[31m")),
        "{messages:?}"
    );
    assert!(!r.stdout.contains('\u{1b}'), "raw ESC in JSON output");
}

// GitHub annotations.

#[test]
fn github_annotations() {
    let r = run(&[
        "validate",
        "--format",
        "github",
        &fixture("unknown-organization"),
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "::error file=tests/fixtures/invalid/unknown-organization.yaml,line=17,col=9,endColumn=12,\
         title=unknown-organization::unknown organization `imuu`%0Ahelp: did you mean `imu`?\n\
         ::notice title=actorgraph::1 error, 0 warnings in 1 file\n"
    );
}

#[test]
fn github_annotations_for_warnings_and_related_notes() {
    let r = run(&["validate", "--format", "github", &fixture("duplicate-key")]);
    let first = r.stdout.lines().next().expect("a line");
    assert!(
        first.starts_with(
            "::error file=tests/fixtures/invalid/duplicate-key.yaml,line=5,col=5,endColumn=8,title=duplicate-key::\
             duplicate key `name` in this mapping%0Anote: first used at tests/fixtures/invalid/duplicate-key.yaml:4:5%0Ahelp: "
        ),
        "{first}"
    );
    let r = run(&["validate", "--format", "github", &fixture("undated-edge")]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("::warning file="), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 2, "one annotation and the notice");
}

#[test]
fn github_escapes_properties_and_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a,b:c.yaml"),
        "organizations:\n  - id: imu\n    name: x\n    wikidata: \"100%\"\n",
    )
    .expect("write");
    let r = run_in(
        dir.path(),
        &["validate", "--format", "github", "a,b:c.yaml"],
    );
    let line = r
        .stdout
        .lines()
        .find(|l| l.contains("title=invalid-wikidata"))
        .expect("wikidata annotation");
    assert!(
        line.starts_with(
            "::error file=a%2Cb%3Ac.yaml,line=4,col=15,endColumn=20,title=invalid-wikidata::`100%25` is not"
        ),
        "{line}"
    );
    for line in r.stdout.lines() {
        assert!(
            line.starts_with("::"),
            "every line is a workflow command: {line}"
        );
    }
}

#[test]
fn github_annotation_without_location() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["validate", "--format", "github", "."]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with("::error title=no-yaml-files::no YAML files in `.`%0Ahelp: "),
        "{}",
        r.stdout
    );
}
