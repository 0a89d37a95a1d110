//! Renaming an organization, source or edge-type id everywhere it is defined and used.
//! Refused when the new id breaks the id rule or is already taken, when the id is a
//! built-in edge type not declared in the dataset, and while the open buffers differ
//! from the last validated snapshot (the spans would be stale): the client is told why.

use std::collections::HashMap;

use lsp_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::index::Kind;
use super::view::View;
use crate::validate::is_id;

/// Why a rename is refused.
pub type Refusal = String;

/// The range and text of the id a rename at the cursor would change.
pub fn prepare(
    view: &View<'_>,
    at: &TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, Refusal> {
    let Some(cursor) = view.cursor(at) else {
        return Ok(None);
    };
    let Some((kind, id)) = cursor.id() else {
        return Err("only organization, source and edge-type ids can be renamed".into());
    };
    renamable(view, kind, id)?;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: cursor.range,
        placeholder: id.to_owned(),
    }))
}

fn renamable(view: &View<'_>, kind: Kind, id: &str) -> Result<(), Refusal> {
    if !fresh(view) {
        return Err(
            "the open buffers changed since the dataset was last checked, or one does not parse; try again once it is checked"
                .into(),
        );
    }
    if view.snapshot.index.definitions(kind, id).is_empty() {
        return Err(format!(
            "no {} has the id `{id}` in the dataset (a built-in edge type cannot be renamed)",
            kind.word()
        ));
    }
    Ok(())
}

/// Whether every open buffer is exactly the text the snapshot validated.
fn fresh(view: &View<'_>) -> bool {
    view.workspace.docs.iter().all(|(path, doc)| {
        view.snapshot
            .file(path)
            .is_some_and(|i| doc.is(&view.snapshot.texts[i]))
    })
}

/// The edits renaming the id at the cursor to `params.new_name`.
pub fn rename(view: &View<'_>, params: &RenameParams) -> Result<Option<WorkspaceEdit>, Refusal> {
    let Some(cursor) = view.cursor(&params.text_document_position) else {
        return Ok(None);
    };
    let Some((kind, id)) = cursor.id() else {
        return Err("only organization, source and edge-type ids can be renamed".into());
    };
    renamable(view, kind, id)?;
    let new = params.new_name.as_str();
    if !is_id(new) {
        return Err(format!(
            "`{}` is not an id: ids are lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 bytes",
            crate::printable::printable(new)
        ));
    }
    let index = &view.snapshot.index;
    if new != id && index.taken(kind, new) {
        return Err(format!("the {} id `{new}` is already taken", kind.word()));
    }
    // `Uri` caches its parse inside, which clippy sees as a mutable key; its hash and
    // equality only read the text.
    #[allow(clippy::mutable_key_type)]
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for span in index
        .definitions(kind, id)
        .iter()
        .chain(index.references(kind, id))
    {
        if let Some(location) = view.location(*span, id) {
            changes.entry(location.uri).or_default().push(TextEdit {
                range: location.range,
                new_text: new.to_owned(),
            });
        }
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}
