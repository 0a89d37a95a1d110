//! The undirected simple graph of a dataset's edges, as compressed sparse rows of `u32`
//! neighbour indices: parallel edges and direction collapsed, self-loops left out (the
//! validator refuses them anyway). Every organization is a node, isolated ones too, so
//! node `i` is organization `i`. Components and betweenness walk this.

use crate::model::Edge;

/// Each node's neighbours, ascending, once each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Graph {
    /// `neighbors[start[v]..start[v + 1]]` are node `v`'s neighbours.
    start: Vec<u32>,
    neighbors: Vec<u32>,
}

impl Graph {
    /// The simple graph of `nodes` nodes joined by `edges` (endpoints are node indices).
    pub(crate) fn new(nodes: usize, edges: &[Edge]) -> Graph {
        let mut pairs: Vec<(u32, u32)> = edges
            .iter()
            .filter(|e| e.from != e.to)
            .map(|e| (e.from.min(e.to) as u32, e.from.max(e.to) as u32))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut start = vec![0u32; nodes + 1];
        for &(a, b) in &pairs {
            start[a as usize + 1] += 1;
            start[b as usize + 1] += 1;
        }
        for v in 0..nodes {
            start[v + 1] += start[v];
        }
        let mut next = start.clone();
        let mut neighbors = vec![0u32; start[nodes] as usize];
        // Pairs are sorted, so each row fills in ascending order: first the smaller
        // neighbours (pairs `(u, v)`), then the larger (pairs `(v, w)`).
        for &(a, b) in &pairs {
            neighbors[next[a as usize] as usize] = b;
            next[a as usize] += 1;
            neighbors[next[b as usize] as usize] = a;
            next[b as usize] += 1;
        }
        Graph { start, neighbors }
    }

    /// The same graph with its nodes renumbered by degree, highest first (ties in node
    /// order), and `old[new]`, each new node's old number. Searches spend most of their
    /// visits on the few nodes of high degree; numbered together, their state shares
    /// cache lines.
    pub(crate) fn by_degree(&self) -> (Graph, Vec<u32>) {
        let n = self.len();
        let mut old: Vec<u32> = (0..n as u32).collect();
        old.sort_by_key(|&v| std::cmp::Reverse(self.neighbors(v as usize).len()));
        let mut new = vec![0u32; n];
        for (i, &v) in old.iter().enumerate() {
            new[v as usize] = i as u32;
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut neighbors = Vec::with_capacity(self.neighbors.len());
        start.push(0);
        for &v in &old {
            let row = neighbors.len();
            neighbors.extend(self.neighbors(v as usize).iter().map(|&w| new[w as usize]));
            neighbors[row..].sort_unstable();
            start.push(neighbors.len() as u32);
        }
        (Graph { start, neighbors }, old)
    }

    /// How many nodes.
    pub(crate) fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// How many neighbour entries (twice the pairs).
    pub(crate) fn arcs(&self) -> usize {
        self.neighbors.len()
    }

    /// How many distinct pairs of nodes are joined.
    pub(crate) fn pairs(&self) -> usize {
        self.neighbors.len() / 2
    }

    /// Node `v`'s neighbours, ascending.
    pub(crate) fn neighbors(&self, v: usize) -> &[u32] {
        &self.neighbors[self.start[v] as usize..self.start[v + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::edge;
    use super::Graph;

    /// Parallel and reversed edges collapse into one pair; rows are ascending.
    #[test]
    fn parallel_edges_and_direction_collapse() {
        let g = Graph::new(
            5,
            &[edge(2, 0), edge(0, 2), edge(0, 1), edge(3, 2), edge(1, 1)],
        );
        assert_eq!(g.len(), 5);
        assert_eq!(g.pairs(), 3);
        assert_eq!(g.neighbors(0), [1, 2]);
        assert_eq!(g.neighbors(1), [0]);
        assert_eq!(g.neighbors(2), [0, 3]);
        assert_eq!(g.neighbors(4), [] as [u32; 0]);
        // Degrees 2, 1, 2, 1, 0: nodes 0 and 2 first, then 1, 3, 4.
        let (h, old) = g.by_degree();
        assert_eq!(old, [0, 2, 1, 3, 4]);
        assert_eq!(h.neighbors(0), [1, 2]);
        assert_eq!(h.neighbors(1), [0, 3]);
        assert_eq!(h.neighbors(3), [1]);
    }
}
