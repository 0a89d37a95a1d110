//! Diagnostics as you type: the same codes, messages and positions as `validate --format
//! json`, published for every file a change affects.

use serde_json::Value;

use super::client::{Client, uri};
use super::{essentials, expected, workspace};

/// The expected diagnostics of file `name`.
fn of(expected: &[(String, Value)], name: &str) -> Vec<Value> {
    expected
        .iter()
        .filter(|(f, _)| f == name)
        .map(|(_, d)| d.clone())
        .collect()
}

#[test]
fn published_diagnostics_match_validate_json() {
    let (_dir, root) = workspace("lsp");
    let want = expected(&root);
    assert_eq!(want.len(), 4, "{want:?}");
    let mut client = Client::start(&root);
    for name in ["edges.yaml", "sources.yaml"] {
        let got = client.diagnostics_until(&uri(&root.join(name)), |l| !l.is_empty());
        assert_eq!(essentials(&got), of(&want, name), "{name}");
        assert!(got.iter().all(|d| d["source"] == "actorgraph"));
    }
    // The flow list `["🦁", botobekov-2019]`: the second entry starts 19 characters
    // in, 20 UTF-16 units, as the lion takes two.
    let edges = client.diagnostics[&uri(&root.join("edges.yaml"))].clone();
    assert_eq!(edges[2]["range"]["start"]["character"], 20);
    // Organizations are clean: nothing is published for them.
    assert!(
        !client
            .diagnostics
            .contains_key(&uri(&root.join("organizations.yaml")))
    );
    let (code, stderr) = client.shutdown();
    assert_eq!(code, 0);
    assert_eq!(stderr, "");
}

#[test]
fn fixing_sources_clears_the_unknown_sources_of_edges() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    let edges = uri(&root.join("edges.yaml"));
    client.diagnostics_until(&edges, |l| l.len() == 3);
    let sources = root.join("sources.yaml");
    let text = std::fs::read_to_string(&sources).unwrap();
    client.open(&sources, &text);
    client.replace(
        &sources,
        2,
        &text.replace("botobekov-2018", "botobekov-2019"),
    );
    // Only the lion is left in edges.yaml; the unused-source warning is cleared.
    let left = client.diagnostics_until(&edges, |l| l.len() == 1);
    assert_eq!(
        left[0]["message"].as_str().unwrap().lines().next(),
        Some("unknown source `🦁`")
    );
    client.diagnostics_until(&uri(&sources), <[Value]>::is_empty);
    // The unsaved text took the file's place; the file itself is unchanged.
    assert!(
        std::fs::read_to_string(&sources)
            .unwrap()
            .contains("botobekov-2018")
    );
    // Breaking it again brings the errors back, as typed (never saved).
    client.replace(&sources, 3, &text);
    client.diagnostics_until(&edges, |l| l.len() == 3);
}

#[test]
fn a_syntax_error_in_one_buffer_does_not_flood_the_others() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    let edges = uri(&root.join("edges.yaml"));
    client.diagnostics_until(&edges, |l| l.len() == 3);
    let orgs = root.join("organizations.yaml");
    let text = std::fs::read_to_string(&orgs).unwrap();
    client.open(&orgs, &text);
    client.replace(&orgs, 2, &format!("{text}  - id: [unclosed\n"));
    let errors = client.diagnostics_until(&uri(&orgs), |l| !l.is_empty());
    assert!(
        errors.iter().all(|d| d["code"] == "yaml-syntax"),
        "{errors:?}"
    );
    // Whatever the CLI says of the same text on disk, the server publishes: edges.yaml
    // does not fill with unknown organizations that may be in the unreadable file.
    std::fs::write(&orgs, format!("{text}  - id: [unclosed\n")).unwrap();
    let want = expected(&root);
    assert!(
        want.iter()
            .all(|(_, d)| d["code"] != "unknown-organization"),
        "{want:?}"
    );
    for name in ["edges.yaml", "organizations.yaml", "sources.yaml"] {
        let file = uri(&root.join(name));
        let want = of(&want, name);
        client.diagnostics_until(&file, |l| essentials(l) == want);
    }
}

#[test]
fn files_changed_on_disk_are_read_again() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start_with(
        &root,
        serde_json::json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    // A client that can watch files is asked to watch the YAML files.
    let registration = client.wait_for("the watcher registration", |_, m| {
        (m["method"] == "client/registerCapability").then(|| m.clone())
    });
    let watcher = &registration["params"]["registrations"][0];
    assert_eq!(watcher["method"], "workspace/didChangeWatchedFiles");
    client.send(&serde_json::json!({ "jsonrpc": "2.0", "id": registration["id"], "result": null }));
    let edges = uri(&root.join("edges.yaml"));
    client.diagnostics_until(&edges, |l| l.len() == 3);
    let sources = root.join("sources.yaml");
    let text = std::fs::read_to_string(&sources).unwrap();
    // The same size: only the time of change says the file is not the one cached.
    std::fs::write(&sources, text.replace("botobekov-2018", "botobekov-2019")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        serde_json::json!({ "changes": [{ "uri": uri(&sources), "type": 2 }] }),
    );
    client.diagnostics_until(&edges, |l| l.len() == 1);
    client.diagnostics_until(&uri(&sources), <[Value]>::is_empty);
}
