//! `actorgraph import`, run as a real process on the fixtures in `tests/fixtures/import/`
//! (each copied into a temporary directory, so reports name stable relative paths): the
//! generic mapping, each preset, workbooks, the diagnostics and their formats, `--strict`,
//! `--force`, `--repair-mojibake`, `--into`, `--split-by`, and the CSV export read back.
//! Every written dataset is validated again by the real `validate`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common;

use common::{Run, run, run_in};

const FIXTURES: &str = "tests/fixtures/import";

/// A temporary directory holding copies of the named fixtures.
fn workspace(fixtures: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    for f in fixtures {
        fs::copy(root.join(f), dir.path().join(f)).expect("copy fixture");
    }
    dir
}

/// Every file of `dir/out`, with its name, in name order.
fn outputs(dir: &Path) -> String {
    let mut names: Vec<PathBuf> = fs::read_dir(dir.join("out"))
        .map(|r| r.map(|e| e.expect("entry").path()).collect())
        .unwrap_or_default();
    names.sort();
    let mut all = String::new();
    for p in &names {
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        let text = fs::read_to_string(p).expect("read");
        all.push_str("==> out/");
        all.push_str(&name);
        all.push_str(" <==\n");
        all.push_str(&text);
    }
    all
}

/// The run and what it wrote, for a snapshot.
fn transcript(r: &Run, dir: &Path) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}--- files\n{}",
        r.code,
        r.stdout,
        r.stderr,
        outputs(dir)
    )
}

/// The written dataset passes `validate` with no error.
fn assert_valid(dir: &Path) {
    let r = run_in(dir, &["validate", "out"]);
    assert_eq!(
        r.code, 0,
        "the import wrote an invalid dataset:\n{}",
        r.stdout
    );
}

fn codes(r: &Run) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON report");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

#[test]
fn mmp_preset_merges_duplicates_and_reports_what_it_refuses() {
    let dir = workspace(&["mmp.csv"]);
    let r = run_in(
        dir.path(),
        &["import", "mmp.csv", "--preset", "mmp", "--out", "out"],
    );
    assert_eq!(r.code, 1, "rows with errors make the exit status 1");
    assert_valid(dir.path());
    let edges = fs::read_to_string(dir.path().join("out/edges.yaml")).expect("edges");
    // MMP lists a splinter's parent first; the format's splinter goes from child to parent.
    assert!(
        edges.contains("  - from: jamaat-ansar-sunna\n    to: islamic-state\n    type: splinter\n    date: 2005\n"),
        "{edges}"
    );
    insta::assert_snapshot!("mmp", transcript(&r, dir.path()));
}

#[test]
fn mmp_mojibake_is_repaired_only_when_asked_and_every_repair_is_listed() {
    let dir = workspace(&["mmp.csv"]);
    let args = ["import", "mmp.csv", "--preset", "mmp", "--out", "out"];
    let r = run_in(
        dir.path(),
        &[&args[..], &["--repair-mojibake", "--format", "json"]].concat(),
    );
    assert!(
        codes(&r).contains(&"repaired-mojibake".to_owned()),
        "{}",
        r.stdout
    );
    assert!(!codes(&r).contains(&"suspected-mojibake".to_owned()));
    let orgs = fs::read_to_string(dir.path().join("out/organizations.yaml")).expect("orgs");
    assert!(orgs.contains("name: \"Jama’at Ansar – Sunna\""), "{orgs}");
    assert!(!orgs.contains("\\x92"));
    assert_valid(dir.path());
}

#[test]
fn windows_1252_is_decoded_and_said_and_bad_cells_are_refused() {
    let dir = workspace(&["generic-1252.csv"]);
    let r = run_in(dir.path(), &["import", "generic-1252.csv", "--out", "out"]);
    assert_eq!(r.code, 1);
    assert_valid(dir.path());
    let edges = fs::read_to_string(dir.path().join("out/edges.yaml")).expect("edges");
    assert!(
        edges.contains("“the schism within the IMU”"),
        "no mojibake: {edges}"
    );
    insta::assert_snapshot!("generic_1252", transcript(&r, dir.path()));
}

#[test]
fn tsv_with_a_node_table_in_github_format() {
    let dir = workspace(&["edges.tsv", "nodes.csv"]);
    let args = [
        "import",
        "edges.tsv",
        "--nodes",
        "nodes.csv",
        "--out",
        "out",
    ];
    let r = run_in(dir.path(), &[&args[..], &["--format", "github"]].concat());
    assert_eq!(r.code, 1);
    assert_valid(dir.path());
    insta::assert_snapshot!("tsv_nodes_github", transcript(&r, dir.path()));
}

