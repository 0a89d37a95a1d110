//! Betweenness centrality, exact: Brandes' algorithm on the undirected simple graph
//! ([`Graph`]), one breadth-first search per source node, scaled as networkx's
//! `betweenness_centrality(G)` with its default arguments (normalized, endpoints
//! excluded), so the numbers can be compared with it.
//!
//! networkx counts the shortest paths of every ordered pair `(s, t)`, so each unordered
//! pair twice, and normalises an undirected graph's sums by `1 / ((n - 1)(n - 2))` (the
//! count of ordered pairs not involving the node), with no scaling below three nodes.
//!
//! Speed: the graph is renumbered by degree (hubs together in cache), the searches go
//! level by level, and their inner loops have no branch on the data.
//!
//! - On the way out, each node of a level adds its path count σ into every neighbour's
//!   accumulator and marks the unseen ones as the next level; a node's accumulator is
//!   final when its level is done, since only the level before it can reach it (what
//!   it receives later is never read). Once the nodes not yet reached have fewer edges
//!   than the level, the next level is found from their side instead (a
//!   direction-optimising BFS): each sums its neighbours' σ on the last level, which
//!   are the only non-zero ones in a vector holding σ for that level alone.
//! - On the way back, a level's dependencies are the sums of `(1 + δ) / σ` over *all*
//!   its nodes' neighbours, because that value is still zero on the node's own level
//!   and the levels before it (it is written a level at a time), and no neighbour is
//!   two levels out; or, when the next level has fewer edges, that level's nodes push
//!   their value into all their neighbours. Either way the largest level, in the middle
//!   of the search, is scanned by neither pass.
//!
//! Each thread reuses its buffers for every source. Sources are cut into chunks of
//! [`CHUNK`] whatever the number of cores; chunks run on all cores, each summing into
//! its own vector, and the vectors are added up in chunk order, so the result is the
//! same to the last bit on any machine.

use super::graph::Graph;
use crate::parallel;

/// Sources per chunk: fixed, so the order of the floating-point sums is too.
const CHUNK: usize = 64;

/// Chunks in flight at once, bounding memory to `WAVE` vectors of one float a node.
const WAVE: usize = 64;

/// Not reached (yet) by the current search.
const UNSEEN: u32 = u32::MAX;

/// A node's state on the way out, in one slot so one visit touches one cache line.
#[derive(Debug, Clone, Copy)]
struct Out {
    /// Distance from the source.
    level: u32,
    /// The path counts added up from neighbours; σ once the node's level is done.
    sum: f64,
}

const FRESH: Out = Out {
    level: UNSEEN,
    sum: 0.0,
};

/// A thread's buffers, allocated once and reused for every source it takes.
#[derive(Debug, Default)]
struct Buffers {
    out: Vec<Out>,
    /// σ, the number of shortest paths from the source.
    sigma: Vec<f64>,
    /// `(1 + δ) / σ`, written a level at a time on the way back; else zero.
    back: Vec<f64>,
    /// The nodes reached, level by level (one slot more than nodes: the loop writes
    /// every neighbour there and advances only past unseen ones).
    order: Vec<u32>,
    /// `order[bounds[d]..bounds[d + 1]]` is level `d`.
    bounds: Vec<usize>,
    /// How many nodes the last search reached.
    reached: usize,
    /// σ of the nodes of the level being extended bottom-up; else zero.
    frontier: Vec<f64>,
    /// The nodes not reached yet, once a bottom-up step has listed them (some may have
    /// been reached since, by a top-down step).
    unvisited: Vec<u32>,
}

impl Buffers {
    fn ready(&mut self, n: usize) {
        if self.out.len() != n {
            self.out = vec![FRESH; n];
            self.sigma = vec![0.0; n];
            self.back = vec![0.0; n];
            self.frontier = vec![0.0; n];
            self.order = vec![0; n + 1];
            self.reached = 0;
        }
    }

    /// Forgets the last search, touching only the nodes it reached.
    fn reset(&mut self) {
        for &v in &self.order[..self.reached] {
            self.out[v as usize] = FRESH;
            self.back[v as usize] = 0.0;
        }
        self.bounds.clear();
    }
}

