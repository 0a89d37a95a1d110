//! GraphML 1.0. Every attribute is declared as a typed `<key>` (string or boolean only);
//! list values are JSON-encoded strings. The graph is directed by default, and each edge
//! carries a boolean `directed` attribute; `--per-edge-direction` additionally writes
//! `directed="false"` on undirected edges for Gephi (networkx rejects that file; igraph ignores the flag).

use std::io::{self, Write};

use super::attributes::{self, Value, edge_id};
use super::{Options, xml};
use crate::model::{Dataset, Edge, Organization};

/// Writes the dataset as one GraphML document.
pub fn write(dataset: &Dataset, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (prefix, class, keys) in [
        ("n", "node", attributes::NODE),
        ("e", "edge", attributes::EDGE),
    ] {
        for (name, kind) in keys {
            let ty = kind.xml_type();
            writeln!(
                out,
                r#"  <key id="{prefix}_{name}" for="{class}" attr.name="{name}" attr.type="{ty}"/>"#
            )?;
        }
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
    for (key, value) in attributes::node_values(org) {
        write_data(out, "n", key, &value)?;
    }
    writeln!(out, "    </node>")
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
    for (key, value) in attributes::edge_values(dataset, edge) {
        write_data(out, "e", key, &value)?;
    }
    writeln!(out, "    </edge>")
}

fn write_data(out: &mut dyn Write, prefix: &str, key: &str, value: &Value) -> io::Result<()> {
    let text = xml::text(value.as_text());
    writeln!(out, r#"      <data key="{prefix}_{key}">{text}</data>"#)
}
