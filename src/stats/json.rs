//! `stats --format json`: one document, `"format": "actorgraph-stats/1"`, with every
//! organization (not only the top ones) and every edge list in full, for scripts. Its
//! JSON Schema is `schema/actorgraph-stats-1.schema.json`; docs/questions.md describes
//! each field. Edges are named by their export id ([`edge_id`]), organizations and
//! sources by their dataset id; maps keyed by edge type list the types in the dataset's
//! order (by name). The long lists (organizations, edge ids) are serialised as they are
//! made, never held as a tree: for 50,000 organizations a tree of values took more
//! memory than the dataset.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Stats;
use super::degree::Count;
use super::evidence::STRONG;
use crate::export::text::edge_id;
use crate::model::{Credibility, Reliability};

/// The version of the document's layout.
pub(crate) const FORMAT: &str = "actorgraph-stats/1";

/// Writes `stats` as JSON.
pub(crate) fn write(stats: &Stats<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document(stats))?;
    writeln!(out)
}

struct Document<'a>(&'a Stats<'a>);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let stats = self.0;
        let mut map = s.serialize_map(Some(7))?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("filters", &stats.dataset.caption)?;
        map.serialize_entry("size", &Size(stats))?;
        map.serialize_entry("components", &Components(stats))?;
        map.serialize_entry("organizations", &Organizations(stats))?;
        map.serialize_entry("evidence", &Evidence(stats))?;
        map.serialize_entry("decades", &Decades(stats))?;
        map.end()
    }
}

/// `{type: value}` over the types `value` gives one for, in type order.
struct ByType<'a, F>(&'a Stats<'a>, F);

impl<V: Serialize, F: Fn(usize) -> Option<V>> Serialize for ByType<'_, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let types = &self.0.dataset.edge_types;
        s.collect_map(
            (0..types.len()).filter_map(|t| (self.1)(t).map(|v| (types[t].name.as_str(), v))),
        )
    }
}

/// A count per type, the non-zero ones.
fn counts<'a>(
    stats: &'a Stats<'a>,
    of: &'a [usize],
) -> ByType<'a, impl Fn(usize) -> Option<usize>> {
    ByType(stats, move |t| (of[t] > 0).then_some(of[t]))
}

/// Edges by export id, serialised one at a time.
struct EdgeIds<'a>(&'a Stats<'a>, &'a [usize]);

impl Serialize for EdgeIds<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let dataset = self.0.dataset;
        s.collect_seq(self.1.iter().map(|&e| edge_id(dataset, &dataset.edges[e])))
    }
}

/// Organizations by id.
struct OrgIds<'a>(&'a Stats<'a>, &'a [usize]);

impl Serialize for OrgIds<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let orgs = &self.0.dataset.organizations;
        s.collect_seq(self.1.iter().map(|&o| orgs[o].id.as_str()))
    }
}

struct Size<'a>(&'a Stats<'a>);

impl Serialize for Size<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let size = &self.0.size;
        let mut map = s.serialize_map(Some(8))?;
        map.serialize_entry("organizations", &size.organizations)?;
        map.serialize_entry("sources", &Sources(size.sources_cited, size.sources))?;
        map.serialize_entry("edges", &size.edges)?;
        map.serialize_entry("edges_by_type", &counts(self.0, &size.by_type))?;
        map.serialize_entry("linked_pairs", &size.linked_pairs)?;
        map.serialize_entry("disputed", &size.disputed)?;
        map.serialize_entry("undated", &size.undated)?;
        map.serialize_entry("possibly_active", &size.possibly_active)?;
        map.end()
    }
}

/// `{"cited": …, "total": …}`.
struct Sources(usize, usize);

impl Serialize for Sources {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map([("cited", self.0), ("total", self.1)])
    }
}

struct Components<'a>(&'a Stats<'a>);

impl Serialize for Components<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = &self.0.components;
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("count", &c.sizes.len())?;
        map.serialize_entry("sizes", &c.sizes)?;
        map.serialize_entry("isolated", &OrgIds(self.0, &self.0.isolated))?;
        map.end()
    }
}

/// `{"total", "out", "in", "undirected"}`.
struct Degree(Count);

impl Serialize for Degree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        s.collect_map([
            ("total", c.total()),
            ("out", c.out),
            ("in", c.incoming),
            ("undirected", c.undirected),
        ])
    }
}

/// Every organization, in id order.
struct Organizations<'a>(&'a Stats<'a>);

impl Serialize for Organizations<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.0.dataset.organizations.len();
        s.collect_seq((0..n).map(|o| Organization(self.0, o)))
    }
}

struct Organization<'a>(&'a Stats<'a>, usize);

