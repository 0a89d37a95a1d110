//! Go to definition and find references for organization, source and edge-type ids,
//! across every file of the workspace, from the last validated snapshot.

use lsp_types::{GotoDefinitionParams, Location, ReferenceParams};

use super::view::View;

/// Where the id at the cursor is defined (every definition, if it is duplicated).
pub fn definition(view: &View<'_>, params: &GotoDefinitionParams) -> Option<Vec<Location>> {
    let cursor = view.cursor(&params.text_document_position_params)?;
    let (kind, id) = cursor.id()?;
    let spans = view.snapshot.index.definitions(kind, id);
    Some(spans.iter().filter_map(|s| view.location(*s, id)).collect())
}

/// Where the id at the cursor is used, and where it is defined if the client asks.
pub fn references(view: &View<'_>, params: &ReferenceParams) -> Option<Vec<Location>> {
    let cursor = view.cursor(&params.text_document_position)?;
    let (kind, id) = cursor.id()?;
    let index = &view.snapshot.index;
    let defs = if params.context.include_declaration {
        index.definitions(kind, id)
    } else {
        &[]
    };
    Some(
        defs.iter()
            .chain(index.references(kind, id))
            .filter_map(|s| view.location(*s, id))
            .collect(),
    )
}
