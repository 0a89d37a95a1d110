//! The `initialize` handshake: the workspace folders the client names (only existing
//! local directories), whether it can watch files for the server, and the capabilities
//! the server announces.

use std::path::PathBuf;

use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    InitializeResult, OneOf, RenameOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use serde_json::Value;

use super::uri;

/// The workspace folders of an `initialize` request: its `workspaceFolders`, else its
/// `rootUri`, else its `rootPath`; only existing local directories.
pub fn roots(params: &Value) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> = params
        .get("workspaceFolders")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|f| folder(f.get("uri")?.as_str()?))
                .collect()
        })
        .unwrap_or_default();
    if !folders.is_empty() {
        return folders;
    }
    let root = params
        .get("rootUri")
        .and_then(Value::as_str)
        .and_then(folder)
        .or_else(|| {
            let path = PathBuf::from(params.get("rootPath")?.as_str()?);
            (path.is_absolute() && path.is_dir()).then_some(path)
        });
    root.into_iter().collect()
}

/// Whether the client lets the server register file watchers.
pub fn can_watch(params: &Value) -> bool {
    params
        .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

pub fn folder(uri: &str) -> Option<PathBuf> {
    uri::to_path(uri).filter(|p| p.is_dir())
}

pub fn capabilities() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![" ".into(), "[".into(), "-".into()]),
                ..CompletionOptions::default()
            }),
            hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
            })),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "actorgraph".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}
