//! A small JSON-RPC client for the language server: it starts the real binary, frames
//! messages over the child's standard input and output, and waits for answers and
//! published diagnostics with a deadline, so a server that hangs fails the test instead
//! of the CI run. The child is killed when the client is dropped.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one answer may take (the debug binary answers in milliseconds).
pub const DEADLINE: Duration = Duration::from_secs(30);

/// A running server and what it has sent.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Option<Value>>,
    next_id: i64,
    /// The last diagnostics published for each URI.
    pub diagnostics: HashMap<String, Vec<Value>>,
    /// Every notification received, in order.
    pub notifications: Vec<Value>,
    /// Whether the server closed its output.
    pub closed: bool,
    stderr: Option<std::thread::JoinHandle<Vec<u8>>>,
}

/// The `file:` URI of a path (percent-encoding what the fixtures need).
pub fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_str().expect("UTF-8 path").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl Client {
    /// Starts `actorgraph lsp ARGS` (no initialize yet).
    pub fn spawn(args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .arg("lsp")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start actorgraph lsp");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let message = read_message(&mut reader);
                let end = message.is_none();
                if tx.send(message).is_err() || end {
                    return;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = stderr.read_to_end(&mut bytes);
            bytes
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            next_id: 1,
            diagnostics: HashMap::new(),
            notifications: Vec::new(),
            closed: false,
            stderr: Some(stderr),
        }
    }

    /// Starts the server and initializes it on the workspace folder `root`.
    pub fn start(root: &Path) -> Client {
        Client::start_with(root, json!({}))
    }

    /// Starts the server and initializes it on `root` with the client `capabilities`.
    #[allow(clippy::needless_pass_by_value)] // `json!(…)` is written at the call.
    pub fn start_with(root: &Path, capabilities: Value) -> Client {
        Client::start_args(root, &[], capabilities)
    }

    /// Starts `actorgraph lsp ARGS` and initializes it on `root` with `capabilities`.
    #[allow(clippy::needless_pass_by_value)] // `json!(…)` is written at the call.
    pub fn start_args(root: &Path, args: &[&str], capabilities: Value) -> Client {
        let mut client = Client::spawn(args);
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": capabilities,
                "workspaceFolders": [{ "uri": uri(root), "name": "data" }],
            }),
        );
        assert!(
            result["capabilities"]["completionProvider"].is_object(),
            "{result}"
        );
        client.notify("initialized", json!({}));
        client
    }

    /// Writes raw bytes to the server.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = stdin.write_all(bytes);
            let _ = stdin.flush();
        }
    }

    /// Sends one message.
    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        bytes.extend(body.as_bytes());
        self.write_raw(&bytes);
    }

    /// Sends a notification.
    #[allow(clippy::needless_pass_by_value)] // `json!(…)` is written at the call.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its id.
    #[allow(clippy::needless_pass_by_value)] // `json!(…)` is written at the call.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Sends a request and waits for its result, failing the test on an error answer.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let answer = self.answer(method, params);
        assert!(answer.get("error").is_none(), "{method}: {answer}");
        answer["result"].clone()
    }

    /// Sends a request and waits for the whole answer (`result` or `error`).
    pub fn answer(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.wait_for(&format!("the answer to {method}"), |_, m| {
            (m.get("id") == Some(&json!(id)) && m.get("method").is_none()).then(|| m.clone())
        })
    }

    /// Reads messages until `found` returns something, failing the test after the
    /// deadline or if the server closes its output first.
    pub fn wait_for<T>(
        &mut self,
        what: &str,
        mut found: impl FnMut(&Self, &Value) -> Option<T>,
    ) -> T {
        let start = Instant::now();
        loop {
            let left = DEADLINE.checked_sub(start.elapsed()).unwrap_or_default();
            match self.incoming.recv_timeout(left) {
                Ok(Some(message)) => {
                    self.record(&message);
                    if let Some(t) = found(self, &message) {
                        return t;
                    }
                }
                Ok(None) | Err(RecvTimeoutError::Disconnected) => {
                    self.closed = true;
                    panic!("the server closed its output while waiting for {what}");
                }
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {DEADLINE:?}"),
            }
        }
    }

    fn record(&mut self, message: &Value) {
        if message.get("id").is_none() {
            if message["method"] == "textDocument/publishDiagnostics" {
                let uri = message["params"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                let list = message["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                self.diagnostics.insert(uri, list);
            }
            self.notifications.push(message.clone());
        }
    }

    /// Waits until the diagnostics published for `uri` satisfy `ok`, and returns them.
    pub fn diagnostics_until(&mut self, uri: &str, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        if let Some(list) = self.diagnostics.get(uri).filter(|l| ok(l)) {
            return list.clone();
        }
        self.wait_for(&format!("diagnostics for {uri}"), |client, _| {
            client.diagnostics.get(uri).filter(|l| ok(l)).cloned()
        })
    }

    /// Opens a buffer.
    pub fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "yaml", "version": 1, "text": text } }),
        );
    }

    /// Replaces a buffer's whole text.
    pub fn replace(&mut self, path: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri(path), "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    /// Position parameters.
    pub fn at(path: &Path, line: u32, character: u32) -> Value {
        json!({ "textDocument": { "uri": uri(path) }, "position": { "line": line, "character": character } })
    }

    /// Shuts the server down and returns its exit status and standard error.
    pub fn shutdown(mut self) -> (i32, String) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.finish()
    }

    /// Closes the server's input and waits for it to exit; its status and standard error.
    pub fn finish(mut self) -> (i32, String) {
        self.stdin = None;
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(start.elapsed() < DEADLINE, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        let stderr = self
            .stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        (
            status.code().expect("exited, not killed by a signal"),
            String::from_utf8_lossy(&stderr).into_owned(),
        )
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message, or `None` at the end of the stream.
fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
