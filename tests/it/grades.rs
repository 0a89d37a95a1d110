//! Graded evidence through the real binary: `--min-reliability` and `--min-credibility` on
//! the full fixture, whose grades are (supporting citations, source reliability and
//! citation credibility):
//!
//! | edge | supporting citations |
//! |---|---|
//! | `beta-splits-from-alpha` | src-one B4, src-two F1 |
//! | `gamma-pledges-to-alpha` | src-one B (no credibility) |
//! | `E:alpha:rivalry:beta:2005_a..` | src-two F (disputed by src-three C6, which never counts) |
//! | `delta-hosts-gamma` | src-three C2 |
//! | `beta-cooperates-with-delta` | src-two F3 |
//!
//! The answers below were worked out by hand from this table.

use crate::common;

const FULL: &str = "tests/fixtures/valid/full";
const SPLINTER: &str = "beta-splits-from-alpha";
const ALLEGIANCE: &str = "gamma-pledges-to-alpha";
const RIVALRY: &str = "E:alpha:rivalry:beta:2005_a..";
const HOSTING: &str = "delta-hosts-gamma";
const COOPERATION: &str = "beta-cooperates-with-delta";

/// The sorted ids of the edges `export -f json` keeps with `filters`.
pub(crate) fn kept(dataset: &str, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["export", dataset, "-f", "json", "--quiet"];
    args.extend(filters);
    let r = common::run(&args);
    assert_eq!(r.code, 0, "{filters:?}: {}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let mut ids: Vec<String> = doc["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

fn check(filters: &[&str], expected: &[&str]) {
    let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(kept(FULL, filters), expected, "{filters:?}");
}

#[test]
fn min_reliability_keeps_edges_with_a_reliable_enough_source() {
    check(&["--min-reliability", "A"], &[]);
    check(&["--min-reliability", "B"], &[SPLINTER, ALLEGIANCE]);
    // Lower case is accepted on the command line.
    check(
        &["--min-reliability", "c"],
        &[SPLINTER, ALLEGIANCE, HOSTING],
    );
    // F (cannot be judged) meets no minimum, however low: the two edges cited only by
    // src-two (F) stay out.
    check(
        &["--min-reliability", "E"],
        &[SPLINTER, ALLEGIANCE, HOSTING],
    );
}

#[test]
fn min_credibility_keeps_edges_with_a_credible_enough_citation() {
    check(&["--min-credibility", "1"], &[SPLINTER]);
    check(&["--min-credibility", "2"], &[SPLINTER, HOSTING]);
    check(
        &["--min-credibility", "3"],
        &[SPLINTER, HOSTING, COOPERATION],
    );
    // 6 (cannot be judged) meets none, and the rivalry's only graded citation disputes it.
    check(
        &["--min-credibility", "5"],
        &[SPLINTER, HOSTING, COOPERATION],
    );
}

#[test]
fn both_minimums_must_be_met_by_one_citation() {
    // The splinter has B (src-one, credibility 4) and 1 (src-two, reliability F), but no
    // citation with both B and 2.
    check(&["--min-reliability", "B", "--min-credibility", "2"], &[]);
    check(
        &["--min-reliability", "C", "--min-credibility", "2"],
        &[HOSTING],
    );
    check(
        &["--min-reliability", "E", "--min-credibility", "5"],
        &[SPLINTER, HOSTING],
    );
    // Composed with another filter: of the hosting (C2) and the rivalry (F), one stays.
    check(
        &["--min-reliability", "C", "--type", "hosting,rivalry"],
        &[HOSTING],
    );
    check(&["--type", "hosting,rivalry"], &[HOSTING, RIVALRY]);
}

#[test]
fn an_ungraded_dataset_meets_no_minimum() {
    assert!(!kept("graphs", &[]).is_empty());
    assert_eq!(
        kept("graphs", &["--min-reliability", "E"]),
        Vec::<String>::new()
    );
    assert_eq!(
        kept("graphs", &["--min-credibility", "5"]),
        Vec::<String>::new()
    );
}

#[test]
fn cannot_be_judged_is_refused_as_a_minimum() {
    for (flag, value, says) in [
        (
            "--min-reliability",
            "F",
            "F means the reliability cannot be judged",
        ),
        (
            "--min-credibility",
            "6",
            "6 means the truth cannot be judged",
        ),
        (
            "--min-reliability",
            "1",
            "from A (completely reliable) to E",
        ),
        (
            "--min-credibility",
            "B",
            "from 1 (confirmed by other sources) to 5",
        ),
    ] {
        let r = common::run(&["export", FULL, "-f", "json", flag, value]);
        assert_eq!(r.code, 2, "{flag} {value}");
        assert_eq!(r.stdout, "");
        assert!(r.stderr.contains(says), "{flag} {value}: {}", r.stderr);
    }
}

#[test]
fn the_caption_names_the_grade_filters() {
    let r = common::run(&[
        "export",
        FULL,
        "-f",
        "graphml",
        "--quiet",
        "--min-reliability",
        "b",
        "--min-credibility",
        "5",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            r#"<data key="g_description">Filters: --min-reliability B --min-credibility 5</data>"#
        ),
        "{}",
        r.stdout
    );
}

/// An ungraded dataset's GraphML declares no grade attribute; a graded one declares
/// all four and writes the best grades of each edge.
#[test]
fn graphml_declares_grades_only_for_a_graded_dataset() {
    let plain = common::run(&["export", "graphs", "-f", "graphml", "--quiet"]);
    assert!(!plain.stdout.contains("reliability"), "ungraded GraphML");
    let graded = common::run(&["export", FULL, "-f", "graphml", "--quiet"]);
    for key in ["reliability", "credibility", "grades", "disputed_by_grades"] {
        assert!(
            graded.stdout.contains(&format!(r#"attr.name="{key}""#)),
            "{key}"
        );
    }
}

/// The CSV tables carry the grades and `import` reads them back; a grade that is not
/// one is refused at its cell.
#[test]
fn csv_tables_carry_the_grades_and_import_checks_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tables = dir.path().join("tables");
    let tables_arg = tables.to_str().expect("UTF-8 path");
    let r = common::run(&["export", FULL, "-f", "csv", "-o", tables_arg, "--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sources = std::fs::read_to_string(tables.join("sources.csv")).expect("sources.csv");
    assert!(
        sources.starts_with("id,title,author,publisher,published,url,accessed,notes,reliability\n")
    );
    assert!(
        sources.contains(",Report 📄 (contested),,,2015-XX-XX,,,,C\n"),
        "{sources}"
    );
    std::fs::write(
        tables.join("sources.csv"),
        sources.replace(",,,,C\n", ",,,,c\n"),
    )
    .expect("write");
    let out = dir.path().join("out");
    let r = common::run(&["import", tables_arg, "--out", out.to_str().expect("UTF-8")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The report goes where import's reports go (standard output), the summary to stderr.
    let report = format!("{}{}", r.stdout, r.stderr);
    assert!(
        report.contains("error[invalid-reliability]: `c` is not a reliability grade (A to F)"),
        "{report}"
    );
    assert!(report.contains("sources.csv:3:9"), "{report}");
}

/// `diff` sees a regrading: a source's new reliability is a changed field, a citation's
/// new credibility one citation removed and one added, each shown with its grade.
#[test]
fn diff_reports_a_regrading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dataset = |reliability: &str, credibility: u8| {
        format!(
            "organizations:\n  - {{id: a, name: A}}\n  - {{id: b, name: B}}\nsources:\n  - id: s\n    title: S\n{reliability}edges:\n  - id: e\n    from: a\n    to: b\n    type: rivalry\n    date: 2001\n    sources:\n      - ref: s\n        credibility: {credibility}\n"
        )
    };
    let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
    std::fs::write(&old, dataset("", 3)).expect("write");
    std::fs::write(&new, dataset("    reliability: B\n", 2)).expect("write");
    let (old, new) = (old.to_str().expect("UTF-8"), new.to_str().expect("UTF-8"));
    let r = common::run(&["diff", old, new, "-f", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(
        d["sources"]["changed"][0]["fields"],
        serde_json::json!([{"field": "reliability", "old": null, "new": "B"}])
    );
    let citations = &d["edges"]["changed"][0]["citations"];
    assert_eq!(citations[0]["change"], "removed");
    assert_eq!(citations[0]["credibility"], 3);
    assert_eq!(citations[1]["change"], "added");
    assert_eq!(citations[1]["credibility"], 2);
    let text = common::run(&["diff", old, new, "-f", "text"]).stdout;
    assert!(text.contains("s credibility 2"), "{text}");
}

/// Near misses get the grade they probably meant, or where the grade goes.
#[test]
fn near_misses_get_a_useful_help() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "    reliability: 2\n",
            "3",
            "error[invalid-reliability]",
            "a number 1–6 is a citation's `credibility`",
        ),
        (
            "",
            "03",
            "error[invalid-credibility]: unknown credibility `03`",
            "did you mean `3`?",
        ),
        (
            "",
            "B",
            "error[wrong-type]: `credibility` must be a number from 1 to 6, found the text \"B\"",
            "a letter A–F is a source's `reliability`",
        ),
        (
            "",
            "2.5",
            "error[wrong-type]: `credibility` must be a number from 1 to 6, found the number `2.5`",
            "credibility is a whole number from 1",
        ),
    ];
    for (reliability, credibility, error, help) in cases {
        let yaml = format!(
            "organizations:\n  - {{id: a, name: A}}\n  - {{id: b, name: B}}\nsources:\n  - id: s\n    title: S\n{reliability}edges:\n  - from: a\n    to: b\n    type: rivalry\n    date: 2001\n    sources:\n      - ref: s\n        credibility: {credibility}\n"
        );
        let path = dir.path().join("data.yaml");
        std::fs::write(&path, yaml).expect("write");
        let r = common::run(&[
            "validate",
            path.to_str().expect("UTF-8"),
            "--color",
            "never",
        ]);
        assert_eq!(r.code, 1, "{credibility}: {}", r.stdout);
        let report = format!("{}{}", r.stdout, r.stderr);
        assert!(report.contains(error), "{report}");
        assert!(report.contains(&format!("= help: {help}")), "{report}");
        assert_eq!(report.matches("error[").count(), 1, "{report}");
    }
}
