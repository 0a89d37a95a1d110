//! Issue 20, "commands that disagree": the same option means the same thing in every
//! command (`-f`, `--diagnostics`, `--quiet`, `--color`, `--exclude`), and the report
//! lines up, annotates and serializes the offending value's span. Run as a real process.

use std::fs;

use serde_json::Value;

use crate::common::{run, run_in};

const UNKNOWN: &str = "tests/fixtures/invalid/unknown-organization.yaml";

/// A dataset with one error (an unknown organization) and one warning (an undated edge).
const ONE_OF_EACH: &str = "organizations:
  - {id: a, name: A}
  - {id: b, name: B}
sources:
  - {id: s, title: S}
edges:
  - {from: a, to: b, type: rivalry, sources: [s]}
  - {from: a, to: c, type: rivalry, start: 2001, sources: [s]}
";

fn dataset(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }
    dir
}

#[test]
fn validate_takes_f_and_diagnostics_as_format() {
    let long = run(&["validate", "--format", "json", UNKNOWN]);
    assert_eq!(long.code, 1);
    for spelling in [&["-f", "json"][..], &["--diagnostics", "json"]] {
        let mut args = vec!["validate"];
        args.extend(spelling);
        args.push(UNKNOWN);
        let r = run(&args);
        assert_eq!(
            (r.code, &r.stdout),
            (1, &long.stdout),
            "{spelling:?}: {}",
            r.stderr
        );
    }
    // The old spelling of `import` keeps working for one release, beside the new one.
    for flag in ["--format", "--diagnostics"] {
        let r = run(&["import", "--help"]);
        assert_eq!(r.code, 0);
        let r2 = run(&["import", "no-such.csv", "--out", "x", flag, "json"]);
        assert_ne!(r2.code, 0);
        assert!(
            !r2.stderr.contains("unexpected argument"),
            "{flag}: {}",
            r2.stderr
        );
    }
}

#[test]
fn diagnostics_is_the_report_format_of_every_other_command() {
    for command in [&["export", "-f", "json"][..], &["show", "imu"]] {
        let mut args = command.to_vec();
        args.extend(["--diagnostics", "json", UNKNOWN]);
        let r = run(&args);
        assert_eq!(r.code, 1, "{args:?}");
        let doc: Value = serde_json::from_str(&r.stderr).expect("JSON diagnostics");
        assert_eq!(doc["summary"]["errors"], 1, "{args:?}");
        assert_eq!(
            r.stdout, "",
            "{args:?}: nothing written for an invalid dataset"
        );
    }
}

#[test]
fn quiet_prints_only_errors_and_the_summary() {
    let dir = dataset(&[("d.yaml", ONE_OF_EACH)]);
    let full = run_in(dir.path(), &["validate", "d.yaml"]);
    assert!(
        full.stdout.contains("warning[undated-edge]"),
        "{}",
        full.stdout
    );
    for command in [&["validate"][..], &["export", "-f", "dot"], &["show", "a"]] {
        let mut args = command.to_vec();
        args.extend(["d.yaml", "--quiet"]);
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 1, "{args:?}");
        let report = if command[0] == "validate" {
            &r.stdout
        } else {
            &r.stderr
        };
        assert!(
            report.contains("error[unknown-organization]"),
            "{args:?}: {report}"
        );
        assert!(!report.contains("warning["), "{args:?}: {report}");
        assert!(
            report.ends_with("1 error, 1 warning in 1 file\n"),
            "{args:?}: the summary still counts the warning: {report}"
        );
    }
    let r = run_in(dir.path(), &["validate", "d.yaml", "-q", "-f", "json"]);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["diagnostics"].as_array().expect("list").len(), 1);
    assert_eq!(doc["summary"]["warnings"], 1);
}

