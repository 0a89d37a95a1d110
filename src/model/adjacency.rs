//! Which edges touch each organization, for the neighbourhood walk of ego-network
//! filters: one list of edge indices per organization, stored as a single vector with an
//! offset per organization (compressed sparse rows). This is all the graph structure the
//! tool needs, so no graph library is involved.

use super::Edge;

/// The edges incident to each organization, either direction.
#[derive(Debug, Clone, Default)]
pub(crate) struct Adjacency {
    /// `edges[start[o]..start[o + 1]]` are organization `o`'s edges.
    start: Vec<u32>,
    /// Edge indices, grouped by organization, each group in edge order.
    edges: Vec<u32>,
}

impl Adjacency {
    /// The incidence lists of `organizations` organizations joined by `edges`. Indices
    /// are `u32`: four billion edges would not fit in memory long before they overflow.
    pub(crate) fn new(organizations: usize, edges: &[Edge]) -> Adjacency {
        let ends = |e: &Edge| [Some(e.from), (e.to != e.from).then_some(e.to)];
        let mut start = vec![0u32; organizations + 1];
        for e in edges {
            for o in ends(e).into_iter().flatten() {
                start[o + 1] += 1;
            }
        }
        for o in 0..organizations {
            start[o + 1] += start[o];
        }
        let mut next = start.clone();
        let mut list = vec![0u32; start[organizations] as usize];
        for (i, e) in edges.iter().enumerate() {
            for o in ends(e).into_iter().flatten() {
                list[next[o] as usize] = i as u32;
                next[o] += 1;
            }
        }
        Adjacency { start, edges: list }
    }

    /// The indices of the edges from or to organization `org`, in edge order.
    pub(crate) fn of(&self, org: usize) -> impl Iterator<Item = usize> + '_ {
        let (lo, hi) = (self.start[org] as usize, self.start[org + 1] as usize);
        self.edges[lo..hi].iter().map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: usize, to: usize) -> Edge {
        Edge {
            id: None,
            from,
            to,
            edge_type: 0,
            when: super::super::When::Undated,
            confidence: None,
            sources: Box::default(),
            disputed_by: Box::default(),
            notes: None,
            possibly_active: false,
            origin: super::super::Origin::default(),
        }
    }

    /// Each edge is listed under both its ends, once under a self-loop's one end, and an
    /// organization without edges has an empty list.
    #[test]
    fn every_edge_is_listed_under_its_ends() {
        let edges = [edge(0, 1), edge(2, 0), edge(1, 1), edge(1, 2)];
        let adjacency = Adjacency::new(4, &edges);
        let of = |o| adjacency.of(o).collect::<Vec<_>>();
        assert_eq!(of(0), [0, 1]);
        assert_eq!(of(1), [0, 2, 3]);
        assert_eq!(of(2), [1, 3]);
        assert_eq!(of(3), Vec::<usize>::new());
        assert_eq!(Adjacency::new(0, &[]).edges.len(), 0);
    }
}
