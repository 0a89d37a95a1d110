//! Mermaid flowcharts, for Markdown that GitHub and GitLab render. Node ids are synthetic
//! (`n0`, `n1`, … in the order given), so no organization id can collide with Mermaid's
//! keywords; every label is quoted and written with Mermaid's entity codes, so no name can
//! break the syntax. Each edge type gets one `linkStyle`, disputed edges are dashed and
//! undirected ones have no arrow.
//!
//! The writer works on [`Node`]s and [`Link`]s rather than on a [`Dataset`], so that a
//! diagram can show any subset of organizations and edges, possibly from two datasets
//! (the diff's), each marked with a [`Highlight`]. [`Diagram`] assembles them by
//! organization id; the export itself is a `Diagram` of the whole dataset.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::{
    CompactString, Dataset, Edge, LineStyle, Organization, edge_type::DEFAULT_COLOR,
};

/// The most edges GitHub's renderer draws (Mermaid's default `maxEdges`).
pub(crate) const MAX_EDGES: usize = 500;
/// The longest text GitHub's renderer accepts, in UTF-16 code units (`maxTextSize`).
pub(crate) const MAX_TEXT: usize = 50_000;

/// How a review diagram marks a node or an edge: a marker before its label and a thick
/// line or border. An edge keeps its relation's colour, so a change never reads as a
/// relation (a removed alliance is not red like a rivalry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Highlight {
    /// Only in the new dataset: `+`, thick; a node also green.
    Added,
    /// Only in the old dataset: `−`, thick; a node also red.
    Removed,
    /// In both, with different details: `~`, thick; a node also amber.
    Changed,
}

impl Highlight {
    /// The class name, also used in `classDef`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Highlight::Added => "added",
            Highlight::Removed => "removed",
            Highlight::Changed => "changed",
        }
    }

    /// The marker written before the label.
    pub(crate) fn marker(self) -> &'static str {
        match self {
            Highlight::Added => "+",
            Highlight::Removed => "\u{2212}",
            Highlight::Changed => "~",
        }
    }

    fn color(self) -> &'static str {
        match self {
            Highlight::Added => "#2da44e",
            Highlight::Removed => "#cf222e",
            Highlight::Changed => "#bf8700",
        }
    }

    fn fill(self) -> &'static str {
        match self {
            Highlight::Added => "#dafbe1",
            Highlight::Removed => "#ffebe9",
            Highlight::Changed => "#fff8c5",
        }
    }
}

/// A box in the flowchart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// The text shown, unescaped.
    pub(crate) label: String,
    /// How a review marks it.
    pub(crate) highlight: Option<Highlight>,
}

impl Node {
    /// An organization's box: its name, with `short` in parentheses.
    pub(crate) fn organization(org: &Organization) -> Node {
        Node {
            label: org.display_name().into_owned(),
            highlight: None,
        }
    }
}

/// A line between two [`Node`]s, by their index in the node list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    /// Index of the `from` node.
    pub(crate) from: usize,
    /// Index of the `to` node.
    pub(crate) to: usize,
    /// The text shown, unescaped (may be empty).
    pub(crate) label: String,
    /// Whether to draw an arrowhead.
    pub(crate) directed: bool,
    /// Disputed: drawn dashed whatever the style.
    pub(crate) disputed: bool,
    /// The edge type's line style.
    pub(crate) style: LineStyle,
    /// The edge type's colour, `#rrggbb` or a colour name.
    pub(crate) color: String,
    /// How a review marks it.
    pub(crate) highlight: Option<Highlight>,
}

impl Link {
    /// The link for a dataset edge, joining nodes `from` and `to` of the caller's list.
    /// The label is [`super::text::edge_label`], as in DOT.
    pub(crate) fn edge(dataset: &Dataset, edge: &Edge, from: usize, to: usize) -> Link {
        let ty = dataset.edge_type(edge);
        let label = super::text::edge_label(dataset, edge);
        Link {
            from,
            to,
            label,
            directed: ty.directed,
            disputed: edge.is_disputed(),
            style: ty.style,
            color: css_color(&ty.color).to_owned(),
            highlight: None,
        }
    }
}

