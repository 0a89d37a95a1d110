//! `actorgraph stats`: the questions analysts ask of a network, answered on the
//! (filtered) dataset with the evidence counted. Computing and rendering are apart:
//! [`compute`] makes a [`Stats`] (size, weak components, degrees, exact betweenness,
//! evidence quality, edges per decade), and [`text`], [`markdown`] and [`json`] each
//! write one to any `io::Write`. The text and Markdown renderers share the tables of
//! [`report`], so both say the same thing.

mod betweenness;
mod components;
mod decades;
mod degree;
mod evidence;
mod graph;
pub(crate) mod json;
pub(crate) mod markdown;
mod report;
pub(crate) mod text;

pub(crate) use components::Components;
pub(crate) use decades::Decades;
pub(crate) use degree::Degrees;
pub(crate) use evidence::Evidence;
pub(crate) use graph::Graph;

use crate::model::Dataset;

/// How many organizations (and sources) the text and Markdown tables list; JSON lists all.
pub(crate) const TOP: usize = 10;

/// Counts over the whole (filtered) dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Size {
    pub organizations: usize,
    /// Sources cited (supporting or disputing) by a kept edge.
    pub sources_cited: usize,
    /// Sources in the dataset.
    pub sources: usize,
    pub edges: usize,
    /// Edges per edge type (index into the dataset's edge types).
    pub by_type: Vec<usize>,
    pub disputed: usize,
    /// Edges with no date at all.
    pub undated: usize,
    /// Edges only *possibly* active in the filter's time slice (0 outside a slice).
    pub possibly_active: usize,
    /// Distinct pairs of organizations joined by at least one edge.
    pub linked_pairs: usize,
}

/// Everything `stats` reports about a dataset.
#[derive(Debug)]
pub(crate) struct Stats<'d> {
    pub dataset: &'d Dataset,
    pub size: Size,
    pub components: Components,
    /// Organizations without edges, in id order.
    pub isolated: Vec<usize>,
    pub degrees: Degrees,
    /// Per organization, as networkx's `betweenness_centrality(G)`.
    pub betweenness: Vec<f64>,
    pub evidence: Evidence,
    pub decades: Decades,
}

/// Computes the statistics of `dataset` (already filtered).
pub(crate) fn compute(dataset: &Dataset) -> Stats<'_> {
    let graph = Graph::new(dataset.organizations.len(), &dataset.edges);
    let components = components::components(&graph);
    let evidence = evidence::evidence(dataset);
    Stats {
        dataset,
        size: size(dataset, &graph, &evidence),
        isolated: components::isolated(&graph),
        components,
        degrees: Degrees::new(dataset),
        betweenness: betweenness::betweenness(&graph),
        evidence,
        decades: decades::decades(dataset),
    }
}

fn size(dataset: &Dataset, graph: &Graph, evidence: &Evidence) -> Size {
    let edges = &dataset.edges;
    let mut by_type = vec![0; dataset.edge_types.len()];
    for e in edges {
        by_type[e.edge_type] += 1;
    }
    Size {
        organizations: dataset.organizations.len(),
        sources_cited: evidence.sources.len(),
        sources: dataset.sources.len(),
        edges: edges.len(),
        by_type,
        disputed: edges.iter().filter(|e| e.is_disputed()).count(),
        undated: evidence.undated.len(),
        possibly_active: edges.iter().filter(|e| e.possibly_active).count(),
        linked_pairs: graph.pairs(),
    }
}

/// The organizations with the highest `key`, at most `limit`, ties in id order, zeros
/// left out.
pub(crate) use degree::top;

#[cfg(test)]
pub(crate) mod testing {
    use crate::model::{Edge, Origin, When};

    /// An undated edge of type 0 with no citation.
    pub(crate) fn edge(from: usize, to: usize) -> Edge {
        Edge {
            id: None,
            from,
            to,
            edge_type: 0,
            when: When::Undated,
            confidence: None,
            sources: Box::default(),
            disputed_by: Box::default(),
            notes: None,
            possibly_active: false,
            origin: Origin::default(),
        }
    }
}
