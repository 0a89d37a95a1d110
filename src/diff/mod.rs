//! What changed between two validated datasets: organizations and sources matched by id,
//! edges matched by id when they have one, else by endpoints and relation (with dates
//! only pairing up several edges between the same two organizations). The result is data;
//! [`markdown`], [`text`] and [`json`] render it. Files and record order play no part,
//! so moving or reordering records is no change.

pub mod diagram;
pub mod json;
pub mod markdown;
pub mod text;

mod edges;
mod fields;

use std::collections::HashMap;

use crate::model::{Citation, Dataset, Edge};

pub use fields::FieldChange;

/// Added, removed and changed records of one kind. Indices point into the new dataset
/// (added), the old one (removed), or both (changed); each list is in sorted record order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// New records, as indices into the new dataset.
    pub added: Vec<usize>,
    /// Removed records, as indices into the old dataset.
    pub removed: Vec<usize>,
    /// Records present on both sides that differ.
    pub changed: Vec<Changed>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// One record present on both sides, and how it differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Index in the old dataset.
    pub old: usize,
    /// Index in the new dataset.
    pub new: usize,
    /// Fields whose value differs, in field order.
    pub fields: Vec<FieldChange>,
    /// Citations removed from or added to an edge (empty for other records).
    pub citations: Vec<CitationChange>,
}

/// A citation that one side of an edge has and the other lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CitationChange {
    /// `true` when the new edge has it, `false` when only the old one had it.
    pub added: bool,
    /// `true` for a disputing citation, `false` for a supporting one.
    pub disputing: bool,
    /// Index into that side's edge's `sources` or `disputed_by`.
    pub index: usize,
}

impl CitationChange {
    /// The citation itself, looked up on its side.
    pub fn citation<'d>(&self, diff: &Diff<'d>, changed: &Changed) -> (&'d Dataset, &'d Citation) {
        let (dataset, edge) = if self.added {
            (diff.new, &diff.new.edges[changed.new])
        } else {
            (diff.old, &diff.old.edges[changed.old])
        };
        let list = if self.disputing {
            &edge.disputed_by
        } else {
            &edge.sources
        };
        (dataset, &list[self.index])
    }
}

/// Everything that differs between two datasets.
#[derive(Debug, Clone)]
pub struct Diff<'d> {
    /// The dataset before.
    pub old: &'d Dataset,
    /// The dataset after.
    pub new: &'d Dataset,
    /// Organization changes.
    pub organizations: Changes,
    /// Source changes.
    pub sources: Changes,
    /// Edge changes.
    pub edges: Changes,
}

impl<'d> Diff<'d> {
    /// Compares `old` with `new`.
    pub fn new(old: &'d Dataset, new: &'d Dataset) -> Diff<'d> {
        let organizations = by_id(
            &old.organizations,
            &new.organizations,
            |o| o.id.as_str(),
            fields::organization,
        );
        let sources = by_id(
            &old.sources,
            &new.sources,
            |s| s.id.as_str(),
            fields::source,
        );
        let edges = edges::compare(old, new);
        Diff {
            old,
            new,
            organizations,
            sources,
            edges,
        }
    }

    /// Whether the datasets hold the same records.
    pub fn is_empty(&self) -> bool {
        self.organizations.is_empty() && self.sources.is_empty() && self.edges.is_empty()
    }

    /// The old side of a changed edge and the new side.
    pub fn edge_pair(&self, changed: &Changed) -> (&'d Edge, &'d Edge) {
        (&self.old.edges[changed.old], &self.new.edges[changed.new])
    }
}

/// Matches two sorted record lists by id and compares the pairs with `fields`.
fn by_id<T>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    fields: impl Fn(&T, &T) -> Vec<FieldChange>,
) -> Changes {
    let new_index: HashMap<&str, usize> = new.iter().enumerate().map(|(i, r)| (id(r), i)).collect();
    let mut matched = vec![false; new.len()];
    let mut changes = Changes::default();
    for (i, record) in old.iter().enumerate() {
        match new_index.get(id(record)) {
            Some(&j) => {
                matched[j] = true;
                let fields = fields(record, &new[j]);
                if !fields.is_empty() {
                    changes.changed.push(Changed {
                        old: i,
                        new: j,
                        fields,
                        citations: Vec::new(),
                    });
                }
            }
            None => changes.removed.push(i),
        }
    }
    changes.added = (0..new.len()).filter(|&j| !matched[j]).collect();
    changes
}
