//! Graded evidence (the Admiralty code) in `stats` and `path`, run as real processes on a
//! small graded network whose counts are computed by hand
//! (tests/fixtures/questions-graded/network.yaml): the counts per grade, the edges that
//! rest only on weak or ungraded evidence, the same under `--min-reliability` and
//! `--min-credibility`, and each citation's grades on a path; snapshots of every format.

use serde_json::{Value, json};

use crate::common;
use crate::grades::kept;

const NET: &str = "tests/fixtures/questions-graded";

/// `COMMAND NET ARGS…` (the command's own arguments first), asserting `code`.
fn run(command: &[&str], args: &[&str], code: i32) -> String {
    let mut all = command.to_vec();
    all.push(NET);
    all.extend_from_slice(args);
    let r = common::run(&all);
    assert_eq!(r.code, code, "{all:?}: {}", r.stderr);
    r.stdout
}

/// `evidence.grades` of `stats --format json` with `filters`.
fn grades(filters: &[&str]) -> Value {
    let mut args = vec!["-f", "json"];
    args.extend_from_slice(filters);
    let v: Value = serde_json::from_str(&run(&["stats"], &args, 0)).expect("JSON");
    v["evidence"]["grades"].clone()
}

/// `{"reliability": {A…F, none}, "credibility": {1…6, none}}` from the two rows.
fn per_grade(reliability: [u64; 7], credibility: [u64; 7]) -> Value {
    let keys = |names: [&str; 7], counts: [u64; 7]| -> Value {
        names
            .iter()
            .zip(counts)
            .map(|(k, n)| ((*k).to_owned(), json!(n)))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    json!({
        "reliability": keys(["A", "B", "C", "D", "E", "F", "none"], reliability),
        "credibility": keys(["1", "2", "3", "4", "5", "6", "none"], credibility),
    })
}

/// Supporting citations: a-pledges-b s1 (A2) and s4 (ungraded); b-rival-c s2 (C1);
/// c-hosts-d s3 (F6) and s2 (C3); a-rival-d s4; b-pledges-d s1 (A, no credibility).
/// Disputing: b-rival-c s1 (A4). An edge's best: A2, C1, C3 (F6 is beaten), none, A.
/// Only a-pledges-b has a citation graded B3 or better; a-rival-d has no grade at all.
#[test]
fn counts_per_grade_and_weak_edges_are_the_hand_computed_ones() {
    let g = grades(&[]);
    assert_eq!(g["graded_citations"], 6);
    assert_eq!(
        g["supporting_citations"],
        per_grade([2, 0, 2, 0, 0, 1, 2], [1, 1, 1, 0, 0, 1, 3])
    );
    assert_eq!(
        g["disputing_citations"],
        per_grade([1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0])
    );
    assert_eq!(
        g["edges_by_best_grade"],
        per_grade([2, 0, 2, 0, 0, 0, 1], [1, 1, 1, 0, 0, 0, 2])
    );
    assert_eq!(g["weak_threshold"], "B3");
    assert_eq!(
        g["weak_edges"],
        json!(["b-rival-c", "b-pledges-d", "c-hosts-d"])
    );
    assert_eq!(g["ungraded_edges"], json!(["a-rival-d"]));
}

/// The filters keep an edge when one supporting citation passes, and keep all its
/// citations: the slice's counts are those of the kept edges.
#[test]
fn grade_filters_give_the_slice_s_numbers() {
    // Only a-rival-d (s4, ungraded) goes.
    let g = grades(&["--min-reliability", "C"]);
    assert_eq!(
        g["supporting_citations"],
        per_grade([2, 0, 2, 0, 0, 1, 1], [1, 1, 1, 0, 0, 1, 2])
    );
    assert_eq!(
        g["weak_edges"],
        json!(["b-rival-c", "b-pledges-d", "c-hosts-d"])
    );
    assert_eq!(g["ungraded_edges"], json!([]));
    // a-pledges-b (2) and b-rival-c (1) stay.
    let g = grades(&["--min-credibility", "2"]);
    assert_eq!(
        g["edges_by_best_grade"],
        per_grade([1, 0, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0])
    );
    assert_eq!(g["weak_edges"], json!(["b-rival-c"]));
    assert_eq!(g["graded_citations"], 3);
}

/// The weak and the ungraded edges are exactly those `--min-reliability B
/// --min-credibility 3` drops, here and on the graded fixture of the format tests.
#[test]
fn weak_edges_are_what_the_b3_filter_leaves_out() {
    for dataset in [NET, "tests/fixtures/valid/full"] {
        let r = common::run(&["stats", dataset, "-f", "json", "--quiet"]);
        let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
        let g = &v["evidence"]["grades"];
        let mut rest: Vec<String> = [&g["weak_edges"], &g["ungraded_edges"]]
            .into_iter()
            .flat_map(|list| list.as_array().expect("edge ids"))
            .map(|e| e.as_str().expect("id").to_owned())
            .collect();
        rest.extend(kept(
            dataset,
            &["--min-reliability", "B", "--min-credibility", "3"],
        ));
        rest.sort();
        assert_eq!(rest, kept(dataset, &[]), "{dataset}");
    }
}

/// An ungraded slice says so in one line; its JSON has the key, all zeros.
#[test]
fn an_ungraded_slice_says_none_is_graded() {
    let slice = ["--type", "rivalry", "--according-to", "s4"];
    let text = run(&["stats"], &slice, 0);
    let section: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != "Graded evidence")
        .take(4)
        .collect();
    assert_eq!(
        section,
        [
            "Graded evidence",
            "  measure            value",
            "  graded citations  0 of 1",
            "  None is graded: no reliability on its source, no credibility of its own.",
        ]
    );
    let g = grades(&slice);
    assert_eq!(g["graded_citations"], 0);
    assert_eq!(
        g["edges_by_best_grade"],
        per_grade([0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1])
    );
    assert_eq!(g["weak_edges"], json!([]));
    assert_eq!(g["ungraded_edges"], json!(["a-rival-d"]));
}

