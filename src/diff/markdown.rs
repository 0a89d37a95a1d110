//! The Markdown diff a reviewer reads in a pull-request comment or a job summary: a
//! summary table, a section per record kind with changed fields as old/new tables and
//! every citation of a changed edge quoted, and a Mermaid diagram of the changed
//! neighbourhood that GitHub renders. Every piece of dataset text goes through
//! [`crate::markdown`], which makes it inert: no markup, ping, link or math.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Changed, Changes, Diff, FieldChange, diagram};
use crate::export::text::edge_sentence;
use crate::markdown::{code_span as code, text as md};
use crate::model::{Citation, Dataset, Edge};

/// Writes the diff between the datasets labelled `old` and `new`.
pub fn write(diff: &Diff<'_>, old: &str, new: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### actorgraph diff {} → {}", code(old), code(new))?;
    writeln!(out)?;
    if diff.is_empty() {
        return writeln!(out, "No differences in organizations, sources or edges.");
    }
    summary(diff, out)?;
    edges(diff, out)?;
    records(diff, "Organizations", &diff.organizations, org_line, out)?;
    records(diff, "Sources", &diff.sources, source_line, out)?;
    writeln!(out, "#### Diagram")?;
    writeln!(out)?;
    diagram::write(diff, out)
}

fn summary(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| | added | removed | changed |")?;
    writeln!(out, "|---|--:|--:|--:|")?;
    for (name, c) in [
        ("organizations", &diff.organizations),
        ("sources", &diff.sources),
        ("edges", &diff.edges),
    ] {
        writeln!(
            out,
            "| {name} | {} | {} | {} |",
            c.added.len(),
            c.removed.len(),
            c.changed.len()
        )?;
    }
    writeln!(out)
}

fn org_line(d: &Dataset, i: usize) -> String {
    let o = &d.organizations[i];
    format!("**{}** ({})", md(&o.display_name()), code(&o.id))
}

fn source_line(d: &Dataset, i: usize) -> String {
    let s = &d.sources[i];
    format!("*{}* ({})", md(&s.title), code(&s.id))
}

fn records(
    diff: &Diff<'_>,
    title: &str,
    changes: &Changes,
    line: fn(&Dataset, usize) -> String,
    out: &mut dyn Write,
) -> io::Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    writeln!(out, "#### {title}")?;
    writeln!(out)?;
    for &j in &changes.added {
        writeln!(out, "- ➕ added {}", line(diff.new, j))?;
    }
    for &i in &changes.removed {
        writeln!(out, "- ➖ removed {}", line(diff.old, i))?;
    }
    for c in &changes.changed {
        writeln!(out, "- ✏️ changed {}", line(diff.new, c.new))?;
        field_table(&c.fields, out)?;
    }
    writeln!(out)
}

/// An old/new table of changed fields, indented into the list item above it.
fn field_table(fields: &[FieldChange], out: &mut dyn Write) -> io::Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "  | field | old | new |")?;
    writeln!(out, "  |---|---|---|")?;
    for f in fields {
        writeln!(
            out,
            "  | {} | {} | {} |",
            f.field,
            cell(f.old.as_deref()),
            cell(f.new.as_deref())
        )?;
    }
    writeln!(out)
}

fn cell(value: Option<&str>) -> String {
    value.map_or_else(|| "*(none)*".to_owned(), md)
}

fn edges(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    if diff.edges.is_empty() {
        return Ok(());
    }
    writeln!(out, "#### Edges")?;
    writeln!(out)?;
    for &j in &diff.edges.added {
        writeln!(
            out,
            "- ➕ added {}",
            edge_line(diff.new, &diff.new.edges[j])
        )?;
        all_citations(diff.new, &diff.new.edges[j], out)?;
    }
    for &i in &diff.edges.removed {
        writeln!(
            out,
            "- ➖ removed {}",
            edge_line(diff.old, &diff.old.edges[i])
        )?;
        all_citations(diff.old, &diff.old.edges[i], out)?;
    }
    for c in &diff.edges.changed {
        changed_edge(diff, c, out)?;
    }
    writeln!(out)
}

/// `**IMU pledged allegiance to al-Qaeda (2001)** — `imu` → `al-qaeda`, allegiance, `id``.
fn edge_line(dataset: &Dataset, edge: &Edge) -> String {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    let arrow = if ty.directed { "→" } else { "—" };
    let mut s = format!(
        "**{}** ({} {arrow} {}, {}",
        md(&edge_sentence(dataset, edge)),
        code(&from.id),
        code(&to.id),
        md(&ty.name)
    );
    if let Some(id) = &edge.id {
        let _ = write!(s, ", {}", code(id));
    }
    if edge.is_disputed() {
        s.push_str(", disputed");
    }
    s.push(')');
    s
}

fn all_citations(dataset: &Dataset, edge: &Edge, out: &mut dyn Write) -> io::Result<()> {
    for c in &edge.sources {
        writeln!(out, "  - {}", citation(dataset, c))?;
    }
    for c in &edge.disputed_by {
        writeln!(out, "  - disputed by {}", citation(dataset, c))?;
    }
    Ok(())
}

fn changed_edge(diff: &Diff<'_>, c: &Changed, out: &mut dyn Write) -> io::Result<()> {
    let (_, new) = diff.edge_pair(c);
    writeln!(out, "- ✏️ changed {}", edge_line(diff.new, new))?;
    field_table(&c.fields, out)?;
    for change in &c.citations {
        let (dataset, cited) = change.citation(diff, c);
        let what = match (change.added, change.disputing) {
            (true, false) => "➕ citation",
            (false, false) => "➖ citation",
            (true, true) => "➕ disputed by",
            (false, true) => "➖ disputed by",
        };
        writeln!(out, "  - {what} {}", citation(dataset, cited))?;
    }
    Ok(())
}

/// `“quote” — *Title*, locator (`source-id`), credibility 2`.
fn citation(dataset: &Dataset, c: &Citation) -> String {
    let source = &dataset.sources[c.source];
    let mut s = String::new();
    if let Some(q) = &c.quote {
        let _ = write!(s, "“{}” — ", md(q));
    }
    let _ = write!(s, "*{}*", md(&source.title));
    if let Some(l) = &c.locator {
        let _ = write!(s, ", {}", md(l));
    }
    let _ = write!(s, " ({})", code(&source.id));
    if let Some(g) = c.credibility {
        let _ = write!(s, ", credibility {}", g.digit());
    }
    s
}
