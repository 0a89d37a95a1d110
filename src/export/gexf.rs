//! GEXF 1.3 for Gephi, as a dynamic graph its timeline can play: organizations live from
//! `founded` to `dissolved`, edges from their date or start to their end, partial dates
//! widened to their first and last day, open ends left open. Attributes are the ones
//! GraphML carries (`relation`, never `type`). Colours, line shapes and thickness follow
//! the edge types; the official 1.3 schema declares these visual elements without a
//! namespace of their own, so they are written in the GEXF namespace, which validates
//! and which Gephi reads (it matches element names only).

use std::io::{self, Write};

use super::attributes::{self, Kind, Value, edge_id};
use super::{Options, batches, xml};
use crate::model::{Dataset, Date, Day, Edge, LineStyle, Organization, When};

/// The earliest day `xs:date` (XML Schema 1.0) can express; year 0 is clamped to it.
const FIRST_DAY: Day = Day {
    year: 1,
    month: 1,
    day: 1,
};

/// Writes the dataset as one GEXF 1.3 document.
pub fn write(dataset: &Dataset, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(out, "  <meta>")?;
    writeln!(out, "    <creator>actorgraph</creator>")?;
    if let Some(caption) = &dataset.caption {
        writeln!(out, "    <description>{}</description>", xml::attr(caption))?;
    }
    writeln!(out, "  </meta>")?;
    writeln!(
        out,
        r#"  <graph mode="dynamic" timeformat="date" timerepresentation="interval" defaultedgetype="directed">"#
    )?;
    write_declarations(out, "node", attributes::NODE)?;
    write_declarations(out, "edge", &attributes::edge_keys(dataset))?;
    writeln!(
        out,
        r#"    <nodes count="{}">"#,
        dataset.organizations.len()
    )?;
    batches::write_in_order(&dataset.organizations, out, |_, org, buf| {
        write_node(buf, org)
    })?;
    writeln!(out, "    </nodes>")?;
    writeln!(out, r#"    <edges count="{}">"#, dataset.edges.len())?;
    batches::write_in_order(&dataset.edges, out, |_, edge, buf| {
        write_edge(buf, dataset, edge, options)
    })?;
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// The GEXF name of a shared attribute. `start` and `end` would collide with the
/// spell attributes readers such as networkx put under the same names.
fn name(key: &str) -> &str {
    match key {
        "start" => "start_date",
        "end" => "end_date",
        other => other,
    }
}

/// Declares the attributes of one class. `label` is left out: GEXF has its own.
fn write_declarations(out: &mut dyn Write, class: &str, keys: &[(&str, Kind)]) -> io::Result<()> {
    writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
    for (key, kind) in keys.iter().filter(|(key, _)| *key != "label") {
        let name = name(key);
        let ty = kind.xml_type();
        writeln!(
            out,
            r#"      <attribute id="{name}" title="{name}" type="{ty}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")
}

fn write_node(out: &mut dyn Write, org: &Organization) -> io::Result<()> {
    let span = spell(org.founded.as_ref(), org.dissolved.as_ref());
    writeln!(
        out,
        r#"      <node id="{}" label="{}"{span}>"#,
        xml::attr(&org.id),
        xml::attr(&org.display_name())
    )?;
    write_values(out, &attributes::node_values(org))?;
    writeln!(out, "      </node>")
}

fn write_edge(
    out: &mut dyn Write,
    dataset: &Dataset,
    edge: &Edge,
    options: &Options,
) -> io::Result<()> {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    let span = match &edge.when {
        When::Undated => String::new(),
        When::Point(d) => spell(Some(d), None),
        When::Interval { start, end } => spell(start.as_ref(), end.as_ref()),
    };
    let direction = if options.per_edge_direction && !ty.directed {
        r#" type="undirected""#
    } else {
        ""
    };
    writeln!(
        out,
        r#"      <edge id="{}" source="{}" target="{}" label="{}" kind="{}"{direction}{span}>"#,
        xml::attr(&edge_id(dataset, edge)),
        xml::attr(&from.id),
        xml::attr(&to.id),
        xml::attr(&ty.label),
        xml::attr(&ty.name)
    )?;
    write_values(out, &attributes::edge_values(dataset, edge))?;
    write_looks(out, dataset, edge)?;
    writeln!(out, "      </edge>")
}

/// ` start="…" end="…"` for a lifetime: the first day the start can mean and the last
/// day the end can mean, each left out when unknown.
fn spell(start: Option<&Date>, end: Option<&Date>) -> String {
    let start = start.map(|d| format!(r#" start="{}""#, d.earliest().max(FIRST_DAY)));
    let end = end.map(|d| format!(r#" end="{}""#, d.latest().max(FIRST_DAY)));
    format!("{}{}", start.unwrap_or_default(), end.unwrap_or_default())
}

fn write_values(out: &mut dyn Write, values: &[(&str, Value)]) -> io::Result<()> {
    writeln!(out, "        <attvalues>")?;
    for (key, value) in values.iter().filter(|(key, _)| *key != "label") {
        writeln!(
            out,
            r#"          <attvalue for="{}" value="{}"/>"#,
            name(key),
            xml::attr(value.as_text())
        )?;
    }
    writeln!(out, "        </attvalues>")
}

/// Colour from the edge type (faded when only possibly active), line shape from its
/// style (dashed when disputed), and double thickness for bold types.
fn write_looks(out: &mut dyn Write, dataset: &Dataset, edge: &Edge) -> io::Result<()> {
    let ty = dataset.edge_type(edge);
    if let Some((r, g, b)) = rgb(&ty.color) {
        let alpha = if edge.possibly_active { "0.4" } else { "1.0" };
        writeln!(
            out,
            r#"        <color r="{r}" g="{g}" b="{b}" a="{alpha}"/>"#
        )?;
    }
    let shape = match (edge.is_disputed(), ty.style) {
        (true, _) | (false, LineStyle::Dashed) => "dashed",
        (false, LineStyle::Dotted) => "dotted",
        (false, LineStyle::Solid | LineStyle::Bold) => "solid",
    };
    writeln!(out, r#"        <shape value="{shape}"/>"#)?;
    let thickness = if ty.style == LineStyle::Bold {
        "2.0"
    } else {
        "1.0"
    };
    writeln!(out, r#"        <thickness value="{thickness}"/>"#)
}

/// The channels of a `#rrggbb` colour. X11 colour names have no value here: Gephi then
/// uses its default colour for those edges.
fn rgb(color: &str) -> Option<(u8, u8, u8)> {
    let hex = color.strip_prefix('#').filter(|h| h.len() == 6)?;
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_spells() {
        assert_eq!(rgb("#1f78b4"), Some((0x1f, 0x78, 0xb4)));
        assert_eq!(rgb("crimson"), None);
        let d = |s: &str| Date::parse(s).expect("date");
        assert_eq!(
            spell(Some(&d("2015-08")), Some(&d("201X"))),
            r#" start="2015-08-01" end="2019-12-31""#
        );
        assert_eq!(spell(None, Some(&d("2001~"))), r#" end="2001-12-31""#);
        assert_eq!(spell(Some(&d("0XXX")), None), r#" start="0001-01-01""#);
    }
}
