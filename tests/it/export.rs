//! The `actorgraph export` command, run as a real process: snapshots of every format on
//! the full fixture, determinism across file names and splits, failures that must leave
//! the file system untouched, the JSON structure, and a property test that arbitrary
//! Unicode survives a GraphML round trip.

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

const FULL: &str = "tests/fixtures/valid/full";
const INVALID: &str = "tests/fixtures/invalid/self-loop.yaml";

use crate::common;
use crate::unicode_text;

use common::{run, run_in};

/// Exports `path` with extra `args`, asserting success with nothing on stderr.
fn export(path: &str, args: &[&str]) -> String {
    let mut all = vec!["export", path];
    all.extend(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{all:?}: {}", r.stderr);
    assert_eq!(r.stderr, "", "{all:?}");
    r.stdout
}

/// Names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---------------------------------------------------------------------------------------
// (a) Snapshots

#[test]
fn snapshot_dot() {
    insta::assert_snapshot!("dot", export(FULL, &["--format", "dot"]));
}

#[test]
fn snapshot_dot_legend_clusters() {
    insta::assert_snapshot!(
        "dot_legend_cluster_region",
        export(FULL, &["-f", "dot", "--legend", "--cluster-by", "region"])
    );
}

#[test]
fn snapshot_dot_slice_fades_possibly_active_edges() {
    insta::assert_snapshot!(
        "dot_as_of_2005_06",
        export(FULL, &["-f", "dot", "--legend", "--as-of", "2005-06"])
    );
}

#[test]
fn snapshot_graphml() {
    insta::assert_snapshot!("graphml", export(FULL, &["--format", "graphml"]));
}

#[test]
fn snapshot_graphml_per_edge_direction() {
    insta::assert_snapshot!(
        "graphml_per_edge_direction",
        export(FULL, &["-f", "graphml", "--per-edge-direction"])
    );
}

#[test]
fn snapshot_gexf() {
    insta::assert_snapshot!("gexf", export(FULL, &["--format", "gexf"]));
}

#[test]
fn snapshot_gexf_slice_per_edge_direction() {
    insta::assert_snapshot!(
        "gexf_as_of_2005_06_per_edge_direction",
        export(
            FULL,
            &["-f", "gexf", "--as-of", "2005-06", "--per-edge-direction"]
        )
    );
}

#[test]
fn snapshot_mermaid() {
    insta::assert_snapshot!("mermaid", export(FULL, &["--format", "mermaid"]));
}

#[test]
fn mermaid_labels_possibly_active_edges() {
    let sliced = export(FULL, &["-f", "mermaid", "--as-of", "2005-06"]);
    // The rivalry from `2005~` may have begun after June 2005; see the DOT snapshot.
    assert_eq!(sliced.matches("(possibly active)").count(), 1, "{sliced}");
    assert!(!export(FULL, &["-f", "mermaid"]).contains("possibly active"));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("json", export(FULL, &["--format", "json"]));
}

// ---------------------------------------------------------------------------------------
// (b) Determinism

const VARIANTS: &[&[&str]] = &[
    &["-f", "dot"],
    &["-f", "dot", "--legend", "--cluster-by", "region"],
    &["-f", "dot", "--legend", "--cluster-by", "kind"],
    &["-f", "graphml"],
    &["-f", "graphml", "--per-edge-direction"],
    &["-f", "json"],
    &["-f", "gexf"],
    &["-f", "gexf", "--per-edge-direction", "--as-of", "2005-06"],
    &["-f", "mermaid"],
    &["-f", "html"],
    &["-f", "cypher"],
    &["-f", "cypher", "--dialect", "kuzu"],
    &["-f", "stix"],
];

/// The fixture's top-level sections, each as its own YAML text (key line included).
fn sections() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(FULL);
    let mut out = Vec::new();
    for name in entries(&root) {
        let text = fs::read_to_string(root.join(&name)).expect("read fixture");
        let mut current: Option<(String, String)> = None;
        for line in text.lines() {
            let top = line
                .strip_suffix(':')
                .filter(|k| !k.starts_with([' ', '#', '-']) && !k.is_empty());
            if let Some(key) = top {
                out.extend(current.take());
                current = Some((key.to_owned(), format!("{line}\n")));
            } else if let Some((_, body)) = current.as_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }
        out.extend(current);
    }
    let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        ["edge_types", "organizations", "sources", "edges"],
        "the fixture's layout changed; update this test"
    );
    out
}

