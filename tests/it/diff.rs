//! `actorgraph diff`, run as a real process: what counts as a change (fixtures with the
//! expected report), moved and reordered records as no change, the three formats, exit
//! codes, invalid sides, and git revisions read from a temporary repository without
//! touching its working tree.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common;

use common::{git, run, run_in};

const BEFORE: &str = "tests/fixtures/diff/before";
const AFTER: &str = "tests/fixtures/diff/after";
const MOVED: &str = "tests/fixtures/diff/moved";

fn json_diff(old: &str, new: &str) -> Value {
    let r = run(&["diff", old, new, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    serde_json::from_str(&r.stdout).expect("JSON diff")
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|v| v[key].as_str().unwrap_or("(none)").to_owned())
        .collect()
}

#[test]
fn reports_added_removed_and_changed_records() {
    let d = json_diff(BEFORE, AFTER);
    assert_eq!(d["identical"], false);
    let orgs = &d["organizations"];
    assert_eq!(ids(&orgs["added"], "id"), ["d"]);
    assert_eq!(ids(&orgs["removed"], "id"), Vec::<String>::new());
    assert_eq!(ids(&orgs["changed"], "id"), ["a", "b"]);
    assert_eq!(
        orgs["changed"][1]["fields"],
        serde_json::json!([{"field": "founded", "old": "1990", "new": "1991"}])
    );
    assert_eq!(ids(&d["sources"]["changed"], "id"), ["s2"]);

    let edges = &d["edges"];
    // d split from a is new; c hosting a (1995) is gone.
    assert_eq!(ids(&edges["added"], "from"), ["d"]);
    assert_eq!(ids(&edges["removed"], "from"), ["c"]);
    assert_eq!(edges["removed"][0]["relation"], "hosting");
    let changed = edges["changed"].as_array().expect("changed");
    assert_eq!(changed.len(), 2, "{changed:#?}");
    // Matched by id: a new date and a new citation are a change, not remove + add.
    assert_eq!(changed[0]["new"]["id"], "a-pledges-b");
    assert_eq!(
        changed[0]["fields"],
        serde_json::json!([{"field": "date", "old": "2001", "new": "2001-06"}])
    );
    assert_eq!(
        changed[0]["citations"],
        serde_json::json!([{"change": "added", "role": "supports", "source": "s2",
                            "quote": "in June 2001 Alpha pledged to Bravo", "locator": null}])
    );
    // Two hosting spells b -> c: the 1999-2001 one is unchanged, the other moved a year.
    assert_eq!(
        changed[1]["fields"],
        serde_json::json!([{"field": "start", "old": "2005", "new": "2006"}])
    );
    // The rivalry written c -> a instead of a -> c is the same undirected edge: absent.
    assert!(
        !run(&["diff", BEFORE, AFTER, "-f", "text"])
            .stdout
            .contains("rivalry")
    );
}

#[test]
fn moving_and_reordering_records_is_no_change() {
    let d = json_diff(BEFORE, MOVED);
    assert_eq!(d["identical"], true);
    for kind in ["organizations", "sources", "edges"] {
        assert_eq!(
            d["summary"][kind],
            serde_json::json!({"added": 0, "removed": 0, "changed": 0})
        );
    }
    let r = run(&["diff", BEFORE, MOVED, "--exit-code"]);
    assert_eq!(r.code, 0, "no differences: exit 0 even with --exit-code");
    assert!(r.stdout.contains("No differences"), "{}", r.stdout);
}

#[test]
fn exit_code_is_opt_in() {
    assert_eq!(run(&["diff", BEFORE, AFTER]).code, 0);
    assert_eq!(run(&["diff", BEFORE, AFTER, "--exit-code"]).code, 1);
}

#[test]
fn markdown_report() {
    let r = run(&["diff", BEFORE, AFTER]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("diff_markdown", r.stdout);
}

#[test]
fn text_report() {
    let r = run(&["diff", BEFORE, AFTER, "--format", "text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("diff_text", r.stdout);
}

#[test]
fn errors_on_either_side_are_reported_and_exit_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("bad.yaml"),
        "organizations:\n  - {id: a, name: A}\nedges:\n  - {from: a, to: zz, type: rivalry, sources: [s]}\n",
    )
    .expect("write");
    let bad = dir.path().to_str().expect("UTF-8 path");
    for (old, new) in [(BEFORE, bad), (bad, AFTER)] {
        let r = run(&["diff", old, new]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_eq!(r.stdout, "", "no report when a side is invalid");
        assert!(r.stderr.contains("bad.yaml:4:"), "{}", r.stderr);
    }
}

#[test]
fn a_missing_path_that_is_no_revision_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_in(dir.path(), &["diff", "no-such-dir", "also-missing"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-dir"), "{}", r.stderr);
    assert!(r.stderr.contains("help:"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------
// Git revisions

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

/// A repository whose `graphs/` holds before/ in the first commit and after/ in the
/// second, with an uncommitted edit on top.
fn repository() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = tempfile::tempdir().expect("temp dir");
    let graphs = repo.path().join("graphs");
    git(repo.path(), &["init", "-q"]);
    copy_dir(&root.join(BEFORE), &graphs);
    fs::write(repo.path().join("README"), "not YAML\n").expect("write");
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "before"]);
    fs::remove_dir_all(&graphs).expect("clear");
    copy_dir(&root.join(AFTER), &graphs);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "after"]);
    repo
}

#[test]
fn git_revisions_are_read_without_touching_the_working_tree() {
    let repo = repository();
    let dir = repo.path();
    // Work in progress that the revisions must not see or disturb.
    let wip = dir.join("graphs/data.yaml");
    let text = fs::read_to_string(&wip).expect("read")
        + "  - {from: d, to: b, type: rivalry, sources: [s1]}\n";
    fs::write(&wip, &text).expect("write");
    let status_before = git(dir, &["status", "--porcelain"]);

    let expected = run(&["diff", BEFORE, AFTER, "-f", "json"]).stdout;
    let relabel = |s: String| s.replace(BEFORE, "OLD").replace(AFTER, "NEW");
    for (old, new) in [("HEAD~1:graphs", "HEAD:graphs"), ("HEAD~1", "HEAD")] {
        let r = run_in(dir, &["diff", old, new, "-f", "json"]);
        assert_eq!(r.code, 0, "{old} {new}: {}", r.stderr);
        let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
        assert_eq!(
            doc["old"],
            format!("HEAD~1:graphs"),
            "a bare revision takes `graphs`"
        );
        let got = r
            .stdout
            .replace("HEAD~1:graphs", "OLD")
            .replace("HEAD:graphs", "NEW");
        assert_eq!(got, relabel(expected.clone()), "{old} {new}");
    }
    // A bare revision against a path compares the same path: committed vs working tree.
    let r = run_in(dir, &["diff", "HEAD", "graphs", "-f", "text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("+ edge d -> b (rivalry)"), "{}", r.stdout);
    assert!(
        r.stdout.contains("edges: 1 added, 0 removed, 0 changed"),
        "{}",
        r.stdout
    );
    // A single file at a revision.
    let r = run_in(
        dir,
        &[
            "diff",
            "HEAD~1:graphs/data.yaml",
            "graphs/data.yaml",
            "-f",
            "text",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("organizations: 1 added, 0 removed, 2 changed"),
        "{}",
        r.stdout
    );

    // As in git, REV:PATH is from the repository's root, wherever the command runs.
    let r = run_in(
        &dir.join("graphs"),
        &["diff", "HEAD~1:graphs", "HEAD:graphs", "-f", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout
            .replace("HEAD~1:graphs", "OLD")
            .replace("HEAD:graphs", "NEW"),
        relabel(expected.clone())
    );

    assert_eq!(git(dir, &["status", "--porcelain"]), status_before);
    assert_eq!(fs::read_to_string(&wip).expect("read"), text);
}

#[test]
fn diagnostics_in_a_revision_name_the_revision() {
    let repo = repository();
    let dir = repo.path();
    fs::write(
        dir.join("graphs/data.yaml"),
        "organizations:\n  - {id: a, name: A, founded: 20O1}\n",
    )
    .expect("write");
    git(dir, &["commit", "-q", "-am", "broken"]);
    let r = run_in(dir, &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("--> HEAD:graphs/data.yaml:2:"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("actorgraph-rev-"),
        "no temporary path: {}",
        r.stderr
    );
}

#[test]
fn unknown_revisions_and_option_like_names_exit_2() {
    let repo = repository();
    for spec in [
        "no-such-branch:graphs",
        "HEAD:missing",
        "--upload-pack=evil",
    ] {
        let r = run_in(repo.path(), &["diff", "--", spec, "graphs"]);
        assert_eq!(r.code, 2, "{spec}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{spec}: {}", r.stderr);
    }
}

#[test]
fn the_diagram_stays_within_githubs_mermaid_limits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut orgs = String::from("organizations:\n");
    for i in 0..40 {
        let _ = writeln!(orgs, "  - {{id: org-{i}, name: Organization number {i}}}");
    }
    let source = "sources:\n  - {id: s, title: Report}\n";
    let mut edges = String::from("edges:\n");
    let mut count = 0;
    'outer: for i in 0..40 {
        for j in 0..40 {
            if i != j {
                let _ = writeln!(
                    edges,
                    "  - {{from: org-{i}, to: org-{j}, type: allegiance, date: 2001, sources: [s]}}"
                );
                count += 1;
                if count == 700 {
                    break 'outer;
                }
            }
        }
    }
    for (name, text) in [
        ("old", orgs.clone() + source),
        ("new", orgs + source + &edges),
    ] {
        fs::create_dir(dir.path().join(name)).expect("mkdir");
        fs::write(dir.path().join(name).join("data.yaml"), text).expect("write");
    }
    let r = run_in(dir.path(), &["diff", "old", "new"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let start = r.stdout.find("```mermaid").expect("diagram");
    let end = start + r.stdout[start..].find("\n```\n").expect("fence end");
    let diagram = &r.stdout[start..end];
    let links = diagram
        .lines()
        .filter(|l| l.starts_with("  n") && !l.contains("[\""))
        .count();
    assert!(links <= 500, "{links} links");
    assert!(diagram.len() <= 50_000, "{} characters", diagram.len());
    assert!(
        r.stdout.contains("edges | 700 | 0 | 0"),
        "the lists stay complete"
    );
    assert!(
        r.stdout
            .contains(&format!("{} changed and 0 unchanged edges", 700 - links)),
        "says what was cut: {}",
        &r.stdout[end..]
    );
}

/// Issue 20: a bare revision reads the other side's path as seen from the current
/// directory, and `REV:.` is the current directory, as in git's `REV:./PATH`.
#[test]
fn bare_revisions_and_dot_work_from_a_subdirectory() {
    let repo = repository();
    let dir = repo.path();
    let sub = dir.join("graphs");
    let expected = run_in(dir, &["diff", "HEAD~1:graphs", "HEAD:graphs", "-f", "text"]);
    assert_eq!(expected.code, 0, "{}", expected.stderr);
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    for (cwd, args) in [
        (dir, &["diff", "HEAD~1", "HEAD"][..]),
        (dir, &["diff", "HEAD~1"][..]),
        (&sub, &["diff", "HEAD~1", "."][..]),
        (&sub, &["diff", "HEAD~1:.", "HEAD:."][..]),
        (&sub, &["diff", "HEAD~1:.", "."][..]),
        (&sub, &["diff", "HEAD~1", "HEAD:."][..]),
    ] {
        let mut all = args.to_vec();
        all.extend(["-f", "text"]);
        let r = run_in(cwd, &all);
        assert_eq!(r.code, 0, "{all:?}: {}", r.stderr);
        assert_eq!(body(&r.stdout), body(&expected.stdout), "{all:?}");
        assert!(
            r.stdout.starts_with("actorgraph diff HEAD~1:"),
            "{all:?}: {}",
            r.stdout
        );
    }
    // From the subdirectory, a bare revision takes the absolute path too.
    let absolute = sub.to_str().expect("UTF-8 path");
    let r = run_in(&sub, &["diff", "HEAD~1", absolute, "-f", "text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("actorgraph diff HEAD~1:graphs "),
        "{}",
        r.stdout
    );
    // The default `graphs` is not here: said so, with the forms that work.
    let r = run_in(&sub, &["diff", "HEAD~1"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: `graphs` is neither a path nor a git revision"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("`HEAD~1:.`"), "{}", r.stderr);
}

/// Issue 20: a revision's `.actorgraphignore` and `--exclude` leave files out of it as
/// they do on disk, so both sides of a diff read the same files.
#[test]
fn exclusions_apply_to_revisions_too() {
    let repo = repository();
    let dir = repo.path();
    let mkdocs = "site_name: docs\nnav:\n  - index.md\n";
    fs::write(dir.join("graphs/mkdocs.yml"), mkdocs).expect("write");
    fs::write(dir.join("graphs/.actorgraphignore"), "mkdocs.yml\n").expect("write");
    fs::create_dir(dir.join("graphs/site")).expect("mkdir");
    fs::write(dir.join("graphs/site/nav.yaml"), mkdocs).expect("write");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "docs beside the data"]);
    let r = run_in(dir, &["diff", "HEAD", "graphs", "-f", "text"]);
    assert_eq!(r.code, 1, "site/ is not excluded yet: {}", r.stderr);
    assert!(
        r.stderr.contains("HEAD:graphs/site/nav.yaml"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("mkdocs.yml"), "{}", r.stderr);
    let r = run_in(
        dir,
        &["diff", "HEAD", "graphs", "-f", "text", "--exclude", "site/"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no differences"), "{}", r.stdout);
}
