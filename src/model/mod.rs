//! The validated dataset. Every value here has passed validation: ids are unique and
//! well formed, every edge's endpoints, type and sources exist, dates parsed. The types
//! are `#[non_exhaustive]`, so outside this crate the only way to get one is
//! [`crate::validate::validate`]. Records are sorted by id (edges by endpoints, type and
//! date), which is what makes every export deterministic.

mod adjacency;
pub(crate) mod color_names;
pub mod date;
pub mod edge_type;
pub mod grade;

use std::borrow::Cow;
use std::sync::OnceLock;

pub use compact_str::CompactString;

use crate::diagnostic::FileId;

/// Where a record starts in the dataset: its file (an index into the run's
/// [`Files`](crate::diagnostic::Files)) and 1-based line, for `show --format json`.
/// Eight bytes: no column or length, which only diagnostics need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// Which file.
    pub file: FileId,
    /// 1-based line of the record's first key.
    pub line: u32,
}

use adjacency::Adjacency;

pub use date::{Date, Day, When};
pub use edge_type::{EdgeType, LineStyle};
pub use grade::{Credibility, Reliability};

/// The longest id of an organization, source, edge type or edge, in bytes (ids are
/// ASCII): the validator's limit and the JSON Schema's `maxLength`.
pub const MAX_ID_LEN: usize = 64;

/// How sure the dataset's authors are of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Weakly supported.
    Low,
    /// Reasonably supported.
    Medium,
    /// Well supported.
    High,
}

impl Confidence {
    /// The accepted words, for error messages.
    pub const NAMES: &'static [&'static str] = &["high", "medium", "low"];

    /// Parses `high`, `medium` or `low`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "low" => Some(Confidence::Low),
            "medium" => Some(Confidence::Medium),
            "high" => Some(Confidence::High),
            _ => None,
        }
    }

    /// The word.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// An organization (a node).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Organization {
    /// Unique id, also the node id in every export.
    pub id: CompactString,
    /// Full name.
    pub name: CompactString,
    /// Display abbreviation.
    pub short: Option<CompactString>,
    /// Other names and spellings.
    pub aliases: Vec<CompactString>,
    /// A free word such as `militant-group`.
    pub kind: Option<CompactString>,
    /// Primary region, used for clustering.
    pub region: Option<CompactString>,
    /// Founding date.
    pub founded: Option<Date>,
    /// Dissolution date.
    pub dissolved: Option<Date>,
    /// Wikidata item id (`Q…`).
    pub wikidata: Option<CompactString>,
    /// Free text.
    pub notes: Option<Box<str>>,
    /// Where the record is written.
    pub origin: Origin,
}

impl Organization {
    /// `Name (SHORT)`, or the name alone.
    pub fn display_name(&self) -> Cow<'_, str> {
        match &self.short {
            Some(short) if *short != self.name => Cow::Owned(format!("{} ({short})", self.name)),
            _ => Cow::Borrowed(&self.name),
        }
    }
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Source {
    /// Unique id.
    pub id: CompactString,
    /// Title.
    pub title: CompactString,
    /// Author.
    pub author: Option<CompactString>,
    /// Publisher.
    pub publisher: Option<CompactString>,
    /// Publication date.
    pub published: Option<Date>,
    /// Absolute http(s) URL.
    pub url: Option<CompactString>,
    /// When the URL was read.
    pub accessed: Option<Date>,
    /// Free text.
    pub notes: Option<Box<str>>,
    /// How reliable the source is (Admiralty code), when graded.
    pub reliability: Option<Reliability>,
    /// Where the record is written.
    pub origin: Origin,
}

/// One citation of a source by an edge.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Citation {
    /// Index into [`Dataset::sources`].
    pub source: usize,
    /// Verbatim quote (long text: a bare allocation, 16 bytes, rather than a string that
    /// could inline 24).
    pub quote: Option<Box<str>>,
    /// Page, paragraph or timestamp.
    pub locator: Option<CompactString>,
    /// How credible the cited information is (Admiralty code), when graded.
    pub credibility: Option<Credibility>,
}

/// A relationship between two organizations.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Edge {
    /// Stable id, when the dataset gives one.
    pub id: Option<CompactString>,
    /// Index into [`Dataset::organizations`].
    pub from: usize,
    /// Index into [`Dataset::organizations`].
    pub to: usize,
    /// Index into [`Dataset::edge_types`].
    pub edge_type: usize,
    /// When it holds.
    pub when: When,
    /// How sure the authors are.
    pub confidence: Option<Confidence>,
    /// Supporting citations (at least one).
    pub sources: Box<[Citation]>,
    /// Contesting citations; non-empty means the edge is disputed.
    pub disputed_by: Box<[Citation]>,
    /// Free text.
    pub notes: Option<Box<str>>,
    /// Set by a time filter when the edge's dates only *may* overlap the slice (an
    /// uncertain bound or no dates at all), as opposed to certainly overlapping it.
    /// Always `false` outside a time slice.
    pub possibly_active: bool,
    /// Where the record is written.
    pub origin: Origin,
}

impl Edge {
    /// Whether any source contests the edge.
    pub fn is_disputed(&self) -> bool {
        !self.disputed_by.is_empty()
    }
}

/// The order of [`Dataset::edges`]: endpoints, type, [`When::sort_key`], id; compared
/// without building the date labels the key contains.
fn edge_order(a: &Edge, b: &Edge) -> std::cmp::Ordering {
    let bounds = |w: &When| (w.first().map(Date::earliest), w.last().map(Date::latest));
    (a.from, a.to, a.edge_type)
        .cmp(&(b.from, b.to, b.edge_type))
        .then_with(|| bounds(&a.when).cmp(&bounds(&b.when)))
        .then_with(|| a.when.label_bytes().cmp(b.when.label_bytes()))
        .then_with(|| a.id.cmp(&b.id))
}

