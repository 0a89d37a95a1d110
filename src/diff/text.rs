//! The plain-text diff: one line per added (`+`), removed (`-`) or changed (`~`)
//! record, changed fields as `old -> new`, and every citation of a changed edge with
//! its quote, for terminals and logs. Every line goes through the shared [`printable`]
//! display, so a name, quote or revision cannot drive a terminal or start a line.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Changed, Changes, Diff, FieldChange};
use crate::export::text::edge_sentence;
use crate::model::{Citation, Dataset, Edge};
use crate::printable::printable;

/// Writes the diff between the datasets labelled `old` and `new`.
pub fn write(diff: &Diff<'_>, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    line(out, &format!("actorgraph diff {old} {new}"))?;
    if diff.is_empty() {
        return writeln!(out, "no differences");
    }
    for (name, changes) in [
        ("organizations", &diff.organizations),
        ("sources", &diff.sources),
        ("edges", &diff.edges),
    ] {
        writeln!(
            out,
            "{name}: {} added, {} removed, {} changed",
            changes.added.len(),
            changes.removed.len(),
            changes.changed.len()
        )?;
    }
    organizations(diff, out)?;
    sources(diff, out)?;
    edges(diff, out)
}

/// Writes one line of output, shown through [`printable`].
fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", printable(text))
}

fn organizations(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    let name = |d: &Dataset, i: usize| {
        let o = &d.organizations[i];
        format!("organization {}: {}", o.id, o.display_name())
    };
    records(diff, &diff.organizations, name, out)
}

fn sources(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    let name = |d: &Dataset, i: usize| {
        let s = &d.sources[i];
        format!("source {}: {}", s.id, s.title)
    };
    records(diff, &diff.sources, name, out)
}

fn records(
    diff: &Diff<'_>,
    changes: &Changes,
    name: impl Fn(&Dataset, usize) -> String,
    out: &mut dyn Write,
) -> io::Result<()> {
    for &j in &changes.added {
        line(out, &format!("+ {}", name(diff.new, j)))?;
    }
    for &i in &changes.removed {
        line(out, &format!("- {}", name(diff.old, i)))?;
    }
    for c in &changes.changed {
        line(out, &format!("~ {}", name(diff.new, c.new)))?;
        write_fields(&c.fields, out)?;
    }
    Ok(())
}

fn write_fields(fields: &[FieldChange], out: &mut dyn Write) -> io::Result<()> {
    for f in fields {
        let change = format!(
            "    {}: {} -> {}",
            f.field,
            shown(f.old.as_deref()),
            shown(f.new.as_deref())
        );
        line(out, &change)?;
    }
    Ok(())
}

/// A field value: quoted (its line breaks shown as `␊` by [`line`]), or `(none)`.
fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "(none)".to_owned(), |v| format!("\"{v}\""))
}

fn edges(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    for &j in &diff.edges.added {
        write_edge(out, '+', diff.new, &diff.new.edges[j])?;
    }
    for &i in &diff.edges.removed {
        write_edge(out, '-', diff.old, &diff.old.edges[i])?;
    }
    for c in &diff.edges.changed {
        write_changed_edge(out, diff, c)?;
    }
    Ok(())
}

/// The header line of an edge: `± edge FROM -> TO (relation) [id]: sentence`.
fn edge_line(dataset: &Dataset, edge: &Edge) -> String {
    let (from, to) = dataset.endpoints(edge);
    let id = edge
        .id
        .as_deref()
        .map_or_else(String::new, |id| format!(" [{id}]"));
    format!(
        "edge {} -> {} ({}){id}: {}",
        from.id,
        to.id,
        dataset.edge_type(edge).name,
        edge_sentence(dataset, edge)
    )
}

fn write_edge(out: &mut dyn Write, sign: char, dataset: &Dataset, edge: &Edge) -> io::Result<()> {
    line(out, &format!("{sign} {}", edge_line(dataset, edge)))?;
    for c in &edge.sources {
        line(out, &format!("    supported by {}", citation(dataset, c)))?;
    }
    for c in &edge.disputed_by {
        line(out, &format!("    disputed by {}", citation(dataset, c)))?;
    }
    Ok(())
}

fn write_changed_edge(out: &mut dyn Write, diff: &Diff<'_>, c: &Changed) -> io::Result<()> {
    let (_, new) = diff.edge_pair(c);
    line(out, &format!("~ {}", edge_line(diff.new, new)))?;
    write_fields(&c.fields, out)?;
    for change in &c.citations {
        let (dataset, cited) = change.citation(diff, c);
        let sign = if change.added { '+' } else { '-' };
        let role = if change.disputing {
            "disputed by"
        } else {
            "supported by"
        };
        line(
            out,
            &format!("    {sign} {role} {}", citation(dataset, cited)),
        )?;
    }
    Ok(())
}

/// `source-id "quote" (locator) credibility 2`.
fn citation(dataset: &Dataset, c: &Citation) -> String {
    let mut s = dataset.sources[c.source].id.to_string();
    if let Some(q) = &c.quote {
        let _ = write!(s, " \"{q}\"");
    }
    if let Some(l) = &c.locator {
        let _ = write!(s, " ({l})");
    }
    if let Some(g) = c.credibility {
        let _ = write!(s, " credibility {}", g.digit());
    }
    s
}
