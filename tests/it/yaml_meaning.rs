//! YAML means what it says, through the real binary: the core-schema tags decide a value's
//! type, every other tag is refused, and what a file says never depends on which of the
//! two YAML readers (the fast block-style scanner or saphyr-parser) read it.

use crate::common;

use std::path::Path;

use common::{run, run_in};
use serde_json::Value;

/// A dataset file: organization `a` with `fields` (indented four spaces), its neighbour
/// `b`, a source and one edge, so nothing else warns.
fn dataset(fields: &str) -> String {
    format!(
        "sources:\n  - id: s\n    title: T\nedges:\n  - from: a\n    to: b\n    type: rivalry\n    \
         date: 2001\n    sources: [s]\norganizations:\n  - id: b\n    name: Beta\n  - id: a\n    \
         name: Alpha\n{fields}"
    )
}

/// Writes `text` as `d.yaml` in a fresh directory.
fn write(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("d.yaml"), text).expect("write");
    dir
}

/// The JSON export of organization `a`, asserting a clean run.
fn exported_a(dir: &Path) -> Value {
    let r = run_in(dir, &["export", "--format", "json", "d.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    v["organizations"]
        .as_array()
        .expect("organizations")
        .iter()
        .find(|o| o["id"] == "a")
        .expect("organization a")
        .clone()
}

/// The codes, lines and messages of `validate --format json`, and its exit status.
fn validate(dir: &Path) -> (i32, Vec<(String, u64, String)>) {
    let r = run_in(dir, &["validate", "--format", "json", "d.yaml"]);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON report");
    let found = v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or_default().to_owned();
            (
                text("code"),
                d["line"].as_u64().unwrap_or(0),
                text("message"),
            )
        })
        .collect();
    (r.code, found)
}

#[test]
fn core_tags_decide_the_type_and_nothing_becomes_null() {
    let fields = "    short: !!str true\n    notes: !!str null\n    region: !!str\n    \
                  founded: !!int \"1998\"\n    kind: !<tag:yaml.org,2002:str> 2015\n    \
                  aliases: !!seq [!!str yes, !!float 1, !!str ~, !!str '']\n";
    let dir = write(&dataset(fields));
    let a = exported_a(dir.path());
    assert_eq!(a["short"], "true");
    assert_eq!(a["notes"], "null");
    // A bare `!!str` is the empty text, exported as `region: ""` would be.
    assert_eq!(a["region"], "");
    assert_eq!(a["founded"]["text"], "1998");
    assert_eq!(a["kind"], "2015");
    assert_eq!(a["aliases"], serde_json::json!(["yes", "1", "~", ""]));

    let same = "    short: \"true\"\n    notes: \"null\"\n    region: \"\"\n    founded: 1998\n    \
                kind: \"2015\"\n    aliases: [\"yes\", \"1\", \"~\", \"\"]\n";
    let quoted = write(&dataset(same));
    assert_eq!(
        a,
        exported_a(quoted.path()),
        "tags read as the quoted values"
    );
}

#[test]
fn bool_and_null_tags_are_honoured_where_the_format_uses_them() {
    let text = "edge_types:\n  - name: pact\n    directed: !!bool \"false\"\n    label: !!null\n\
                organizations:\n  - id: a\n    name: !!str Alpha\n    short: !!null ~\n";
    let dir = write(text);
    let r = run_in(dir.path(), &["export", "--format", "json", "d.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let pact = v["edge_types"]
        .as_array()
        .expect("edge types")
        .iter()
        .find(|t| t["name"] == "pact")
        .expect("pact")
        .clone();
    assert_eq!(pact["directed"], false);
    assert_eq!(v["organizations"][0]["short"], Value::Null);

    // `!!str true` is the word, which `directed` refuses as it refuses `"true"`.
    let dir = write("edge_types:\n  - name: pact\n    directed: !!str true\n");
    let (code, found) = validate(dir.path());
    assert_eq!(code, 1);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "wrong-type");
}

#[test]
fn other_tags_are_refused_naming_the_tag() {
    let cases = [
        ("    short: !abbrev IMU\n", "`!abbrev` on a value"),
        ("    short: ! IMU\n", "`!` on a value"),
        ("    short: !!binary SU1V\n", "`!!binary` on a value"),
        ("    short: !!map IMU\n", "`!!map` on a value"),
        ("    short: !!seq IMU\n", "`!!seq` on a value"),
        (
            "    short: !<tag:example.com,2000:x> IMU\n",
            "`!<tag:example.com,2000:x>`",
        ),
        ("    aliases: !!str [IMU]\n", "`!!str` on a list"),
        ("    aliases: !!map [IMU]\n", "`!!map` on a list"),
        ("    aliases: !!set {IMU: ~}\n", "`!!set` on a mapping"),
    ];
    for (fields, named) in cases {
        let dir = write(&dataset(fields));
        let (code, found) = validate(dir.path());
        assert_eq!(code, 1, "{fields}");
        let tags: Vec<_> = found.iter().filter(|d| d.0 == "unsupported-tag").collect();
        assert_eq!(tags.len(), 1, "{fields}: {found:?}");
        assert_eq!(tags[0].1, 15, "{fields}: the line of the tag");
        assert!(tags[0].2.contains(named), "{fields}: {}", tags[0].2);
        let r = run_in(dir.path(), &["export", "--format", "json", "d.yaml"]);
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (1, ""),
            "{fields}: nothing exported"
        );
    }
    // A `%TAG` directive that moves `!!` elsewhere makes `!!str` another schema's tag.
    let moved = format!(
        "%TAG !! tag:example.com,2000:\n---\n{}",
        dataset("    short: !!str x\n")
    );
    let dir = write(&moved);
    let (_, found) = validate(dir.path());
    assert!(found.iter().any(|d| d.0 == "unsupported-tag"), "{found:?}");
}

