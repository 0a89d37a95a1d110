//! The JSON diff, for bots: the summary counts, then each kind's added and removed
//! records in full and changed records with their field changes; edges carry their
//! citations with quotes. Keys are sorted, so the output is deterministic.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Changed, Changes, Diff, FieldChange};
use crate::model::{Citation, Dataset, Date, Edge, When};

/// Writes the diff between the datasets labelled `old` and `new`.
pub fn write(diff: &Diff<'_>, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    let doc = json!({
        "format": "actorgraph-diff/1",
        "old": old,
        "new": new,
        "identical": diff.is_empty(),
        "summary": {
            "organizations": counts(&diff.organizations),
            "sources": counts(&diff.sources),
            "edges": counts(&diff.edges),
        },
        "organizations": section(diff, &diff.organizations, |d, i| {
            let o = &d.organizations[i];
            json!({"id": o.id, "name": o.name})
        }),
        "sources": section(diff, &diff.sources, |d, i| {
            let s = &d.sources[i];
            json!({"id": s.id, "title": s.title})
        }),
        "edges": edges(diff),
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

fn counts(c: &Changes) -> Value {
    json!({"added": c.added.len(), "removed": c.removed.len(), "changed": c.changed.len()})
}

fn section(diff: &Diff<'_>, c: &Changes, record: fn(&Dataset, usize) -> Value) -> Value {
    json!({
        "added": c.added.iter().map(|&j| record(diff.new, j)).collect::<Vec<_>>(),
        "removed": c.removed.iter().map(|&i| record(diff.old, i)).collect::<Vec<_>>(),
        "changed": c.changed.iter().map(|ch| {
            let mut v = record(diff.new, ch.new);
            v["fields"] = fields(&ch.fields);
            v
        }).collect::<Vec<_>>(),
    })
}

fn fields(list: &[FieldChange]) -> Value {
    list.iter()
        .map(|f| json!({"field": f.field, "old": f.old, "new": f.new}))
        .collect()
}

fn edges(diff: &Diff<'_>) -> Value {
    let c = &diff.edges;
    json!({
        "added": c.added.iter().map(|&j| edge(diff.new, &diff.new.edges[j])).collect::<Vec<_>>(),
        "removed": c.removed.iter().map(|&i| edge(diff.old, &diff.old.edges[i])).collect::<Vec<_>>(),
        "changed": c.changed.iter().map(|ch| changed_edge(diff, ch)).collect::<Vec<_>>(),
    })
}

fn changed_edge(diff: &Diff<'_>, ch: &Changed) -> Value {
    let (old, new) = diff.edge_pair(ch);
    let citations: Vec<Value> = ch
        .citations
        .iter()
        .map(|change| {
            let (dataset, c) = change.citation(diff, ch);
            let mut v = citation(dataset, c);
            v["change"] = json!(if change.added { "added" } else { "removed" });
            v["role"] = json!(if change.disputing {
                "disputes"
            } else {
                "supports"
            });
            v
        })
        .collect();
    json!({
        "old": edge(diff.old, old),
        "new": edge(diff.new, new),
        "fields": fields(&ch.fields),
        "citations": citations,
    })
}

fn edge(d: &Dataset, e: &Edge) -> Value {
    let (from, to) = d.endpoints(e);
    let text = |x: Option<&Date>| x.map(|x| x.text().to_owned());
    let (date, start, end) = match &e.when {
        When::Undated => (None, None, None),
        When::Point(x) => (text(Some(x)), None, None),
        When::Interval { start, end } => (None, text(start.as_ref()), text(end.as_ref())),
    };
    json!({
        "id": e.id,
        "from": from.id,
        "to": to.id,
        "relation": d.edge_type(e).name,
        "date": date,
        "start": start,
        "end": end,
        "confidence": e.confidence.map(crate::model::Confidence::as_str),
        "notes": e.notes,
        "sources": e.sources.iter().map(|c| citation(d, c)).collect::<Vec<_>>(),
        "disputed_by": e.disputed_by.iter().map(|c| citation(d, c)).collect::<Vec<_>>(),
    })
}

fn citation(d: &Dataset, c: &Citation) -> Value {
    let mut v = json!({"source": d.sources[c.source].id, "quote": c.quote, "locator": c.locator});
    // Only where graded, so an ungraded dataset's diff is unchanged.
    if let (Some(g), Value::Object(m)) = (c.credibility, &mut v) {
        m.insert("credibility".into(), g.number().into());
    }
    v
}
