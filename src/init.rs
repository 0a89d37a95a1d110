//! `actorgraph init`'s files: what a new project starts from. A commented example
//! dataset whose first line points editors at the schema, the schema itself, and the
//! review workflow for GitHub. Only the contents live here; the command writes them.

use std::path::PathBuf;

/// One file to write: its path relative to the project's directory, and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitFile {
    /// Where, relative to the directory given to `init`.
    pub path: PathBuf,
    /// What.
    pub content: String,
}

/// The example dataset; its modeline names the schema written beside `graphs/`.
const EXAMPLE: &str = include_str!("../templates/init/example.yaml");
/// The review workflow; `{{VERSION}}` becomes this actorgraph's version.
const WORKFLOW: &str = include_str!("../templates/init/graphs.yml");

/// The files of a new project, in the order they are written.
pub fn files() -> Vec<InitFile> {
    vec![
        InitFile {
            path: PathBuf::from("graphs/example.yaml"),
            content: EXAMPLE.to_owned(),
        },
        InitFile {
            path: PathBuf::from("actorgraph.schema.json"),
            content: crate::schema::to_string(),
        },
        InitFile {
            path: PathBuf::from(".github/workflows/graphs.yml"),
            content: WORKFLOW.replace("{{VERSION}}", env!("CARGO_PKG_VERSION")),
        },
    ]
}
