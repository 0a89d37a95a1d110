//! Evidence quality: which kept edges rest on little (one source, bare source ids, no
//! date, low confidence), how many citations quote nothing, and for each source the
//! edges it supports and those that would be left with no support if it were
//! withdrawn: its single points of failure.
//!
//!
//! Graded evidence (the Admiralty code: source reliability A–F, citation credibility
//! 1–6) is counted in the same pass over the edges, as [`Evidence::grades`]: citations
//! per grade, edges per best supporting grade, and the edges that rest only on weak or
//! ungraded evidence: those no supporting citation graded [`STRONG`] or better
//! supports, which `--min-reliability B --min-credibility 3` would drop.

use crate::model::{Citation, Confidence, Credibility, Dataset, Edge, Reliability};

/// The grade a supporting citation must reach, on both scales, for its edge not to rest
/// on weak evidence: `B3` (usually reliable; possibly true).
pub(crate) const STRONG: (Reliability, Credibility) = (Reliability::B, Credibility::Possible);

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
    /// Graded evidence.
    pub grades: Grades,
    /// Every source citing a kept edge: most edges left unsupported first, then most
    /// edges supported, then id.
    pub sources: Vec<SourceSupport>,
}

/// How many items have each grade of both scales: index `i < 6` is the grade
/// `ALL[i]`, index 6 no grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PerGrade {
    pub reliability: [usize; 7],
    pub credibility: [usize; 7],
}

impl PerGrade {
    fn add(&mut self, r: Option<Reliability>, c: Option<Credibility>) {
        self.reliability[r.map_or(6, |r| r as usize)] += 1;
        self.credibility[c.map_or(6, |c| c as usize)] += 1;
    }
}

/// The Admiralty grades of the kept edges' citations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Grades {
    /// Supporting citations, by their source's reliability and their credibility.
    pub supporting: PerGrade,
    /// Disputing citations, likewise.
    pub disputing: PerGrade,
    /// Edges, by the best reliability and the best credibility among their supporting
    /// citations ([`Dataset::best_grades`]).
    pub edges: PerGrade,
    /// Citations (supporting or disputing) graded on either scale.
    pub graded_citations: usize,
    /// Edges with a graded supporting citation but none graded [`STRONG`] or better.
    pub weak: Vec<usize>,
    /// Edges none of whose supporting citations has a grade. With `weak`, the edges that
    /// rest only on weak or ungraded evidence.
    pub ungraded: Vec<usize>,
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
        tally_grades(&mut ev.grades, dataset, i, e);
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

fn tally_grades(g: &mut Grades, dataset: &Dataset, i: usize, edge: &Edge) {
    let grade = |c: &Citation| (dataset.reliability(c), c.credibility);
    for (per, list) in [
        (&mut g.supporting, &edge.sources),
        (&mut g.disputing, &edge.disputed_by),
    ] {
        for (reliability, credibility) in list.iter().map(grade) {
            per.add(reliability, credibility);
            g.graded_citations += usize::from(reliability.is_some() || credibility.is_some());
        }
    }
    let best = dataset.best_grades(edge);
    g.edges.add(best.0, best.1);
    let (min_r, min_c) = (Some(STRONG.0), Some(STRONG.1));
    if best == (None, None) {
        g.ungraded.push(i);
    } else if !edge
        .sources
        .iter()
        .any(|c| dataset.citation_meets(c, min_r, min_c))
    {
        g.weak.push(i);
    }
}
