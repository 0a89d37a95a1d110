//! Evidence quality: which kept edges rest on little (one source, bare source ids, no
//! date, low confidence), how many citations quote nothing, and for each source the
//! edges it supports and those that would be left with no support if it were
//! withdrawn: its single points of failure.
//!
//! Graded evidence (the Admiralty code: source reliability A–F, citation credibility
//! 1–6) is summarised here too once the model has it: counts per grade, and the edges
//! whose best supporting citation is graded below a level, as more fields of
//! [`Evidence`] filled by the same pass over the edges.

use crate::model::{Citation, Confidence, Dataset, Edge};

/// One source's weight in the kept network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceSupport {
    /// Index into the dataset's sources.
    pub source: usize,
    /// Edges it supports.
    pub supports: usize,
    /// Edges it disputes.
    pub disputes: usize,
    /// The edges it alone supports, in edge order: left unsupported without it.
    pub sole: Vec<usize>,
}

/// What the kept edges rest on. Edge lists hold edge indices, in edge order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Evidence {
    /// Citations, supporting and disputing.
    pub citations: usize,
    /// Citations with no quote.
    pub unquoted: usize,
    /// Edges whose supporting citations all name one source.
    pub single_source: Vec<usize>,
    /// Edges whose every supporting citation is a bare source id (no quote, no locator).
    pub bare: Vec<usize>,
    /// Edges with no date.
    pub undated: Vec<usize>,
    /// Edges of low confidence.
    pub low_confidence: Vec<usize>,
    /// Every source citing a kept edge: most edges left unsupported first, then most
    /// edges supported, then id.
    pub sources: Vec<SourceSupport>,
}

/// The evidence of `dataset`'s edges.
pub(crate) fn evidence(dataset: &Dataset) -> Evidence {
    let mut ev = Evidence::default();
    let mut sources: Vec<SourceSupport> = (0..dataset.sources.len())
        .map(|source| SourceSupport {
            source,
            supports: 0,
            disputes: 0,
            sole: Vec::new(),
        })
        .collect();
    for (i, e) in dataset.edges.iter().enumerate() {
        let cited = distinct(&e.sources);
        for &s in &cited {
            sources[s].supports += 1;
        }
        for s in distinct(&e.disputed_by) {
            sources[s].disputes += 1;
        }
        if let [only] = cited[..] {
            sources[only].sole.push(i);
            ev.single_source.push(i);
        }
        tally_edge(&mut ev, i, e);
    }
    sources.retain(|s| s.supports + s.disputes > 0);
    sources.sort_by(|a, b| {
        (b.sole.len(), b.supports)
            .cmp(&(a.sole.len(), a.supports))
            .then(a.source.cmp(&b.source))
    });
    ev.sources = sources;
    ev
}

/// The sources `citations` name, once each, ascending.
fn distinct(citations: &[Citation]) -> Vec<usize> {
    let mut ids: Vec<usize> = citations.iter().map(|c| c.source).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn tally_edge(ev: &mut Evidence, i: usize, e: &Edge) {
    let all = e.sources.iter().chain(e.disputed_by.iter());
    ev.citations += e.sources.len() + e.disputed_by.len();
    ev.unquoted += all.filter(|c| c.quote.is_none()).count();
    if e.sources
        .iter()
        .all(|c| c.quote.is_none() && c.locator.is_none())
    {
        ev.bare.push(i);
    }
    if e.when.first().is_none() && e.when.last().is_none() {
        ev.undated.push(i);
    }
    if e.confidence == Some(Confidence::Low) {
        ev.low_confidence.push(i);
    }
}
