//! Exports: one module per output format, each writing a validated (and possibly
//! filtered) [`Dataset`] to any [`io::Write`]. Every writer is deterministic: it walks
//! the dataset's already sorted records and never a hash map.

mod attributes;
mod batches;
pub mod csv;
pub mod cypher;
mod dot;
mod gexf;
pub(crate) mod grades;
mod graphml;
pub mod html;
mod json;
pub(crate) mod mermaid;
pub(crate) mod records;
mod stix;
pub(crate) mod text;
mod xml;

use std::io::{self, Write};

use crate::model::Dataset;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT, for `dot -Tsvg`.
    Dot,
    /// GraphML, for Gephi, yEd, networkx and igraph.
    Graphml,
    /// The whole dataset as one JSON document, for scripts.
    Json,
    /// GEXF 1.3, a dynamic graph for Gephi's timeline.
    Gexf,
    /// A Mermaid flowchart, for Markdown (GitHub, GitLab).
    Mermaid,
    /// Four CSV tables in the directory `-o DIR` (organizations, edges, sources, edge
    /// types), for spreadsheets, Gephi and Kumu, and for `import` to read back.
    Csv,
    /// One self-contained HTML page to explore the network in a browser, offline.
    Html,
    /// An openCypher script for Neo4j, Memgraph, FalkorDB (and Kùzu with a dialect).
    Cypher,
    /// A STIX 2.1 bundle, for OpenCTI and MISP.
    Stix,
}

/// How to group nodes in formats that can (DOT clusters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterBy {
    /// By `region`.
    Region,
    /// By `kind`.
    Kind,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Dot,
        Format::Graphml,
        Format::Json,
        Format::Gexf,
        Format::Mermaid,
        Format::Csv,
        Format::Html,
        Format::Cypher,
        Format::Stix,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Json => "json",
            Format::Gexf => "gexf",
            Format::Mermaid => "mermaid",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Cypher => "cypher",
            Format::Stix => "stix",
        }
    }
}

impl ClusterBy {
    /// Every grouping.
    pub const ALL: &'static [ClusterBy] = &[ClusterBy::Region, ClusterBy::Kind];

    /// The field's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ClusterBy::Region => "region",
            ClusterBy::Kind => "kind",
        }
    }
}

/// Options that change what a format writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// DOT: add a legend of the edge types present.
    pub legend: bool,
    /// DOT: group nodes into clusters.
    pub cluster_by: Option<ClusterBy>,
    /// GraphML and GEXF: mark undirected edges as such on the edge itself (Gephi honours
    /// it; networkx refuses such a file and igraph ignores the GraphML flag).
    pub per_edge_direction: bool,
    /// Cypher: which engine's schema statements open the script.
    pub dialect: cypher::Dialect,
}

/// Writes `dataset` in `format`.
pub fn write(
    format: Format,
    dataset: &Dataset,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Dot => dot::write(dataset, options, out),
        Format::Graphml => graphml::write(dataset, options, out),
        Format::Json => json::write(dataset, out),
        Format::Gexf => gexf::write(dataset, options, out),
        Format::Mermaid => mermaid::write(dataset, out),
        // Four files: `csv::write_table` writes each; standard output gets the edges.
        Format::Csv => csv::write_table(dataset, "edges.csv", out),
        Format::Html => html::write(dataset, out),
        Format::Cypher => cypher::write(dataset, options.dialect, out),
        Format::Stix => stix::write(dataset, out),
    }
}
