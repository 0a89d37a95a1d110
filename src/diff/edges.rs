//! Pairing the edges of two datasets. First by `id`; then the rest by endpoints and
//! relation (either order for undirected relations), where several edges between the
//! same two organizations pair up by equal dates first and then in date order. Two edges
//! that both have ids never pair unless the ids agree: an id names one claim.

use std::collections::{BTreeMap, HashMap};

use super::{Changed, Changes, CitationChange, fields};
use crate::model::{Citation, Dataset, Edge};

/// The endpoints and relation an edge is matched on.
type Key<'d> = (&'d str, &'d str, &'d str);

fn key<'d>(dataset: &'d Dataset, edge: &Edge) -> Key<'d> {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    let (a, b) = (from.id.as_str(), to.id.as_str());
    let (a, b) = if !ty.directed && b < a {
        (b, a)
    } else {
        (a, b)
    };
    (a, b, ty.name.as_str())
}

/// Compares the edges of `old` and `new`.
pub fn compare(old: &Dataset, new: &Dataset) -> Changes {
    let mut pairs = pair_by_id(old, new);
    let mut old_taken = vec![false; old.edges.len()];
    let mut new_taken = vec![false; new.edges.len()];
    mark(&pairs, &mut old_taken, &mut new_taken);
    let by_key = pair_by_key(old, new, &old_taken, &new_taken);
    mark(&by_key, &mut old_taken, &mut new_taken);
    pairs.extend(by_key);
    pairs.sort_by_key(|&(_, j)| j);
    let changed = pairs
        .into_iter()
        .filter_map(|(i, j)| changed(old, new, i, j))
        .collect();
    Changes {
        added: (0..new.edges.len()).filter(|&j| !new_taken[j]).collect(),
        removed: (0..old.edges.len()).filter(|&i| !old_taken[i]).collect(),
        changed,
    }
}

/// Marks both sides of `pairs` as matched.
fn mark(pairs: &[(usize, usize)], old_taken: &mut [bool], new_taken: &mut [bool]) {
    for &(i, j) in pairs {
        old_taken[i] = true;
        new_taken[j] = true;
    }
}

fn pair_by_id(old: &Dataset, new: &Dataset) -> Vec<(usize, usize)> {
    let ids: HashMap<&str, usize> = new
        .edges
        .iter()
        .enumerate()
        .filter_map(|(j, e)| e.id.as_deref().map(|id| (id, j)))
        .collect();
    old.edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, *ids.get(e.id.as_deref()?)?)))
        .collect()
}

fn pair_by_key(
    old: &Dataset,
    new: &Dataset,
    old_taken: &[bool],
    new_taken: &[bool],
) -> Vec<(usize, usize)> {
    let mut groups: BTreeMap<Key<'_>, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, e) in old.edges.iter().enumerate().filter(|(i, _)| !old_taken[*i]) {
        groups.entry(key(old, e)).or_default().0.push(i);
    }
    for (j, e) in new.edges.iter().enumerate().filter(|(j, _)| !new_taken[*j]) {
        groups.entry(key(new, e)).or_default().1.push(j);
    }
    let mut pairs = Vec::new();
    for (olds, news) in groups.values() {
        pair_group(old, new, olds, news, &mut pairs);
    }
    pairs
}

/// Pairs one group: equal dates first, then in date order (both lists are sorted).
fn pair_group(
    old: &Dataset,
    new: &Dataset,
    olds: &[usize],
    news: &[usize],
    pairs: &mut Vec<(usize, usize)>,
) {
    let compatible = |i: usize, j: usize| old.edges[i].id.is_none() || new.edges[j].id.is_none();
    let mut used = vec![false; news.len()];
    let mut rest = Vec::new();
    for &i in olds {
        let same_date = news.iter().enumerate().position(|(k, &j)| {
            !used[k] && compatible(i, j) && old.edges[i].when == new.edges[j].when
        });
        match same_date {
            Some(k) => {
                used[k] = true;
                pairs.push((i, news[k]));
            }
            None => rest.push(i),
        }
    }
    for i in rest {
        if let Some(k) = (0..news.len()).find(|&k| !used[k] && compatible(i, news[k])) {
            used[k] = true;
            pairs.push((i, news[k]));
        }
    }
}

/// The differences of a pair, or `None` when the two edges say the same.
fn changed(old: &Dataset, new: &Dataset, old_index: usize, new_index: usize) -> Option<Changed> {
    let (before, after) = (&old.edges[old_index], &new.edges[new_index]);
    let mut fields = fields::edge(before, after);
    let (was, now) = (describe(old, before), describe(new, after));
    if was != now {
        // Only possible for edges paired by id: show the move.
        fields.insert(
            0,
            fields::FieldChange {
                field: "edge",
                old: Some(was),
                new: Some(now),
            },
        );
    }
    let mut citations = Vec::new();
    for disputing in [false, true] {
        let (was, now) = if disputing {
            (&before.disputed_by, &after.disputed_by)
        } else {
            (&before.sources, &after.sources)
        };
        citations.extend(citation_changes(old, was, new, now, disputing));
    }
    (!fields.is_empty() || !citations.is_empty()).then_some(Changed {
        old: old_index,
        new: new_index,
        fields,
        citations,
    })
}

/// `from -> to (relation)`, endpoints in id order for undirected relations.
fn describe(dataset: &Dataset, edge: &Edge) -> String {
    let (from, to, relation) = key(dataset, edge);
    format!("{from} -> {to} ({relation})")
}

/// A citation's identity across datasets: source id, quote, locator and credibility (a
/// regraded citation is one removed and one added, each shown with its grade).
fn identity<'d>(
    d: &'d Dataset,
    c: &'d Citation,
) -> (&'d str, Option<&'d str>, Option<&'d str>, Option<u8>) {
    (
        d.sources[c.source].id.as_str(),
        c.quote.as_deref(),
        c.locator.as_deref(),
        c.credibility.map(crate::model::Credibility::number),
    )
}

/// Citations only the old list has (removed), then those only the new list has (added).
fn citation_changes(
    old: &Dataset,
    a: &[Citation],
    new: &Dataset,
    b: &[Citation],
    disputing: bool,
) -> Vec<CitationChange> {
    let only = |from: &Dataset, xs: &[Citation], to: &Dataset, ys: &[Citation], added: bool| {
        let mut remaining: Vec<_> = ys.iter().map(|c| identity(to, c)).collect();
        let mut out = Vec::new();
        for (index, c) in xs.iter().enumerate() {
            let id = identity(from, c);
            match remaining.iter().position(|r| *r == id) {
                Some(k) => {
                    remaining.swap_remove(k);
                }
                None => out.push(CitationChange {
                    added,
                    disputing,
                    index,
                }),
            }
        }
        out
    };
    let mut changes = only(old, a, new, b, false);
    changes.extend(only(new, b, old, a, true));
    changes
}
