//! The attribute table that GraphML and GEXF share: which attributes a node and an edge
//! carry, their types, and their values, so both formats always hold the same facts
//! under the same names (`relation`, never `type`). An edge's grades: `reliability` and
//! `credibility`, the best of its supporting citations' (each on its own), and `grades` /
//! `disputed_by_grades`, every graded citation as `source-id:B2`.

use std::borrow::Cow;

use super::grades;
use super::text::{self, json_list};
use crate::model::{CompactString, Dataset, Date, Edge, Organization, When};

pub use super::text::edge_id;

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

/// An attribute's value, borrowed from the dataset where it can be.
pub enum Value<'a> {
    /// Text.
    Text(Cow<'a, str>),
    /// A boolean.
    Bool(bool),
}

impl Value<'_> {
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
    ("reliability", Kind::Text),
    ("credibility", Kind::Text),
    ("sources", Kind::Text),
    ("source_urls", Kind::Text),
    ("quotes", Kind::Text),
    ("disputed_by", Kind::Text),
    ("disputed_by_quotes", Kind::Text),
    ("grades", Kind::Text),
    ("disputed_by_grades", Kind::Text),
    ("notes", Kind::Text),
];

/// The edge attributes that carry grades, declared only for a graded dataset.
const GRADE_KEYS: &[&str] = &["reliability", "credibility", "grades", "disputed_by_grades"];

/// The edge attributes to declare: all of [`EDGE`], less the grades' when the dataset
/// has none (so an ungraded dataset's file is what it was before grades existed).
pub fn edge_keys(dataset: &Dataset) -> Vec<(&'static str, Kind)> {
    let graded = dataset.has_grades();
    EDGE.iter()
        .filter(|(key, _)| graded || !GRADE_KEYS.contains(key))
        .copied()
        .collect()
}

/// A node's attribute values, absent ones left out.
pub fn node_values<'a>(org: &'a Organization) -> Vec<(&'static str, Value<'a>)> {
    let aliases: Vec<&str> = org.aliases.iter().map(CompactString::as_str).collect();
    let date = |d: &'a Option<Date>| d.as_ref().map(|d| Cow::Borrowed(d.text()));
    let text = |t: &'a Option<CompactString>| t.as_deref().map(Cow::Borrowed);
    [
        ("label", Some(org.display_name())),
        ("name", Some(Cow::Borrowed(org.name.as_str()))),
        ("short", text(&org.short)),
        (
            "aliases",
            (!aliases.is_empty()).then(|| Cow::Owned(json_list(&aliases))),
        ),
        ("kind", text(&org.kind)),
        ("region", text(&org.region)),
        ("founded", date(&org.founded)),
        ("dissolved", date(&org.dissolved)),
        ("wikidata", text(&org.wikidata)),
        ("notes", org.notes.as_deref().map(Cow::Borrowed)),
    ]
    .into_iter()
    .filter_map(|(key, v)| v.map(|v| (key, Value::Text(v))))
    .collect()
}

/// An edge's attribute values, absent ones left out.
pub fn edge_values<'a>(dataset: &'a Dataset, edge: &'a Edge) -> Vec<(&'static str, Value<'a>)> {
    let ty = dataset.edge_type(edge);
    let mut v = vec![
        ("relation", Value::Text(Cow::Borrowed(&ty.name))),
        ("label", Value::Text(Cow::Borrowed(&ty.label))),
        ("directed", Value::Bool(ty.directed)),
        ("disputed", Value::Bool(edge.is_disputed())),
        ("possibly_active", Value::Bool(edge.possibly_active)),
    ];
    let date = |key, d: Option<&'a Date>| d.map(|d| (key, Value::Text(Cow::Borrowed(d.text()))));
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
        v.push(("confidence", Value::Text(Cow::Borrowed(c.as_str()))));
    }
    let (reliability, credibility) = dataset.best_grades(edge);
    if let Some(r) = reliability {
        v.push(("reliability", Value::Text(Cow::Borrowed(r.letter()))));
    }
    if let Some(c) = credibility {
        v.push(("credibility", Value::Text(Cow::Borrowed(c.digit()))));
    }
    v.push((
        "sources",
        Value::Text(Cow::Owned(json_list(&text::source_ids(dataset, edge)))),
    ));
    let lists = [
        ("source_urls", text::source_urls(dataset, edge)),
        ("quotes", text::quotes(edge)),
        ("disputed_by", text::disputing_ids(dataset, edge)),
        ("disputed_by_quotes", text::disputing_quotes(edge)),
    ];
    for (key, list) in lists {
        if !list.is_empty() {
            v.push((key, Value::Text(Cow::Owned(json_list(&list)))));
        }
    }
    for (key, citations) in [
        ("grades", &edge.sources),
        ("disputed_by_grades", &edge.disputed_by),
    ] {
        let list = grades::list(dataset, citations);
        if !list.is_empty() {
            let list: Vec<&str> = list.iter().map(String::as_str).collect();
            v.push((key, Value::Text(Cow::Owned(json_list(&list)))));
        }
    }
    if let Some(n) = &edge.notes {
        v.push(("notes", Value::Text(Cow::Borrowed(n))));
    }
    v
}
