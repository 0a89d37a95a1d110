//! Hover: on an organization id, its name, short name, aliases, dates and notes; on a
//! source id, its title, author, date, reliability grade and notes; on an edge type, its label and
//! direction; anywhere else in an edge, the relation in words, its dates and how many
//! sources cite and dispute it. Every piece of dataset text goes through
//! [`crate::markdown`], so a name cannot inject markup or links into the editor.

use std::fmt::Write;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::context::Slot;
use super::index::{EdgeInfo, Index, Kind};
use super::view::View;
use crate::markdown::{code_span, text};

/// The hover at the cursor.
pub fn hover(view: &View<'_>, params: &HoverParams) -> Option<Hover> {
    let cursor = view.cursor(&params.text_document_position_params)?;
    let index = &view.snapshot.index;
    let value = match cursor.id() {
        Some((Kind::Organization, id)) => organization(index, id)?,
        Some((Kind::Source, id)) => source(index, id)?,
        Some((Kind::EdgeType, id)) => edge_type(index, id)?,
        None if cursor.slot == Slot::Edge => {
            let file = view.snapshot.file(&cursor.path)?;
            edge(index, index.edge_at(file, cursor.line + 1)?)
        }
        None => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(cursor.range),
    })
}

fn organization(index: &Index, id: &str) -> Option<String> {
    let o = index.orgs.get(id)?;
    let mut out = format!("**{}**", text(o.name.as_deref().unwrap_or("(no name)")));
    if let Some(short) = &o.short {
        let _ = write!(out, " ({})", text(short));
    }
    let _ = write!(out, "\n\norganization {}", code_span(id));
    let dates = [("founded", &o.founded), ("dissolved", &o.dissolved)]
        .iter()
        .filter_map(|(w, d)| d.as_ref().map(|d| format!("{w} {}", code_span(d))))
        .collect::<Vec<_>>();
    if !dates.is_empty() {
        let _ = write!(out, ", {}", dates.join(", "));
    }
    if !o.aliases.is_empty() {
        let aliases: Vec<String> = o.aliases.iter().map(|a| text(a)).collect();
        let _ = write!(out, "\n\nalso: {}", aliases.join("; "));
    }
    if let Some(notes) = &o.notes {
        let _ = write!(out, "\n\n{}", text(notes));
    }
    Some(out)
}

fn source(index: &Index, id: &str) -> Option<String> {
    let s = index.sources.get(id)?;
    let mut out = format!(
        "**{}**\n\nsource {}",
        text(s.title.as_deref().unwrap_or("(no title)")),
        code_span(id)
    );
    if let Some(author) = &s.author {
        let _ = write!(out, ", by {}", text(author));
    }
    if let Some(date) = &s.published {
        let _ = write!(out, ", published {}", code_span(date));
    }
    if let Some(grade) = &s.reliability {
        let _ = write!(out, ", reliability {}", code_span(grade));
    }
    if let Some(notes) = &s.notes {
        let _ = write!(out, "\n\n{}", text(notes));
    }
    Some(out)
}

fn edge_type(index: &Index, id: &str) -> Option<String> {
    let t = index.types.get(id)?;
    let direction = match t.directed {
        Some(true) => "directed",
        Some(false) => "undirected",
        None => "direction not given",
    };
    let origin = if t.builtin && index.definitions(Kind::EdgeType, id).is_empty() {
        "built-in edge type"
    } else {
        "edge type"
    };
    Some(format!(
        "{origin} {}: {}, {direction}",
        code_span(id),
        text(t.label.as_deref().unwrap_or(id))
    ))
}

/// `Name A` *relation* `Name B`, the dates, the citations.
fn edge(index: &Index, e: &EdgeInfo) -> String {
    let name = |id: &Option<compact_str::CompactString>| match id {
        Some(id) => match index.orgs.get(id).and_then(|o| o.name.as_deref()) {
            Some(name) => format!("**{}**", text(name)),
            None => code_span(id),
        },
        None => "?".to_owned(),
    };
    let relation = e.edge_type.as_ref().map_or_else(String::new, |t| {
        let label = index.types.get(t).and_then(|i| i.label.as_deref());
        text(label.unwrap_or(t))
    });
    let mut out = format!("{} {relation} {}", name(&e.from), name(&e.to));
    let dates = [("on", &e.date), ("from", &e.start), ("until", &e.end)]
        .iter()
        .filter_map(|(w, d)| d.as_ref().map(|d| format!("{w} {}", code_span(d))))
        .collect::<Vec<_>>();
    let _ = write!(
        out,
        "\n\n{}",
        if dates.is_empty() {
            "undated".to_owned()
        } else {
            dates.join(" ")
        }
    );
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let _ = write!(out, "; {} citation{}", e.citations, plural(e.citations));
    if e.disputed > 0 {
        let _ = write!(
            out,
            ", disputed by {} source{}",
            e.disputed,
            plural(e.disputed)
        );
    }
    if let Some(id) = &e.id {
        let _ = write!(out, "\n\nedge {}", code_span(id));
    }
    out
}
