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

use super::context::Slot;
use super::view::View;

/// The most items sent for one request.
pub const MAX_ITEMS: usize = 200;

/// The completion list at the cursor, or `None` where no id is expected.
pub fn complete(view: &View<'_>, params: &CompletionParams) -> Option<CompletionList> {
    let cursor = view.cursor(&params.text_document_position)?;
    let index = &view.snapshot.index;
    let typed = cursor.word.to_lowercase();
    let candidates: Box<dyn Iterator<Item = Candidate> + '_> = match cursor.slot {
        Slot::OrgRef => Box::new(index.orgs.iter().map(|(id, o)| {
            Candidate {
                id,
                kind: CompletionItemKind::CLASS,
                detail: o.name.as_deref().unwrap_or_default().to_owned(),
                also: std::iter::once(o.short.as_deref().unwrap_or_default())
                    .chain(o.aliases.iter().map(compact_str::CompactString::as_str))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })),
        Slot::SourceRef => Box::new(index.sources.iter().map(|(id, s)| Candidate {
            id,
            kind: CompletionItemKind::REFERENCE,
            detail: s.title.as_deref().unwrap_or_default().to_owned(),
            also: s.author.as_deref().unwrap_or_default().to_owned(),
        })),
        Slot::TypeRef => Box::new(index.types.iter().map(|(id, t)| Candidate {
            id,
            kind: CompletionItemKind::ENUM_MEMBER,
            detail: t.label.as_deref().unwrap_or_default().to_owned(),
            also: String::new(),
        })),
        _ => return None,
    };
    let mut items = Vec::new();
    let mut incomplete = false;
    for c in candidates {
        let filter = c.filter_text();
        if !typed.is_empty() && !filter.to_lowercase().contains(&typed) {
            continue;
        }
        if items.len() == MAX_ITEMS {
            incomplete = true;
            break;
        }
        items.push(c.item(filter, cursor.range));
    }
    Some(CompletionList {
        is_incomplete: incomplete,
        items,
    })
}

struct Candidate<'a> {
    id: &'a str,
    kind: CompletionItemKind,
    detail: String,
    also: String,
}

impl Candidate<'_> {
    fn filter_text(&self) -> String {
        format!("{} {} {}", self.id, self.detail, self.also)
    }

    fn item(self, filter: String, range: lsp_types::Range) -> CompletionItem {
        let detail = if self.also.is_empty() {
            self.detail
        } else {
            format!("{} ({})", self.detail, self.also)
        };
        CompletionItem {
            label: self.id.to_owned(),
            kind: Some(self.kind),
            detail: (!detail.is_empty()).then_some(detail),
            filter_text: Some(filter),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range,
                new_text: self.id.to_owned(),
            })),
            ..CompletionItem::default()
        }
    }
}
