//! Go to definition, find references and the outline, across files.

use serde_json::{Value, json};

use super::client::{Client, uri};
use super::workspace;

fn places(list: &Value) -> Vec<(String, u64, u64, u64)> {
    let mut out: Vec<_> = list
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            let name = l["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned();
            let r = &l["range"];
            (
                name,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn ready(client: &mut Client, root: &std::path::Path) {
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| !l.is_empty());
}

#[test]
fn definitions_are_found_across_files() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    ready(&mut client, &root);
    let edges = root.join("edges.yaml");
    let org = client.request("textDocument/definition", Client::at(&edges, 3, 10));
    assert_eq!(places(&org), [("organizations.yaml".into(), 14, 8, 16)]);
    let source = client.request("textDocument/definition", Client::at(&edges, 9, 9));
    assert_eq!(places(&source), [("sources.yaml".into(), 6, 8, 15)]);
    let edge_type = client.request("textDocument/definition", Client::at(&edges, 12, 12));
    assert_eq!(
        places(&edge_type),
        [("organizations.yaml".into(), 3, 10, 21)]
    );
    // A built-in type is defined nowhere in the dataset; an unknown id neither.
    let builtin = client.request("textDocument/definition", Client::at(&edges, 4, 12));
    assert_eq!(builtin, json!([]));
    // Not on an id: nothing.
    let nothing = client.request("textDocument/definition", Client::at(&edges, 5, 4));
    assert_eq!(nothing, Value::Null);
}

#[test]
fn references_are_found_across_files() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    ready(&mut client, &root);
    let orgs = root.join("organizations.yaml");
    let params = |include: bool| {
        let mut p = Client::at(&orgs, 7, 10);
        p["context"] = json!({ "includeDeclaration": include });
        p
    };
    let uses = client.request("textDocument/references", params(false));
    assert_eq!(
        places(&uses),
        [
            ("edges.yaml".into(), 2, 10, 13),
            ("edges.yaml".into(), 11, 8, 11)
        ]
    );
    let all = client.request("textDocument/references", params(true));
    assert_eq!(places(&all).len(), 3);
    assert!(places(&all).contains(&("organizations.yaml".into(), 7, 8, 11)));
    // A source cited in block and flow lists and by `ref:`.
    let sources = root.join("sources.yaml");
    let mut p = Client::at(&sources, 6, 10);
    p["context"] = json!({ "includeDeclaration": false });
    let cited = client.request("textDocument/references", p);
    assert_eq!(places(&cited), [("edges.yaml".into(), 9, 8, 15)]);
}

#[test]
fn the_outline_lists_records_and_edges() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    ready(&mut client, &root);
    let list = |client: &mut Client, name: &str| -> Vec<String> {
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri(&root.join(name)) } }),
        );
        symbols
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        list(&mut client, "organizations.yaml"),
        ["imu", "al-qaeda", "ttp"]
    );
    assert_eq!(
        list(&mut client, "sources.yaml"),
        ["botobekov-2018", "src-two"]
    );
    assert_eq!(
        list(&mut client, "edges.yaml"),
        ["imu-pledges-to-al-qaeda", "ttp → imu (cooperation)"]
    );
}

#[test]
fn the_last_good_index_serves_while_a_buffer_does_not_parse() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    ready(&mut client, &root);
    let orgs = root.join("organizations.yaml");
    let text = std::fs::read_to_string(&orgs).unwrap();
    client.open(&orgs, &text);
    // Mid-edit, the file does not parse: its organizations are not lost for the others.
    client.replace(&orgs, 2, &format!("{text}  - id: [unclosed\n"));
    client.diagnostics_until(&uri(&orgs), |l| {
        l.iter().any(|d| d["code"] == "yaml-syntax")
    });
    let edges = root.join("edges.yaml");
    let org = client.request("textDocument/definition", Client::at(&edges, 3, 10));
    assert_eq!(places(&org), [("organizations.yaml".into(), 14, 8, 16)]);
    let hover = client.request("textDocument/hover", Client::at(&edges, 2, 11));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Uzbekistan")
    );
    // A rename now would edit from stale positions: refused until the file parses.
    let mut params = Client::at(&edges, 2, 11);
    params["newName"] = json!("imu2");
    let refused = client.answer("textDocument/rename", params.clone());
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("does not parse"),
        "{refused}"
    );
    // Fixed (with a new organization): the new index is used, and the rename works.
    client.replace(&orgs, 3, &format!("{text}  - id: new-org\n    name: New\n"));
    client.diagnostics_until(&uri(&orgs), |l| {
        l.iter().all(|d| d["code"] != "yaml-syntax")
    });
    let mut answer = Value::Null;
    for _ in 0..400 {
        answer = client.answer("textDocument/rename", params.clone());
        if answer.get("error").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let edits = &answer["result"]["changes"];
    assert_eq!(edits[uri(&orgs)].as_array().unwrap().len(), 1, "{answer}");
    assert_eq!(edits[uri(&edges)].as_array().unwrap().len(), 2, "{answer}");
}
