//! The bundled dataset: it validates cleanly (undated edges aside, where the sources give
//! no date) and the committed diagram matches a fresh export.

use std::path::Path;
use std::process::Command;

fn actorgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run actorgraph")
}

#[test]
fn bundled_dataset_has_no_errors_and_only_undated_warnings() {
    let out = actorgraph(&["validate", "graphs", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["summary"]["errors"], 0);
    for d in report["diagnostics"].as_array().expect("array") {
        assert_eq!(d["code"], "undated-edge", "unexpected warning: {d}");
    }
}

#[test]
fn committed_diagram_matches_a_fresh_export() {
    let out = actorgraph(&[
        "export",
        "graphs",
        "--format",
        "dot",
        "--focus",
        "imu",
        "--type",
        "allegiance,rivalry,splinter",
        "--legend",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let committed =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/central-asia.dot"))
            .expect("docs/central-asia.dot");
    assert!(
        out.stdout == committed,
        "docs/central-asia.dot is stale; regenerate it with the command in docs/central-asia.md"
    );
}

#[test]
fn the_imu_dispute_is_held_both_ways() {
    let out = actorgraph(&["export", "graphs", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let edges = doc["edges"].as_array().expect("edges");
    let between = |relation: &str| {
        edges.iter().find(|e| {
            e["relation"] == relation
                && [&e["from"], &e["to"]].contains(&&serde_json::json!("imu"))
                && [&e["from"], &e["to"]].contains(&&serde_json::json!("al-qaeda"))
        })
    };
    let pledge = between("allegiance").expect("IMU allegiance to al-Qaeda");
    assert_eq!(pledge["disputed"], true);
    assert!(between("rivalry").is_some(), "the rivalry is its own edge");
}

#[test]
fn time_slices_match_the_walkthrough() {
    // The table in docs/central-asia.md, "The network in time".
    for (date, orgs, edges, possibly) in [
        ("2001", 9, 17, 8),
        ("2015-08", 12, 24, 11),
        ("2019", 13, 35, 8),
    ] {
        let out = actorgraph(&[
            "export",
            "graphs",
            "-f",
            "json",
            "--as-of",
            date,
            "--drop-isolated",
        ]);
        assert_eq!(out.status.code(), Some(0));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let list = |key: &str| doc[key].as_array().expect(key).clone();
        let marked = list("edges")
            .iter()
            .filter(|e| e["possibly_active"] == true)
            .count();
        assert_eq!(
            (list("organizations").len(), list("edges").len(), marked),
            (orgs, edges, possibly),
            "--as-of {date}"
        );
    }
}
