//! Warnings about how records fit together: undated edges, edges dated outside an
//! organization's lifetime, splinters older than their parent, sources nobody cites and
//! organizations nobody links.

use super::edges::Resolved;
use super::records::{OrgTable, SourceTable};
use super::{Checker, fields};
use crate::diagnostic::Code;
use crate::load::raw::{Chunks, RawDataset, RawEdge};
use crate::model::Date;

impl Checker<'_> {
    pub(super) fn usage(
        &mut self,
        raw: &RawDataset,
        resolved: &Chunks<Option<Resolved>>,
        orgs: &OrgTable<'_>,
        sources: &SourceTable<'_>,
    ) {
        let mut org_used = vec![false; raw.organizations.len()];
        let mut source_used = vec![false; raw.sources.len()];
        for (edge, r) in raw.edges.iter().zip(resolved) {
            self.undated(edge);
            mark_references(edge, orgs, sources, &mut org_used, &mut source_used);
            if let Some(r) = r {
                self.lifespan(edge, r, raw, orgs);
            }
        }
        // A record whose id repeats an earlier one is already a duplicate-id error; only the
        // record that owns the id can be used or unused.
        for (i, (src, used)) in raw.sources.iter().zip(&source_used).enumerate() {
            if let (Some(id), false) = (&src.id, used)
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
        for (i, (org, used)) in raw.organizations.iter().zip(&org_used).enumerate() {
            if let (Some(id), false) = (&org.id, used)
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

    fn lifespan(&mut self, edge: &RawEdge, r: &Resolved, raw: &RawDataset, orgs: &OrgTable<'_>) {
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
            let id = raw.organizations[endpoint]
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

fn mark_references(
    edge: &RawEdge,
    orgs: &OrgTable<'_>,
    sources: &SourceTable<'_>,
    org_used: &mut [bool],
    source_used: &mut [bool],
) {
    for end in [&edge.from, &edge.to].into_iter().flatten() {
        if let Some(&i) = orgs.by_id.get(end.value.as_str()) {
            org_used[i] = true;
        }
    }
    let citations = edge
        .sources
        .iter()
        .flat_map(|s| &s.value)
        .chain(&edge.disputed_by);
    for c in citations {
        if let Some(&i) = c
            .source
            .as_ref()
            .and_then(|s| sources.by_id.get(s.value.as_str()))
        {
            source_used[i] = true;
        }
    }
}
