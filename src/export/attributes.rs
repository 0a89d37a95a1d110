//! The attribute table that GraphML and GEXF share: which attributes a node and an edge
//! carry, their types, and their values, so both formats always hold the same facts
//! under the same names (`relation`, never `type`).

use super::text::{self, json_list};
use crate::model::{Dataset, Date, Edge, Organization, When};

/// An attribute's type: both formats know strings and booleans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text; lists are JSON-encoded arrays of strings.
    Text,
    /// `true` or `false`.
    Bool,
}

impl Kind {
    /// The type's name in both GraphML's `attr.type` and GEXF's `type`.
    pub fn xml_type(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Bool => "boolean",
        }
    }
}

/// An attribute's value.
pub enum Value {
    /// Text.
    Text(String),
    /// A boolean.
    Bool(bool),
}

impl Value {
    /// The value as written in XML, before escaping.
    pub fn as_text(&self) -> &str {
        match self {
            Value::Text(t) => t,
            Value::Bool(true) => "true",
            Value::Bool(false) => "false",
        }
    }
}

/// Node attributes, in output order.
pub const NODE: &[(&str, Kind)] = &[
    ("label", Kind::Text),
    ("name", Kind::Text),
    ("short", Kind::Text),
    ("aliases", Kind::Text),
    ("kind", Kind::Text),
    ("region", Kind::Text),
    ("founded", Kind::Text),
    ("dissolved", Kind::Text),
    ("wikidata", Kind::Text),
    ("notes", Kind::Text),
];

/// Edge attributes, in output order.
pub const EDGE: &[(&str, Kind)] = &[
    ("relation", Kind::Text),
    ("label", Kind::Text),
    ("directed", Kind::Bool),
    ("disputed", Kind::Bool),
    ("possibly_active", Kind::Bool),
    ("date", Kind::Text),
    ("start", Kind::Text),
    ("end", Kind::Text),
    ("uncertain", Kind::Bool),
    ("approximate", Kind::Bool),
    ("confidence", Kind::Text),
    ("sources", Kind::Text),
    ("source_urls", Kind::Text),
    ("quotes", Kind::Text),
    ("disputed_by", Kind::Text),
    ("notes", Kind::Text),
];

/// The id an edge gets: its own, or `E<n>` (upper case, so it never equals a dataset id).
pub fn edge_id(edge: &Edge, index: usize) -> String {
    edge.id.clone().unwrap_or_else(|| format!("E{index}"))
}

/// A node's attribute values, absent ones left out.
pub fn node_values(org: &Organization) -> Vec<(&'static str, Value)> {
    let aliases: Vec<&str> = org.aliases.iter().map(String::as_str).collect();
    let date = |d: &Option<Date>| d.as_ref().map(|d| d.text().to_owned());
    [
        ("label", Some(org.display_name())),
        ("name", Some(org.name.clone())),
        ("short", org.short.clone()),
        (
            "aliases",
            (!aliases.is_empty()).then(|| json_list(&aliases)),
        ),
        ("kind", org.kind.clone()),
        ("region", org.region.clone()),
        ("founded", date(&org.founded)),
        ("dissolved", date(&org.dissolved)),
        ("wikidata", org.wikidata.clone()),
        ("notes", org.notes.clone()),
    ]
    .into_iter()
    .filter_map(|(key, v)| v.map(|v| (key, Value::Text(v))))
    .collect()
}

/// An edge's attribute values, absent ones left out.
pub fn edge_values(dataset: &Dataset, edge: &Edge) -> Vec<(&'static str, Value)> {
    let ty = dataset.edge_type(edge);
    let mut v = vec![
        ("relation", Value::Text(ty.name.clone())),
        ("label", Value::Text(ty.label.clone())),
        ("directed", Value::Bool(ty.directed)),
        ("disputed", Value::Bool(edge.is_disputed())),
        ("possibly_active", Value::Bool(edge.possibly_active)),
    ];
    let date = |key, d: Option<&Date>| d.map(|d| (key, Value::Text(d.text().to_owned())));
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
    let lists = [
        ("source_urls", text::source_urls(dataset, edge)),
        ("quotes", text::quotes(edge)),
        ("disputed_by", text::disputing_ids(dataset, edge)),
    ];
    for (key, list) in lists {
        if !list.is_empty() {
            v.push((key, Value::Text(json_list(&list))));
        }
    }
    if let Some(n) = &edge.notes {
        v.push(("notes", Value::Text(n.clone())));
    }
    v
}