#[test]
fn output_does_not_depend_on_file_names_or_split() {
    let baseline: Vec<String> = VARIANTS.iter().map(|v| export(FULL, v)).collect();
    let sections = sections();
    let body = |i: usize| sections[i].1.as_str();

    // Layout 1: one file per section, named so that sort order reverses the original.
    let one = tempfile::tempdir().expect("temp dir");
    for (i, name) in [
        "z-types.yaml",
        "y-orgs.yml",
        "x-sources.yaml",
        "w-edges.yaml",
    ]
    .iter()
    .enumerate()
    {
        fs::write(one.path().join(name), body(i)).expect("write");
    }
    // Layout 2: everything in one file, sections in reverse order.
    let two = tempfile::tempdir().expect("temp dir");
    let all: String = (0..4).rev().map(body).collect();
    fs::write(two.path().join("all.yaml"), all).expect("write");
    // Layout 3: nested directories and a different grouping.
    let three = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(three.path().join("b/nested")).expect("mkdir");
    fs::write(
        three.path().join("a.yaml"),
        format!("{}{}", body(3), body(0)),
    )
    .expect("write");
    fs::write(
        three.path().join("b/nested/c.yaml"),
        format!("{}{}", body(2), body(1)),
    )
    .expect("write");

    for dir in [&one, &two, &three] {
        for (variant, expected) in VARIANTS.iter().zip(&baseline) {
            let mut args = vec!["export", "."];
            args.extend(*variant);
            let r = run_in(dir.path(), &args);
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
            assert!(
                r.stdout == *expected,
                "{args:?} in {:?} differs from the fixture's export",
                entries(dir.path())
            );
        }
    }
}

#[test]
fn repeated_runs_are_byte_identical() {
    for variant in VARIANTS {
        assert_eq!(export(FULL, variant), export(FULL, variant), "{variant:?}");
    }
}

#[test]
fn output_file_equals_stdout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = env!("CARGO_MANIFEST_DIR");
    for (i, variant) in VARIANTS.iter().enumerate() {
        let target = dir.path().join(format!("out-{i}"));
        let target_str = target.to_str().expect("UTF-8 path");
        let mut args = vec!["export", FULL, "-o", target_str];
        args.extend(*variant);
        let r = run_in(Path::new(root), &args);
        assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
        let written = fs::read_to_string(&target).expect("output written");
        assert_eq!(written, export(FULL, variant), "{variant:?}");
    }
    let names = entries(dir.path());
    assert!(names.iter().all(|n| n.starts_with("out-")), "{names:?}");
}

// ---------------------------------------------------------------------------------------
// (c) Errors leave the file system alone

/// Copies the full fixture and the invalid fixture into a fresh directory.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir(dir.path().join("valid")).expect("mkdir");
    for name in entries(&root.join(FULL)) {
        fs::copy(
            root.join(FULL).join(&name),
            dir.path().join("valid").join(&name),
        )
        .expect("copy");
    }
    fs::copy(root.join(INVALID), dir.path().join("invalid.yaml")).expect("copy");
    dir
}

#[test]
fn invalid_dataset_exits_1_and_creates_no_file() {
    let dir = workspace();
    let before = entries(dir.path());
    for format in ["dot", "graphml", "json", "mermaid"] {
        let r = run_in(
            dir.path(),
            &["export", "invalid.yaml", "-f", format, "-o", "out.dot"],
        );
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert_eq!(r.stdout, "");
        assert!(r.stderr.contains("error"), "{}", r.stderr);
        assert!(!dir.path().join("out.dot").exists());
        assert_eq!(entries(dir.path()), before, "stray files");
    }
}

#[test]
fn invalid_dataset_leaves_an_existing_output_intact() {
    let dir = workspace();
    fs::write(dir.path().join("out.graphml"), "previous content\n").expect("write");
    let before = entries(dir.path());
    let r = run_in(
        dir.path(),
        &[
            "export",
            "invalid.yaml",
            "-f",
            "graphml",
            "-o",
            "out.graphml",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("out.graphml")).expect("read"),
        "previous content\n"
    );
    assert_eq!(entries(dir.path()), before, "stray files");
}