#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let always = run(&["validate", UNKNOWN, "--color", "always"]);
    assert!(
        always
            .stdout
            .starts_with("\u{1b}[1;31merror[unknown-organization]\u{1b}[0m"),
        "{:?}",
        always.stdout
    );
    let plain = run(&["validate", UNKNOWN]);
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "not a terminal: no colours"
    );
    let never = run(&["validate", UNKNOWN, "--color", "never"]);
    assert_eq!(never.stdout, plain.stdout);
    let stripped = strip_ansi(&always.stdout);
    assert_eq!(stripped, plain.stdout, "colours add codes, never text");
    // Never in JSON or GitHub commands, which are read by programs.
    let json = run(&["validate", UNKNOWN, "--color", "always", "-f", "json"]);
    assert!(!json.stdout.contains('\u{1b}'));
    let export = run(&["export", "-f", "dot", UNKNOWN, "--color", "always"]);
    assert!(export.stderr.contains("\u{1b}[1;31m"), "{}", export.stderr);
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('m').expect("end of the code");
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_caret_lines_up_under_wide_characters() {
    let dir = dataset(&[(
        "wide.yaml",
        "organizations:\n  - {id: a, name: A}\nsources:\n  - {id: s, title: S}\nedges:\n  \
         - {from: a, type: rivalry, sources: [s], notes: \"伊斯兰 🦁\", to: 未知}\n",
    )]);
    let r = run_in(dir.path(), &["validate", "wide.yaml"]);
    insta::assert_snapshot!("wide_caret", r.stdout);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let error = lines
        .iter()
        .position(|l| l.starts_with("error"))
        .expect("the error");
    let source = lines[error..]
        .iter()
        .find(|l| l.starts_with("6 |"))
        .expect("source line");
    let caret = lines[error..]
        .iter()
        .find(|l| l.contains('^'))
        .expect("caret line");
    let width = |s: &str| unicode_width_of(s);
    let at = source.find("未知").expect("value");
    assert_eq!(
        caret.find('^'),
        Some(width(&source[..at])),
        "caret under the value"
    );
    assert_eq!(
        caret.matches('^').count(),
        4,
        "two wide characters, four columns"
    );
}

/// Terminal columns of `s` for the characters the test uses: CJK and the lion emoji
/// take two, everything else here one.
fn unicode_width_of(s: &str) -> usize {
    s.chars().map(|c| if c >= '\u{1100}' { 2 } else { 1 }).sum()
}

#[test]
fn json_and_github_carry_the_span() {
    let r = run(&["validate", UNKNOWN, "-f", "json"]);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let d = &doc["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(17), Some(9))
    );
    assert_eq!(d["length"], 4, "`imuu`");
    assert_eq!(d["label"], "no organization has this id");
    let r = run(&["validate", UNKNOWN, "-f", "github"]);
    assert!(
        r.stdout.contains(",line=17,col=9,endColumn=12,"),
        "{}",
        r.stdout
    );
}

const MKDOCS: &str = "site_name: docs\nnav:\n  - index.md\n";

