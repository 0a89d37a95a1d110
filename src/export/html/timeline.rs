//! The HTML view's time control, precomputed by the filter stage itself: for every year
//! at which some date of the dataset begins or ends (plus the year before the first),
//! `Filter { as_of: YEAR }` says which organizations and edges the slice keeps and which
//! edges are only *possibly active*. Between two such years nothing can change, so the
//! page shows any year with the slice of the last boundary at or before it, and never
//! evaluates a date itself.

use std::collections::BTreeSet;

use crate::filter::Filter;
use crate::model::{Dataset, Date, When};

/// The precomputed slices, as changes over the boundary years.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The years the slider covers: the earliest and latest year any date can mean.
    pub span: Option<(u16, u16)>,
    /// The boundary years, ascending; slice `i` holds from `years[i]` to the next.
    pub years: Vec<u16>,
    /// Per organization: the slice indices at which it appears or disappears (it is
    /// absent before the first).
    pub organizations: Vec<Vec<u32>>,
    /// Per edge: `(slice index, state)` where the state changes, from 0 (absent) before
    /// the first: 1 certainly active, 2 possibly active.
    pub edges: Vec<Vec<(u32, u8)>>,
}

/// Every date in the dataset.
fn dates(dataset: &Dataset) -> impl Iterator<Item = &Date> {
    let orgs = dataset
        .organizations
        .iter()
        .flat_map(|o| o.founded.iter().chain(&o.dissolved));
    let edges = dataset.edges.iter().flat_map(|e| {
        let (a, b) = match &e.when {
            When::Undated => (None, None),
            When::Point(d) => (Some(d), None),
            When::Interval { start, end } => (start.as_ref(), end.as_ref()),
        };
        a.into_iter().chain(b)
    });
    orgs.chain(edges)
}

/// The years at which a slice can differ from the year before: each date's first and
/// last year and the years after them (see `filter::may_hold` and `surely_holds`: every
/// comparison of a year's window with a date turns at one of these).
fn boundaries(dataset: &Dataset) -> (Option<(u16, u16)>, Vec<u16>) {
    let mut years = BTreeSet::new();
    let mut span: Option<(u16, u16)> = None;
    for d in dates(dataset) {
        let (lo, hi) = (d.earliest().year, d.latest().year);
        span = Some(span.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
        for y in [lo, lo + 1, hi, hi + 1] {
            if y <= 9999 {
                years.insert(y);
            }
        }
    }
    if let Some(&first) = years.first()
        && first > 0
    {
        years.insert(first - 1);
    }
    (span, years.into_iter().collect())
}

/// Runs the filter for every boundary year of `dataset`.
pub fn timeline(dataset: &Dataset) -> Timeline {
    let (span, years) = boundaries(dataset);
    let mut organizations = vec![Vec::new(); dataset.organizations.len()];
    let mut edges = vec![Vec::new(); dataset.edges.len()];
    let mut org_was = vec![false; dataset.organizations.len()];
    let mut edge_was = vec![0u8; dataset.edges.len()];
    for (i, &year) in years.iter().enumerate() {
        let Ok(date) = Date::parse(&format!("{year:04}")) else {
            continue;
        };
        let filter = Filter {
            as_of: Some(date),
            ..Filter::default()
        };
        let Ok(selection) = filter.select(dataset) else {
            continue;
        };
        let i = i as u32;
        for ((kept, was), changes) in selection
            .organizations
            .iter()
            .zip(&mut org_was)
            .zip(&mut organizations)
        {
            if *kept != *was {
                changes.push(i);
                *was = *kept;
            }
        }
        for ((kept, was), changes) in selection.edges.iter().zip(&mut edge_was).zip(&mut edges) {
            let state = match kept {
                None => 0,
                Some(false) => 1,
                Some(true) => 2,
            };
            if state != *was {
                changes.push((i, state));
                *was = state;
            }
        }
    }
    Timeline {
        span,
        years,
        organizations,
        edges,
    }
}
