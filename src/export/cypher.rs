//! An openCypher script that loads the dataset into a graph database (Neo4j, Memgraph;
//! FalkorDB with [`Dialect::Falkordb`]; Kùzu and Ladybug with [`Dialect::Kuzu`]): a
//! schema preamble, then `UNWIND` batches of literal parameter maps that `MERGE` on ids, so running it twice
//! leaves the same graph. Every attribute of the GraphML export is kept (lists as JSON
//! text, as there), plus each edge's earliest and latest day as dates. Citations become
//! `(:Citation)-[:CITES]->(:Source)` nodes carrying the edge's id and their `side`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::attributes::{self, Kind, Value};
use super::text;
use crate::model::{Citation, Dataset, Edge};

/// Which engine's schema statements the script opens with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Neo4j 5 uniqueness constraints (`CREATE CONSTRAINT … IF NOT EXISTS`); Memgraph
    /// and FalkorDB need their own index statements instead (see docs/exports.md).
    #[default]
    Neo4j,
    /// Kùzu and Ladybug: node and relationship tables declared first.
    Kuzu,
    /// FalkorDB: `CREATE INDEX` on the ids (which FalkorDB refuses, harmlessly, when the
    /// index exists: on a second run those three statements fail and the rest loads).
    Falkordb,
}

impl Dialect {
    /// Every dialect.
    pub const ALL: &'static [Dialect] = &[Dialect::Neo4j, Dialect::Kuzu, Dialect::Falkordb];

    /// The dialect's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Neo4j => "neo4j",
            Dialect::Kuzu => "kuzu",
            Dialect::Falkordb => "falkordb",
        }
    }
}

/// Rows per `UNWIND` statement: large enough to keep round trips few, small enough that
/// no engine chokes on one statement's size.
const BATCH: usize = 1000;

/// A property's type in the script.
#[derive(Clone, Copy)]
enum Ty {
    Text,
    Bool,
    /// Written as text in the row and converted with `date()`.
    Date,
}

impl Ty {
    fn kuzu(self) -> &'static str {
        match self {
            Ty::Text => "STRING",
            Ty::Bool => "BOOLEAN",
            Ty::Date => "DATE",
        }
    }
}

const SOURCE: &[&str] = &[
    "title",
    "author",
    "publisher",
    "published",
    "url",
    "accessed",
    "notes",
];

const CITATION: &[&str] = &["edge", "side", "position", "source", "quote", "locator"];

