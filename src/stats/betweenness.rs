//! Betweenness centrality, exact: Brandes' algorithm on the undirected simple graph
//! ([`Graph`]), one breadth-first search per source node, scaled as networkx's
//! `betweenness_centrality(G)` with its default arguments (normalized, endpoints
//! excluded), so the numbers can be compared with it.
//!
//! networkx counts the shortest paths of every ordered pair `(s, t)`, so each unordered
//! pair twice, and normalises an undirected graph's sums by `1 / ((n - 1)(n - 2))` (the
//! count of ordered pairs not involving the node), with no scaling below three nodes.
//!
//! Speed: a node's BFS level and its path count share one 16-byte slot (the count is
//! replaced, on the way back, by `(1 + δ) / σ`, which is all a predecessor reads), so
//! each step of either pass touches one cache line; no predecessor lists are kept, the
//! way back reads the neighbours one level further out. Sources are cut into chunks of
//! [`CHUNK`] whatever the number of cores; chunks run on all cores, each summing into
//! its own vector, and the vectors are added up in chunk order, so the result is the
//! same to the last bit on any machine.

use super::graph::Graph;
use crate::parallel;

/// Sources per chunk: fixed, so the order of the floating-point sums is too.
const CHUNK: usize = 128;

/// Chunks in flight at once, bounding memory to `WAVE` vectors of one float a node.
const WAVE: usize = 16;

/// Not reached (yet) by the current search.
const UNSEEN: u32 = u32::MAX;

/// One node's state during a search from one source.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Distance from the source.
    level: u32,
    /// On the way out σ, the number of shortest paths from the source; on the way back
    /// `(1 + δ) / σ`, what each predecessor adds up.
    value: f64,
}

/// A thread's buffers, allocated once and reused for every source it takes.
#[derive(Debug, Default)]
struct Buffers {
    slots: Vec<Slot>,
    /// The nodes reached, in BFS order (so by non-decreasing level).
    order: Vec<u32>,
}

/// Every node's betweenness in `graph`, scaled as networkx's default.
pub(crate) fn betweenness(graph: &Graph) -> Vec<f64> {
    let n = graph.len();
    let mut total = vec![0.0; n];
    let chunks = n.div_ceil(CHUNK);
    for first in (0..chunks).step_by(WAVE) {
        let wave: Vec<usize> = (first..chunks.min(first + WAVE)).collect();
        let parts = parallel::map_jobs(wave, |buffers: &mut Buffers, c| {
            chunk(graph, buffers, c * CHUNK..n.min((c + 1) * CHUNK))
        });
        for part in parts {
            for (t, p) in total.iter_mut().zip(part) {
                *t += p;
            }
        }
    }
    rescale(&mut total);
    total
}

/// The dependencies summed over the sources `sources`, in order.
fn chunk(graph: &Graph, buffers: &mut Buffers, sources: std::ops::Range<usize>) -> Vec<f64> {
    let n = graph.len();
    if buffers.slots.len() != n {
        buffers.slots = vec![
            Slot {
                level: UNSEEN,
                value: 0.0
            };
            n
        ];
    }
    let mut sum = vec![0.0; n];
    for s in sources {
        search(graph, buffers, s);
        accumulate(graph, buffers, s, &mut sum);
    }
    sum
}

/// The BFS from `s`: levels, path counts and the order nodes were reached in.
fn search(graph: &Graph, buffers: &mut Buffers, s: usize) {
    let Buffers { slots, order } = buffers;
    for &v in order.iter() {
        slots[v as usize].level = UNSEEN;
    }
    order.clear();
    slots[s] = Slot {
        level: 0,
        value: 1.0,
    };
    order.push(s as u32);
    let mut head = 0;
    while let Some(&v) = order.get(head) {
        head += 1;
        let Slot { level, value } = slots[v as usize];
        for &w in graph.neighbors(v as usize) {
            let slot = &mut slots[w as usize];
            if slot.level == UNSEEN {
                *slot = Slot {
                    level: level + 1,
                    value,
                };
                order.push(w);
            } else if slot.level == level + 1 {
                slot.value += value;
            }
        }
    }
}

/// Brandes' accumulation, farthest nodes first: a node's dependency is its path count
/// times the sum of `(1 + δ) / σ` over its successors (neighbours one level further).
fn accumulate(graph: &Graph, buffers: &mut Buffers, s: usize, sum: &mut [f64]) {
    let Buffers { slots, order } = buffers;
    for &v in order.iter().rev() {
        let v = v as usize;
        let next = slots[v].level + 1;
        let mut inflow = 0.0;
        for &w in graph.neighbors(v) {
            let slot = slots[w as usize];
            if slot.level == next {
                inflow += slot.value;
            }
        }
        let sigma = slots[v].value;
        let delta = sigma * inflow;
        slots[v].value = (1.0 + delta) / sigma;
        if v != s {
            sum[v] += delta;
        }
    }
}

/// networkx's normalisation for an undirected graph, endpoints excluded, no sampling.
fn rescale(values: &mut [f64]) {
    let n = values.len();
    if n < 3 {
        return;
    }
    let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
    for v in values {
        *v *= scale;
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::Graph;
    use super::super::testing::edge;
    use super::betweenness;

    fn of(nodes: usize, pairs: &[(usize, usize)]) -> Vec<f64> {
        let edges: Vec<_> = pairs.iter().map(|&(a, b)| edge(a, b)).collect();
        betweenness(&Graph::new(nodes, &edges))
    }

    /// A path a-b-c-d: b lies on a–c, a–d (both ways), so 4 ordered pairs of 3·2.
    #[test]
    fn path_of_four() {
        let b = of(4, &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(b, [0.0, 4.0 / 6.0, 4.0 / 6.0, 0.0]);
    }

    /// A star's centre lies on every path between two leaves: betweenness 1.
    #[test]
    fn star_and_isolated_node() {
        let b = of(5, &[(0, 1), (0, 2), (0, 3)]);
        // 5 nodes (one isolated): the centre is on 3·2 ordered pairs of 4·3.
        assert_eq!(b, [0.5, 0.0, 0.0, 0.0, 0.0]);
    }

    /// A square a-b-c-d-a: each node is on half the paths between its two neighbours.
    #[test]
    fn square_splits_paths() {
        let b = of(4, &[(0, 1), (1, 2), (2, 3), (3, 0)]);
        assert_eq!(b, [1.0 / 6.0; 4]);
    }

    /// Chunks of sources are summed in a fixed order: more nodes than one chunk give the
    /// same answer as the path formula.
    #[test]
    fn long_path_over_several_chunks() {
        let n = 300;
        let pairs: Vec<_> = (0..n - 1).map(|i| (i, i + 1)).collect();
        let b = of(n, &pairs);
        for (i, value) in b.iter().enumerate() {
            let expected = 2.0 * (i * (n - 1 - i)) as f64 / ((n - 1) * (n - 2)) as f64;
            assert!((value - expected).abs() < 1e-12, "{i}: {value} {expected}");
        }
    }

    #[test]
    fn fewer_than_three_nodes_are_not_scaled() {
        assert_eq!(of(2, &[(0, 1)]), [0.0, 0.0]);
        assert_eq!(of(0, &[]), Vec::<f64>::new());
    }
}
