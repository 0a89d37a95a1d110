//! GraphML 1.0. Every attribute is declared as a typed `<key>` (string or boolean only);
//! list values are JSON-encoded strings. The graph is directed by default, and each edge
//! carries a boolean `directed` attribute; `--per-edge-direction` additionally writes
//! `directed="false"` on undirected edges for Gephi (networkx rejects that file; igraph ignores the flag).
//! A filtered export names its filters in a graph-level `description`.

use std::io::{self, Write};

use super::attributes::{self, Value, edge_id};
use super::{Options, batches, xml};
use crate::model::{Dataset, Edge, Organization};

/// Writes the dataset as one GraphML document.
pub fn write(dataset: &Dataset, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let edge_keys = attributes::edge_keys(dataset);
    for (prefix, class, keys) in [
        ("n", "node", attributes::NODE),
        ("e", "edge", edge_keys.as_slice()),
    ] {
        for (name, kind) in keys {
            let ty = kind.xml_type();
            writeln!(
                out,
                r#"  <key id="{prefix}_{name}" for="{class}" attr.name="{name}" attr.type="{ty}"/>"#
            )?;
        }
    }
    if dataset.caption.is_some() {
        writeln!(
            out,
            r#"  <key id="g_description" for="graph" attr.name="description" attr.type="string"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="actorgraph" edgedefault="directed">"#)?;
    if let Some(caption) = &dataset.caption {
        writeln!(
            out,
            r#"    <data key="g_description">{}</data>"#,
            xml::attr(caption)
        )?;
    }
    batches::write_in_order(&dataset.organizations, out, |_, org, buf| {
        write_node(buf, org);
        Ok(())
    })?;
    batches::write_in_order(&dataset.edges, out, |_, edge, buf| {
        write_edge(buf, dataset, edge, options);
        Ok(())
    })?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

fn write_node(buf: &mut Vec<u8>, org: &Organization) {
    buf.extend_from_slice(br#"    <node id=""#);
    xml::push_attr(buf, &org.id);
    buf.extend_from_slice(b"\">\n");
    for (key, value) in attributes::node_values(org) {
        write_data(buf, "n", key, &value);
    }
    buf.extend_from_slice(b"    </node>\n");
}

fn write_edge(buf: &mut Vec<u8>, dataset: &Dataset, edge: &Edge, options: &Options) {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    buf.extend_from_slice(br#"    <edge id=""#);
    xml::push_attr(buf, &edge_id(dataset, edge));
    buf.extend_from_slice(br#"" source=""#);
    xml::push_attr(buf, &from.id);
    buf.extend_from_slice(br#"" target=""#);
    xml::push_attr(buf, &to.id);
    buf.push(b'"');
    if options.per_edge_direction && !ty.directed {
        buf.extend_from_slice(br#" directed="false""#);
    }
    buf.extend_from_slice(b">\n");
    for (key, value) in attributes::edge_values(dataset, edge) {
        write_data(buf, "e", key, &value);
    }
    buf.extend_from_slice(b"    </edge>\n");
}

fn write_data(buf: &mut Vec<u8>, prefix: &str, key: &str, value: &Value) {
    buf.extend_from_slice(br#"      <data key=""#);
    buf.extend_from_slice(prefix.as_bytes());
    buf.push(b'_');
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(b"\">");
    xml::push_text(buf, value.as_text());
    buf.extend_from_slice(b"</data>\n");
}