/// Graphviz accepts X11 names with digits (`antiquewhite2`) that CSS does not know;
/// those get the default colour rather than none.
fn css_color(color: &str) -> &str {
    if color.bytes().any(|b| b.is_ascii_digit()) && !color.starts_with('#') {
        DEFAULT_COLOR
    } else {
        color
    }
}

/// Writes the whole dataset as a flowchart; a filtered dataset's caption becomes the
/// diagram's title (front matter).
/// It goes through [`Diagram`], like the diff's diagram, so both are drawn alike.
pub fn write(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    if let Some(caption) = &dataset.caption {
        writeln!(out, "---\ntitle: {}\n---", yaml_string(caption))?;
    }
    let mut diagram = Diagram::default();
    for org in &dataset.organizations {
        diagram.organization(org, None);
    }
    for edge in &dataset.edges {
        diagram.edge(dataset, edge, None);
    }
    diagram.write(out)
}

/// A diagram assembled from parts of one or more datasets (the diff's old and new), keyed
/// by organization id: nodes come out in id order, as in the export, whichever dataset
/// and order they were added from; links keep the order they were added in.
#[derive(Debug, Default)]
pub(crate) struct Diagram {
    nodes: BTreeMap<CompactString, Node>,
    links: Vec<(CompactString, CompactString, Link)>,
}

impl Diagram {
    /// Adds (or re-marks) an organization.
    pub(crate) fn organization(&mut self, org: &Organization, highlight: Option<Highlight>) {
        let mut node = Node::organization(org);
        node.highlight = highlight;
        self.nodes.insert(org.id.clone(), node);
    }

    /// Adds an edge of `dataset`, and its endpoints unless already there.
    pub(crate) fn edge(&mut self, dataset: &Dataset, edge: &Edge, highlight: Option<Highlight>) {
        let (from, to) = dataset.endpoints(edge);
        for org in [from, to] {
            if !self.nodes.contains_key(&org.id) {
                self.organization(org, None);
            }
        }
        let mut link = Link::edge(dataset, edge, 0, 0);
        link.highlight = highlight;
        self.links.push((from.id.clone(), to.id.clone(), link));
    }

    /// Writes the flowchart; see [`write_flowchart`].
    pub(crate) fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let index: BTreeMap<&str, usize> = self
            .nodes
            .keys()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let nodes: Vec<Node> = self.nodes.values().cloned().collect();
        let links: Vec<Link> = self
            .links
            .iter()
            .map(|(from, to, link)| Link {
                from: index[from.as_str()],
                to: index[to.as_str()],
                ..link.clone()
            })
            .collect();
        write_flowchart(&nodes, &links, out)
    }
}

/// Writes `nodes` and `links` as a left-to-right flowchart. A diagram GitHub would refuse
/// (over [`MAX_EDGES`] edges or [`MAX_TEXT`] characters) is still written, with a `%%`
/// comment on its first line saying why it may not render.
pub(crate) fn write_flowchart(
    nodes: &[Node],
    links: &[Link],
    out: &mut dyn Write,
) -> io::Result<()> {
    let body = flowchart(nodes, links);
    let size = body.encode_utf16().count();
    if links.len() > MAX_EDGES || size > MAX_TEXT {
        writeln!(
            out,
            "%% actorgraph: {} edges and {size} characters; GitHub renders at most {MAX_EDGES} edges and {MAX_TEXT} characters. Filter the graph (--focus, --type, --as-of).",
            links.len()
        )?;
    }
    out.write_all(body.as_bytes())
}

