//! Degrees: how many edges meet each organization, every edge counted (parallel edges
//! of different types or dates are separate statements), split by direction (directed
//! types) and by relation type.

use crate::model::Dataset;

/// Edges meeting one organization.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Count {
    /// Directed edges from it.
    pub out: u32,
    /// Directed edges to it.
    pub incoming: u32,
    /// Edges of undirected types.
    pub undirected: u32,
}

impl Count {
    /// All its edges.
    pub(crate) fn total(self) -> u32 {
        self.out + self.incoming + self.undirected
    }

    fn add(&mut self, other: Count) {
        self.out += other.out;
        self.incoming += other.incoming;
        self.undirected += other.undirected;
    }
}

/// Every organization's degree per relation type.
#[derive(Debug, Clone)]
pub(crate) struct Degrees {
    types: usize,
    /// `counts[org * types + t]`.
    counts: Vec<Count>,
    /// Per organization, summed over types.
    totals: Vec<Count>,
}

impl Degrees {
    /// Counts the edges of `dataset`.
    pub(crate) fn new(dataset: &Dataset) -> Degrees {
        let types = dataset.edge_types.len();
        let mut counts = vec![Count::default(); dataset.organizations.len() * types];
        for e in &dataset.edges {
            let t = e.edge_type;
            if dataset.edge_types[t].directed {
                counts[e.from * types + t].out += 1;
                counts[e.to * types + t].incoming += 1;
            } else {
                counts[e.from * types + t].undirected += 1;
                counts[e.to * types + t].undirected += 1;
            }
        }
        let totals = counts
            .chunks(types.max(1))
            .map(|row| {
                let mut sum = Count::default();
                for c in row {
                    sum.add(*c);
                }
                sum
            })
            .take(dataset.organizations.len())
            .collect();
        Degrees {
            types,
            counts,
            totals,
        }
    }

    /// Organization `org`'s degree over all types.
    pub(crate) fn of(&self, org: usize) -> Count {
        self.totals[org]
    }

    /// Organization `org`'s degree in edges of type `t`.
    pub(crate) fn of_type(&self, org: usize, t: usize) -> Count {
        self.counts[org * self.types + t]
    }
}

/// The `limit` organizations with the highest `key`, highest first, ties in id order;
/// organizations whose key is zero are left out.
pub(crate) fn top<K: PartialOrd + Default + Copy>(
    count: usize,
    limit: usize,
    key: impl Fn(usize) -> K,
) -> Vec<usize> {
    let mut orgs: Vec<usize> = (0..count).filter(|&o| key(o) > K::default()).collect();
    // Stable: equal keys stay in id order.
    orgs.sort_by(|&a, &b| {
        key(b)
            .partial_cmp(&key(a))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    orgs.truncate(limit);
    orgs
}

#[cfg(test)]
mod tests {
    use super::top;

    #[test]
    fn top_is_highest_first_ties_by_index_and_skips_zero() {
        let keys = [3, 0, 5, 3, 1];
        assert_eq!(top(5, 3, |o| keys[o]), [2, 0, 3]);
        assert_eq!(top(5, 10, |o| keys[o]), [2, 0, 3, 4]);
    }
}