#[test]
fn exclude_leaves_out_files_and_folders() {
    let dir = dataset(&[
        ("data/a.yaml", "organizations:\n  - {id: a, name: A}\n"),
        ("data/mkdocs.yml", MKDOCS),
        ("data/site/x.yaml", MKDOCS),
    ]);
    let root = dir.path();
    let r = run_in(root, &["validate", "data"]);
    assert_eq!(r.code, 1, "the non-dataset YAML is an error: {}", r.stdout);
    let r = run_in(
        root,
        &[
            "validate",
            "data",
            "--exclude",
            "mkdocs.yml",
            "--exclude",
            "site/",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.ends_with("in 1 file\n"), "{}", r.stdout);
    for command in [&["export", "-f", "json"][..], &["show", "a"]] {
        let mut args = command.to_vec();
        args.extend(["data", "--exclude", "mkdocs.yml", "--exclude", "site"]);
        let r = run_in(root, &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    let r = run_in(root, &["validate", "data", "--exclude", "[z-a]", "-q"]);
    assert_eq!(r.code, 2, "a bad pattern is a usage error: {}", r.stderr);
    assert!(
        r.stderr.contains("invalid `--exclude` pattern"),
        "{}",
        r.stderr
    );
}

#[test]
fn actorgraphignore_uses_gitignore_syntax() {
    let dir = dataset(&[
        ("data/a.yaml", "organizations:\n  - {id: a, name: A}\n"),
        ("data/mkdocs.yml", MKDOCS),
        ("data/drafts/b.yaml", MKDOCS),
        (
            "data/drafts/keep.yaml",
            "organizations:\n  - {id: k, name: K}\n",
        ),
        (
            "data/.actorgraphignore",
            "# not the dataset\nmkdocs.yml\ndrafts/*\n!drafts/keep.yaml\n",
        ),
    ]);
    let r = run_in(dir.path(), &["validate", "data", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.ends_with("in 2 files\n"), "{}", r.stdout);
    // A file named on the command line is read whatever the patterns say.
    let r = run_in(dir.path(), &["validate", "data/mkdocs.yml"]);
    assert_eq!(r.code, 1);
}

#[cfg(unix)]
#[test]
fn an_actorgraphignore_linking_out_of_the_dataset_is_refused() {
    let dir = dataset(&[
        ("data/a.yaml", "organizations:\n  - {id: a, name: A}\n"),
        ("outside", "a.yaml\n"),
    ]);
    std::os::unix::fs::symlink(
        dir.path().join("outside"),
        dir.path().join("data/.actorgraphignore"),
    )
    .expect("link");
    let r = run_in(dir.path(), &["validate", "data"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout.contains("error[link-outside-dataset]"),
        "{}",
        r.stdout
    );
    // A fifo is never opened.
    let fifo = dir.path().join("data2");
    fs::create_dir(&fifo).expect("mkdir");
    fs::write(
        fifo.join("a.yaml"),
        "organizations:\n  - {id: a, name: A}\n",
    )
    .expect("write");
    let made = std::process::Command::new("mkfifo")
        .arg(fifo.join(".actorgraphignore"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let r = run_in(dir.path(), &["validate", "data2"]);
        assert_eq!(r.code, 2, "{}", r.stdout);
        assert!(
            r.stdout.contains("error[not-a-regular-file]"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn init_starts_a_project_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("new");
    let r = run_in(dir.path(), &["init", "new"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let example = fs::read_to_string(project.join("graphs/example.yaml")).expect("example");
    assert!(
        example.starts_with("# yaml-language-server: $schema=../actorgraph.schema.json\n"),
        "the modeline comes first"
    );
    assert!(
        example.matches("\n#").count() + example.matches("  # ").count() > 10,
        "commented"
    );
    let schema = fs::read_to_string(project.join("actorgraph.schema.json")).expect("schema");
    assert_eq!(
        schema,
        run(&["schema"]).stdout,
        "the schema the modeline names"
    );
    let workflow = fs::read_to_string(project.join(".github/workflows/graphs.yml")).expect("wf");
    assert!(
        workflow.contains("validate --format github graphs"),
        "{workflow}"
    );
    assert!(workflow.contains(&format!("actorgraph@{}", env!("CARGO_PKG_VERSION"))));
    assert!(
        !workflow.contains("{{VERSION}}"),
        "every placeholder filled"
    );
    let r = run_in(&project, &["validate", "graphs"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n"),
        "the example is valid, without a warning"
    );

    // A second run, or a run over any one existing file, writes nothing.
    fs::write(project.join("graphs/example.yaml"), "mine\n").expect("write");
    fs::remove_file(project.join("actorgraph.schema.json")).expect("rm");
    let r = run_in(dir.path(), &["init", "new"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("refusing to overwrite"), "{}", r.stderr);
    assert!(r.stderr.contains("example.yaml"), "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(project.join("graphs/example.yaml")).expect("kept"),
        "mine\n"
    );
    assert!(
        !project.join("actorgraph.schema.json").exists(),
        "nothing written"
    );
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definitions() {
    for (shell, marker) in [
        ("bash", "_actorgraph()"),
        ("zsh", "#compdef actorgraph"),
        ("fish", "complete -c actorgraph"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}");
        assert!(r.stdout.contains("exclude"), "{shell}: knows the options");
    }
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH actorgraph 1"), "{}", man.stdout);
    for command in ["validate", "export", "diff", "show", "init", "completions"] {
        assert!(man.stdout.contains(command), "the page lists `{command}`");
    }
}
