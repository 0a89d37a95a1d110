//! Buffers for files not on disk yet: admitted to the dataset by the command line's own
//! discovery rules (hidden entries, `.actorgraphignore`, `--exclude`), so a file
//! `validate` would skip once saved is skipped by the server too.

use serde_json::{Value, json};

use super::client::{Client, uri};
use super::workspace;

/// An organizations file defining `id`, with a date no one can read (an error, so a
/// buffer admitted to the dataset is sure to get diagnostics).
fn organization(id: &str) -> String {
    format!("organizations:\n  - id: {id}\n    name: Unsaved {id}\n    founded: sometime\n")
}

fn labels(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn unsaved_files_follow_ignore_and_exclude_rules() {
    let (_dir, root) = workspace("lsp");
    std::fs::write(root.join(".actorgraphignore"), "drafts/\n").unwrap();
    let mut client = Client::start_args(&root, &["--exclude", "*.tmp.yaml"], json!({}));
    let edges = root.join("edges.yaml");
    client.diagnostics_until(&uri(&edges), |l| !l.is_empty());
    // Ignored by `.actorgraphignore` (a directory not created yet), excluded by
    // `--exclude`, hidden, and, opened last, one the CLI would read once saved.
    let ignored = root.join("drafts/new.yaml");
    let excluded = root.join("scratch.tmp.yaml");
    let hidden = root.join(".cache/new.yaml");
    let kept = root.join("new.yaml");
    client.open(&ignored, &organization("ignored-org"));
    client.open(&excluded, &organization("excluded-org"));
    client.open(&hidden, &organization("hidden-org"));
    client.open(&kept, &organization("kept-org"));
    let got = client.diagnostics_until(&uri(&kept), |l| !l.is_empty());
    let codes: Vec<_> = got.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["isolated-organization", "invalid-date"]);
    for skipped in [&ignored, &excluded, &hidden] {
        assert!(
            !client.diagnostics.contains_key(&uri(skipped)),
            "{} got diagnostics",
            skipped.display()
        );
    }
    // Completion offers the kept file's organization only.
    let text = std::fs::read_to_string(&edges).unwrap();
    let line = text.lines().count() as u32 + 1;
    client.open(&edges, &format!("{text}  - from: ttp\n    to: \n"));
    let list = client.request("textDocument/completion", Client::at(&edges, line, 8));
    assert_eq!(labels(&list), ["al-qaeda", "imu", "kept-org", "ttp"]);
    // Definitions are not taken from the skipped buffers either.
    let at_kept = client.request("textDocument/definition", Client::at(&kept, 1, 10));
    assert_eq!(at_kept[0]["uri"], uri(&kept), "{at_kept}");
    let at_ignored = client.request("textDocument/definition", Client::at(&ignored, 1, 10));
    assert_eq!(at_ignored, json!([]));
    // Saving the ignored file changes nothing: `validate` does not read it either.
    let run = crate::common::run_in(&root, &["validate", "--format", "json", "."]);
    assert!(!run.stdout.contains("ignored-org"));
    let (code, stderr) = client.shutdown();
    assert_eq!(code, 0);
    assert_eq!(stderr, "");
}
