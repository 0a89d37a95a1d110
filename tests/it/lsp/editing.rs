//! Completion, hover and quick fixes, on buffers as they are typed.

use serde_json::{Value, json};

use super::client::{Client, uri};
use super::workspace;

/// Opens edges.yaml with a new edge typed up to `line`, and waits for the first
/// diagnostics (so the index is built).
fn typing(line: &str) -> (tempfile::TempDir, std::path::PathBuf, Client, u32) {
    let (dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    let edges = root.join("edges.yaml");
    client.diagnostics_until(&uri(&edges), |l| !l.is_empty());
    let text = std::fs::read_to_string(&edges).unwrap();
    let n = text.lines().count() as u32;
    client.open(&edges, &format!("{text}  - from: ttp\n{line}\n"));
    (dir, edges, client, n + 1)
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
fn organizations_complete_after_to_and_match_on_names() {
    let (_dir, edges, mut client, line) = typing("    to: Uzbek");
    let list = client.request("textDocument/completion", Client::at(&edges, line, 13));
    assert_eq!(labels(&list), ["imu"]);
    let item = &list["items"][0];
    assert!(item["filterText"].as_str().unwrap().contains("Uzbekistan"));
    assert_eq!(
        item["detail"],
        "Islamic Movement of Uzbekistan (IMU, O'zbekiston Islomiy Harakati)"
    );
    // The typed word is what the item replaces.
    assert_eq!(
        item["textEdit"]["range"]["start"],
        json!({ "line": line, "character": 8 })
    );
    assert_eq!(item["textEdit"]["newText"], "imu");
    // With nothing typed, every organization.
    client.replace(
        &edges,
        2,
        &format!("{}  - from: \n", std::fs::read_to_string(&edges).unwrap()),
    );
    let all = client.request("textDocument/completion", Client::at(&edges, line - 1, 10));
    assert_eq!(labels(&all), ["al-qaeda", "imu", "ttp"]);
}

#[test]
fn sources_and_types_complete_where_they_are_expected() {
    let (_dir, edges, mut client, line) =
        typing("    type: \n    sources:\n      - ref: \n      - Botob\n    disputed_by: [sec");
    let types = client.request("textDocument/completion", Client::at(&edges, line, 10));
    assert_eq!(
        labels(&types),
        [
            "allegiance",
            "cooperation",
            "hosting",
            "rivalry",
            "splinter"
        ]
    );
    let refs = client.request("textDocument/completion", Client::at(&edges, line + 2, 13));
    assert_eq!(labels(&refs), ["botobekov-2018", "src-two"]);
    let by_author = client.request("textDocument/completion", Client::at(&edges, line + 3, 13));
    assert_eq!(labels(&by_author), ["botobekov-2018"]);
    let flow = client.request("textDocument/completion", Client::at(&edges, line + 4, 21));
    assert_eq!(labels(&flow), ["src-two"]);
    // Not after other keys.
    let none = client.request("textDocument/completion", Client::at(&edges, 5, 11));
    assert_eq!(none, Value::Null);
}

#[test]
fn hover_shows_records_and_edges_with_dataset_text_escaped() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    let edges = root.join("edges.yaml");
    client.diagnostics_until(&uri(&edges), |l| !l.is_empty());
    let org = client.request("textDocument/hover", Client::at(&edges, 2, 11));
    let text = org["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**Islamic Movement of Uzbekistan** (IMU)"),
        "{text}"
    );
    assert!(text.contains("founded `1998`, dissolved `2016~`"), "{text}");
    // Markup from the dataset is shown as text, never interpreted.
    assert!(
        !text.contains("<script>") && !text.contains("](javascript"),
        "{text}"
    );
    assert!(!text.contains("*bold*"), "{text}");
    let source = client.request("textDocument/hover", Client::at(&edges, 9, 10));
    let text = source["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**Second source**"), "{text}");
    let graded = client.request(
        "textDocument/hover",
        Client::at(&root.join("sources.yaml"), 1, 10),
    );
    let text = graded["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("by Uran Botobekov, published `2019-05`, reliability `B`"),
        "{text}"
    );
    // Elsewhere in an edge: the relation in words, dates, citations.
    let edge = client.request("textDocument/hover", Client::at(&edges, 5, 5));
    let text = edge["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with(
            "**Islamic Movement of Uzbekistan** pledged allegiance to **al-Qaeda 🦁**"
        ),
        "{text}"
    );
    assert!(text.contains("from `2001`; 2 citations"), "{text}");
    let typed = client.request("textDocument/hover", Client::at(&edges, 12, 11));
    let text = typed["contents"]["value"].as_str().unwrap();
    assert!(text.contains("cooperates with, undirected"), "{text}");
}

#[test]
fn quick_fixes_apply_the_suggestions() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    let edges = root.join("edges.yaml");
    let diagnostics = client.diagnostics_until(&uri(&edges), |l| l.len() == 3);
    client.open(&edges, &std::fs::read_to_string(&edges).unwrap());
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(&edges) },
            "range": diagnostics[0]["range"],
            "context": { "diagnostics": [diagnostics[0], diagnostics[1]] },
        }),
    );
    // The did-you-mean has a fix; the lion, with no suggestion, has none.
    let list = actions.as_array().unwrap();
    assert_eq!(list.len(), 1, "{actions}");
    assert_eq!(list[0]["kind"], "quickfix");
    let edit = &list[0]["edit"]["changes"][uri(&edges)][0];
    assert_eq!(edit["newText"], "botobekov-2018");
    assert_eq!(edit["range"], diagnostics[0]["range"]);
}

#[test]
fn quick_fixes_for_dates_and_colons() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    let orgs = root.join("organizations.yaml");
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| !l.is_empty());
    let text = std::fs::read_to_string(&orgs).unwrap();
    let broken = text.replace("founded: 1998", "founded: c. 1998");
    client.open(&orgs, &broken);
    let date = client.diagnostics_until(&uri(&orgs), |l| !l.is_empty());
    let fix = code_action(&mut client, &orgs, &date[0]);
    assert_eq!(fix["newText"], "1998~");
    let broken = text.replace(
        "name: Tehrik-i-Taliban Pakistan",
        "name: TTP: the \"Pakistani\" Taliban",
    );
    client.replace(&orgs, 2, &broken);
    let colon = client.diagnostics_until(&uri(&orgs), |l| {
        l.iter().any(|d| d["code"] == "yaml-syntax")
    });
    let fix = code_action(&mut client, &orgs, &colon[0]);
    assert_eq!(fix["newText"], r#""TTP: the \"Pakistani\" Taliban""#);
}

fn code_action(client: &mut Client, path: &std::path::Path, d: &Value) -> Value {
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(path) },
            "range": d["range"],
            "context": { "diagnostics": [d] },
        }),
    );
    actions[0]["edit"]["changes"][uri(path)][0].clone()
}
