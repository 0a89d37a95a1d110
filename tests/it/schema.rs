//! The `actorgraph schema` command, run as a real process: it prints a draft 2020-12
//! JSON Schema, and the copy committed for editors is the same text. (The schema is
//! checked against real documents by a JSON Schema validator in tests/it/interop.rs.)

use serde_json::Value;

use crate::common;

use common::run;

const COMMITTED: &str = "schema/actorgraph-v1.schema.json";

fn printed() -> String {
    let r = run(&["schema"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    r.stdout
}

#[test]
fn prints_a_draft_2020_12_schema() {
    let schema: Value = serde_json::from_str(&printed()).expect("JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let top: Vec<&String> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .collect();
    assert_eq!(top, ["edge_types", "edges", "organizations", "sources"]);
    assert_eq!(schema["additionalProperties"], false);
    let edge = &schema["$defs"]["edge"];
    assert_eq!(
        edge["required"],
        serde_json::json!(["from", "to", "type", "sources"])
    );
    assert_eq!(
        edge["properties"]["type"]["anyOf"][0]["enum"],
        serde_json::json!(["allegiance", "rivalry", "splinter", "hosting"])
    );
}

#[test]
fn the_committed_copy_is_current() {
    let committed =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMITTED))
            .expect("read the committed schema");
    assert!(
        committed == printed(),
        "{COMMITTED} is stale: regenerate it with `cargo run -- schema > {COMMITTED}`"
    );
}

#[test]
fn takes_no_arguments() {
    let r = run(&["schema", "graphs"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

#[test]
fn help_says_how_to_use_it() {
    let r = run(&["schema", "--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("yaml-language-server: $schema="),
        "{}",
        r.stdout
    );
}