#[test]
fn output_onto_an_input_file_is_refused() {
    let dir = workspace();
    let victim = dir.path().join("valid/02-records.yaml");
    let original = fs::read(&victim).expect("read");
    let cases: [&[&str]; 3] = [
        &["valid", "-o", "valid/02-records.yaml"],
        &[
            "valid/02-records.yaml",
            "valid/01-edge-types.yaml",
            "-o",
            "valid/02-records.yaml",
        ],
        &["valid", "-o", "./valid/../valid/02-records.yaml"],
    ];
    for case in cases {
        let before = entries(&dir.path().join("valid"));
        let mut args = vec!["export", "-f", "json"];
        args.extend(case);
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains("refusing to overwrite") && r.stderr.contains("input file"),
            "{}",
            r.stderr
        );
        assert_eq!(fs::read(&victim).expect("read"), original, "{args:?}");
        assert_eq!(entries(&dir.path().join("valid")), before, "stray files");
    }
}

#[test]
fn output_in_a_missing_directory_exits_2() {
    let dir = workspace();
    let before = entries(dir.path());
    let r = run_in(
        dir.path(),
        &["export", "valid", "-f", "dot", "-o", "no/such/dir/out.dot"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let stderr = r.stderr.trim_end();
    assert!(
        stderr.starts_with("error: cannot write `no/such/dir/out.dot`: ")
            && stderr.to_lowercase().contains("no such file or directory"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(entries(dir.path()), before, "stray files");
}

#[test]
fn warnings_are_reported_and_the_export_proceeds() {
    let dir = tempfile::tempdir().expect("temp dir");
    // An isolated organization is a warning, not an error.
    fs::write(
        dir.path().join("d.yaml"),
        "organizations:\n  - id: a\n    name: A\n  - id: b\n    name: B\n  - id: lone\n    name: Lone\n\
         sources:\n  - id: s\n    title: S\nedges:\n  - from: a\n    to: b\n    type: rivalry\n    \
         date: 2001\n    sources: [s]\n",
    )
    .expect("write");
    let r = run_in(
        dir.path(),
        &["export", "d.yaml", "-f", "json", "-o", "out.json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning"), "{}", r.stderr);
    let json: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out.json")).expect("read"))
            .expect("JSON");
    assert_eq!(json["organizations"].as_array().map(Vec::len), Some(3));
    assert_eq!(entries(dir.path()), ["d.yaml", "out.json"]);
}

// ---------------------------------------------------------------------------------------
// (d) JSON structure

#[test]
fn json_round_trip() {
    let json: Value = serde_json::from_str(&export(FULL, &["-f", "json"])).expect("JSON");
    assert_eq!(json["format"], "actorgraph/1");
    let list = |key: &str| json[key].as_array().expect(key).clone();
    assert_eq!(list("organizations").len(), 4);
    assert_eq!(list("sources").len(), 3);
    assert_eq!(list("edges").len(), 5);
    assert_eq!(list("edge_types").len(), 5);

    let edges = list("edges");
    for edge in &edges {
        let obj = edge.as_object().expect("edge object");
        assert!(obj.contains_key("relation"), "{edge}");
        assert!(!obj.contains_key("type"), "{edge}");
        assert!(edge["directed"].is_boolean() && edge["disputed"].is_boolean());
        for key in ["date", "start", "end"] {
            let d = &edge[key];
            assert!(d.is_null() || d["earliest"].is_string() && d["latest"].is_string());
        }
    }
    let relations: Vec<&str> = edges
        .iter()
        .filter_map(|e| e["relation"].as_str())
        .collect();
    assert_eq!(
        relations,
        [
            "rivalry",
            "splinter",
            "cooperation",
            "hosting",
            "allegiance"
        ]
    );
    let by_id = |id: &str| {
        edges
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("edge {id}"))
    };
    let pledge = by_id("gamma-pledges-to-alpha");
    assert_eq!(pledge["start"]["text"], "2003-05?");
    assert_eq!(pledge["start"]["earliest"], "2003-05-01");
    assert_eq!(pledge["start"]["latest"], "2003-05-31");
    assert_eq!(pledge["start"]["uncertain"], true);
    assert_eq!(pledge["end"]["earliest"], "2010-01-01");
    assert_eq!(pledge["end"]["latest"], "2019-12-31");
    let split = by_id("beta-splits-from-alpha");
    assert_eq!(split["date"]["earliest"], "2002-01-01");
    assert_eq!(split["date"]["latest"], "2002-12-31");
    assert_eq!(split["sources"][0]["locator"], "p. 12: para. 3");
    assert_eq!(
        split["sources"][0]["quote"],
        "the schism \"within\" <Alpha> & its {cells} — انشقاق 🔥"
    );
    let disputed: Vec<&Value> = edges.iter().filter(|e| e["disputed"] == true).collect();
    assert_eq!(disputed.len(), 1);
    assert_eq!(disputed[0]["disputed_by"][0]["ref"], "src-three");

    let orgs = list("organizations");
    let beta = orgs.iter().find(|o| o["id"] == "beta").expect("beta");
    assert_eq!(beta["founded"]["earliest"], "1900-01-01");
    assert_eq!(beta["founded"]["latest"], "1999-12-31");
    assert_eq!(beta["aliases"], serde_json::json!(["Beta 🦁 Movement"]));
    for source in list("sources") {
        assert!(source["published"]["earliest"].is_string(), "{source}");
    }
}

// ---------------------------------------------------------------------------------------
// Property: Unicode text survives GraphML

/// Undoes XML escaping: the five named entities and numeric references.
fn xml_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').expect("entity end") + i;
        let entity = &rest[i + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let n = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16)
                } else {
                    entity.strip_prefix('#').expect("numeric").parse()
                };
                char::from_u32(n.expect("number")).expect("char")
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of the first `<data key="KEY">` of node `id`.
fn graphml_data(xml: &str, id: &str, key: &str) -> Option<String> {
    let node = xml.find(&format!("<node id=\"{id}\">"))?;
    let node_end = xml[node..].find("</node>")? + node;
    let body = &xml[node..node_end];
    let open = format!("<data key=\"{key}\">");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find("</data>")? + start;
    Some(xml_unescape(&body[start..end]))
}

/// Text the validator accepts: no C0 controls but tab and newline, no noncharacters
/// U+FFFE/U+FFFF, not blank, and no leading or trailing whitespace (which could be
/// trimmed or flagged).
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 1..24)
        .prop_map(|chars| {
            chars
                .into_iter()
                .filter(|&c| {
                    !(c < ' ' && c != '\t' && c != '\n')
                        && c != '\u{7f}'
                        && c != '\u{fffe}'
                        && c != '\u{ffff}'
                })
                .collect::<String>()
                .trim()
                .to_owned()
        })
        .prop_filter("not blank", |s| !s.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn unicode_survives_graphml(name in text(), alias in text(), quote in text()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let yaml = format!(
            "organizations:\n  - id: a\n    name: {}\n    aliases: [{}]\n  - id: b\n    name: B\n\
             sources:\n  - id: s\n    title: S\nedges:\n  - from: a\n    to: b\n    type: rivalry\n    \
             date: 2001\n    sources:\n      - ref: s\n        quote: {}\n",
            unicode_text::yaml_quoted(&name),
            unicode_text::yaml_quoted(&alias),
            unicode_text::yaml_quoted(&quote),
        );
        fs::write(dir.path().join("d.yaml"), &yaml).expect("write");
        let r = run_in(dir.path(), &["export", "d.yaml", "-f", "graphml"]);
        prop_assert_eq!(r.code, 0, "{}\n{}", yaml, r.stderr);
        let xml = r.stdout;
        prop_assert_eq!(graphml_data(&xml, "a", "n_name"), Some(name.clone()));
        let aliases = graphml_data(&xml, "a", "n_aliases").expect("aliases");
        let aliases: Vec<String> = serde_json::from_str(&aliases).expect("JSON list");
        prop_assert_eq!(aliases, vec![alias.clone()]);
        let edge = xml.find("<edge ").expect("edge");
        let open = "<data key=\"e_quotes\">";
        let start = xml[edge..].find(open).expect("quotes") + edge + open.len();
        let end = xml[start..].find("</data>").expect("end") + start;
        let quotes: Vec<String> =
            serde_json::from_str(&xml_unescape(&xml[start..end])).expect("JSON list");
        prop_assert_eq!(quotes, vec![quote.clone()]);
    }
}
