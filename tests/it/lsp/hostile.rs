//! Hostile input through the protocol: malformed messages, positions that do not exist,
//! files outside the workspace and other URI schemes, huge buffers, and a client that
//! goes away mid-request. The server never panics, never reads outside its workspace,
//! and ends cleanly.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::client::{Client, uri};
use super::workspace;

#[test]
fn malformed_messages_are_skipped() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    for body in [
        "{not json",
        "[1, 2]",
        r#"{"jsonrpc":"2.0","id":{"x":1},"method":3}"#,
    ] {
        client.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }
    // Requests with the wrong parameters get an error, not a crash.
    let bad = client.answer("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let unknown = client.answer("workspace/executeCommand", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    // Still serving.
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| !l.is_empty());
    let (code, stderr) = client.shutdown();
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn impossible_positions_are_clamped() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| !l.is_empty());
    let orgs = root.join("organizations.yaml");
    // Line 16 is `    name: "al-Qaeda 🦁"`: character 25 is inside the lion's surrogate pair.
    for (line, character) in [(16, 25), (16, 9999), (99999, 0), (u32::MAX, u32::MAX)] {
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            let answer = client.answer(method, Client::at(&orgs, line, character));
            assert!(
                answer.get("error").is_none(),
                "{method} {line}:{character}: {answer}"
            );
        }
    }
    // Edits with ranges past the end, or inside a surrogate pair, are clamped too.
    client.open(&orgs, &std::fs::read_to_string(&orgs).unwrap());
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri(&orgs), "version": 2 },
            "contentChanges": [
                { "range": { "start": { "line": 16, "character": 25 }, "end": { "line": 16, "character": 26 } }, "text": "x" },
                { "range": { "start": { "line": 500, "character": 0 }, "end": { "line": 900, "character": 4 } }, "text": "\n" },
                { "range": { "start": { "line": 3, "character": 9 }, "end": { "line": 1, "character": 0 } }, "text": "" },
            ],
        }),
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri(&orgs) } }),
    );
    assert!(symbols.is_array());
    let (code, stderr) = client.shutdown();
    assert_eq!((code, stderr.as_str()), (0, ""));
}

#[test]
fn nothing_outside_the_workspace_is_answered_or_read() {
    let (_dir, root) = workspace("lsp");
    let (_other, outside) = workspace("lsp");
    let mut client = Client::start(&root);
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| !l.is_empty());
    let escapes = [
        uri(&outside.join("edges.yaml")),
        format!(
            "{}/../{}/edges.yaml",
            uri(&root),
            outside.file_name().unwrap().to_str().unwrap()
        ),
        "untitled:Untitled-1".to_owned(),
        "https://example.org/edges.yaml".to_owned(),
        "file://elsewhere/etc/passwd".to_owned(),
    ];
    for target in &escapes {
        // Opening it does not make it part of the dataset.
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": target, "languageId": "yaml", "version": 1, "text": "organizations:\n  - id: ttp\n    name: x\n" } }),
        );
        let position = json!({ "textDocument": { "uri": target }, "position": { "line": 2, "character": 10 } });
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
        ] {
            let answer = client.request(method, position.clone());
            assert_eq!(answer, Value::Null, "{method} {target}");
        }
        let symbols = client.request(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": target } }),
        );
        assert_eq!(symbols, Value::Null, "{target}");
    }
    // A change inside, sent after those: once its effect is published, a validation has
    // run with every buffer above open. They added no duplicate `ttp`, and no file
    // outside was ever published.
    let sources = root.join("sources.yaml");
    let text = std::fs::read_to_string(&sources).unwrap();
    client.open(&sources, &text.replace("botobekov-2018", "botobekov-2019"));
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| l.len() == 1);
    assert!(
        client
            .diagnostics
            .keys()
            .all(|u| u.starts_with(&uri(&root))),
        "{:?}",
        client.diagnostics.keys()
    );
    assert!(
        client
            .diagnostics
            .values()
            .flatten()
            .all(|d| d["code"] != "duplicate-id")
    );
}

#[test]
fn a_huge_buffer_is_validated() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    client.diagnostics_until(&uri(&root.join("edges.yaml")), |l| !l.is_empty());
    let big = root.join("big.yaml");
    // 20,000 organizations (about 1 MB) in one unsaved buffer, the last one with a bad id.
    let mut text = String::from("organizations:\n");
    for i in 0..20_000 {
        let _ = write!(text, "  - id: org-{i}\n    name: Organization {i} 🦁\n");
    }
    text.push_str("  - id: Bad Id\n    name: x\nedges:\n  - from: org\n");
    client.open(&big, &text);
    let errors =
        client.diagnostics_until(&uri(&big), |l| l.iter().any(|d| d["code"] == "invalid-id"));
    let line = errors.iter().find(|d| d["code"] == "invalid-id").unwrap()["range"]["start"]["line"]
        .clone();
    assert_eq!(line, 40_001);
    let list = client.request("textDocument/completion", Client::at(&big, 40_004, 11));
    assert_eq!(list["isIncomplete"], true, "at most 200 items are sent");
    assert_eq!(list["items"].as_array().unwrap().len(), 200);
}

#[test]
fn a_client_that_goes_away_mid_request_ends_the_server() {
    let (_dir, root) = workspace("lsp");
    let mut client = Client::start(&root);
    // A request, and half of another: then the client is gone.
    client.send_request(
        "textDocument/hover",
        Client::at(&root.join("edges.yaml"), 2, 11),
    );
    client.write_raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":9,");
    let (code, stderr) = client.finish();
    assert_eq!(code, 1, "exit without shutdown");
    assert_eq!(stderr, "", "no panic, nothing printed");
}

#[test]
fn requests_before_initialize_are_refused_and_exit_ends() {
    let mut client = Client::spawn(&[]);
    let answer = client.answer("textDocument/hover", json!({}));
    assert_eq!(answer["error"]["code"], -32002, "{answer}");
    client.notify("exit", Value::Null);
    let (code, stderr) = client.finish();
    assert_eq!((code, stderr.as_str()), (1, ""));
}