/// Every node's betweenness in `graph`, scaled as networkx's default.
pub(crate) fn betweenness(graph: &Graph) -> Vec<f64> {
    let (graph, old) = graph.by_degree();
    let graph = &graph;
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
    let mut values = vec![0.0; n];
    for (new, &v) in old.iter().enumerate() {
        values[v as usize] = total[new];
    }
    values
}

/// The dependencies summed over the sources `sources`, in order.
fn chunk(graph: &Graph, buffers: &mut Buffers, sources: std::ops::Range<usize>) -> Vec<f64> {
    buffers.ready(graph.len());
    let mut sum = vec![0.0; graph.len()];
    for s in sources {
        buffers.reset();
        search(graph, buffers, s);
        accumulate(graph, buffers, &mut sum);
    }
    sum
}

/// The BFS from `s`, a level at a time: levels, path counts, and the nodes of each
/// level. Each level is found from whichever side has fewer edges to look at: from the
/// last level's nodes (top-down), or from the nodes not reached yet (bottom-up), which
/// is cheaper once most of the graph has been reached.
fn search(graph: &Graph, b: &mut Buffers, s: usize) {
    b.out[s].level = 0;
    b.sigma[s] = 1.0;
    b.order[0] = s as u32;
    b.bounds.extend([0, 1]);
    b.unvisited.clear();
    let mut listed = false;
    let mut unseen_arcs = graph.arcs() - graph.neighbors(s).len();
    let mut len = 1;
    for level in 1.. {
        let (lo, hi) = (b.bounds[level - 1], b.bounds[level]);
        if lo == hi {
            break;
        }
        let frontier_arcs: usize = b.order[lo..hi]
            .iter()
            .map(|&v| graph.neighbors(v as usize).len())
            .sum();
        len = if unseen_arcs < frontier_arcs {
            bottom_up(graph, b, level as u32, (lo, hi, len), &mut listed)
        } else {
            top_down(graph, b, level as u32, (lo, hi, len))
        };
        for &w in &b.order[hi..len] {
            unseen_arcs -= graph.neighbors(w as usize).len();
        }
        b.bounds.push(len);
    }
    b.reached = len;
}

/// One level found from the last: each of its nodes adds its σ into every neighbour's
/// accumulator and marks the unseen ones, with no branch on the data. Returns the new
/// length of `order`.
fn top_down(
    graph: &Graph,
    b: &mut Buffers,
    level: u32,
    (lo, hi, mut len): (usize, usize, usize),
) -> usize {
    for i in lo..hi {
        let v = b.order[i] as usize;
        let sigma = b.sigma[v];
        for &w in graph.neighbors(v) {
            let slot = &mut b.out[w as usize];
            slot.sum += sigma;
            let unseen = slot.level == UNSEEN;
            slot.level = if unseen { level } else { slot.level };
            b.order[len] = w;
            len += usize::from(unseen);
        }
    }
    for &w in &b.order[hi..len] {
        b.sigma[w as usize] = b.out[w as usize].sum;
    }
    len
}

/// One level found from the nodes not reached yet: a node's σ is the sum of its
/// neighbours' `frontier` values (σ on the last level, zero elsewhere), and it is on the
/// level when that is not zero. Returns the new length of `order`.
fn bottom_up(
    graph: &Graph,
    b: &mut Buffers,
    level: u32,
    (lo, hi, mut len): (usize, usize, usize),
    listed: &mut bool,
) -> usize {
    for &v in &b.order[lo..hi] {
        b.frontier[v as usize] = b.sigma[v as usize];
    }
    if !*listed {
        let out = &b.out;
        b.unvisited
            .extend((0..graph.len() as u32).filter(|&u| out[u as usize].level == UNSEEN));
        *listed = true;
    }
    let mut kept = 0;
    for k in 0..b.unvisited.len() {
        let u = b.unvisited[k] as usize;
        if b.out[u].level != UNSEEN {
            continue;
        }
        let sigma = inflow(&b.frontier, graph.neighbors(u));
        if sigma > 0.0 {
            b.out[u].level = level;
            b.sigma[u] = sigma;
            b.order[len] = u as u32;
            len += 1;
        } else {
            b.unvisited[kept] = u as u32;
            kept += 1;
        }
    }
    b.unvisited.truncate(kept);
    for &v in &b.order[lo..hi] {
        b.frontier[v as usize] = 0.0;
    }
    len
}

