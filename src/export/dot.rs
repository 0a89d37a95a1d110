//! Graphviz DOT. Node ids are organization ids, always quoted; every string goes through
//! [`quote`], so names with quotes, backslashes, newlines or any script render as
//! written. Each edge type has its colour and style, undirected types have no arrow,
//! disputed edges are dashed and say so in their label. A filtered export names its
//! filters in the graph's label, at the top.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{ClusterBy, Options};
use super::{batches, text};
use crate::model::{Dataset, Edge, Organization};

/// Quotes a string for DOT. Backslashes are doubled (Graphviz reads `\N`, `\G` and
/// friends as escapes), quotes are escaped, and line breaks become `\n`. A tab stays a
/// tab, which a quoted string may hold (Graphviz, pydot and networkx read it back);
/// other control characters become U+FFFD.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the dataset as a `digraph`.
pub fn write(dataset: &Dataset, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "digraph \"actorgraph\" {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, overlap=false, splines=true];"
    )?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f7f7f7\", color=\"#555555\", fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    match options.cluster_by {
        None => batches::write_in_order(&dataset.organizations, out, |_, org, buf| {
            write_node(buf, org, "  ")
        })?,
        Some(by) => write_clusters(out, dataset, by)?,
    }
    batches::write_in_order(&dataset.edges, out, |_, edge, buf| {
        write_edge(buf, dataset, edge)
    })?;
    if options.legend {
        write_legend(out, dataset)?;
    }
    // Last, so that clusters (written above) do not inherit the caption's placement.
    if let Some(caption) = &dataset.caption {
        writeln!(out, "  label={}; labelloc=t; labeljust=l;", quote(caption))?;
    }
    writeln!(out, "}}")
}

fn write_node(out: &mut dyn Write, org: &Organization, indent: &str) -> io::Result<()> {
    let label = match &org.short {
        Some(short) if *short != org.name => format!("{}\n({short})", org.name),
        _ => org.name.to_string(),
    };
    writeln!(
        out,
        "{indent}{} [label={}, tooltip={}];",
        quote(&org.id),
        quote(&label),
        quote(&text::org_summary(org))
    )
}

fn write_clusters(out: &mut dyn Write, dataset: &Dataset, by: ClusterBy) -> io::Result<()> {
    let mut groups: BTreeMap<&str, Vec<&Organization>> = BTreeMap::new();
    let mut loose = Vec::new();
    for org in &dataset.organizations {
        let key = match by {
            ClusterBy::Region => org.region.as_deref(),
            ClusterBy::Kind => org.kind.as_deref(),
        };
        match key {
            Some(k) => groups.entry(k).or_default().push(org),
            None => loose.push(org),
        }
    }
    for (i, (name, orgs)) in groups.iter().enumerate() {
        writeln!(out, "  subgraph \"cluster_{i}\" {{")?;
        writeln!(
            out,
            "    label={}; style=\"rounded,dashed\"; color=\"#999999\"; fontcolor=\"#555555\";",
            quote(name)
        )?;
        for org in orgs {
            write_node(out, org, "    ")?;
        }
        writeln!(out, "  }}")?;
    }
    for org in loose {
        write_node(out, org, "  ")?;
    }
    Ok(())
}

fn write_edge(out: &mut dyn Write, dataset: &Dataset, edge: &Edge) -> io::Result<()> {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    let label = text::edge_label(dataset, edge);
    let style = if edge.is_disputed() {
        "dashed"
    } else {
        ty.style.as_str()
    };
    let color = if edge.possibly_active {
        faded(&ty.color)
    } else {
        ty.color.clone()
    };
    let mut attrs = vec![
        format!("label={}", quote(&label)),
        format!("color={}", quote(&color)),
        format!("fontcolor={}", quote(&color)),
        format!("style={style}"),
    ];
    if edge.possibly_active {
        attrs.push("penwidth=0.5".to_owned());
    }
    if !ty.directed {
        attrs.push("dir=none".to_owned());
    }
    attrs.push(format!("tooltip={}", quote(&edge_tooltip(dataset, edge))));
    if let Some(url) = text::source_urls(dataset, edge).first() {
        attrs.push(format!("URL={}", quote(url)));
    }
    writeln!(
        out,
        "  {} -> {} [{}];",
        quote(&from.id),
        quote(&to.id),
        attrs.join(", ")
    )
}