/// A whole validated dataset.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Dataset {
    /// Organizations, sorted by id.
    pub organizations: Vec<Organization>,
    /// Sources, sorted by id.
    pub sources: Vec<Source>,
    /// Edge types (built-in and declared), sorted by name.
    pub edge_types: Vec<EdgeType>,
    /// Edges, sorted by endpoints, type, date and id.
    pub edges: Vec<Edge>,
    /// For a filtered dataset, the filters that made it, in words (see
    /// [`crate::filter::Filter::caption`]); the exports write it as a caption. `None`
    /// for a whole dataset.
    pub caption: Option<String>,
    /// Each organization's edges, made on first use (see [`Dataset::incident_edges`]).
    adjacency: OnceLock<Adjacency>,
}

impl Dataset {
    /// Assembles a dataset from validated parts, sorting the edges.
    pub(crate) fn new(
        organizations: Vec<Organization>,
        sources: Vec<Source>,
        edge_types: Vec<EdgeType>,
        mut edges: Vec<Edge>,
    ) -> Dataset {
        // Unstable: no two edges of a valid dataset compare equal (that would be a duplicate
        // edge), and a stable sort would borrow half the edges' size again.
        edges.sort_unstable_by(edge_order);
        Dataset {
            organizations,
            sources,
            edge_types,
            edges,
            caption: None,
            adjacency: OnceLock::new(),
        }
    }

    /// The indices into `edges` of the edges from or to organization `org` (an index
    /// into `organizations`), in edge order. The lists are made on first use, since only
    /// neighbourhood filters walk them: for half a million edges they are 4 MB that an
    /// export would otherwise hold for nothing.
    pub fn incident_edges(&self, org: usize) -> impl Iterator<Item = usize> + '_ {
        self.adjacency
            .get_or_init(|| Adjacency::new(self.organizations.len(), &self.edges))
            .of(org)
    }

    /// The type of an edge.
    pub fn edge_type(&self, edge: &Edge) -> &EdgeType {
        &self.edge_types[edge.edge_type]
    }

    /// The organizations an edge joins.
    pub fn endpoints(&self, edge: &Edge) -> (&Organization, &Organization) {
        (&self.organizations[edge.from], &self.organizations[edge.to])
    }

    /// The reliability of a citation's source, when the source is graded.
    pub fn reliability(&self, citation: &Citation) -> Option<Reliability> {
        self.sources[citation.source].reliability
    }

    /// Whether a citation meets both minimums (a minimum not given is met). An ungraded
    /// citation, or one graded "cannot be judged", meets no minimum.
    pub fn citation_meets(
        &self,
        citation: &Citation,
        min_reliability: Option<Reliability>,
        min_credibility: Option<Credibility>,
    ) -> bool {
        let reliable = min_reliability
            .is_none_or(|min| self.reliability(citation).is_some_and(|r| r.meets(min)));
        let credible =
            min_credibility.is_none_or(|min| citation.credibility.is_some_and(|c| c.meets(min)));
        reliable && credible
    }

    /// The best reliability and, separately, the best credibility among an edge's
    /// supporting citations (the two may come from different citations); `None` where
    /// no supporting citation is graded.
    pub fn best_grades(&self, edge: &Edge) -> (Option<Reliability>, Option<Credibility>) {
        (
            Reliability::best(edge.sources.iter().filter_map(|c| self.reliability(c))),
            Credibility::best(edge.sources.iter().filter_map(|c| c.credibility)),
        )
    }

    /// Whether any source or citation carries a grade: exports that must declare their
    /// attributes declare the grades' only then, so an ungraded dataset exports as before.
    pub fn has_grades(&self) -> bool {
        self.sources.iter().any(|s| s.reliability.is_some())
            || self.edges.iter().any(|e| {
                e.sources
                    .iter()
                    .chain(&e.disputed_by)
                    .any(|c| c.credibility.is_some())
            })
    }

    /// Whether an organization has at least one edge.
    pub fn has_edges(&self, org: usize) -> bool {
        self.incident_edges(org).next().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `edge_order` is `When::sort_key` (then id) without the allocations.
    #[test]
    fn edge_order_agrees_with_the_sort_key() {
        let d = |t: &str| Date::parse(t).ok();
        let whens = [
            When::Undated,
            When::Point(Date::parse("2015").unwrap_or_else(|e| panic!("{}", e.message))),
            When::Point(Date::parse("2015-08").unwrap_or_else(|e| panic!("{}", e.message))),
            When::Point(Date::parse("2015?").unwrap_or_else(|e| panic!("{}", e.message))),
            When::Interval {
                start: d("2015"),
                end: None,
            },
            When::Interval {
                start: d("2015"),
                end: d("2016"),
            },
            When::Interval {
                start: None,
                end: d("2015"),
            },
            When::Interval {
                start: d("201X"),
                end: d("2015"),
            },
        ];
        let edge = |when: &When, id: Option<&str>| Edge {
            id: id.map(CompactString::from),
            from: 0,
            to: 1,
            edge_type: 0,
            when: when.clone(),
            confidence: None,
            sources: Box::default(),
            disputed_by: Box::default(),
            notes: None,
            possibly_active: false,
            origin: Origin::default(),
        };
        for a in &whens {
            for b in &whens {
                for (ia, ib) in [(None, None), (Some("a"), Some("b")), (Some("b"), None)] {
                    let (x, y) = (edge(a, ia), edge(b, ib));
                    let expected = (a.sort_key(), &x.id).cmp(&(b.sort_key(), &y.id));
                    assert_eq!(edge_order(&x, &y), expected, "{a:?} {b:?}");
                }
            }
        }
    }
}
