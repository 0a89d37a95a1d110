//! GraphML 1.0. Every attribute is declared as a typed `<key>` (string or boolean only);
//! list values are JSON-encoded strings. The graph is directed by default, and each edge
//! carries a boolean `directed` attribute; `--per-edge-direction` additionally writes
//! `directed="false"` on undirected edges for Gephi (networkx rejects that file; igraph ignores the flag).

use std::io::{self, Write};

use super::text::{self, json_list};
use super::{Options, xml};
use crate::model::{Dataset, Edge, Organization};

/// An attribute's value in GraphML.
enum Value {
    Text(String),
    Bool(bool),
}

const NODE_KEYS: &[(&str, &str)] = &[
    ("label", "string"),
    ("name", "string"),
    ("short", "string"),
    ("aliases", "string"),
    ("kind", "string"),
    ("region", "string"),
    ("founded", "string"),
    ("dissolved", "string"),
    ("wikidata", "string"),
    ("notes", "string"),
];

const EDGE_KEYS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("label", "string"),
    ("directed", "boolean"),
    ("disputed", "boolean"),
    ("possibly_active", "boolean"),
    ("date", "string"),
    ("start", "string"),
    ("end", "string"),
    ("uncertain", "boolean"),
    ("approximate", "boolean"),
    ("confidence", "string"),
    ("sources", "string"),
    ("source_urls", "string"),
    ("quotes", "string"),
    ("disputed_by", "string"),
    ("notes", "string"),
];

/// Writes the dataset as one GraphML document.
pub fn write(dataset: &Dataset, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (name, ty) in NODE_KEYS {
        writeln!(
            out,
            r#"  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    for (name, ty) in EDGE_KEYS {
        writeln!(
            out,
            r#"  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="actorgraph" edgedefault="directed">"#)?;
    for org in &dataset.organizations {
        write_node(out, org)?;
    }
    for (i, edge) in dataset.edges.iter().enumerate() {
        write_edge(out, dataset, edge, i, options)?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn write_node(out: &mut dyn Write, org: &Organization) -> io::Result<()> {
    writeln!(out, r#"    <node id="{}">"#, xml::attr(&org.id))?;
    let aliases: Vec<&str> = org.aliases.iter().map(String::as_str).collect();
    let values = [
        ("label", Some(org.display_name())),
        ("name", Some(org.name.clone())),
        ("short", org.short.clone()),
        (
            "aliases",
            (!aliases.is_empty()).then(|| json_list(&aliases)),
        ),
        ("kind", org.kind.clone()),
        ("region", org.region.clone()),
        ("founded", org.founded.as_ref().map(|d| d.text().to_owned())),
        (
            "dissolved",
            org.dissolved.as_ref().map(|d| d.text().to_owned()),
        ),
        ("wikidata", org.wikidata.clone()),
        ("notes", org.notes.clone()),
    ];
    for (key, value) in values {
        if let Some(v) = value {
            write_data(out, "n", key, &Value::Text(v))?;
        }
    }
    writeln!(out, "    </node>")
}

/// The id an edge gets: its own, or `E<n>` (upper case, so it never equals a dataset id).
pub fn edge_id(edge: &Edge, index: usize) -> String {
    edge.id.clone().unwrap_or_else(|| format!("E{index}"))
}

fn write_edge(
    out: &mut dyn Write,
    dataset: &Dataset,
    edge: &Edge,
    index: usize,
    options: &Options,
) -> io::Result<()> {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    let direction = if options.per_edge_direction && !ty.directed {
        r#" directed="false""#
    } else {
        ""
    };
    writeln!(
        out,
        r#"    <edge id="{}" source="{}" target="{}"{direction}>"#,
        xml::attr(&edge_id(edge, index)),
        xml::attr(&from.id),
        xml::attr(&to.id)
    )?;
    for (key, value) in edge_values(dataset, edge) {
        write_data(out, "e", key, &value)?;
    }
    writeln!(out, "    </edge>")
}

fn edge_values(dataset: &Dataset, edge: &Edge) -> Vec<(&'static str, Value)> {
    use crate::model::When;
    let ty = dataset.edge_type(edge);
    let mut v = vec![
        ("relation", Value::Text(ty.name.clone())),
        ("label", Value::Text(ty.label.clone())),
        ("directed", Value::Bool(ty.directed)),
        ("disputed", Value::Bool(edge.is_disputed())),
        ("possibly_active", Value::Bool(edge.possibly_active)),
    ];
    let date =
        |key, d: Option<&crate::model::Date>| d.map(|d| (key, Value::Text(d.text().to_owned())));
    match &edge.when {
        When::Undated => {}
        When::Point(d) => v.extend(date("date", Some(d))),
        When::Interval { start, end } => {
            v.extend(date("start", start.as_ref()));
            v.extend(date("end", end.as_ref()));
        }
    }
    v.push(("uncertain", Value::Bool(text::is_uncertain(edge))));
    v.push(("approximate", Value::Bool(text::is_approximate(edge))));
    if let Some(c) = edge.confidence {
        v.push(("confidence", Value::Text(c.as_str().to_owned())));
    }
    v.push((
        "sources",
        Value::Text(json_list(&text::source_ids(dataset, edge))),
    ));
    let urls = text::source_urls(dataset, edge);
    if !urls.is_empty() {
        v.push(("source_urls", Value::Text(json_list(&urls))));
    }
    let quotes = text::quotes(edge);
    if !quotes.is_empty() {
        v.push(("quotes", Value::Text(json_list(&quotes))));
    }
    if edge.is_disputed() {
        let ids = text::disputing_ids(dataset, edge);
        v.push(("disputed_by", Value::Text(json_list(&ids))));
    }
    if let Some(n) = &edge.notes {
        v.push(("notes", Value::Text(n.clone())));
    }
    v
}

fn write_data(out: &mut dyn Write, prefix: &str, key: &str, value: &Value) -> io::Result<()> {
    let text = match value {
        Value::Text(t) => xml::text(t).into_owned(),
        Value::Bool(b) => b.to_string(),
    };
    writeln!(out, r#"      <data key="{prefix}_{key}">{text}</data>"#)
}