/// The lighter colour of an edge that is only possibly active: a `#rrggbb` colour at
/// 40% opacity (X11 colour names cannot carry opacity; such edges are thinner only).
fn faded(color: &str) -> String {
    if color.starts_with('#') && color.len() == 7 {
        format!("{color}66")
    } else {
        color.to_owned()
    }
}

fn edge_tooltip(dataset: &Dataset, edge: &Edge) -> String {
    let mut lines = vec![text::edge_sentence(dataset, edge)];
    lines.push(format!(
        "sources: {}",
        text::source_ids(dataset, edge).join(", ")
    ));
    if edge.is_disputed() {
        lines.push(format!(
            "disputed by: {}",
            text::disputing_ids(dataset, edge).join(", ")
        ));
    }
    // Admiralty grades, only where given, so an ungraded edge's tooltip is unchanged.
    for (label, list) in [
        ("graded", &edge.sources),
        ("disputes graded", &edge.disputed_by),
    ] {
        let graded = super::grades::list(dataset, list);
        if !graded.is_empty() {
            lines.push(format!("{label}: {}", graded.join(", ")));
        }
    }
    lines.join("\n")
}

/// A legend cluster with one sample edge per edge type in use. Its node ids start with
/// `_`, which organization ids cannot, so they never collide.
fn write_legend(out: &mut dyn Write, dataset: &Dataset) -> io::Result<()> {
    let mut used = vec![false; dataset.edge_types.len()];
    for edge in &dataset.edges {
        used[edge.edge_type] = true;
    }
    writeln!(out, "  subgraph \"cluster__legend\" {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; style=\"rounded\"; color=\"#999999\"; fontcolor=\"#555555\";"
    )?;
    writeln!(
        out,
        "    node [shape=point, width=0.05, style=filled, fillcolor=\"#555555\", label=\"\"];"
    )?;
    for (i, ty) in dataset
        .edge_types
        .iter()
        .enumerate()
        .filter(|(i, _)| used[*i])
    {
        let dir = if ty.directed { "" } else { ", dir=none" };
        writeln!(
            out,
            "    \"_legend_{i}_a\" -> \"_legend_{i}_b\" [label={}, color={}, fontcolor={}, style={}{dir}];",
            quote(&format!("{} ({})", ty.label, ty.name)),
            quote(&ty.color),
            quote(&ty.color),
            ty.style.as_str()
        )?;
    }
    if dataset.edges.iter().any(|e| e.possibly_active) {
        writeln!(
            out,
            "    \"_legend_possibly_a\" -> \"_legend_possibly_b\" [label=\"possibly active\", color=\"#55555566\", fontcolor=\"#55555566\", penwidth=0.5];"
        )?;
    }
    if dataset.edges.iter().any(Edge::is_disputed) {
        writeln!(
            out,
            "    \"_legend_disputed_a\" -> \"_legend_disputed_b\" [label=\"disputed\", color=\"#555555\", fontcolor=\"#555555\", style=dashed];"
        )?;
    }
    writeln!(out, "  }}")
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_every_special_character() {
        assert_eq!(quote("node"), "\"node\"");
        assert_eq!(quote("a \"b\" \\N"), "\"a \\\"b\\\" \\\\N\"");
        assert_eq!(quote("two\nlines"), "\"two\\nlines\"");
        assert_eq!(quote("bell\u{7}"), "\"bell\u{fffd}\"");
        assert_eq!(quote("tab\there"), "\"tab\there\"");
    }
}