fn flowchart(nodes: &[Node], links: &[Link]) -> String {
    let mut s = String::from("flowchart LR\n");
    for (i, node) in nodes.iter().enumerate() {
        // Mermaid rejects an empty quoted label; a space draws the same empty box.
        let label = match node.highlight {
            Some(h) => format!("{} {}", h.marker(), escape(&node.label)),
            None if node.label.is_empty() => " ".to_owned(),
            None => escape(&node.label),
        };
        let _ = writeln!(s, "  n{i}[\"{label}\"]");
    }
    for link in links {
        // An empty `|""|` is a syntax error: an unlabelled link has no pipes at all.
        let label = match link.highlight {
            Some(h) => format!("|\"{} {}\"|", h.marker(), escape(&link.label)),
            None if link.label.is_empty() => String::new(),
            None => format!("|\"{}\"|", escape(&link.label)),
        };
        let _ = writeln!(s, "  n{} {}{label} n{}", link.from, arrow(link), link.to);
    }
    for (style, indices) in link_styles(links) {
        let list: Vec<String> = indices.iter().map(ToString::to_string).collect();
        let _ = writeln!(s, "  linkStyle {} {style}", list.join(","));
    }
    write_classes(&mut s, nodes);
    s
}

/// The link operator: `-->` and `---` (no arrowhead), thick `==>` for bold types, and
/// dotted `-.->` for disputed edges.
fn arrow(link: &Link) -> &'static str {
    match (link.disputed, link.style, link.directed) {
        (true, _, true) => "-.->",
        (true, _, false) => "-.-",
        (false, LineStyle::Bold, true) => "==>",
        (false, LineStyle::Bold, false) => "===",
        (false, _, true) => "-->",
        (false, _, false) => "---",
    }
}

/// One `linkStyle` per distinct look, listing the links that share it, in order of
/// first use.
fn link_styles(links: &[Link]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for (i, link) in links.iter().enumerate() {
        let style = link_style(link);
        if let Some(&g) = index.get(&style) {
            groups[g].1.push(i);
        } else {
            index.insert(style.clone(), groups.len());
            groups.push((style, vec![i]));
        }
    }
    groups
}

fn link_style(link: &Link) -> String {
    // A highlight never recolours the line: the colour stays the relation's.
    let color = link.color.as_str();
    let mut style = format!("stroke:{color},color:{color}");
    let dashes = if link.disputed {
        Some("6 4")
    } else {
        match link.style {
            LineStyle::Dashed => Some("8 4"),
            LineStyle::Dotted => Some("2 3"),
            LineStyle::Solid | LineStyle::Bold => None,
        }
    };
    if let Some(d) = dashes {
        let _ = write!(style, ",stroke-dasharray:{d}");
    }
    match link.highlight {
        Some(_) => style.push_str(",stroke-width:4px"),
        None if link.style == LineStyle::Bold => style.push_str(",stroke-width:3px"),
        None => {}
    }
    style
}

/// `classDef` and `class` lines for highlighted nodes.
fn write_classes(s: &mut String, nodes: &[Node]) {
    let mut members: BTreeMap<Highlight, Vec<String>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if let Some(h) = node.highlight {
            members.entry(h).or_default().push(format!("n{i}"));
        }
    }
    for (h, ids) in members {
        let _ = writeln!(
            s,
            "  classDef {} fill:{},stroke:{},stroke-width:2px",
            h.name(),
            h.fill(),
            h.color()
        );
        let _ = writeln!(s, "  class {} {}", ids.join(","), h.name());
    }
}

