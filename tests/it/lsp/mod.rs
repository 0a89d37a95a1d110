//! The language server driven as an editor drives it: the real binary over stdio (see
//! [`client`]), on a copy of a fixture workspace.

mod client;
mod diagnostics;
mod editing;
mod hostile;
mod navigation;
mod rename;
mod unsaved;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common;

/// A temporary copy of a fixture directory (`tests/fixtures/NAME`), canonical path.
pub fn workspace(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    for entry in std::fs::read_dir(&from).expect("fixture") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    let root = dir.path().canonicalize().expect("canonical");
    (dir, root)
}

/// What `validate --format json` reports for the dataset in `root`, per file name, as
/// the diagnostics the server must publish: code, message and help, and the range
/// with columns converted to UTF-16 units from the file's own line.
pub fn expected(root: &Path) -> Vec<(String, Value)> {
    let run = common::run_in(root, &["validate", "--format", "json", "."]);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON report");
    let mut out = Vec::new();
    for d in report["diagnostics"].as_array().expect("list") {
        let file = d["file"].as_str().expect("file");
        let text = std::fs::read_to_string(root.join(file)).expect("read");
        let line = d["line"].as_u64().expect("line") as usize;
        let column = d["column"].as_u64().expect("column") as usize - 1;
        let length = d["length"].as_u64().expect("length") as usize;
        let line_text = text.lines().nth(line - 1).unwrap_or("");
        let units =
            |chars: usize| -> usize { line_text.chars().take(chars).map(char::len_utf16).sum() };
        let message = match d["help"].as_str() {
            Some(help) => format!("{}\nhelp: {help}", d["message"].as_str().unwrap()),
            None => d["message"].as_str().unwrap().to_owned(),
        };
        let name = Path::new(file)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.push((
            name,
            json!({
                "code": d["code"],
                "message": message,
                "range": {
                    "start": { "line": line - 1, "character": units(column) },
                    "end": { "line": line - 1, "character": units(column + length) },
                },
            }),
        ));
    }
    out
}

/// The published diagnostics reduced to what [`expected`] gives.
pub fn essentials(list: &[Value]) -> Vec<Value> {
    list.iter()
        .map(|d| json!({ "code": d["code"], "message": d["message"], "range": d["range"] }))
        .collect()
}