/// The relationship type of an edge type: its name in UPPER_SNAKE_CASE.
pub fn relationship_type(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '-' | '.' => '_',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

/// Writes the script.
pub fn write(dataset: &Dataset, dialect: Dialect, out: &mut dyn Write) -> io::Result<()> {
    let edge_ids: Vec<_> = dataset
        .edges
        .iter()
        .map(|e| text::edge_id(dataset, e))
        .collect();
    writeln!(
        out,
        "// actorgraph export: MERGE on ids, so running this script twice leaves the same graph."
    )?;
    preamble(dataset, dialect, out)?;
    organizations(dataset, dialect, out)?;
    sources(dataset, dialect, out)?;
    edges(dataset, dialect, &edge_ids, out)?;
    citations(dataset, dialect, &edge_ids, out)
}

fn node_props() -> Vec<(&'static str, Ty)> {
    let mut v = vec![("id", Ty::Text)];
    v.extend(attributes::NODE.iter().map(|(k, _)| (*k, Ty::Text)));
    v
}

fn edge_props(dataset: &Dataset) -> Vec<(&'static str, Ty)> {
    let mut v = vec![("id", Ty::Text)];
    v.extend(attributes::edge_keys(dataset).iter().map(|(k, kind)| {
        let ty = match kind {
            Kind::Text => Ty::Text,
            Kind::Bool => Ty::Bool,
        };
        (*k, ty)
    }));
    v.extend([("earliest", Ty::Date), ("latest", Ty::Date)]);
    v
}

fn text_props(keys: &[&'static str]) -> Vec<(&'static str, Ty)> {
    std::iter::once("id")
        .chain(keys.iter().copied())
        .map(|k| (k, Ty::Text))
        .collect()
}

/// The text properties `keys`, and `grade` after them when the dataset is graded (so an
/// ungraded dataset's script is what it was before grades existed).
fn graded_props(
    dataset: &Dataset,
    keys: &[&'static str],
    grade: &'static str,
) -> Vec<(&'static str, Ty)> {
    let mut v = text_props(keys);
    if dataset.has_grades() {
        v.push((grade, Ty::Text));
    }
    v
}

fn preamble(dataset: &Dataset, dialect: Dialect, out: &mut dyn Write) -> io::Result<()> {
    let labels = ["Organization", "Source", "Citation"];
    if dialect == Dialect::Neo4j {
        for label in labels {
            writeln!(
                out,
                "CREATE CONSTRAINT {}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;",
                label.to_ascii_lowercase()
            )?;
        }
        return Ok(());
    }
    if dialect == Dialect::Falkordb {
        for label in labels {
            writeln!(out, "CREATE INDEX FOR (n:{label}) ON (n.id);")?;
        }
        return Ok(());
    }
    let nodes = [
        ("Organization", node_props()),
        ("Source", graded_props(dataset, SOURCE, "reliability")),
        ("Citation", graded_props(dataset, CITATION, "credibility")),
    ];
    for (label, props) in nodes {
        writeln!(
            out,
            "CREATE NODE TABLE IF NOT EXISTS {label}({}, PRIMARY KEY(`id`));",
            columns(&props)
        )?;
    }
    // Relationship tables by name: two edge types (or an edge type and the citations'
    // `CITES`) can share a name, and a table lists each pair of endpoint tables once.
    let mut rels: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for ty in &dataset.edge_types {
        let pairs = rels.entry(relationship_type(&ty.name)).or_default();
        if !pairs.contains(&"FROM Organization TO Organization") {
            pairs.push("FROM Organization TO Organization");
        }
    }
    rels.entry("CITES".to_owned())
        .or_default()
        .push("FROM Citation TO Source");
    let edge_columns = columns(&edge_props(dataset));
    for (name, pairs) in rels {
        writeln!(
            out,
            "CREATE REL TABLE IF NOT EXISTS `{name}`({}, {edge_columns});",
            pairs.join(", ")
        )?;
    }
    Ok(())
}

fn columns(props: &[(&str, Ty)]) -> String {
    let cols: Vec<String> = props
        .iter()
        .map(|(k, ty)| format!("`{k}` {}", ty.kuzu()))
        .collect();
    cols.join(", ")
}

/// `SET v.`a` = r.`a`, …` for every property but `id`.
fn assignments(var: &str, props: &[(&str, Ty)]) -> String {
    let parts: Vec<String> = props
        .iter()
        .filter(|(k, _)| *k != "id")
        .map(|(k, ty)| match ty {
            Ty::Date => format!("{var}.`{k}` = date(r.`{k}`)"),
            _ => format!("{var}.`{k}` = r.`{k}`"),
        })
        .collect();
    parts.join(", ")
}

/// One row: a map literal with every key of `props`, absent values as `null` (every row
/// of a batch has the same keys, which Kùzu requires).
fn row(buf: &mut String, d: Dialect, props: &[(&str, Ty)], values: &BTreeMap<&str, Value<'_>>) {
    buf.push('{');
    for (i, (k, _)) in props.iter().enumerate() {
        if i > 0 {
            buf.push_str(", ");
        }
        let _ = write!(buf, "`{k}`: ");
        match values.get(k) {
            None => buf.push_str("null"),
            Some(Value::Bool(b)) => buf.push_str(if *b { "true" } else { "false" }),
            Some(Value::Text(t)) => literal(buf, d, t),
        }
    }
    buf.push('}');
}

/// Appends `s` as a single-quoted Cypher string literal. Backslash and the single quote
/// are escaped, and so is every character that could put a line break inside the
/// literal, so the literal stays on one line and nothing in `s` can end it. Neo4j and Kùzu
/// read `\\uXXXX`: every control character and U+2028/U+2029 are written so. FalkorDB
/// reads only `\\n \\r \\t \\b \\f` and takes other characters as they are, so those
/// five are escaped and the rest written raw (NUL, which would end its query, cannot be
/// in validated text; it is written as `\\u0000` rather than raw).
pub fn literal(buf: &mut String, d: Dialect, s: &str) {
    buf.push('\'');
    for c in s.chars() {
        match c {
            '\\' => buf.push_str("\\\\"),
            '\'' => buf.push_str("\\'"),
            c if d == Dialect::Falkordb => match c {
                '\n' => buf.push_str("\\n"),
                '\r' => buf.push_str("\\r"),
                '\t' => buf.push_str("\\t"),
                '\u{8}' => buf.push_str("\\b"),
                '\u{c}' => buf.push_str("\\f"),
                '\0' => buf.push_str("\\u0000"),
                c => buf.push(c),
            },
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(buf, "\\u{:04X}", u32::from(c));
            }
            c => buf.push(c),
        }
    }
    buf.push('\'');
}

/// Writes `UNWIND [rows] AS r <tail>;` per batch of rows. Rows are rendered on all cores
/// (`export::batches`), each with the statement's opening or closing when it starts or
/// ends one, so the bytes are those one thread would write.
fn batches<T: Sync>(
    items: &[T],
    out: &mut dyn Write,
    tail: &str,
    render: impl Fn(&mut String, &T) + Sync,
) -> io::Result<()> {
    let last = items.len().saturating_sub(1);
    super::batches::write_in_order(items, out, |i, item, buf| {
        let mut s = String::new();
        s.push_str(if i % BATCH == 0 { "UNWIND [\n" } else { ",\n" });
        render(&mut s, item);
        if i % BATCH == BATCH - 1 || i == last {
            s.push_str("\n] AS r\n");
            s.push_str(tail);
            s.push_str(";\n");
        }
        buf.extend_from_slice(s.as_bytes());
        Ok(())
    })
}

fn organizations(dataset: &Dataset, d: Dialect, out: &mut dyn Write) -> io::Result<()> {
    let props = node_props();
    let tail = format!(
        "MERGE (n:Organization {{`id`: r.`id`}}) SET {}",
        assignments("n", &props)
    );
    batches(&dataset.organizations, out, &tail, |buf, org| {
        let mut values: BTreeMap<&str, Value> = attributes::node_values(org).into_iter().collect();
        values.insert("id", Value::Text(org.id.as_str().into()));
        row(buf, d, &props, &values);
    })
}

fn sources(dataset: &Dataset, d: Dialect, out: &mut dyn Write) -> io::Result<()> {
    let props = graded_props(dataset, SOURCE, "reliability");
    let tail = format!(
        "MERGE (n:Source {{`id`: r.`id`}}) SET {}",
        assignments("n", &props)
    );
    batches(&dataset.sources, out, &tail, |buf, s| {
        let date = |d: &Option<crate::model::Date>| d.as_ref().map(|d| d.text().to_owned());
        let fields = [
            ("id", Some(s.id.to_string())),
            ("title", Some(s.title.to_string())),
            ("author", s.author.as_ref().map(ToString::to_string)),
            ("publisher", s.publisher.as_ref().map(ToString::to_string)),
            ("published", date(&s.published)),
            ("url", s.url.as_ref().map(ToString::to_string)),
            ("accessed", date(&s.accessed)),
            ("notes", s.notes.as_ref().map(ToString::to_string)),
            ("reliability", s.reliability.map(|r| r.letter().to_owned())),
        ];
        let values = fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, Value::Text(v.into()))))
            .collect();
        row(buf, d, &props, &values);
    })
}

