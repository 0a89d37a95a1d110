//! Edges over time: how many kept edges start in each decade, per relation type. An
//! edge starts at its `date` or `start`, in the earliest year that date can mean
//! (`201X` is the 2010s); edges with no start (undated, or only an `end`) are counted
//! apart.

use crate::model::Dataset;

/// One decade's edges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decade {
    /// Its first year (`1990`).
    pub decade: u16,
    /// Edges per edge type (index into the dataset's edge types).
    pub by_type: Vec<usize>,
}

impl Decade {
    /// Edges of all types.
    pub(crate) fn total(&self) -> usize {
        self.by_type.iter().sum()
    }
}

/// Edges per decade of their start, earliest decade first, decades without edges left
/// out; and the count of edges without a start.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Decades {
    pub rows: Vec<Decade>,
    pub no_start: usize,
}

/// Counts the edges of `dataset` by decade.
pub(crate) fn decades(dataset: &Dataset) -> Decades {
    let types = dataset.edge_types.len();
    let mut rows: Vec<Decade> = Vec::new();
    let mut no_start = 0;
    let mut starts: Vec<(u16, usize)> = Vec::new();
    for e in &dataset.edges {
        match e.when.first() {
            Some(d) => starts.push((d.earliest().year / 10 * 10, e.edge_type)),
            None => no_start += 1,
        }
    }
    starts.sort_unstable();
    for (decade, t) in starts {
        if rows.last().is_none_or(|r| r.decade != decade) {
            rows.push(Decade {
                decade,
                by_type: vec![0; types],
            });
        }
        if let Some(row) = rows.last_mut() {
            row.by_type[t] += 1;
        }
    }
    Decades { rows, no_start }
}