impl Serialize for Organization<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (stats, o) = (self.0, self.1);
        let org = &stats.dataset.organizations[o];
        let d = &stats.degrees;
        let by_type = ByType(stats, |t| {
            let c = d.of_type(o, t);
            (c.total() > 0).then_some(Degree(c))
        });
        let mut map = s.serialize_map(Some(6))?;
        map.serialize_entry("id", org.id.as_str())?;
        map.serialize_entry("name", org.name.as_str())?;
        map.serialize_entry("component", &stats.components.of[o])?;
        map.serialize_entry("degree", &Degree(d.of(o)))?;
        map.serialize_entry("degree_by_type", &by_type)?;
        map.serialize_entry("betweenness", &stats.betweenness[o])?;
        map.end()
    }
}

struct Evidence<'a>(&'a Stats<'a>);

impl Serialize for Evidence<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let stats = self.0;
        let e = &stats.evidence;
        let mut map = s.serialize_map(Some(8))?;
        map.serialize_entry("citations", &e.citations)?;
        map.serialize_entry("unquoted_citations", &e.unquoted)?;
        map.serialize_entry("single_source_edges", &EdgeIds(stats, &e.single_source))?;
        map.serialize_entry("bare_citation_edges", &EdgeIds(stats, &e.bare))?;
        map.serialize_entry("undated_edges", &EdgeIds(stats, &e.undated))?;
        map.serialize_entry("low_confidence_edges", &EdgeIds(stats, &e.low_confidence))?;
        let sources = e.sources.iter().map(|support| Source(stats, support));
        map.serialize_entry("sources", &Seq(std::cell::Cell::new(Some(sources))))?;
        map.serialize_entry("grades", &Grades(stats))?;
        map.end()
    }
}

/// `evidence.grades`: always present, all zeros and empty lists when nothing is graded.
struct Grades<'a>(&'a Stats<'a>);

impl Serialize for Grades<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let stats = self.0;
        let g = &stats.evidence.grades;
        let (r, c) = STRONG;
        let mut map = s.serialize_map(Some(7))?;
        map.serialize_entry("graded_citations", &g.graded_citations)?;
        map.serialize_entry("supporting_citations", &PerGrade(g.supporting))?;
        map.serialize_entry("disputing_citations", &PerGrade(g.disputing))?;
        map.serialize_entry("edges_by_best_grade", &PerGrade(g.edges))?;
        map.serialize_entry("weak_threshold", &format!("{}{}", r.letter(), c.digit()))?;
        map.serialize_entry("weak_edges", &EdgeIds(stats, &g.weak))?;
        map.serialize_entry("ungraded_edges", &EdgeIds(stats, &g.ungraded))?;
        map.end()
    }
}

/// `{"reliability": {"A": n, …, "F": n, "none": n}, "credibility": {"1": n, …, "none": n}}`.
struct PerGrade(super::evidence::PerGrade);

impl Serialize for PerGrade {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names = |grades: [&'static str; 6], counts: [usize; 7]| {
            grades
                .into_iter()
                .chain(["none"])
                .zip(counts)
                .collect::<Vec<_>>()
        };
        let mut map = s.serialize_map(Some(2))?;
        let letters = Reliability::ALL.map(Reliability::letter);
        let digits = Credibility::ALL.map(Credibility::digit);
        map.serialize_entry("reliability", &Map(names(letters, self.0.reliability)))?;
        map.serialize_entry("credibility", &Map(names(digits, self.0.credibility)))?;
        map.end()
    }
}

/// Pairs serialised as a map, in their order.
struct Map(Vec<(&'static str, usize)>);

impl Serialize for Map {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().copied())
    }
}

/// An iterator serialised as a sequence (once).
struct Seq<I>(std::cell::Cell<Option<I>>);

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Seq<I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.take().into_iter().flatten())
    }
}

struct Source<'a>(&'a Stats<'a>, &'a super::evidence::SourceSupport);

impl Serialize for Source<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let source = &self.0.dataset.sources[self.1.source];
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("id", source.id.as_str())?;
        map.serialize_entry("title", source.title.as_str())?;
        map.serialize_entry("supports", &self.1.supports)?;
        map.serialize_entry("disputes", &self.1.disputes)?;
        map.serialize_entry("sole_support_of", &EdgeIds(self.0, &self.1.sole))?;
        map.end()
    }
}

struct Decades<'a>(&'a Stats<'a>);

impl Serialize for Decades<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let stats = self.0;
        let rows = stats.decades.rows.iter().map(|r| Decade(stats, r));
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("by_start", &Seq(std::cell::Cell::new(Some(rows))))?;
        map.serialize_entry("no_start", &stats.decades.no_start)?;
        map.end()
    }
}

struct Decade<'a>(&'a Stats<'a>, &'a super::decades::Decade);

impl Serialize for Decade<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("decade", &self.1.decade)?;
        map.serialize_entry("edges", &self.1.total())?;
        map.serialize_entry("by_type", &counts(self.0, &self.1.by_type))?;
        map.end()
    }
}
