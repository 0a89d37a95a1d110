//! The `actorgraph show` command, run as a real process: snapshots of an organization of
//! the project's own graph and of the full fixture, undirected edges listed once, unknown
//! ids with a suggestion, and invalid datasets.

use crate::common;

use common::run;

const FULL: &str = "tests/fixtures/valid/full";

/// Shows `id` in `path`, asserting success.
fn show(id: &str, path: &str) -> String {
    let r = run(&["show", id, path]);
    assert_eq!(r.code, 0, "show {id} {path}: {}", r.stderr);
    r.stdout
}

#[test]
fn snapshot_imu_in_graphs() {
    insta::assert_snapshot!("show_imu", show("imu", "graphs"));
}

#[test]
fn snapshot_alpha_in_the_full_fixture() {
    insta::assert_snapshot!("show_alpha", show("alpha", FULL));
}

#[test]
fn paths_default_to_graphs() {
    let r = run(&["show", "imu"]);
    assert_eq!((r.code, r.stdout), (0, show("imu", "graphs")));
}

#[test]
fn directed_edges_are_split_and_undirected_ones_listed_once() {
    let beta = show("beta", FULL);
    // beta -> alpha (splinter) is outgoing; alpha -- beta (rivalry) and
    // beta -- delta (cooperation) are undirected.
    assert!(
        beta.contains("\nsplinter (outgoing): Beta 🦁 split from …\n"),
        "{beta}"
    );
    assert!(!beta.contains("(incoming)"), "{beta}");
    assert_eq!(beta.matches("[alpha]").count(), 2, "{beta}");
    assert!(beta.contains("\nrivalry: Beta 🦁 rival of (redeclared): {a} & {b} …\n"));
    let alpha = show("alpha", FULL);
    assert!(
        alpha.contains("\nsplinter (incoming): … split from A&L\n"),
        "{alpha}"
    );
    assert!(alpha.contains("\nallegiance (incoming): … pledged allegiance to A&L\n"));
    assert_eq!(alpha.matches("\nrivalry").count(), 1, "{alpha}");
    assert_eq!(alpha.matches("[beta]").count(), 2, "{alpha}");
}

#[test]
fn disputes_are_shown_with_their_quotes() {
    let alpha = show("alpha", FULL);
    let rivalry = &alpha[alpha.find("\nrivalry").expect("rivalry section")..];
    assert!(
        rivalry.contains(": 2005~–, confidence low, DISPUTED\n"),
        "{rivalry}"
    );
    assert!(
        rivalry.contains(
            "      disputed by: Report 📄 (contested) [src-three], 00:12:30, graded C6 (fairly reliable; truth cannot be judged)\n        \"no \"rivalry\" at all\"\n"
        ),
        "{rivalry}"
    );
}

/// Each citation shows its Admiralty pair and its meaning; an ungraded one shows none.
#[test]
fn grades_are_shown_with_their_meaning() {
    let alpha = show("alpha", FULL);
    assert!(
        alpha.contains(
            "[src-two], graded F1 (reliability cannot be judged; confirmed by other sources)\n"
        ),
        "{alpha}"
    );
    let gamma = show("gamma.cell_2", FULL);
    assert!(
        gamma.contains("[src-three], graded C2 (fairly reliable; probably true)\n"),
        "{gamma}"
    );
    let imu = show("imu", "graphs");
    assert!(!imu.contains("graded"), "{imu}");
}

#[test]
fn unknown_id_exits_2_with_a_suggestion() {
    let r = run(&["show", "imuu", "graphs"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .ends_with("error: unknown organization `imuu`; did you mean `imu`?\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_name_or_alias_shows_its_organization() {
    for (word, id) in [
        ("IMU", "imu"),
        ("Islamic Movement of Uzbekistan", "imu"),
        ("al qaida", "al-qaeda"),
    ] {
        assert_eq!(show(word, "graphs"), show(id, "graphs"), "{word}");
    }
}

#[test]
fn an_unknown_name_suggests_the_closest_id() {
    let r = run(&["show", "al qaedda", "graphs"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.ends_with("did you mean `al-qaeda`?\n"),
        "{}",
        r.stderr
    );
    let r = run(&["show", "nothing-like-it", FULL]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .ends_with("error: unknown organization `nothing-like-it`\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn invalid_dataset_exits_1_and_prints_nothing() {
    let r = run(&["show", "a", "tests/fixtures/invalid/self-loop.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("error["), "{}", r.stderr);
}

#[test]
fn missing_path_exits_2() {
    let r = run(&["show", "imu", "no/such/dir"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn help_describes_the_command() {
    let r = run(&["show", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("one organization"), "{}", r.stdout);
    assert!(r.stdout.contains("<ID>"), "{}", r.stdout);
    let top = run(&["--help"]);
    assert!(top.stdout.contains("show"), "{}", top.stdout);
}

/// Issue 20: `show --format json` carries what the text shows, and the `file:line` of
/// each record, which points at the line where the record starts.
#[test]
fn json_names_where_each_record_is_written() {
    let r = run(&["show", "alpha", FULL, "-f", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("show_alpha_json", r.stdout);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let line_of = |record: &serde_json::Value| {
        let file = record["file"].as_str().expect("file");
        let n = record["line"].as_u64().expect("line") as usize;
        let text = std::fs::read_to_string(root.join(file)).expect("the file named");
        text.lines().nth(n - 1).expect("the line named").to_owned()
    };
    let org = &doc["organization"];
    assert!(line_of(org).contains("id: alpha"), "{}", line_of(org));
    let edges = doc["edges"].as_array().expect("edges");
    assert!(!edges.is_empty());
    for edge in edges {
        let line = line_of(edge);
        assert!(
            line.trim_start().starts_with('-'),
            "a record starts there: {line}"
        );
        for c in edge["sources"].as_array().expect("sources") {
            let source = c["source"].as_str().expect("id");
            assert!(
                line_of(c).contains(&format!("id: {source}")),
                "{}",
                line_of(c)
            );
        }
    }
}