#[test]
fn gephi_and_kumu_presets() {
    let dir = workspace(&["gephi-edges.csv", "gephi-nodes.csv"]);
    let args = ["import", "gephi-edges.csv", "--nodes", "gephi-nodes.csv"];
    let r = run_in(
        dir.path(),
        &[&args[..], &["--preset", "gephi", "--out", "out"]].concat(),
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_valid(dir.path());
    insta::assert_snapshot!("gephi", transcript(&r, dir.path()));

    let dir = workspace(&["kumu-connections.csv", "kumu-elements.csv"]);
    let args = [
        "import",
        "kumu-connections.csv",
        "--nodes",
        "kumu-elements.csv",
    ];
    let r = run_in(
        dir.path(),
        &[&args[..], &["--preset", "kumu", "--out", "out"]].concat(),
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_valid(dir.path());
    insta::assert_snapshot!("kumu", transcript(&r, dir.path()));
}

#[test]
fn xlsx_and_ods_give_the_same_dataset_and_name_the_sheet() {
    let mut written = Vec::new();
    for book in ["relationships.xlsx", "relationships.ods"] {
        let dir = workspace(&[book]);
        let r = run_in(
            dir.path(),
            &["import", book, "--sheet", "Edges", "--out", "out"],
        );
        assert_eq!(r.code, 1, "{}", r.stdout);
        assert!(
            r.stdout.contains(&format!("--> {book}[Edges]:5:2")),
            "{}",
            r.stdout
        );
        assert_valid(dir.path());
        let edges = fs::read_to_string(dir.path().join("out/edges.yaml")).expect("edges");
        assert!(
            edges.contains("date: 2001-04-01"),
            "a spreadsheet date: {edges}"
        );
        assert!(
            edges.contains("date: 2002\n"),
            "a year typed as a number: {edges}"
        );
        written.push(edges.replace(book, "BOOK"));
        // Without --sheet the sheet named `Edges` is found; a wrong name is refused.
        let r = run_in(dir.path(), &["import", book, "--out", "out2"]);
        assert_eq!(r.code, 1, "{}", r.stdout);
        let r = run_in(
            dir.path(),
            &["import", book, "--sheet", "Nope", "--out", "out3"],
        );
        assert_eq!(r.code, 2, "{}", r.stdout);
        assert!(r.stdout.contains("unreadable-table") && r.stdout.contains("Notes, Edges"));
        assert!(!dir.path().join("out3").exists());
    }
    assert_eq!(written[0], written[1]);
}

#[test]
fn a_kumu_workbook_gives_its_elements_and_connections_sheets() {
    let dir = workspace(&["kumu.xlsx"]);
    let args = [
        "import",
        "kumu.xlsx",
        "--nodes",
        "kumu.xlsx",
        "--preset",
        "kumu",
    ];
    let r = run_in(dir.path(), &[&args[..], &["--out", "out"]].concat());
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_valid(dir.path());
    let orgs = fs::read_to_string(dir.path().join("out/organizations.yaml")).expect("orgs");
    assert!(
        orgs.contains("    kind: militant-group\n    notes: Founded 2002.\n"),
        "{orgs}"
    );
    let edges = fs::read_to_string(dir.path().join("out/edges.yaml")).expect("edges");
    assert!(edges.contains("type: splinter"), "{edges}");
}

#[test]
fn edge_ids_are_kept_when_mapped_and_must_be_unique() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("t.csv"),
        "edge,From,To,Relation,Date\n\
         iju-split,Islamic Jihad Union,Islamic Movement of Uzbekistan,splinter,2002\n\
         iju-split,Taliban,Islamic Jihad Union,hosting,2003\n\
         ,Taliban,Islamic Movement of Uzbekistan,hosting,2001\n",
    )
    .expect("write");
    let args = [
        "import", "t.csv", "--out", "out", "--map", "id=edge", "--format", "json",
    ];
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_eq!(codes(&r), ["duplicate-id"], "{}", r.stdout);
    assert_valid(dir.path());
    let edges = fs::read_to_string(dir.path().join("out/edges.yaml")).expect("edges");
    assert!(
        edges.contains("  - id: iju-split\n    from: islamic-jihad-union\n"),
        "{edges}"
    );
    assert_eq!(edges.matches("- id:").count(), 1, "{edges}");
    // Without `--map id=…` the column is not read: no ids, and the column is reported.
    let r = run_in(
        dir.path(),
        &["import", "t.csv", "--out", "out2", "--format", "json"],
    );
    assert_eq!(codes(&r), ["unused-column"], "{}", r.stdout);
}