fn edges(
    dataset: &Dataset,
    d: Dialect,
    ids: &[std::borrow::Cow<str>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let props = edge_props(dataset);
    let with_props = format!("{{`id`: r.`id`}}]->(b) SET {}", assignments("e", &props));
    // One run of statements per relationship type: a type cannot be a parameter.
    let mut by_type: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in dataset.edges.iter().enumerate() {
        by_type
            .entry(relationship_type(&dataset.edge_type(e).name))
            .or_default()
            .push(i);
    }
    for (rel, indices) in by_type {
        let tail = format!(
            "MATCH (a:Organization {{`id`: r.`from`}}), (b:Organization {{`id`: r.`to`}})\n\
             MERGE (a)-[e:`{rel}` {with_props}"
        );
        let mut props = vec![("from", Ty::Text), ("to", Ty::Text)];
        props.extend(edge_props(dataset));
        batches(&indices, out, &tail, |buf, &i| {
            let edge = &dataset.edges[i];
            edge_row(buf, d, dataset, edge, &ids[i], &props);
        })?;
    }
    Ok(())
}

fn edge_row(
    buf: &mut String,
    d: Dialect,
    dataset: &Dataset,
    edge: &Edge,
    id: &str,
    props: &[(&str, Ty)],
) {
    let (from, to) = dataset.endpoints(edge);
    let mut values: BTreeMap<&str, Value> =
        attributes::edge_values(dataset, edge).into_iter().collect();
    values.insert("id", Value::Text(id.into()));
    values.insert("from", Value::Text(from.id.as_str().into()));
    values.insert("to", Value::Text(to.id.as_str().into()));
    if let Some(d) = edge.when.first() {
        values.insert("earliest", Value::Text(d.earliest().to_string().into()));
    }
    if let Some(d) = edge.when.last() {
        values.insert("latest", Value::Text(d.latest().to_string().into()));
    }
    row(buf, d, props, &values);
}

fn citations(
    dataset: &Dataset,
    d: Dialect,
    ids: &[std::borrow::Cow<str>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let props = graded_props(dataset, CITATION, "credibility");
    let tail = format!(
        "MATCH (s:Source {{`id`: r.`source`}})\n\
         MERGE (c:Citation {{`id`: r.`id`}}) SET {}\n\
         MERGE (c)-[:`CITES`]->(s)",
        assignments("c", &props)
    );
    let mut all: Vec<(usize, &'static str, usize, &Citation)> = Vec::new();
    for (i, edge) in dataset.edges.iter().enumerate() {
        let sides = [
            ("supporting", &edge.sources),
            ("disputing", &edge.disputed_by),
        ];
        for (side, list) in sides {
            all.extend(list.iter().enumerate().map(|(n, c)| (i, side, n, c)));
        }
    }
    batches(&all, out, &tail, |buf, &(i, side, n, c)| {
        let edge_id = &ids[i];
        let tag = if side == "supporting" { 's' } else { 'd' };
        let mut values: BTreeMap<&str, Value> = BTreeMap::new();
        values.insert("id", Value::Text(format!("{edge_id}#{tag}{n}").into()));
        values.insert("edge", Value::Text(edge_id.as_ref().into()));
        values.insert("side", Value::Text(side.into()));
        values.insert("position", Value::Text(n.to_string().into()));
        let source = dataset.sources[c.source].id.as_str();
        values.insert("source", Value::Text(source.into()));
        if let Some(q) = &c.quote {
            values.insert("quote", Value::Text(q.as_ref().into()));
        }
        if let Some(l) = &c.locator {
            values.insert("locator", Value::Text(l.as_str().into()));
        }
        if let Some(g) = c.credibility {
            values.insert("credibility", Value::Text(g.digit().into()));
        }
        row(buf, d, &props, &values);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> String {
        let mut b = String::new();
        literal(&mut b, Dialect::Neo4j, s);
        b
    }

    #[test]
    fn literals_escape_everything_that_could_end_them() {
        assert_eq!(lit(r"a'b\c"), r"'a\'b\\c'");
        assert_eq!(lit("x\"y"), "'x\"y'");
        assert_eq!(lit("1\n2\r\t\u{0}"), r"'1\u000A2\u000D\u0009\u0000'");
        assert_eq!(lit("\u{2028}é😀"), "'\\u2028é😀'");
        let mut b = String::new();
        literal(&mut b, Dialect::Falkordb, "a'\\\n\r\t\u{2028}\u{85}");
        assert_eq!(b, "'a\\'\\\\\\n\\r\\t\u{2028}\u{85}'");
    }

    #[test]
    fn relationship_types_are_upper_snake_case() {
        assert_eq!(
            relationship_type("pledged-allegiance"),
            "PLEDGED_ALLEGIANCE"
        );
        assert_eq!(relationship_type("a.b9"), "A_B9");
    }
}