#[test]
fn values_that_do_not_fit_their_tag_are_refused() {
    for value in [
        "!!int abc",
        "!!int \"\"",
        "!!int 1.5",
        "!!float 0x1F",
        "!!bool yes",
        "!!null x",
    ] {
        let dir = write(&dataset(&format!("    short: {value}\n")));
        let (code, found) = validate(dir.path());
        assert_eq!(code, 1, "{value}");
        let codes: Vec<&str> = found.iter().map(|d| d.0.as_str()).collect();
        assert!(codes.contains(&"tag-mismatch"), "{value}: {found:?}");
    }
    for value in [
        "!!int 0x1F",
        "!!int -12",
        "!!float 12",
        "!!float .inf",
        "!!bool TRUE",
    ] {
        let dir = write(&dataset(&format!("    notes: {value}\n")));
        let (_, found) = validate(dir.path());
        assert!(
            found.iter().all(|d| d.0 != "tag-mismatch"),
            "{value}: {found:?}"
        );
    }
}

/// A block scalar whose last line is only its indentation, without a line break: read
/// as `x\n` by the fast path but as `x\n\n` by saphyr-parser, which reads a file the fast
/// path gives up on (here because of an anchor elsewhere in it).
#[test]
fn a_blank_last_line_reads_the_same_whichever_reader_reads_the_file() {
    for (notes, expected) in [
        ("    notes: |\n      x\n      ", "x\n"),
        ("    notes: |\n      x\n\n      ", "x\n"),
        ("    notes: |-\n      x\n      ", "x"),
        ("    notes: >\n      x\n      y\n      ", "x y\n"),
    ] {
        let fast = write(&dataset(notes));
        let slow = write(&dataset(&format!("    kind: &k militant-group\n{notes}")));
        let (fast, slow) = (exported_a(fast.path()), exported_a(slow.path()));
        assert_eq!(fast["notes"], expected, "{notes:?}");
        assert_eq!(slow["notes"], expected, "{notes:?}");
    }
}

/// An implicit key may be 1024 characters long, not 1025 (the fast path took 1025).
#[test]
fn a_key_of_1025_characters_is_a_syntax_error_wherever_it_is() {
    for (length, code) in [(1024, "unknown-key"), (1025, "yaml-syntax")] {
        let key = "k".repeat(length);
        for text in [dataset(&format!("    {key}: x\n")), format!("{key}: x\n")] {
            let dir = write(&text);
            let (status, found) = validate(dir.path());
            assert_eq!(status, 1);
            let codes: Vec<&str> = found.iter().map(|d| d.0.as_str()).collect();
            assert_eq!(codes, [code], "{length}");
        }
    }
}

/// The refusal reaches a pull request as an annotation on the tag's line.
#[test]
fn a_refused_tag_is_annotated_on_its_line() {
    let r = run(&[
        "validate",
        "--format",
        "github",
        "tests/fixtures/invalid/unsupported-tag.yaml",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with(
            "::error file=tests/fixtures/invalid/unsupported-tag.yaml,line=5,col=12,endColumn=22,\
             title=unsupported-tag::the tag `!abbrev` on a value is not supported"
        ),
        "{}",
        r.stdout
    );
}
