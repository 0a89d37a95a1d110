//! Weakly connected components: the parts of the network with no edge between them,
//! whatever the edges' directions. Numbered largest first (ties: the part holding the
//! organization with the smallest id first), so the numbering is stable.

use super::graph::Graph;

/// Which component each organization belongs to, and their sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Components {
    /// Per organization: its component's number, an index into `sizes`.
    pub of: Vec<u32>,
    /// Component sizes, largest first.
    pub sizes: Vec<usize>,
}

/// The organizations with no edge, in id order (components of one).
pub(crate) fn isolated(graph: &Graph) -> Vec<usize> {
    (0..graph.len())
        .filter(|&v| graph.neighbors(v).is_empty())
        .collect()
}

/// The components of `graph`.
pub(crate) fn components(graph: &Graph) -> Components {
    let n = graph.len();
    let mut raw = vec![u32::MAX; n];
    let mut sizes = Vec::new();
    let mut stack = Vec::new();
    for root in 0..n {
        if raw[root] != u32::MAX {
            continue;
        }
        let label = sizes.len() as u32;
        raw[root] = label;
        stack.push(root);
        let mut size = 0;
        while let Some(v) = stack.pop() {
            size += 1;
            for &w in graph.neighbors(v) {
                if raw[w as usize] == u32::MAX {
                    raw[w as usize] = label;
                    stack.push(w as usize);
                }
            }
        }
        sizes.push(size);
    }
    // Labels were given in order of each component's smallest node, so a stable sort by
    // size keeps that order among equal sizes.
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(sizes[c]));
    let mut renumber = vec![0u32; sizes.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = new as u32;
    }
    Components {
        of: raw.iter().map(|&c| renumber[c as usize]).collect(),
        sizes: order.iter().map(|&c| sizes[c]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::Graph;
    use super::super::testing::edge;
    use super::components;

    /// Largest first; equal sizes by their smallest member; isolated nodes are parts.
    #[test]
    fn numbered_largest_first() {
        let g = Graph::new(7, &[edge(0, 1), edge(2, 3), edge(4, 3), edge(6, 5)]);
        let c = components(&g);
        assert_eq!(c.sizes, [3, 2, 2]);
        assert_eq!(c.of, [1, 1, 0, 0, 0, 2, 2]);
        let g = Graph::new(3, &[edge(2, 1)]);
        let c = components(&g);
        assert_eq!((c.sizes.clone(), c.of.clone()), (vec![2, 1], vec![1, 0, 0]));
        assert_eq!(super::isolated(&g), [0]);
    }
}
