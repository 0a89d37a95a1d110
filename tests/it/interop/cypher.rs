//! `export -f cypher` loaded into real engines: Ladybug (PyPI `ladybug`, embedded, in the
//! Kùzu line) runs the `--dialect kuzu` script twice, and `tests/interop/check_cypher.py`
//! compares the graph with the JSON export (counts per label and relationship type, every
//! quote, locator and side, nothing changed by the second load). FalkorDB embedded
//! (`falkordblite`) needs Python 3.12 or later: it loads the `--dialect falkordb` script
//! the same way when `$ACTORGRAPH_FALKORDB_PYTHON` names such a Python with falkordblite
//! installed (`.ci/run` sets it when it finds one), and is skipped with a message otherwise.

use std::fmt::Write as _;
use std::path::Path;

use super::{command, export_to, root};

/// A valid dataset of `edges` edges among 200 organizations (all four built-in types,
/// points, intervals and undated edges, every other edge without an id, quotes with
/// quotes, backslashes, newlines and non-Latin script, some disputes), written to `dir`.
pub(super) fn generated(dir: &Path, edges: usize) -> String {
    let types = ["allegiance", "rivalry", "splinter", "hosting"];
    let mut yaml = String::from("sources:\n");
    for s in 0..50 {
        let _ = writeln!(
            yaml,
            "  - {{id: s{s}, title: \"Report {s} \\\"\u{e9}\\\"\"}}"
        );
    }
    yaml.push_str("organizations:\n");
    for o in 0..200 {
        let _ = writeln!(yaml, "  - {{id: o{o}, name: \"Org {o} 'ش' \\\\ \\n\"}}");
    }
    yaml.push_str("edges:\n");
    for k in 0..edges {
        let (from, offset) = (k % 200, k / 200);
        let to = (from + 1 + offset) % 200;
        // Rivalry is undirected: o1–o2 and o2–o1 would be one edge twice.
        let ty = match types[k % 4] {
            "rivalry" if to < from => "hosting",
            ty => ty,
        };
        let when = match k % 5 {
            0 => String::new(),
            1 => format!("date: \"{}\", ", 1990 + k % 30),
            2 => format!("start: \"{}-0{}~\", ", 1990 + k % 30, 1 + k % 9),
            3 => format!(
                "start: \"{}\", end: \"{}?\", ",
                1980 + k % 10,
                1995 + k % 20
            ),
            _ => format!("end: \"{}\", ", 2000 + k % 20),
        };
        let id = if k % 2 == 0 {
            format!("id: e{k}, ")
        } else {
            String::new()
        };
        let disputed = if k % 7 == 0 {
            format!(
                ", disputed_by: [{{ref: s{}, quote: \"no \\\\'{k}'\"}}]",
                (k + 3) % 50
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            yaml,
            "  - {{{id}from: o{from}, to: o{to}, type: {ty}, {when}sources: \
             [{{ref: s{}, quote: \"said \\\"{k}\\\"\\nline 2 \\u2028 🔥\", locator: \"p. {k}\"}}]{disputed}}}",
            k % 50
        );
    }
    let path = dir.join(format!("generated-{edges}.yaml"));
    std::fs::write(&path, yaml).expect("write dataset");
    path.to_str().expect("utf-8 path").to_owned()
}

/// The Python that has falkordblite, if any.
fn falkordb_python() -> Option<String> {
    let python = std::env::var("ACTORGRAPH_FALKORDB_PYTHON").ok();
    if python.is_none() {
        println!(
            "FalkorDB skipped: set ACTORGRAPH_FALKORDB_PYTHON to a Python >= 3.12 with \
             falkordblite (pip install falkordblite)"
        );
    }
    python
}

/// Loads `dataset`'s Cypher export into Ladybug (and FalkorDB when there is one) and
/// checks it against its JSON export.
fn check(dir: &Path, dataset: &str) {
    let json = export_to(dir, dataset, &["-f", "json"], "g.json");
    let kuzu = export_to(
        dir,
        dataset,
        &["-f", "cypher", "--dialect", "kuzu"],
        "k.cypher",
    );
    run_check("python3", "ladybug", &kuzu, &json, dataset);
    if let Some(python) = falkordb_python() {
        let args = ["-f", "cypher", "--dialect", "falkordb"];
        let falkor = export_to(dir, dataset, &args, "f.cypher");
        run_check(&python, "falkordb", &falkor, &json, dataset);
    }
}

fn run_check(python: &str, engine: &str, script: &Path, json: &Path, dataset: &str) {
    let out = command(python)
        .arg(root().join("tests/interop/check_cypher.py"))
        .arg(engine)
        .args([script, json])
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{dataset} ({engine}): {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{dataset}: {}", String::from_utf8_lossy(&out.stdout).trim());
}

#[test]
#[ignore = "needs python with ladybug (run by .ci/run with --ignored)"]
fn cypher_loads_into_ladybug_twice_with_every_quote() {
    let dir = tempfile::tempdir().expect("temp dir");
    for dataset in [
        "graphs",
        "tests/fixtures/valid/full",
        "tests/fixtures/hostile-names",
    ] {
        check(dir.path(), dataset);
    }
    // Edge types whose relationship types collide: with each other (`a-b`, `a.b`) and
    // with the citations' `CITES`, which Kùzu must declare as one table of two pairs.
    let colliding = dir.path().join("colliding.yaml");
    std::fs::write(&colliding, COLLIDING).expect("write dataset");
    check(dir.path(), colliding.to_str().expect("utf-8 path"));
}

const COLLIDING: &str = "edge_types:
  - {name: cites, directed: true, label: cites}
  - {name: a-b, directed: true, label: ab}
  - {name: a.b, directed: false, label: ab2}
organizations:
  - {id: x, name: X}
  - {id: y, name: Y}
sources:
  - {id: s, title: S}
edges:
  - {from: x, to: y, type: cites, date: 2001, sources: [{ref: s, quote: q1}]}
  - {from: x, to: y, type: a-b, date: 2001, sources: [{ref: s, quote: q2}]}
  - {from: x, to: y, type: a.b, date: 2001, sources: [{ref: s, quote: q3}]}
";

#[test]
#[ignore = "needs python with ladybug (run by .ci/run with --ignored)"]
fn cypher_loads_a_generated_20000_edge_dataset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dataset = generated(dir.path(), 20_000);
    check(dir.path(), &dataset);
}