#[test]
fn strict_writes_nothing_when_anything_is_wrong() {
    let dir = workspace(&["mmp.csv"]);
    let r = run_in(
        dir.path(),
        &[
            "import", "mmp.csv", "--preset", "mmp", "--out", "out", "--strict",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(!dir.path().join("out").exists());
    assert!(r.stderr.starts_with("nothing written"), "{}", r.stderr);
}

#[test]
fn existing_files_are_never_replaced_without_force() {
    let dir = workspace(&["edges.tsv", "nodes.csv"]);
    let args = [
        "import",
        "edges.tsv",
        "--nodes",
        "nodes.csv",
        "--out",
        "out",
    ];
    run_in(dir.path(), &args);
    let path = dir.path().join("out/edges.yaml");
    fs::write(&path, "# mine\n").expect("write");
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("already exist"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(&path).expect("read"), "# mine\n");
    let r = run_in(dir.path(), &[&args[..], &["--force"]].concat());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(fs::read_to_string(&path).expect("read").contains("edges:"));
}

#[test]
fn split_by_relation_writes_one_edge_file_per_type() {
    let dir = workspace(&["mmp.csv"]);
    run_in(
        dir.path(),
        &[
            "import",
            "mmp.csv",
            "--preset",
            "mmp",
            "--out",
            "out",
            "--split-by",
            "relation",
        ],
    );
    for t in ["alliance", "rivalry", "splinter", "merger", "affiliation"] {
        assert!(
            dir.path().join(format!("out/edges-{t}.yaml")).is_file(),
            "{t}"
        );
    }
    assert!(!dir.path().join("out/edges.yaml").exists());
    assert_valid(dir.path());
}

#[test]
fn into_writes_only_what_is_new_and_reports_probable_matches() {
    let dir = workspace(&["mmp.csv"]);
    fs::create_dir(dir.path().join("data")).expect("mkdir");
    fs::write(
        dir.path().join("data/orgs.yaml"),
        "organizations:\n  - id: shabaab\n    name: Harakat al-Shabaab al-Mujahideen\n    aliases: [al-Shabaab]\n  - id: hizbul\n    name: Hizbul Islamiya\nsources:\n  - id: mmp\n    title: Mapping Militant Organizations\n",
    )
    .expect("write");
    let args = [
        "import", "mmp.csv", "--preset", "mmp", "--into", "data", "--out", "data/mmp",
    ];
    let r = run_in(dir.path(), &[&args[..], &["--format", "json"]].concat());
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        codes(&r).contains(&"probable-match".to_owned()),
        "{}",
        r.stdout
    );
    let orgs = fs::read_to_string(dir.path().join("data/mmp/organizations.yaml")).expect("orgs");
    assert!(
        !orgs.contains("Shabaab"),
        "matched by alias, not written: {orgs}"
    );
    assert!(
        orgs.contains("name: Hizbul Islam\n"),
        "only probable, so new: {orgs}"
    );
    assert!(
        !dir.path().join("data/mmp/sources.yaml").exists(),
        "mmp is known"
    );
    let edges = fs::read_to_string(dir.path().join("data/mmp/edges.yaml")).expect("edges");
    assert!(edges.contains("from: shabaab"), "{edges}");
    let r = run_in(dir.path(), &["validate", "data"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Importing the same table again adds nothing: every edge is already there.
    let again = [
        "import",
        "mmp.csv",
        "--preset",
        "mmp",
        "--into",
        "data",
        "--out",
        "data/again",
    ];
    let r = run_in(dir.path(), &again);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("0 edges"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let dir = workspace(&["mmp.csv"]);
    let r = run_in(
        dir.path(),
        &["import", "mmp.csv", "--out", "out", "--map", "nope=x"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no field `nope`"), "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &["import", "mmp.csv", "--out", "out", "--map", "date=missing"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`missing`"), "{}", r.stderr);
    let r = run_in(dir.path(), &["import", "absent.csv", "--out", "out"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("io-error"), "{}", r.stdout);
    assert!(!dir.path().join("out").exists());
}

#[test]
fn missing_columns_are_reported_with_the_headers() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("t.csv"),
        "a,b,c\nTaliban,Islamic Jihad Union,hosts\n",
    )
    .expect("write");
    let r = run_in(
        dir.path(),
        &["import", "t.csv", "--out", "out", "--format", "json"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(codes(&r), ["missing-column"; 3], "{}", r.stdout);
    assert!(r.stdout.contains("the table has: a, b, c"), "{}", r.stdout);
    // --map names them.
    let args = [
        "import", "t.csv", "--out", "out", "--map", "from=a", "--map", "to=b",
    ];
    let r = run_in(dir.path(), &[&args[..], &["--map", "type=C"]].concat());
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_valid(dir.path());
}

/// Every import code is produced by some table (the fixtures, and a few written here).
#[test]
fn every_import_code_is_triggered() {
    let dir = workspace(&[
        "mmp.csv",
        "generic-1252.csv",
        "edges.tsv",
        "nodes.csv",
        "relationships.ods",
        "gephi-edges.csv",
    ]);
    fs::write(
        dir.path().join("odd.csv"),
        "From,To,Relation\nTaliban,Islamic Jihad Union,???\n",
    )
    .expect("write");
    fs::write(dir.path().join("few.csv"), "x,y\n1,2\n").expect("write");
    fs::create_dir(dir.path().join("data")).expect("mkdir");
    fs::write(
        dir.path().join("data/d.yaml"),
        "organizations:\n  - id: hizbul\n    name: Hizbul Islamiya\n",
    )
    .expect("write");
    let runs: [&[&str]; 8] = [
        &[
            "mmp.csv",
            "--preset",
            "mmp",
            "--repair-mojibake",
            "--into",
            "data",
        ],
        &["generic-1252.csv"],
        &["edges.tsv", "--nodes", "nodes.csv"],
        &["odd.csv"],
        &["gephi-edges.csv", "--preset", "gephi"],
        &["few.csv"],
        &["relationships.ods", "--sheet", "Nope"],
        &["mmp.csv", "--preset", "mmp"],
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (i, args) in runs.iter().enumerate() {
        let out = format!("out{i}");
        let all = [&["import"], *args, &["--out", &out, "--format", "json"]].concat();
        seen.extend(codes(&run_in(dir.path(), &all)));
    }
    for code in [
        "unreadable-table",
        "missing-column",
        "empty-cell",
        "unknown-node",
        "unmapped-relation",
        "decoded-encoding",
        "unused-column",
        "duplicate-row",
        "merged-rows",
        "repaired-mojibake",
        "probable-match",
        "suspected-mojibake",
        "invalid-date",
        "invalid-url",
        "invalid-value",
        "end-before-start",
    ] {
        assert!(seen.contains(code), "no table triggered `{code}`: {seen:?}");
    }
}

/// Each import code has a fixture under `tests/fixtures/import/codes/`, named after it
/// (`<code>--<role>.*` for the files it needs beside it), that gives exactly that one
/// diagnostic; its human report is pinned by a snapshot, like the validator's fixtures.
#[test]
fn each_code_fixture_gives_exactly_its_code() {
    let cases: &[(&str, &[&str])] = &[
        ("unreadable-table", &[]),
        ("missing-column", &[]),
        ("empty-cell", &[]),
        ("unknown-node", &["--nodes", "unknown-node--nodes.csv"]),
        ("unmapped-relation", &[]),
        ("decoded-encoding", &[]),
        ("unused-column", &[]),
        ("duplicate-row", &["--preset", "mmp"]),
        ("merged-rows", &["--preset", "mmp"]),
        (
            "repaired-mojibake",
            &["--preset", "mmp", "--repair-mojibake"],
        ),
        ("suspected-escapes", &["--preset", "mmp"]),
        ("repaired-escapes", &["--preset", "mmp", "--repair-escapes"]),
        (
            "probable-match",
            &["--into", "probable-match--dataset.yaml"],
        ),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join("codes");
    let mut on_disk: Vec<String> = fs::read_dir(&root)
        .expect("codes directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.contains("--"))
        .map(|n| n.trim_end_matches(".csv").to_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = cases.iter().map(|(c, _)| (*c).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "fixtures and cases differ");
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in fs::read_dir(&root).expect("codes directory") {
        let path = entry.expect("entry").path();
        fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
    }
    for (code, extra) in cases {
        let table = format!("{code}.csv");
        let run_to = |out: &str, format: &str| {
            let args = [
                &["import", table.as_str(), "--out", out, "--format", format][..],
                extra,
            ];
            run_in(dir.path(), &args.concat())
        };
        let json = run_to(&format!("{code}-json"), "json");
        assert_eq!(codes(&json), [*code], "{code}: {}", json.stdout);
        let human = run_to(&format!("{code}-human"), "human");
        insta::assert_snapshot!(format!("code_{code}"), human.stdout);
    }
}

#[test]
fn the_csv_export_imports_back_to_the_same_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tables = dir.path().join("tables");
    let out = dir.path().join("out");
    let s = |p: &Path| p.to_string_lossy().into_owned();
    let r = run(&["export", "graphs", "-f", "csv", "-o", &s(&tables)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["import", &s(&tables), "--out", &s(&out)]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let before = run(&["export", "graphs", "-f", "json"]).stdout;
    let after = run(&["export", &s(&out), "-f", "json"]).stdout;
    assert!(before == after, "the JSON export changed");
    let r = run(&["export", "graphs", "-f", "csv"]);
    assert_eq!(r.code, 2, "csv needs a directory");
}
