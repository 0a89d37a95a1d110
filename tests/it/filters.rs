//! Export filters on a small dataset whose answers were worked out by hand.

use std::process::Command;

const DATASET: &str = r"
organizations:
  - {id: a, name: Alpha, founded: 2000}
  - {id: b, name: Bravo}
  - {id: c, name: Charlie}
  - {id: d, name: Delta, dissolved: 2005}
  - {id: e, name: Echo, founded: 2010}
sources:
  - {id: s1, title: One}
  - {id: s2, title: Two}
edges:
  - {id: e1, from: a, to: b, type: allegiance, date: 2001, confidence: high, sources: [s1]}
  - {id: e2, from: b, to: c, type: rivalry, start: 2003, end: 2004, confidence: low, sources: [s2]}
  - {id: e3, from: c, to: d, type: hosting, start: 2002, sources: [s1], disputed_by: [s2]}
  - {id: e4, from: e, to: a, type: rivalry, start: 2012, confidence: medium, sources: [s1]}
";

/// Runs `export --format json` with `filters`; returns the document.
fn export_doc(filters: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("data.yaml"), DATASET).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(["export", "data.yaml", "--format", "json"])
        .args(filters)
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Runs `export --format json` with `filters`; returns (organization ids, edge ids).
fn export(filters: &[&str]) -> (Vec<String>, Vec<String>) {
    let doc = export_doc(filters);
    let ids = |key: &str| -> Vec<String> {
        doc[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let mut orgs = ids("organizations");
    let mut edges = ids("edges");
    orgs.sort();
    edges.sort();
    (orgs, edges)
}

fn check(filters: &[&str], orgs: &[&str], edges: &[&str]) {
    let (got_orgs, got_edges) = export(filters);
    assert_eq!(got_orgs, orgs, "organizations for {filters:?}");
    assert_eq!(got_edges, edges, "edges for {filters:?}");
}

#[test]
fn no_filter_keeps_everything() {
    check(&[], &["a", "b", "c", "d", "e"], &["e1", "e2", "e3", "e4"]);
}

#[test]
fn as_of_keeps_what_may_have_held() {
    // e is not founded until 2010; only the 2001 pledge has happened.
    check(&["--as-of", "2001"], &["a", "b", "c", "d"], &["e1"]);
    // Mid-2003: the pledge stands, the 2003-2004 rivalry and the hosting from 2002 hold.
    check(
        &["--as-of", "2003-06"],
        &["a", "b", "c", "d"],
        &["e1", "e2", "e3"],
    );
}

/// The ids of the edges marked possibly active, in output order.
fn possibly_active(filters: &[&str]) -> Vec<String> {
    let doc = export_doc(filters);
    doc["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["possibly_active"].as_bool().expect("a boolean"))
        .map(|e| e["id"].as_str().expect("id").to_owned())
        .collect()
}

#[test]
fn slices_mark_edges_that_only_may_hold() {
    // Without a slice nothing is marked.
    assert!(possibly_active(&[]).is_empty());
    // June 2003: the rivalry starts in 2003, maybe after June; the pledge (2001) and the
    // hosting from 2002 certainly stand.
    assert_eq!(possibly_active(&["--as-of", "2003-06"]), ["e2"]);
    // Some day of 2003 certainly falls inside the 2003-2004 rivalry.
    assert!(possibly_active(&["--as-of", "2003"]).is_empty());
    // 2004-06..2004-12: the rivalry's end (2004) may be in January.
    assert_eq!(possibly_active(&["--between", "2004-06..2004-12"]), ["e2"]);
}

#[test]
fn between_keeps_edges_active_at_some_point() {
    // d is dissolved in 2005, e founded in 2010; the rivalry ended in 2004 and e4 starts in 2012.
    check(&["--between", "2006..2011"], &["a", "b", "c", "e"], &["e1"]);
}

#[test]
fn focus_takes_the_ego_network() {
    check(&["--focus", "a"], &["a", "b", "e"], &["e1", "e4"]);
    check(
        &["--focus", "a", "--depth", "2"],
        &["a", "b", "c", "e"],
        &["e1", "e2", "e4"],
    );
}

#[test]
fn dispute_confidence_and_source_filters() {
    check(
        &["--exclude-disputed"],
        &["a", "b", "c", "d", "e"],
        &["e1", "e2", "e4"],
    );
    check(
        &["--min-confidence", "medium"],
        &["a", "b", "c", "d", "e"],
        &["e1", "e4"],
    );
    // Disputing an edge is not supporting it.
    check(
        &["--according-to", "s2", "--drop-isolated"],
        &["b", "c"],
        &["e2"],
    );
}

#[test]
fn type_filters_compose_with_drop_isolated() {
    check(
        &["--type", "rivalry", "--drop-isolated"],
        &["a", "b", "c", "e"],
        &["e2", "e4"],
    );
    check(
        &["--exclude-type", "rivalry,hosting", "--drop-isolated"],
        &["a", "b"],
        &["e1"],
    );
}

#[test]
fn unknown_names_are_usage_errors_with_suggestions() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("data.yaml"), DATASET).expect("write");
    for (args, expected) in [
        // `alpha` would name `a` (its name, case ignored).
        (vec!["--focus", "zulu"], "unknown organization `zulu`"),
        (vec!["--type", "rivalri"], "did you mean `rivalry`?"),
        (vec!["--according-to", "s3"], "unknown source `s3`"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .args(["export", "data.yaml", "--format", "dot"])
            .args(&args)
            .current_dir(dir.path())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
}