#[test]
fn snapshot_stats_text() {
    insta::assert_snapshot!("stats_text", run(&["stats"], &[], 0));
}

#[test]
fn snapshot_stats_markdown() {
    insta::assert_snapshot!("stats_markdown", run(&["stats"], &["-f", "markdown"], 0));
}

#[test]
fn snapshot_stats_json() {
    insta::assert_snapshot!("stats_json", run(&["stats"], &["-f", "json"], 0));
}

/// a → b → c: a-pledges-b (A2 and an ungraded citation), b-rival-c (C1, disputed A4).
#[test]
fn snapshot_path_text() {
    let out = run(&["path", "a", "c"], &[], 0);
    assert!(
        out.contains("source: Archive [s1], graded A2 (completely reliable; probably true)"),
        "{out}"
    );
    assert!(out.contains("source: Unrated note [s4]\n"), "{out}");
    insta::assert_snapshot!("path_text", out);
}

#[test]
fn snapshot_path_markdown() {
    let out = run(&["path", "a", "c"], &["-f", "markdown"], 0);
    assert!(
        out.contains("Disputed by: Archive `s1`, graded A4 (completely reliable; doubtful)"),
        "{out}"
    );
    insta::assert_snapshot!("path_markdown", out);
}

#[test]
fn snapshot_path_json() {
    let out = run(&["path", "c", "d"], &["-f", "json"], 0);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let grades: Vec<(Value, Value)> = v["paths"][0]["steps"][0]["edges"][0]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|c| (c["reliability"].clone(), c["credibility"].clone()))
        .collect();
    assert_eq!(grades, [(json!("F"), json!(6)), (json!("C"), json!(3))]);
    insta::assert_snapshot!("path_json", out);
}
