//! Document symbols for the editor's outline: a file's organizations and sources by id,
//! and its edges by id or as `from → to (type)`.

use lsp_types::{DocumentSymbol, DocumentSymbolParams, SymbolKind};

use super::index::Kind;
use super::view::View;

/// The outline of a file, in document order.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be given.
pub fn symbols(view: &View<'_>, params: &DocumentSymbolParams) -> Option<Vec<DocumentSymbol>> {
    let path = view.workspace.path_of(params.text_document.uri.as_str())?;
    let file = view.snapshot.file(&path)?;
    let index = &view.snapshot.index;
    let mut out: Vec<(u32, DocumentSymbol)> = Vec::new();
    let mut push = |line: u32, name: String, kind: SymbolKind, detail: Option<String>, range| {
        out.push((
            line,
            DocumentSymbol {
                name,
                detail,
                kind,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children: None,
            },
        ));
    };
    for s in index.symbols.get(file).into_iter().flatten() {
        let (kind, detail) = match s.kind {
            Some(Kind::Organization) => (
                SymbolKind::CLASS,
                index.orgs.get(&s.name).and_then(|o| o.name.clone()),
            ),
            _ => (
                SymbolKind::FILE,
                index.sources.get(&s.name).and_then(|o| o.title.clone()),
            ),
        };
        let range = view.id_range(s.span, &s.name);
        push(
            s.span.line,
            s.name.to_string(),
            kind,
            detail.map(Into::into),
            range,
        );
    }
    for e in index.edges.get(file).into_iter().flatten() {
        let or = |v: &Option<compact_str::CompactString>| v.as_deref().unwrap_or("?").to_owned();
        let arrow = format!("{} → {} ({})", or(&e.from), or(&e.to), or(&e.edge_type));
        let (name, detail) = match &e.id {
            Some(id) => (id.to_string(), Some(arrow)),
            None => (arrow, None),
        };
        let range = view.id_range(e.span, "");
        push(e.span.line, name, SymbolKind::EVENT, detail, range);
    }
    out.sort_by_key(|(line, _)| *line);
    Some(out.into_iter().map(|(_, s)| s).collect())
}