/// A YAML double-quoted string for the front matter's `title`: quotes and backslashes
/// escaped, control characters replaced.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if crate::printable::needs_replacing(c) || c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for a double-quoted Mermaid label. Characters that would end the string,
/// start an entity (`#`) or a directive (`%%{`), open Markdown (`` ` ``) or HTML (`<`,
/// `>`, `&`) become Mermaid
/// entity codes (`#quot;`, `#35;`); line breaks become `<br>`; other control characters
/// and bidirectional overrides become U+FFFD, as in every display. Keywords such as `end` are harmless inside quotes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '%' => out.push_str("#37;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\t' => out.push(' '),
            c if crate::printable::needs_replacing(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(from: usize, to: usize) -> Link {
        Link {
            from,
            to,
            label: "rival of".to_owned(),
            directed: false,
            disputed: false,
            style: LineStyle::Solid,
            color: "#e31a1c".to_owned(),
            highlight: None,
        }
    }

    fn node(label: &str) -> Node {
        Node {
            label: label.to_owned(),
            highlight: None,
        }
    }

    fn render(nodes: &[Node], links: &[Link]) -> String {
        let mut out = Vec::new();
        write_flowchart(nodes, links, &mut out).expect("write to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn escapes_everything_that_could_break_a_label() {
        assert_eq!(
            escape("say \"end\" #1; <b>&`x` %%{init}%%"),
            "say #quot;end#quot; #35;1; #lt;b#gt;#amp;#96;x#96; #37;#37;{init}#37;#37;"
        );
        assert_eq!(escape("two\nlines\r\tand\u{7}"), "two<br>lines and\u{fffd}");
        assert_eq!(escape("حركة 🦁 end"), "حركة 🦁 end");
    }

    #[test]
    fn styles_group_links_and_mark_highlights() {
        let mut dashed = link(1, 0);
        dashed.disputed = true;
        dashed.directed = true;
        let mut added = link(0, 2);
        added.highlight = Some(Highlight::Added);
        let mut nodes = vec![node("a"), node("b"), node("c")];
        nodes[2].highlight = Some(Highlight::Added);
        let text = render(&nodes, &[link(0, 1), dashed, link(1, 2), added]);
        assert!(text.contains("  n0 ---|\"rival of\"| n1\n"), "{text}");
        assert!(text.contains("  n1 -.->|\"rival of\"| n0\n"), "{text}");
        assert!(
            text.contains("  linkStyle 0,2 stroke:#e31a1c,color:#e31a1c\n"),
            "{text}"
        );
        assert!(text.contains("linkStyle 1 stroke:#e31a1c,color:#e31a1c,stroke-dasharray:6 4\n"));
        assert!(text.contains("linkStyle 3 stroke:#e31a1c,color:#e31a1c,stroke-width:4px\n"));
        assert!(text.contains("  class n2 added\n"), "{text}");
        assert!(!text.starts_with("%%"));
    }

    #[test]
    fn empty_labels_are_not_written_as_empty_strings() {
        let mut unlabelled = link(0, 1);
        unlabelled.label = String::new();
        let text = render(&[node(""), node("b")], &[unlabelled]);
        assert!(text.contains("  n0[\" \"]\n"), "{text}");
        assert!(text.contains("  n0 --- n1\n"), "{text}");
    }

    /// A review diagram with every highlight, arrow and tricky label. It must equal
    /// `tests/interop/mermaid-highlights.mmd`, which the interop tests parse with the real
    /// Mermaid parser; `UPDATE_SAMPLES=1 cargo test --lib` rewrites that file.
    #[test]
    fn a_review_diagram_matches_the_sample_the_parser_checks() {
        let mut nodes = vec![
            node("end"),
            node("a \"b\" #c %%{d}%%"),
            node(""),
            node("graph"),
        ];
        nodes[1].highlight = Some(Highlight::Added);
        nodes[2].highlight = Some(Highlight::Removed);
        nodes[3].highlight = Some(Highlight::Changed);
        let mut links = Vec::new();
        for (i, h) in [
            None,
            Some(Highlight::Added),
            Some(Highlight::Removed),
            Some(Highlight::Changed),
        ]
        .into_iter()
        .enumerate()
        {
            for (style, directed, disputed) in [
                (LineStyle::Solid, true, false),
                (LineStyle::Bold, false, false),
                (LineStyle::Dotted, true, true),
                (LineStyle::Dashed, false, false),
            ] {
                let mut l = link(i, (i + 1) % 4);
                l.style = style;
                l.directed = directed;
                l.disputed = disputed;
                l.highlight = h;
                l.label = if disputed {
                    String::new()
                } else {
                    format!("end {i}\n|x|")
                };
                links.push(l);
            }
        }
        let text = render(&nodes, &links);
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/interop/mermaid-highlights.mmd"
        );
        if std::env::var_os("UPDATE_SAMPLES").is_some() {
            std::fs::write(path, &text).expect("write the sample");
        }
        let sample = std::fs::read_to_string(path).expect("read the sample");
        assert!(
            text == sample,
            "{path} is stale (UPDATE_SAMPLES=1 cargo test --lib):\n{text}"
        );
    }

    #[test]
    fn a_diagram_from_two_datasets_numbers_nodes_by_id() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid/full");
        let checked = crate::pipeline::check(
            crate::pipeline::Input::Paths(&[root.into()]),
            crate::pipeline::Mode::Build,
        );
        let full = checked.dataset.expect("the fixture is valid");
        // An "old" dataset: only beta and delta-9, joined by their cooperation.
        let old = crate::filter::Filter {
            types: vec!["cooperation".to_owned()],
            drop_isolated: true,
            ..crate::filter::Filter::default()
        }
        .apply(&full)
        .expect("known type");
        let mut diagram = Diagram::default();
        let split = full
            .edges
            .iter()
            .find(|e| e.id.as_deref() == Some("beta-splits-from-alpha"));
        diagram.edge(&full, split.expect("edge"), Some(Highlight::Added));
        diagram.edge(&old, &old.edges[0], Some(Highlight::Removed));
        diagram.organization(&full.organizations[0], Some(Highlight::Changed));
        let mut out = Vec::new();
        diagram.write(&mut out).expect("write to memory");
        let text = String::from_utf8(out).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "  n0[\"~ Alpha #quot;Front#quot; #lt;Lions#gt; #amp; Co. (A#amp;L)\"]"
        );
        assert!(lines[2].starts_with("  n1[\"حركة"), "{text}");
        assert!(lines[3].starts_with("  n2[\"Delta"), "{text}");
        assert_eq!(lines[4], "  n1 ==>|\"+ split from<br>2002\"| n0");
        assert!(
            lines[5].starts_with("  n1 ---|\"\u{2212} cooperates with"),
            "{text}"
        );
        // The line keeps its relation's colour; the change is the marker and the width.
        assert!(text.contains("linkStyle 0 stroke:#ff7f00,color:#ff7f00,stroke-width:4px\n"));
        assert!(
            text.contains("linkStyle 1 stroke:#1b9e77,color:#1b9e77,"),
            "{text}"
        );
        assert!(text.ends_with("  class n0 changed\n"), "{text}");
    }

    #[test]
    fn oversized_diagrams_say_so_on_the_first_line() {
        let nodes = vec![node("a"), node("b")];
        let links = vec![link(0, 1); MAX_EDGES + 1];
        let text = render(&nodes, &links);
        assert!(
            text.starts_with("%% actorgraph: 501 edges"),
            "{}",
            &text[..80]
        );
        assert_eq!(text.lines().nth(1), Some("flowchart LR"));
        let long = vec![node(&"x".repeat(MAX_TEXT))];
        assert!(render(&long, &[]).starts_with("%% actorgraph: 0 edges and 500"));
        assert!(render(&long[..0], &[]).starts_with("flowchart LR\n"));
    }

    #[test]
    fn graphviz_only_colour_names_fall_back() {
        assert_eq!(css_color("crimson"), "crimson");
        assert_eq!(css_color("#1b9e77"), "#1b9e77");
        assert_eq!(css_color("antiquewhite2"), DEFAULT_COLOR);
    }
}
