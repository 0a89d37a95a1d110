//! `show`'s text: one organization with everything the dataset says about it, for a
//! reviewer reading a pull request or a maintainer checking a record. Its edges are
//! grouped by relation type, outgoing before incoming (undirected types once), each
//! with its dates, confidence, notes and every citation quoted, disputes included.
//!
//! Every line goes through the shared [`printable`] display, and a value from the
//! dataset never starts a line: a line break inside a name or a quote is shown as `␊`,
//! and each line of a note repeats its label, so no value can forge a line of its own.

mod json;

pub(crate) use json::write as write_json;

use std::io::{self, Write};

use crate::model::{Citation, Dataset, Date, Edge, Organization};
use crate::printable::printable;

/// How an edge meets the organization shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// A directed edge from it.
    Outgoing,
    /// A directed edge to it.
    Incoming,
    /// An undirected edge.
    Undirected,
}

/// The edges of one type meeting the organization in one direction.
pub(crate) struct Group<'d> {
    /// Index into the dataset's edge types.
    pub edge_type: usize,
    pub direction: Direction,
    pub edges: Vec<&'d Edge>,
}

/// Organization `org`'s edges, by type (in the dataset's order), outgoing before
/// incoming; empty groups left out.
pub(crate) fn groups(dataset: &Dataset, org: usize) -> Vec<Group<'_>> {
    let mut groups = Vec::new();
    for (t, ty) in dataset.edge_types.iter().enumerate() {
        let of_type = |e: &&Edge| e.edge_type == t;
        let outgoing: Vec<&Edge> = dataset
            .edges
            .iter()
            .filter(of_type)
            .filter(|e| e.from == org || (!ty.directed && e.to == org))
            .collect();
        let incoming: Vec<&Edge> = dataset
            .edges
            .iter()
            .filter(of_type)
            .filter(|e| ty.directed && e.to == org)
            .collect();
        let out_direction = if ty.directed {
            Direction::Outgoing
        } else {
            Direction::Undirected
        };
        for (direction, edges) in [(out_direction, outgoing), (Direction::Incoming, incoming)] {
            if !edges.is_empty() {
                groups.push(Group {
                    edge_type: t,
                    direction,
                    edges,
                });
            }
        }
    }
    groups
}

/// Writes organization `org` of `dataset` and all its edges.
pub(crate) fn write(dataset: &Dataset, org: usize, out: &mut dyn Write) -> io::Result<()> {
    let o = &dataset.organizations[org];
    write_header(o, out)?;
    let groups = groups(dataset, org);
    let name = short_name(o);
    for group in &groups {
        let ty = &dataset.edge_types[group.edge_type];
        let heading = match group.direction {
            Direction::Outgoing => format!("{} (outgoing): {name} {} …", ty.name, ty.label),
            Direction::Undirected => format!("{}: {name} {} …", ty.name, ty.label),
            Direction::Incoming => format!("{} (incoming): … {} {name}", ty.name, ty.label),
        };
        write_group(dataset, org, &heading, &group.edges, out)?;
    }
    if groups.is_empty() {
        writeln!(out, "\nNo edges.")?;
    }
    Ok(())
}

/// Writes one line of output, shown through [`printable`].
fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", printable(text))
}

fn short_name(o: &Organization) -> &str {
    o.short.as_deref().unwrap_or(&o.name)
}

fn write_header(o: &Organization, out: &mut dyn Write) -> io::Result<()> {
    line(out, &o.display_name())?;
    field(out, "id", &o.id)?;
    if !o.aliases.is_empty() {
        field(out, "aliases", &o.aliases.join("; "))?;
    }
    for (label, value) in [
        ("kind", o.kind.as_deref()),
        ("region", o.region.as_deref()),
        ("founded", o.founded.as_ref().map(Date::text)),
        ("dissolved", o.dissolved.as_ref().map(Date::text)),
        ("wikidata", o.wikidata.as_deref()),
    ] {
        if let Some(v) = value {
            field(out, label, v)?;
        }
    }
    if let Some(notes) = &o.notes {
        for text in notes.trim_end().split('\n') {
            field(out, "notes", text)?;
        }
    }
    Ok(())
}

/// `  label:    value`, on one line.
fn field(out: &mut dyn Write, label: &str, value: &str) -> io::Result<()> {
    let label = format!("{label}:");
    line(out, &format!("  {label:<11}{}", value.trim_end()))
}

fn write_group(
    dataset: &Dataset,
    org: usize,
    heading: &str,
    edges: &[&Edge],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    line(out, heading)?;
    for edge in edges {
        write_edge(dataset, org, edge, out)?;
    }
    Ok(())
}

fn write_edge(dataset: &Dataset, org: usize, edge: &Edge, out: &mut dyn Write) -> io::Result<()> {
    let other = &dataset.organizations[if edge.from == org { edge.to } else { edge.from }];
    let mut facts = Vec::new();
    let when = edge.when.label();
    facts.push(if when.is_empty() {
        "undated".to_owned()
    } else {
        when
    });
    if let Some(c) = edge.confidence {
        facts.push(format!("confidence {}", c.as_str()));
    }
    if edge.is_disputed() {
        facts.push("DISPUTED".to_owned());
    }
    let head = format!(
        "  - {} [{}]: {}",
        other.display_name(),
        other.id,
        facts.join(", ")
    );
    line(out, &head)?;
    if let Some(id) = &edge.id {
        line(out, &format!("      edge id: {id}"))?;
    }
    if let Some(notes) = &edge.notes {
        for text in notes.trim_end().split('\n') {
            line(out, &format!("      note: {text}"))?;
        }
    }
    for c in &edge.sources {
        write_citation(dataset, "source", c, out)?;
    }
    for c in &edge.disputed_by {
        write_citation(dataset, "disputed by", c, out)?;
    }
    Ok(())
}

fn write_citation(
    dataset: &Dataset,
    role: &str,
    c: &Citation,
    out: &mut dyn Write,
) -> io::Result<()> {
    line(out, &format!("      {}", citation_line(dataset, role, c)))?;
    if let Some(quote) = &c.quote {
        line(out, &format!("        \"{}\"", quote.trim_end()))?;
    }
    Ok(())
}

/// `role: Title [id], locator, graded B2 (usually reliable; probably true)`: a citation
/// as `show` and `path` print it in text, before [`printable`].
pub(crate) fn citation_line(dataset: &Dataset, role: &str, c: &Citation) -> String {
    citation_head(dataset, role, c, str::to_owned, |id| format!("[{id}]"))
}

/// A citation's role, source, locator and grades, its dataset text written by `text` and
/// the source's id by `id` (so Markdown can make both inert).
pub(crate) fn citation_head(
    dataset: &Dataset,
    role: &str,
    c: &Citation,
    text: fn(&str) -> String,
    id: fn(&str) -> String,
) -> String {
    let source = &dataset.sources[c.source];
    let mut head = format!("{role}: {} {}", text(&source.title), id(&source.id));
    if let Some(locator) = &c.locator {
        head.push_str(", ");
        head.push_str(&text(locator));
    }
    if let Some(grade) = crate::export::grades::described(dataset, c) {
        head.push_str(", graded ");
        head.push_str(&grade);
    }
    head
}
