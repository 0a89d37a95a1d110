//! `stats` and `path` against networkx (`tests/interop/check_questions.py`) on random
//! networks generated here (sparse ones with many components and isolated organizations,
//! dense ones with parallel and reversed edges, one larger than a betweenness chunk):
//! betweenness within 1e-9, the same weak components, and the same shortest-path lengths
//! and no-path cases, undirected and `--directed`, with `--all` and `--max-length`; every
//! JSON output valid against its schema in `schema/`, graded evidence included (the
//! networks are graded at random, and the graded fixture of tests/it/questions_graded.rs
//! is checked too); and `stats`' graded-evidence counts equal those recounted from the
//! JSON export, its weak and ungraded edges exactly those `--min-reliability B
//! --min-credibility 3` leaves out.

use std::path::Path;

use super::{command, root};
use crate::questions::random_network;

/// Runs the binary in `dir`, returning standard output; `ok` lists the accepted statuses.
fn output(dir: &Path, args: &[&str], ok: &[i32]) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run actorgraph");
    let code = out.status.code().expect("status");
    assert!(
        ok.contains(&code),
        "{args:?}: {code} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The path queries asked of a network of `orgs` organizations.
fn queries(orgs: usize) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    for i in 0..12 {
        let (a, b) = (i * 7 % orgs, (i * 13 + orgs / 2) % orgs);
        if a == b {
            continue;
        }
        let ends = vec![
            "path".to_owned(),
            format!("o{a}"),
            format!("o{b}"),
            "net.yaml".into(),
        ];
        for extra in [
            &[][..],
            &["--all"],
            &["--directed", "--all"],
            &["--max-length", "2"],
        ] {
            let mut q = ends.clone();
            q.extend(extra.iter().map(|s| (*s).to_owned()));
            q.extend(["-f", "json", "--quiet"].map(str::to_owned));
            all.push(q);
        }
    }
    all
}

fn check(seed: u64, orgs: usize, edges: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("net.yaml"), random_network(seed, orgs, edges)).expect("write");
    compare(d, &queries(orgs), &format!("seed {seed}"));
}

/// Exports (all, and the B3 slice), `stats` and the path `queries` of `d/net.yaml`,
/// checked by the script.
fn compare(d: &Path, queries: &[Vec<String>], name: &str) {
    let export = output(d, &["export", "net.yaml", "-f", "json", "--quiet"], &[0]);
    std::fs::write(d.join("export.json"), export).expect("write");
    let b3 = [
        "export",
        "net.yaml",
        "-f",
        "json",
        "--quiet",
        "--min-reliability",
        "B",
        "--min-credibility",
        "3",
    ];
    std::fs::write(d.join("export-b3.json"), output(d, &b3, &[0])).expect("write");
    let stats = output(d, &["stats", "net.yaml", "-f", "json", "--quiet"], &[0]);
    std::fs::write(d.join("stats.json"), stats).expect("write");
    let mut answers = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        let args: Vec<&str> = q.iter().map(String::as_str).collect();
        let name = format!("path-{i}.json");
        std::fs::write(d.join(&name), output(d, &args, &[0, 1])).expect("write");
        answers.push(name);
    }
    let out = command("python3")
        .arg(root().join("tests/interop/check_questions.py"))
        .arg(root().join("schema"))
        .args(["export.json", "export-b3.json", "stats.json"])
        .args(&answers)
        .current_dir(d)
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "{name}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{name}: {}", String::from_utf8_lossy(&out.stdout).trim());
}

#[test]
#[ignore = "needs python with networkx and jsonschema (run by .ci/run with --ignored)"]
fn betweenness_components_and_paths_equal_networkx() {
    for (seed, orgs, edges) in [(1, 60, 50), (2, 40, 300), (3, 200, 500), (4, 700, 2500)] {
        check(seed, orgs, edges);
    }
}

/// The graded network: its grades in both documents valid against the schemas.
#[test]
#[ignore = "needs python with networkx and jsonschema (run by .ci/run with --ignored)"]
fn graded_evidence_validates_against_the_schemas() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let net = root().join("tests/fixtures/questions-graded/network.yaml");
    std::fs::copy(net, d.join("net.yaml")).expect("copy");
    let queries: Vec<Vec<String>> = [("a", "c"), ("c", "d"), ("d", "a")]
        .iter()
        .map(|(a, b)| {
            ["path", a, b, "net.yaml", "--all", "-f", "json", "--quiet"]
                .map(str::to_owned)
                .to_vec()
        })
        .collect();
    compare(d, &queries, "graded");
}
