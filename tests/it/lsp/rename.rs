//! Rename: the edits change every definition and use, and applying them gives a
//! dataset that validates and exports the same graph under the new id.

use std::path::Path;

use serde_json::{Value, json};

use super::client::{Client, uri};
use super::workspace;
use crate::common;

/// Applies a workspace edit's changes to the files on disk.
fn apply(root: &Path, edit: &Value) {
    for (file, edits) in edit["changes"].as_object().expect("changes") {
        let name = file.rsplit('/').next().unwrap();
        let path = root.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let mut edits = edits.as_array().unwrap().clone();
        // From the end, so earlier edits keep their positions.
        edits.sort_by_key(|e| {
            let s = &e["range"]["start"];
            std::cmp::Reverse((
                s["line"].as_u64().unwrap(),
                s["character"].as_u64().unwrap(),
            ))
        });
        for e in edits {
            let (start, end) = (&e["range"]["start"], &e["range"]["end"]);
            assert_eq!(start["line"], end["line"]);
            let line = &mut lines[start["line"].as_u64().unwrap() as usize];
            let byte = |units: u64| {
                let mut n = 0;
                line.char_indices()
                    .find(|(_, c)| {
                        let here = n;
                        n += c.len_utf16() as u64;
                        here >= units
                    })
                    .map_or(line.len(), |(i, _)| i)
            };
            let (a, b) = (
                byte(start["character"].as_u64().unwrap()),
                byte(end["character"].as_u64().unwrap()),
            );
            line.replace_range(a..b, e["newText"].as_str().unwrap());
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    }
}

/// The JSON export of the dataset in `root`.
fn export(root: &Path) -> Value {
    let run = common::run_in(root, &["export", "--format", "json", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// `value` with every string `old` (and every `old` part of a generated edge id) as `new`.
fn renamed(value: &Value, old: &str, new: &str) -> Value {
    match value {
        Value::String(s) if s == old => json!(new),
        Value::String(s) if s.starts_with("E:") => json!(
            s.split(':')
                .map(|p| if p == old { new } else { p })
                .collect::<Vec<_>>()
                .join(":")
        ),
        Value::Array(a) => Value::Array(a.iter().map(|v| renamed(v, old, new)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), renamed(v, old, new)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Renames `old` to `new` from the first line of `file` that holds `needle`, the cursor
/// on the id's second character.
fn rename_at(file: &str, needle: &str, old: &str, new: &str) {
    let (_dir, root) = workspace("valid/full");
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let (line, found) = text
        .lines()
        .enumerate()
        .find_map(|(n, l)| Some((n, l.find(needle)?)))
        .expect("the needle");
    let line = line as u32;
    let character = (found + needle.find(old).expect("the id in the needle") + 1) as u32;
    let before = export(&root);
    let mut client = Client::start(&root);
    let path = root.join(file);
    // A clean dataset publishes nothing: until the first validation ends, the id is
    // unknown and the rename refused, so ask again until it is known.
    let at = Client::at(&path, line, character);
    let mut prepared = Value::Null;
    for _ in 0..300 {
        let answer = client.answer("textDocument/prepareRename", at.clone());
        if answer.get("error").is_none() && !answer["result"].is_null() {
            prepared = answer["result"].clone();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(prepared["placeholder"], old, "{prepared}");
    let mut params = at.clone();
    params["newName"] = json!(new);
    let edit = client.request("textDocument/rename", params);
    apply(&root, &edit);
    let check = common::run_in(&root, &["validate", "."]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(export(&root), renamed(&before, old, new));
}

#[test]
fn renaming_an_organization_keeps_the_graph() {
    // `alpha0` sorts where `alpha` did.
    rename_at("02-records.yaml", "- id: alpha", "alpha", "alpha0");
}

#[test]
fn renaming_a_source_and_an_edge_type_keeps_the_graph() {
    rename_at("03-edges.yaml", "- ref: src-one", "src-one", "src-one0");
    rename_at(
        "01-edge-types.yaml",
        "- name: cooperation",
        "cooperation",
        "cooperation0",
    );
}

#[test]
fn renames_to_taken_or_invalid_ids_are_refused() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| !l.is_empty());
    let edges = root.join("edges.yaml");
    for (new, why) in [("ttp", "already taken"), ("Not An Id", "is not an id")] {
        let mut params = Client::at(&edges, 2, 11);
        params["newName"] = json!(new);
        let answer = client.answer("textDocument/rename", params);
        let message = answer["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(why), "{answer}");
    }
    // A built-in type declared nowhere cannot be renamed.
    let answer = client.answer("textDocument/prepareRename", Client::at(&edges, 4, 12));
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("built-in"),
        "{answer}"
    );
}
