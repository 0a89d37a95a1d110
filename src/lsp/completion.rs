//! Completion of ids: organizations after `from:`/`to:`, sources after `ref:` and in
//! `sources`/`disputed_by` lists, edge types after `type:`. Each item shows the record's
//! name (title, label), short name and aliases, and is matched on them too: its filter
//! text holds them all, so typing `Uzbek` offers `imu`. The server keeps the first
//! [`MAX_ITEMS`] matches and marks the list incomplete past them, so a dataset of 50,000
//! organizations never sends them all.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionTextEdit,
    TextEdit,
};

use compact_str::CompactString;

use super::context::Slot;
use super::index::Index;
use super::view::View;

/// The most items sent for one request.
pub const MAX_ITEMS: usize = 200;

/// One id offered, with what is shown and matched.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The id.
    pub id: CompactString,
    /// The name, title or label.
    pub detail: String,
    /// Short name and aliases, or the author.
    pub also: String,
    /// What the client filters on: the id, the name and the rest.
    pub filter: String,
    /// The filter text in lower case, which the server matches the typed word against.
    pub lower: String,
}

impl Candidate {
    fn new(id: &CompactString, detail: &str, also: String) -> Candidate {
        let filter = format!("{id} {detail} {also}");
        Candidate {
            id: id.clone(),
            detail: detail.to_owned(),
            also,
            lower: filter.to_lowercase(),
            filter,
        }
    }

    fn item(&self, kind: CompletionItemKind, range: lsp_types::Range) -> CompletionItem {
        let detail = if self.also.is_empty() {
            self.detail.clone()
        } else {
            format!("{} ({})", self.detail, self.also)
        };
        CompletionItem {
            label: self.id.to_string(),
            kind: Some(kind),
            detail: (!detail.is_empty()).then_some(detail),
            filter_text: Some(self.filter.clone()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range,
                new_text: self.id.to_string(),
            })),
            ..CompletionItem::default()
        }
    }
}

/// The candidates of each kind, in id order, made once per snapshot.
#[derive(Debug, Default)]
pub struct Candidates {
    orgs: Vec<Candidate>,
    sources: Vec<Candidate>,
    types: Vec<Candidate>,
}

impl Candidates {
    /// The candidates of an index's records.
    pub fn of(index: &Index) -> Candidates {
        Candidates {
            orgs: index
                .orgs
                .iter()
                .map(|(id, o)| {
                    let also = o
                        .short
                        .iter()
                        .chain(&o.aliases)
                        .map(CompactString::as_str)
                        .collect::<Vec<_>>()
                        .join(", ");
                    Candidate::new(id, o.name.as_deref().unwrap_or_default(), also)
                })
                .collect(),
            sources: index
                .sources
                .iter()
                .map(|(id, s)| {
                    let also = s.author.as_deref().unwrap_or_default().to_owned();
                    Candidate::new(id, s.title.as_deref().unwrap_or_default(), also)
                })
                .collect(),
            types: index
                .types
                .iter()
                .map(|(id, t)| {
                    Candidate::new(id, t.label.as_deref().unwrap_or_default(), String::new())
                })
                .collect(),
        }
    }
}

/// The completion list at the cursor, or `None` where no id is expected.
pub fn complete(view: &View<'_>, params: &CompletionParams) -> Option<CompletionList> {
    let cursor = view.cursor(&params.text_document_position)?;
    let all = &view.snapshot.index.candidates;
    let (list, kind) = match cursor.slot {
        Slot::OrgRef => (&all.orgs, CompletionItemKind::CLASS),
        Slot::SourceRef => (&all.sources, CompletionItemKind::REFERENCE),
        Slot::TypeRef => (&all.types, CompletionItemKind::ENUM_MEMBER),
        _ => return None,
    };
    let typed = cursor.word.to_lowercase();
    let mut matching = list.iter().filter(|c| c.lower.contains(&typed));
    let items: Vec<_> = matching
        .by_ref()
        .take(MAX_ITEMS)
        .map(|c| c.item(kind, cursor.range))
        .collect();
    Some(CompletionList {
        is_incomplete: matching.next().is_some(),
        items,
    })
}
