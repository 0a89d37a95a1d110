//! Warnings about how records fit together: undated edges, edges dated outside an
//! organization's lifetime, splinters older than their parent, sources nobody cites and
//! organizations nobody links.

use super::edges::Resolved;
use super::records::{OrgTable, SourceTable};
use super::{Checker, fields};
use crate::diagnostic::Code;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::load::raw::{Chunks, RawEdge, RawOrganization, RawSource};
use crate::model::Date;

/// Which organizations and sources some edge references, marked from every thread
/// checking edges (the result, an OR, does not depend on their order).
pub struct Used {
    orgs: Vec<AtomicBool>,
    sources: Vec<AtomicBool>,
}

impl Used {
    pub fn new(orgs: usize, sources: usize) -> Used {
        let unset = |n| (0..n).map(|_| AtomicBool::new(false)).collect();
        Used {
            orgs: unset(orgs),
            sources: unset(sources),
        }
    }

    /// Marks the organization with raw index `i`.
    pub fn org(&self, i: usize) {
        self.orgs[i].store(true, Ordering::Relaxed);
    }

    /// Marks the source with raw index `i`.
    pub fn source(&self, i: usize) {
        self.sources[i].store(true, Ordering::Relaxed);
    }
}

impl Checker<'_> {
    /// The warnings about one edge: no date, or dated outside an endpoint's lifetime.
    pub(super) fn edge_usage(
        &mut self,
        edge: &RawEdge,
        resolved: Option<&Resolved>,
        raw_orgs: &Chunks<RawOrganization>,
        orgs: &OrgTable<'_>,
    ) {
        self.undated(edge);
        if let Some(r) = resolved {
            self.lifespan(edge, r, raw_orgs, orgs);
        }
    }

    /// Sources no edge cites and organizations no edge links, once every edge is checked.
    pub(super) fn unused(
        &mut self,
        raw_orgs: &Chunks<RawOrganization>,
        raw_sources: &Chunks<RawSource>,
        used: &Used,
        orgs: &OrgTable<'_>,
        sources: &SourceTable<'_>,
    ) {
        // A record whose id repeats an earlier one is already a duplicate-id error; only the
        // record that owns the id can be used or unused.
        for (i, (src, used)) in raw_sources.iter().zip(&used.sources).enumerate() {
            if let (Some(id), false) = (&src.id, used.load(Ordering::Relaxed))
                && sources.by_id.get(id.value.as_str()) == Some(&i)
            {
                self.at(
                    Code::UnusedSource,
                    id.span,
                    format!("no edge cites source `{}`", id.value),
                )
                .help = Some("cite it from an edge or remove it".into());
            }
        }
        for (i, (org, used)) in raw_orgs.iter().zip(&used.orgs).enumerate() {
            if let (Some(id), false) = (&org.id, used.load(Ordering::Relaxed))
                && orgs.by_id.get(id.value.as_str()) == Some(&i)
            {
                self.at(
                    Code::IsolatedOrganization,
                    id.span,
                    format!("organization `{}` has no edges", id.value),
                )
                .help = Some("add the relationships the sources describe, or remove it".into());
            }
        }
    }

    fn undated(&mut self, edge: &RawEdge) {
        if edge.date.is_none() && edge.start.is_none() && edge.end.is_none() {
            let (from, to) = (text(edge.from.as_ref()), text(edge.to.as_ref()));
            self.at(Code::UndatedEdge, edge.span, format!("edge `{from}` -> `{to}` has no date"))
                .help = Some("add `date:` or `start:`/`end:`; an approximate date such as `2015~` or `201X` is better than none".into());
        }
    }

    fn lifespan(
        &mut self,
        edge: &RawEdge,
        r: &Resolved,
        raw_orgs: &Chunks<RawOrganization>,
        orgs: &OrgTable<'_>,
    ) {
        let (Some(first), Some(last)) = (
            r.when.first().or(r.when.last()),
            r.when.last().or(r.when.first()),
        ) else {
            return;
        };
        let span = first_date_span(edge);
        let is_splinter = edge
            .edge_type
            .as_ref()
            .is_some_and(|t| t.value == "splinter");
        for (endpoint, is_parent) in [(r.from, false), (r.to, is_splinter)] {
            let (founded, dissolved) = &orgs.dates[endpoint];
            if let (Some(f), Some(d)) = (founded, dissolved)
                && d.latest() < f.earliest()
            {
                // Already an end-before-start error; measuring edges against it is noise.
                continue;
            }
            let id = raw_orgs[endpoint]
                .id
                .as_ref()
                .map_or("?", |t| t.value.as_str());
            if let Some(f) = founded
                && first.latest() < f.earliest()
            {
                let (code, message) = if is_parent {
                    (
                        Code::SplinterBeforeParent,
                        format!(
                            "splinter dated {first}, before its parent `{id}` was founded ({f})"
                        ),
                    )
                } else {
                    (
                        Code::DateOutsideLifespan,
                        format!("edge dated {first}, before `{id}` was founded ({f})"),
                    )
                };
                self.at(code, span, message).help = Some(dates_help(first));
            }
            if let Some(d) = dissolved
                && last.earliest() > d.latest()
            {
                self.at(
                    Code::DateOutsideLifespan,
                    span,
                    format!("edge dated {last}, after `{id}` was dissolved ({d})"),
                )
                .help = Some(dates_help(last));
            }
        }
    }
}

fn dates_help(date: &Date) -> String {
    format!(
        "check the edge's date and the organization's `founded`/`dissolved`; if `{}` is a guess, widen it with X digits (for example `{}`)",
        date.text(),
        fields::widened(date.text())
    )
}

fn first_date_span(edge: &RawEdge) -> crate::diagnostic::Span {
    edge.date
        .as_ref()
        .or(edge.start.as_ref())
        .or(edge.end.as_ref())
        .map_or(edge.span, |t| t.span)
}

fn text(t: Option<&crate::load::raw::Text>) -> &str {
    t.as_ref().map_or("?", |t| t.value.as_str())
}
