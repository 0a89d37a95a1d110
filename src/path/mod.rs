//! `actorgraph path`: the shortest chains of relations between two organizations, with
//! the evidence for each step. [`search`] finds them by breadth-first search over the
//! (filtered) dataset's edges; [`text`], [`markdown`] and [`json`] write them.
//!
//! A step may follow any edge between two organizations, in either direction, unless
//! the search is `directed`: then an edge of a directed type is followed from its
//! `from` to its `to` only, and an edge of an undirected type still either way.
//!
//! Paths are sequences of organizations; when several edges join two consecutive
//! organizations (different types, or dates), each is evidence for the step, so every
//! one is shown ([`Step::edges`]). Among equally short paths the order is that of their
//! organizations' ids, first organization first: the single path shown without `--all`
//! is the first of the list `--all` gives. `--all` stops at [`MAX_PATHS`] and says so.

pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod text;

use std::collections::VecDeque;

use crate::model::{Dataset, Edge};

/// The most paths `--all` lists.
pub(crate) const MAX_PATHS: usize = 100;

/// What to look for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Query {
    /// Organization index where paths start.
    pub from: usize,
    /// Organization index where they end.
    pub to: usize,
    /// Follow directed edges only from `from` to `to`.
    pub directed: bool,
    /// Every shortest path (up to [`MAX_PATHS`]) rather than the first.
    pub all: bool,
    /// Longest path accepted, in steps.
    pub max_length: Option<usize>,
}

/// The paths found: none when the organizations are not joined (within the length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Each path's organizations, `from` first and `to` last, in id order.
    pub paths: Vec<Vec<usize>>,
    /// More shortest paths exist than `paths` lists.
    pub capped: bool,
}

/// One step of a path: the edges joining two consecutive organizations that the search
/// may follow from `from` to `to`, in edge order.
#[derive(Debug, Clone)]
pub(crate) struct Step<'d> {
    pub from: usize,
    pub to: usize,
    pub edges: Vec<&'d Edge>,
}

/// Whether edge `e` can be followed from organization `a` (one of its ends).
fn can_follow(dataset: &Dataset, e: &Edge, a: usize, directed: bool) -> bool {
    !directed || !dataset.edge_type(e).directed || e.from == a
}

/// The organizations one step from `v`: forward along followable edges, or backward
/// (organizations from which `v` is one step), ascending and once each.
fn next(dataset: &Dataset, v: usize, directed: bool, forward: bool) -> Vec<usize> {
    let mut out: Vec<usize> = dataset
        .incident_edges(v)
        .map(|i| &dataset.edges[i])
        .filter_map(|e| {
            let other = if e.from == v { e.to } else { e.from };
            let (a, _) = if forward { (v, other) } else { (other, v) };
            (other != v && can_follow(dataset, e, a, directed)).then_some(other)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Distances (in steps, at most `limit`) from `start`, forward or backward.
fn distances(dataset: &Dataset, start: usize, q: &Query, forward: bool) -> Vec<usize> {
    let limit = q.max_length.unwrap_or(usize::MAX);
    let mut dist = vec![usize::MAX; dataset.organizations.len()];
    dist[start] = 0;
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        if dist[v] >= limit {
            continue;
        }
        for w in next(dataset, v, q.directed, forward) {
            if dist[w] == usize::MAX {
                dist[w] = dist[v] + 1;
                queue.push_back(w);
            }
        }
    }
    dist
}

/// The shortest paths `q` asks for.
pub(crate) fn search(dataset: &Dataset, q: &Query) -> Found {
    let from = distances(dataset, q.from, q, true);
    if from[q.to] == usize::MAX {
        return Found {
            paths: Vec::new(),
            capped: false,
        };
    }
    let to = distances(dataset, q.to, q, false);
    let wanted = if q.all { MAX_PATHS } else { 1 };
    let mut walk = Walk {
        dataset,
        q,
        from: &from,
        to: &to,
        length: from[q.to],
        paths: Vec::new(),
        wanted,
        capped: false,
    };
    walk.extend(&mut vec![q.from]);
    Found {
        paths: walk.paths,
        capped: walk.capped,
    }
}

/// The depth-first enumeration of shortest paths, in id order: from each organization
/// only to those one step nearer the target on a shortest path.
struct Walk<'a> {
    dataset: &'a Dataset,
    q: &'a Query,
    from: &'a [usize],
    to: &'a [usize],
    length: usize,
    paths: Vec<Vec<usize>>,
    wanted: usize,
    capped: bool,
}

impl Walk<'_> {
    fn extend(&mut self, path: &mut Vec<usize>) {
        if self.capped || (self.paths.len() == self.wanted && !self.q.all) {
            return;
        }
        let v = path[path.len() - 1];
        if v == self.q.to {
            if self.paths.len() == self.wanted {
                self.capped = true;
            } else {
                self.paths.push(path.clone());
            }
            return;
        }
        let k = self.from[v];
        for w in next(self.dataset, v, self.q.directed, true) {
            if self.from[w] == k + 1 && self.to[w] == self.length - k - 1 {
                path.push(w);
                self.extend(path);
                path.pop();
            }
        }
    }
}

/// The steps of `path`: for each consecutive pair, the edges the search could follow.
pub(crate) fn steps<'d>(dataset: &'d Dataset, path: &[usize], directed: bool) -> Vec<Step<'d>> {
    path.windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let edges = dataset
                .incident_edges(a)
                .map(|i| &dataset.edges[i])
                .filter(|e| {
                    (e.from == a && e.to == b || e.from == b && e.to == a)
                        && can_follow(dataset, e, a, directed)
                })
                .collect();
            Step {
                from: a,
                to: b,
                edges,
            }
        })
        .collect()
}

/// What the text and Markdown outputs say after an edge's sentence: its type (and, for
/// a directed edge followed from its `to`, that the step goes against it), its dates,
/// confidence, and whether it is disputed or only possibly active in a time slice.
pub(crate) fn facts(dataset: &Dataset, e: &Edge, step_from: usize) -> Vec<String> {
    let ty = dataset.edge_type(e);
    let mut facts = vec![if ty.directed && e.from != step_from {
        format!("{} (directed, against the path)", ty.name)
    } else {
        ty.name.clone()
    }];
    let when = e.when.label();
    facts.push(if when.is_empty() {
        "undated".to_owned()
    } else {
        when
    });
    if let Some(c) = e.confidence {
        facts.push(format!("confidence {}", c.as_str()));
    }
    if e.is_disputed() {
        facts.push("DISPUTED".to_owned());
    }
    if e.possibly_active {
        facts.push("possibly active".to_owned());
    }
    facts
}

/// The relation in words, `from` label `to` with short names: `IMU pledged allegiance
/// to al-Qaeda`.
pub(crate) fn sentence(dataset: &Dataset, e: &Edge) -> String {
    let (from, to) = dataset.endpoints(e);
    let name = |o: &'_ crate::model::Organization| o.short.clone().unwrap_or(o.name.clone());
    format!("{} {} {}", name(from), dataset.edge_type(e).label, name(to))
}

/// How the search was asked, in words, for the headline of a result or of its absence;
/// `name` writes an organization as the output format shows one.
pub(crate) fn headline(
    dataset: &Dataset,
    q: &Query,
    name: impl Fn(&crate::model::Organization) -> String,
) -> String {
    let orgs = &dataset.organizations;
    let mut s = format!("from {} to {}", name(&orgs[q.from]), name(&orgs[q.to]));
    if let Some(n) = q.max_length {
        s = format!("{s} of at most {n} steps");
    }
    if q.directed {
        s.push_str(", following edge directions");
    }
    s
}