/// Brandes' accumulation, deepest level first; the source's own level adds nothing.
/// Each level's dependencies are pulled by its nodes from their neighbours, or pushed by
/// the next level's nodes into theirs, whichever side has fewer edges: the largest level
/// in the middle of the search is never scanned.
fn accumulate(graph: &Graph, b: &mut Buffers, sum: &mut [f64]) {
    let levels = b.bounds.len() - 1;
    let arcs = |b: &Buffers, level: usize| -> usize {
        b.order[b.bounds[level]..b.bounds[level + 1]]
            .iter()
            .map(|&v| graph.neighbors(v as usize).len())
            .sum()
    };
    let mut next_arcs = 0;
    for level in (1..levels).rev() {
        let here = arcs(b, level);
        if next_arcs < here {
            push(graph, b, level);
        } else {
            pull(graph, b, level);
        }
        next_arcs = here;
        for &v in &b.order[b.bounds[level]..b.bounds[level + 1]] {
            let v = v as usize;
            let delta = b.out[v].sum;
            b.back[v] = (1.0 + delta) / b.sigma[v];
            sum[v] += delta;
        }
    }
}

/// δ of `level`'s nodes (kept in the accumulators the way out is done with), each
/// summing `(1 + δ) / σ` over all its neighbours: zero but on the next level.
fn pull(graph: &Graph, b: &mut Buffers, level: usize) {
    for &v in &b.order[b.bounds[level]..b.bounds[level + 1]] {
        let v = v as usize;
        b.out[v].sum = b.sigma[v] * inflow(&b.back, graph.neighbors(v));
    }
}

/// δ of `level`'s nodes, from the next level: each of its nodes adds its `(1 + δ) / σ`
/// into every neighbour's accumulator (those on deeper levels are done with, so what
/// they receive is never read).
fn push(graph: &Graph, b: &mut Buffers, level: usize) {
    let (lo, hi) = (b.bounds[level], b.bounds[level + 1]);
    let next = b.bounds.get(level + 2).copied().unwrap_or(hi);
    for &v in &b.order[lo..hi] {
        b.out[v as usize].sum = 0.0;
    }
    for &w in &b.order[hi..next] {
        let give = b.back[w as usize];
        for &v in graph.neighbors(w as usize) {
            b.out[v as usize].sum += give;
        }
    }
    for &v in &b.order[lo..hi] {
        b.out[v as usize].sum *= b.sigma[v as usize];
    }
}

/// The sum of `back` over `nodes`, in four independent running sums (one chain of
/// dependent additions would wait on each add's latency), added up in a fixed order.
fn inflow(back: &[f64], nodes: &[u32]) -> f64 {
    let mut lanes = [0.0; 4];
    let quads = nodes.chunks_exact(4);
    let rest = quads.remainder();
    for q in quads {
        for (lane, &w) in lanes.iter_mut().zip(q) {
            *lane += back[w as usize];
        }
    }
    for (lane, &w) in lanes.iter_mut().zip(rest) {
        *lane += back[w as usize];
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

/// networkx's normalisation for an undirected graph, endpoints excluded, no sampling.
fn rescale(values: &mut [f64]) {
    let n = values.len();
    if n < 3 {
        return;
    }
    // Node counts fit in u32 (the graph's indices), so these are exact in f64.
    let scale = 1.0 / (f64::from(n as u32 - 1) * f64::from(n as u32 - 2));
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
            let expected =
                2.0 * f64::from((i * (n - 1 - i)) as u32) / f64::from(((n - 1) * (n - 2)) as u32);
            assert!((value - expected).abs() < 1e-12, "{i}: {value} {expected}");
        }
    }

    #[test]
    fn fewer_than_three_nodes_are_not_scaled() {
        assert_eq!(of(2, &[(0, 1)]), [0.0, 0.0]);
        assert_eq!(of(0, &[]), Vec::<f64>::new());
    }
}
